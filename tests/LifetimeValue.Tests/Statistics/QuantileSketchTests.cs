using LifetimeValue.Statistics;

namespace LifetimeValue.Tests.Statistics;

public sealed partial class QuantileSketchTests
{
    private static readonly double[] Probabilities =
        [0.0, 0.0001, 0.001, 0.01, 0.05, 0.1, 0.25, 0.3333, 0.5, 0.6667, 0.75, 0.9, 0.95, 0.99, 0.999, 0.9999, 1.0];

    // Floating-point slack on top of α: Math.Log/Math.Exp rounding, about 1e-12 relative.
    private const double Slack = 1e-9;

    public static IEnumerable<TestCaseData> Samples()
    {
        foreach (double alpha in new[] { 0.01, 0.005, 0.001 })
        {
            yield return new TestCaseData("LogNormal(7, 2)", TestSamples.LogNormal(200_000, 7, 2, 61), alpha);
            yield return new TestCaseData("Normal(0, 1000)", TestSamples.Normal(200_000, 0, 1000, 62), alpha);
            yield return new TestCaseData("Normal(50, 10)", TestSamples.Normal(50_000, 50, 10, 63), alpha);
            yield return new TestCaseData("Mixed", TestSamples.Mixed(200_000, 64), alpha);
        }
    }

    [TestCaseSource(nameof(Samples))]
    public void Quantile_Sample_WithinRelativeAccuracyOfExactSortedQuantile(string name, double[] values, double alpha)
    {
        var sketch = new QuantileSketch(alpha);
        sketch.AddRange(values);
        var sorted = (double[])values.Clone();
        Array.Sort(sorted);

        foreach (double p in Probabilities)
        {
            double exact = sorted[(int)Math.Floor(p * (sorted.Length - 1))];
            double bound = Math.Abs(exact) >= sketch.MinIndexableValue ? alpha * Math.Abs(exact) * (1 + Slack) : sketch.MinIndexableValue;

            sketch.Quantile(p).Should().BeApproximately(exact, bound,
                $"{name}, p = {p}: exact sorted value of rank ⌊p(n−1)⌋; bound α|q| (or m below the minimum indexable value)");
        }
    }

    [Test]
    public void Quantiles_StandardPercentiles_MatchSingleQuantileCalls()
    {
        var sketch = new QuantileSketch();
        sketch.AddRange(TestSamples.LogNormal(10_000, 7, 2, 65));
        double[] ps = [0.01, 0.05, 0.25, 0.5, 0.75, 0.95, 0.99];

        var quantiles = sketch.Quantiles(ps);

        quantiles.Should().Equal(ps.Select(sketch.Quantile), "same estimator");
        quantiles.Should().BeInAscendingOrder("quantiles are monotone in p");
    }

    [Test]
    public void Quantile_ZeroAndOne_ReturnExactMinAndMax()
    {
        var values = TestSamples.Mixed(10_000, 66);
        var sketch = new QuantileSketch();
        sketch.AddRange(values);

        sketch.Quantile(0).Should().Be(values.Min(), "p = 0 is the exact minimum");
        sketch.Quantile(1).Should().Be(values.Max(), "p = 1 is the exact maximum");
        sketch.Min.Should().Be(values.Min());
        sketch.Max.Should().Be(values.Max());
        sketch.Count.Should().Be(values.Length);
    }

    [Test]
    public void Add_BelowMinIndexableValue_CountsAsZero()
    {
        var sketch = new QuantileSketch(minIndexableValue: 1e-6);

        sketch.AddRange([1e-7, -1e-7, 0.0, -0.0, 1e-6, 5.0]);

        sketch.ZeroCount.Should().Be(4, "|x| < m counts as zero; m itself is indexed");
        sketch.Quantile(0.5).Should().Be(0.0, "rank ⌊0.5·5⌋ = 2 is a zero-bucket value");
        sketch.Quantile(0.8).Should().BeApproximately(1e-6, 0.005e-6 * (1 + Slack), "rank 4 = 1e-6, relative accuracy α");
    }

    [Test]
    public void Add_SingleValue_AllQuantilesEqualIt()
    {
        var sketch = new QuantileSketch();
        sketch.Add(1234.5);

        sketch.Quantiles(0, 0.3, 1).Should().Equal([1234.5, 1234.5, 1234.5], "min = max clamps every estimate");
        sketch.ValueAtRisk(0.95).Should().Be(1234.5);
        sketch.ExpectedShortfall(0.95).Should().Be(1234.5);
    }

    [Test]
    public void Add_NegativeOnly_QuantilesWithinRelativeAccuracy()
    {
        var values = TestSamples.LogNormal(20_000, 5, 1, 67).Select(x => -x).ToArray();
        var sketch = new QuantileSketch();
        sketch.AddRange(values);
        var sorted = values.Order().ToArray();

        foreach (double p in Probabilities)
        {
            double exact = sorted[(int)Math.Floor(p * (sorted.Length - 1))];
            sketch.Quantile(p).Should().BeApproximately(exact, 0.005 * Math.Abs(exact) * (1 + Slack),
                $"p = {p}: exact sorted value; negative store walked by decreasing magnitude");
        }
    }

    [Test]
    public void Add_ClvRange_StaysSmall()
    {
        var sketch = new QuantileSketch();
        sketch.AddRange([1e-2, 1e7]);

        var bytes = TestSamples.ToBytes(sketch.WriteTo);

        // ln(1e9)/ln γ ≈ 2072 buckets of 8 bytes plus a 76-byte header.
        bytes.Length.Should().BeLessThan(17_000, "documented: CLVs from 1e-2 to 1e7 take about 2,100 buckets at α = 0.005");
    }
}
