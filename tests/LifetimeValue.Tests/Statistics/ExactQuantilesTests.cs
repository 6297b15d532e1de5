using LifetimeValue.Statistics;
using MathNet.Numerics.Statistics;

namespace LifetimeValue.Tests.Statistics;

public sealed class ExactQuantilesTests
{
    [Test]
    public void Quantile_HundredAndOneValues_MatchesMathNetR7AtIntegerRanks()
    {
        // With n − 1 = 100 and p a multiple of 1/4, p(n − 1) is an integer, where R-7 needs no interpolation
        // and equals the lower-rank convention.
        var values = TestSamples.LogNormal(101, 7, 2, 91);
        var exact = new ExactQuantiles();
        exact.AddRange(values);

        foreach (double p in new[] { 0.0, 0.25, 0.5, 0.75, 1.0 })
        {
            exact.Quantile(p).Should().Be(values.QuantileCustom(p, QuantileDefinition.R7), $"MathNet QuantileCustom R-7, p = {p}, exact");
        }
    }

    [Test]
    public void Quantile_Sample_EqualsSortedValueAtLowerRank()
    {
        var values = TestSamples.Mixed(9_999, 92);
        var exact = new ExactQuantiles();
        exact.AddRange(values);
        var sorted = values.Select(v => v == 0 ? 0.0 : v).Order().ToArray();

        foreach (double p in new[] { 0.001, 0.01, 0.05, 0.3, 0.5, 0.7, 0.95, 0.99 })
        {
            exact.Quantile(p).Should().Be(sorted[(int)Math.Floor(p * (sorted.Length - 1))], $"sorted array, rank ⌊p(n−1)⌋, p = {p}");
        }
    }

    [Test]
    public void ValueAtRiskAndExpectedShortfall_OneToHundred_HandCalc()
    {
        var exact = new ExactQuantiles();
        for (int i = 100; i >= 1; i--)
        {
            exact.Add(i);
        }

        // c = 0.95: rank ⌊0.05·99⌋ = 4, so VaR = 5 and ES = mean(1 … 5) = 3.
        exact.ValueAtRisk(0.95).Should().Be(5, "hand calc: rank ⌊(1 − 0.95)·99⌋ = 4 → value 5");
        exact.ExpectedShortfall(0.95).Should().Be(3, "hand calc: mean of 1 … 5");
        exact.ExpectedShortfall(0.5).Should().Be(25.5, "hand calc: rank ⌊0.5·99⌋ = 49 → mean of 1 … 50");
    }

    [TestCase(2, 93)]
    [TestCase(9, 94)]
    public void Merge_RandomSplitAnyOrder_IdenticalAnswers(int parts, int seed)
    {
        var values = TestSamples.Mixed(5_000, seed);
        var whole = new ExactQuantiles();
        whole.AddRange(values);
        var partition = TestSamples.RandomPartition(values.Length, parts, seed);
        var partials = Enumerable.Range(0, parts).Select(_ => new ExactQuantiles()).ToArray();
        for (int i = 0; i < values.Length; i++)
        {
            partials[partition[i]].Add(values[i]);
        }

        var merged = new ExactQuantiles();
        foreach (int p in TestSamples.Permutation(parts, seed))
        {
            merged.Merge(partials[p]);
        }

        double[] ps = [0, 0.01, 0.05, 0.25, 0.5, 0.75, 0.95, 0.99, 1];
        merged.Quantiles(ps).Should().Equal(whole.Quantiles(ps), "sorting makes the answers split-independent");
        merged.ExpectedShortfall(0.95).Should().Be(whole.ExpectedShortfall(0.95), "tail summed in ascending order");
        TestSamples.ToBytes(merged.WriteTo).Should().Equal(TestSamples.ToBytes(whole.WriteTo), "canonical serialisation");
    }

    [Test]
    public void Merge_Itself_DuplicatesValues()
    {
        var exact = new ExactQuantiles();
        exact.AddRange([3.0, 1.0, 2.0]);

        exact.Merge(exact);

        exact.Count.Should().Be(6);
        exact.Quantiles(0, 0.2, 0.4, 0.6, 0.8, 1).Should().Equal([1.0, 1.0, 2.0, 2.0, 3.0, 3.0], "hand calc: ranks 0 … 5 of 1,1,2,2,3,3");
    }

    [Test]
    public void Clone_ThenAdd_LeavesOriginalUnchanged()
    {
        var exact = new ExactQuantiles();
        exact.AddRange([1.0, 2.0]);

        var copy = exact.Clone();
        copy.Add(-5);

        exact.Count.Should().Be(2);
        exact.Min.Should().Be(1.0);
        copy.Min.Should().Be(-5);
    }

    [Test]
    public void Add_NegativeZero_StoredAsPositiveZero()
    {
        var exact = new ExactQuantiles();
        exact.AddRange([-0.0, 0.0, -0.0]);

        BitConverter.DoubleToInt64Bits(exact.Quantile(0.5)).Should().Be(0L, "−0 is stored as +0 so the order of ±0 never matters");
    }

    [Test]
    public void Add_BeyondCap_ThrowsClearMessage()
    {
        var exact = new ExactQuantiles(maxCount: 3);
        exact.AddRange([1.0, 2.0, 3.0]);

        var act = () => exact.Add(4.0);

        act.Should().Throw<InvalidOperationException>().WithMessage("ExactQuantiles holds at most 3 values (maxCount)*QuantileSketch*");
        exact.Count.Should().Be(3);
    }

    [Test]
    public void AddRange_BeyondCap_AddsNothing()
    {
        var exact = new ExactQuantiles(maxCount: 3);

        var act = () => exact.AddRange([1.0, 2.0, 3.0, 4.0]);

        act.Should().Throw<InvalidOperationException>();
        exact.Count.Should().Be(0, "the cap is checked before adding");
    }

    [Test]
    public void Merge_BeyondCap_Throws()
    {
        var a = new ExactQuantiles(maxCount: 3);
        a.AddRange([1.0, 2.0]);
        var b = new ExactQuantiles();
        b.AddRange([3.0, 4.0]);

        var act = () => a.Merge(b);

        act.Should().Throw<InvalidOperationException>();
        a.Count.Should().Be(2);
    }

    [Test]
    public void Add_NaN_ThrowsNamingValue()
    {
        var act = () => new ExactQuantiles().Add(double.NaN);

        act.Should().Throw<ArgumentOutOfRangeException>().WithParameterName("value");
    }

    [Test]
    public void Quantile_Empty_ThrowsInvalidOperation()
    {
        var act = () => new ExactQuantiles().Quantile(0.5);

        act.Should().Throw<InvalidOperationException>().WithMessage("The sample is empty*");
    }

    [Test]
    public void Constructor_ZeroCap_Throws()
    {
        var act = () => new ExactQuantiles(0);

        act.Should().Throw<ArgumentOutOfRangeException>().WithParameterName("maxCount");
    }

    [Test]
    public void WriteTo_ReadFrom_RoundTrips()
    {
        var exact = new ExactQuantiles(10_000);
        exact.AddRange(TestSamples.Mixed(1_000, 95));

        var bytes = TestSamples.ToBytes(exact.WriteTo);
        var copy = TestSamples.FromBytes(bytes, ExactQuantiles.ReadFrom);

        copy.MaxCount.Should().Be(10_000);
        copy.Count.Should().Be(1_000);
        copy.Quantiles(0, 0.5, 1).Should().Equal(exact.Quantiles(0, 0.5, 1));
        TestSamples.ToBytes(copy.WriteTo).Should().Equal(bytes);
    }

    [Test]
    public void ReadFrom_UnsortedValues_ThrowsInvalidData()
    {
        var exact = new ExactQuantiles();
        exact.AddRange([1.0, 2.0]);
        var bytes = TestSamples.ToBytes(exact.WriteTo);
        BitConverter.GetBytes(5.0).CopyTo(bytes, 32); // first value (after a 32-byte header) above the second

        var act = () => TestSamples.FromBytes(bytes, ExactQuantiles.ReadFrom);

        act.Should().Throw<InvalidDataException>().WithMessage("*unsorted*");
    }
}
