using LifetimeValue.Statistics;
using MathNet.Numerics.Statistics;

namespace LifetimeValue.Tests.Statistics;

public sealed class FixedPointSeriesTests
{
    private const int Periods = 24;
    private const int Paths = 2_000;
    private const double HalfStep = 1.0 / 2097152.0; // quantisation bound 2^-21

    [Test]
    public void ToMeans_RandomPaths_MatchMathNetMeanWithinQuantisationBound()
    {
        var paths = Paths2D(Paths, 31);
        var series = new FixedPointSeries(Periods);
        foreach (var path in paths)
        {
            series.AddRange(path);
        }

        var means = series.ToMeans(Paths);

        for (int t = 0; t < Periods; t++)
        {
            double expected = paths.Select(p => p[t]).Mean();
            means[t].Should().BeApproximately(expected, HalfStep + (1e-12 * Math.Abs(expected)),
                $"MathNet Statistics.Mean of period {t}; quantisation bound 2^-21 plus rounding");
        }
    }

    [TestCase(2, 41)]
    [TestCase(5, 42)]
    [TestCase(17, 43)]
    public void Merge_RandomSplitAnyOrder_BitIdenticalToUnsplit(int parts, int seed)
    {
        var paths = Paths2D(Paths, seed);
        var whole = new FixedPointSeries(Periods);
        foreach (var path in paths)
        {
            whole.AddRange(path);
        }

        var partition = TestSamples.RandomPartition(Paths, parts, seed);
        var partials = Enumerable.Range(0, parts).Select(_ => new FixedPointSeries(Periods)).ToArray();
        for (int i = 0; i < Paths; i++)
        {
            // Mix the entry points: some paths period by period, some as a range.
            if (i % 2 == 0)
            {
                partials[partition[i]].AddRange(paths[i]);
            }
            else
            {
                for (int t = 0; t < Periods; t++)
                {
                    partials[partition[i]].Add(t, paths[i][t]);
                }
            }
        }

        var merged = new FixedPointSeries(Periods);
        foreach (int p in TestSamples.Permutation(parts, seed))
        {
            merged.Merge(partials[p]);
        }

        for (int t = 0; t < Periods; t++)
        {
            merged.GetSum(t).Should().Be(whole.GetSum(t), "exact Int128 sums are split-independent");
        }

        merged.ToMeans(Paths).Should().Equal(whole.ToMeans(Paths), "same integers give bit-identical means");
    }

    [Test]
    public void AddRange_WithOffset_AddsToLaterPeriods()
    {
        var series = new FixedPointSeries(5);

        series.AddRange(2, [1.0, 2.0, 3.0]);

        series.ToTotals().Should().Equal([0.0, 0.0, 1.0, 2.0, 3.0], "hand calc: values land at periods 2, 3, 4");
    }

    [Test]
    public void Add_InvalidPeriod_ThrowsNamingPeriod()
    {
        var series = new FixedPointSeries(3);

        var act = () => series.Add(3, 1.0);

        act.Should().Throw<ArgumentOutOfRangeException>().WithParameterName("period").WithMessage("period must be in [0, 2] (was 3)*");
    }

    [Test]
    public void Add_NaN_ThrowsNamingValue()
    {
        var act = () => new FixedPointSeries(3).Add(0, double.NaN);

        act.Should().Throw<ArgumentOutOfRangeException>().WithParameterName("value");
    }

    [Test]
    public void AddRange_NonFiniteValue_ThrowsNamingIndexAndAddsNothing()
    {
        var series = new FixedPointSeries(4);

        var act = () => series.AddRange([1.0, 2.0, 3.0, double.PositiveInfinity]);

        act.Should().Throw<ArgumentOutOfRangeException>().WithParameterName("values[3]");
        series.ToTotals().Should().OnlyContain(x => x == 0.0, "values are validated before any is added");
    }

    [Test]
    public void AddRange_PastLastPeriod_ThrowsNamingFirstPeriod()
    {
        var act = () => new FixedPointSeries(4).AddRange(2, [1.0, 2.0, 3.0]);

        act.Should().Throw<ArgumentOutOfRangeException>().WithParameterName("firstPeriod");
    }

    [Test]
    public void Constructor_NegativePeriods_Throws()
    {
        var act = () => new FixedPointSeries(-1);

        act.Should().Throw<ArgumentOutOfRangeException>().WithParameterName("periods");
    }

    [Test]
    public void Merge_DifferentLength_ThrowsArgumentException()
    {
        var act = () => new FixedPointSeries(3).Merge(new FixedPointSeries(4));

        act.Should().Throw<ArgumentException>().WithParameterName("other").WithMessage("other has 4 periods; this series has 3*");
    }

    [Test]
    public void ToMeans_ZeroCount_Throws()
    {
        var act = () => new FixedPointSeries(3).ToMeans(0);

        act.Should().Throw<ArgumentOutOfRangeException>().WithParameterName("count");
    }

    [Test]
    public void WriteTo_ReadFrom_RoundTripsBitIdentical()
    {
        var series = new FixedPointSeries(Periods);
        foreach (var path in Paths2D(100, 51))
        {
            series.AddRange(path);
        }

        var bytes = TestSamples.ToBytes(series.WriteTo);
        var copy = TestSamples.FromBytes(bytes, FixedPointSeries.ReadFrom);

        copy.Periods.Should().Be(Periods);
        for (int t = 0; t < Periods; t++)
        {
            copy.GetSum(t).Should().Be(series.GetSum(t));
        }

        TestSamples.ToBytes(copy.WriteTo).Should().Equal(bytes, "re-serialising gives the same bytes");
    }

    [Test]
    public void ReadFrom_WrongMagic_ThrowsInvalidData()
    {
        var bytes = TestSamples.ToBytes(new FixedPointSeries(2).WriteTo);
        bytes[0] ^= 0x01;

        var act = () => TestSamples.FromBytes(bytes, FixedPointSeries.ReadFrom);

        act.Should().Throw<InvalidDataException>().WithMessage("Not a FixedPointSeries record*");
    }

    [Test]
    public void ReadFrom_DeclaredLengthBeyondStream_ThrowsBeforeAllocating()
    {
        var bytes = TestSamples.ToBytes(new FixedPointSeries(2).WriteTo);
        BitConverter.GetBytes(FixedPointSeries.MaxPeriods).CopyTo(bytes, 8); // 2^30 periods = 16 GiB declared

        var act = () => TestSamples.FromBytes(bytes, FixedPointSeries.ReadFrom);

        act.Should().Throw<EndOfStreamException>().WithMessage("*declares*");
    }

    [Test]
    public void Clone_ThenAdd_LeavesOriginalUnchanged()
    {
        var series = new FixedPointSeries(2);
        series.Add(0, 1.0);

        var copy = series.Clone();
        copy.Add(0, 1.0);

        series.ToTotals().Should().Equal([1.0, 0.0]);
        copy.ToTotals().Should().Equal([2.0, 0.0]);
    }

    [Test]
    public void Merge_Itself_DoublesSums()
    {
        var series = new FixedPointSeries(2);
        series.AddRange([1.5, -2.0]);

        series.Merge(series);

        series.ToTotals().Should().Equal([3.0, -4.0], "hand calc: every sum doubles");
    }

    [Test]
    public void Clear_AfterAdds_AllSumsZero()
    {
        var series = new FixedPointSeries(3);
        series.AddRange([1.0, -2.0, 3.0]);

        series.Clear();

        series.ToTotals().Should().Equal([0.0, 0.0, 0.0]);
    }

    /// <summary>Cash-flow paths: a LogNormal margin each period, negative (acquisition cost) in period 0.</summary>
    private static double[][] Paths2D(int paths, int seed)
    {
        var flat = TestSamples.LogNormal(paths * Periods, 3, 1, seed);
        var result = new double[paths][];
        for (int i = 0; i < paths; i++)
        {
            result[i] = flat.AsSpan(i * Periods, Periods).ToArray();
            result[i][0] = -result[i][0] * 10;
        }

        return result;
    }
}
