using LifetimeValue.Statistics;
using MathNet.Numerics.Statistics;

namespace LifetimeValue.Tests.Statistics;

public sealed partial class FixedPointMomentsTests
{
    // Quantisation bound: each value moves by at most half a grid step, 2^-21.
    private const double HalfStep = 1.0 / 2097152.0;

    [TestCase(7.0, 2.0, 100_000, 1)]
    [TestCase(3.0, 0.5, 10_000, 2)]
    public void ToSummary_LogNormalSample_MatchesMathNetWithinQuantisationBound(double mu, double sigma, int n, int seed)
    {
        var values = TestSamples.LogNormal(n, mu, sigma, seed);
        var moments = new FixedPointMoments();
        moments.AddRange(values);

        var summary = moments.ToSummary();

        double mean = values.Mean(), sd = values.StandardDeviation();
        summary.Count.Should().Be(n);
        summary.Mean.Should().BeApproximately(mean, HalfStep + (1e-12 * mean), "MathNet Statistics.Mean; quantisation bound 2^-21 plus rounding");
        summary.StandardDeviation.Should().BeApproximately(sd, (HalfStep * Math.Sqrt(n / (n - 1.0))) + (1e-12 * sd),
            "MathNet Statistics.StandardDeviation; bound 2^-21·√(n/(n−1)) plus rounding");
        summary.Variance.Should().BeApproximately(values.Variance(), 1e-9 * values.Variance(), "MathNet Statistics.Variance, relative 1e-9");
        summary.StandardError.Should().Be(summary.StandardDeviation / Math.Sqrt(n), "definition s/√n");
        summary.Min.Should().Be(values.Minimum(), "min is exact");
        summary.Max.Should().Be(values.Maximum(), "max is exact");
    }

    [Test]
    public void ToSummary_LargeMeanTinySpread_StandardDeviationWithinQuantisationBound()
    {
        // Naive E[x²] − E[x]² in double loses every digit here; the exact integer numerator does not.
        var values = TestSamples.Normal(50_000, 1e7, 0.01, 3);
        var moments = new FixedPointMoments();
        moments.AddRange(values);

        var summary = moments.ToSummary();

        double sd = values.StandardDeviation();
        summary.StandardDeviation.Should().BeApproximately(sd, (HalfStep * Math.Sqrt(50_000 / 49_999.0)) + (1e-9 * sd),
            "MathNet Statistics.StandardDeviation; bound 2^-21·√(n/(n−1)) plus MathNet's own rounding");
        summary.Mean.Should().BeApproximately(values.Mean(), HalfStep + (1e-15 * 1e7), "MathNet Statistics.Mean; bound 2^-21 plus rounding");
    }

    [Test]
    public void Add_ValuesOnGrid_SumsAreExactIntegers()
    {
        var moments = new FixedPointMoments();
        moments.Add(1.5);
        moments.Add(-2.25);
        moments.Add(3 * FixedPointMoments.Resolution);

        moments.Sum.Should().Be((Int128)((1.5 - 2.25) * 1048576) + 3, "hand calc: (1.5 − 2.25)·2^20 + 3");
        moments.SumOfSquares.Should().Be((Int128)(2.25 * 1048576 * 1048576) + (Int128)(5.0625 * 1048576 * 1048576) + 9,
            "hand calc: (1.5² + 2.25²)·2^40 + 3²");
        moments.ToSummary().Mean.Should().Be(((1.5 - 2.25) + (3 * FixedPointMoments.Resolution)) / 3, "hand calc, exact in double");
    }

    [TestCase(0.5, 0, TestName = "Add_HalfStep_RoundsToEvenZero")]
    [TestCase(1.5, 2, TestName = "Add_OneAndHalfSteps_RoundsToEvenTwo")]
    [TestCase(-2.5, -2, TestName = "Add_MinusTwoAndHalfSteps_RoundsToEvenMinusTwo")]
    [TestCase(0.49, 0, TestName = "Add_BelowHalfStep_RoundsToZero")]
    public void Add_OffGridValue_RoundsHalfToEven(double steps, long expected)
    {
        var moments = new FixedPointMoments();
        moments.Add(steps * FixedPointMoments.Resolution);

        moments.Sum.Should().Be(expected, "round half to even on the 2^-20 grid");
    }

    [Test]
    public void ToSummary_Empty_AllStatisticsNaN()
    {
        var summary = new FixedPointMoments().ToSummary();

        summary.Should().Be(new MomentSummary(0, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN),
            "MathNet convention: statistics of an empty sample are NaN");
    }

    [Test]
    public void ToSummary_SingleValue_MeanExactStandardDeviationNaN()
    {
        var moments = new FixedPointMoments();
        moments.Add(42.25);

        var summary = moments.ToSummary();

        summary.Mean.Should().Be(42.25, "a grid value is exact");
        summary.StandardDeviation.Should().Be(double.NaN, "MathNet convention: the sample variance needs n ≥ 2");
        summary.Min.Should().Be(42.25);
        summary.Max.Should().Be(42.25);
    }

    [Test]
    public void ToSummary_ConstantSample_ZeroVariance()
    {
        var moments = new FixedPointMoments();
        for (int i = 0; i < 1000; i++)
        {
            moments.Add(123456.789);
        }

        moments.ToSummary().Variance.Should().Be(0.0, "the exact numerator n·S2 − S1² is 0 for equal values");
    }

    [Test]
    public void Clear_AfterAdds_EqualsFreshAccumulator()
    {
        var moments = new FixedPointMoments();
        moments.AddRange([1.0, 2.0, -3.0]);

        moments.Clear();

        moments.ToSummary().Should().Be(new FixedPointMoments().ToSummary());
        moments.Min.Should().Be(double.PositiveInfinity);
    }

    [Test]
    public void Clone_ThenAdd_LeavesOriginalUnchanged()
    {
        var moments = new FixedPointMoments();
        moments.AddRange([1.0, 2.0]);

        var copy = moments.Clone();
        copy.Add(100.0);

        moments.Count.Should().Be(2);
        copy.Count.Should().Be(3);
        copy.Sum.Should().Be(moments.Sum + (Int128)(100.0 * 1048576));
    }
}
