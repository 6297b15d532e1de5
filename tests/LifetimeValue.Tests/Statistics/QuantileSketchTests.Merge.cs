using LifetimeValue.Statistics;

namespace LifetimeValue.Tests.Statistics;

public sealed partial class QuantileSketchTests
{
    [TestCase(2, 71)]
    [TestCase(3, 72)]
    [TestCase(10, 73)]
    [TestCase(100, 74)]
    public void Merge_RandomSplitAnyOrder_BitIdenticalCountsAndQuantiles(int parts, int seed)
    {
        var values = TestSamples.Mixed(50_000, seed);
        var whole = new QuantileSketch();
        whole.AddRange(values);

        var partition = TestSamples.RandomPartition(values.Length, parts, seed);
        var partials = Enumerable.Range(0, parts).Select(_ => new QuantileSketch()).ToArray();
        for (int i = 0; i < values.Length; i++)
        {
            partials[partition[i]].Add(values[i]);
        }

        var merged = new QuantileSketch();
        foreach (int p in TestSamples.Permutation(parts, seed))
        {
            merged.Merge(partials[p]);
        }

        TestSamples.ToBytes(merged.WriteTo).Should().Equal(TestSamples.ToBytes(whole.WriteTo),
            "integer bucket counts, zero count, min and max are split-independent (canonical serialisation)");
        merged.Quantiles(Probabilities).Should().Equal(whole.Quantiles(Probabilities), "same counts give bit-identical quantiles");
        merged.ExpectedShortfall(0.95).Should().Be(whole.ExpectedShortfall(0.95), "same counts give the same ES");
    }

    [Test]
    public void Merge_DisjointRanges_GrowsBothWays()
    {
        var low = new QuantileSketch();
        low.AddRange([0.01, 0.02]);
        var high = new QuantileSketch();
        high.AddRange([1e6, 2e6]);
        var whole = new QuantileSketch();
        whole.AddRange([1e6, 0.01, 2e6, 0.02]);

        var lowFirst = low.Clone();
        lowFirst.Merge(high);
        var highFirst = high.Clone();
        highFirst.Merge(low);

        TestSamples.ToBytes(lowFirst.WriteTo).Should().Equal(TestSamples.ToBytes(whole.WriteTo), "merge order does not matter");
        TestSamples.ToBytes(highFirst.WriteTo).Should().Equal(TestSamples.ToBytes(whole.WriteTo), "merge order does not matter");
    }

    [Test]
    public void Merge_DifferentRelativeAccuracy_ThrowsNamingBoth()
    {
        var act = () => new QuantileSketch(0.005).Merge(new QuantileSketch(0.01));

        act.Should().Throw<ArgumentException>().WithParameterName("other").WithMessage("*relativeAccuracy 0.01*0.005*");
    }

    [Test]
    public void Merge_DifferentMinIndexableValue_Throws()
    {
        var act = () => new QuantileSketch(minIndexableValue: 1e-9).Merge(new QuantileSketch(minIndexableValue: 1e-6));

        act.Should().Throw<ArgumentException>().WithParameterName("other");
    }

    [Test]
    public void Merge_Itself_EqualsMergingAClone()
    {
        var sketch = new QuantileSketch();
        sketch.AddRange(TestSamples.Mixed(2_000, 78));
        var expected = sketch.Clone();
        expected.Merge(sketch.Clone());

        sketch.Merge(sketch);

        TestSamples.ToBytes(sketch.WriteTo).Should().Equal(TestSamples.ToBytes(expected.WriteTo), "every count doubles");
    }

    [Test]
    public void Merge_BeyondBucketCap_ThrowsAndKeepsCounts()
    {
        var a = new QuantileSketch(maxBucketCount: 500);
        a.Add(1.0);
        var b = new QuantileSketch(maxBucketCount: 500);
        b.Add(1e6); // ln(1e6)/ln γ ≈ 1382 buckets away
        var before = TestSamples.ToBytes(a.WriteTo);

        var act = () => a.Merge(b);

        act.Should().Throw<InvalidOperationException>().WithMessage("*maxBucketCount is 500*");
        TestSamples.ToBytes(a.WriteTo).Should().Equal(before, "a failed merge changes no count");
    }

    [Test]
    public void WriteTo_ReadFrom_RoundTripsBitIdentical()
    {
        var sketch = new QuantileSketch(0.01, 1e-6);
        sketch.AddRange(TestSamples.Mixed(5_000, 75));

        var bytes = TestSamples.ToBytes(sketch.WriteTo);
        var copy = TestSamples.FromBytes(bytes, QuantileSketch.ReadFrom);

        copy.RelativeAccuracy.Should().Be(0.01);
        copy.MinIndexableValue.Should().Be(1e-6);
        copy.Count.Should().Be(sketch.Count);
        copy.ZeroCount.Should().Be(sketch.ZeroCount);
        copy.Quantiles(Probabilities).Should().Equal(sketch.Quantiles(Probabilities));
        TestSamples.ToBytes(copy.WriteTo).Should().Equal(bytes, "re-serialising gives the same bytes");
    }

    [Test]
    public void WriteTo_ReadFrom_EmptyRoundTrips()
    {
        var bytes = TestSamples.ToBytes(new QuantileSketch().WriteTo);

        var copy = TestSamples.FromBytes(bytes, QuantileSketch.ReadFrom);

        copy.Count.Should().Be(0);
        TestSamples.ToBytes(copy.WriteTo).Should().Equal(bytes);
    }

    [Test]
    public void ReadFrom_ThenMerge_EqualsDirectMerge()
    {
        var a = new QuantileSketch();
        a.AddRange(TestSamples.LogNormal(1000, 7, 2, 76));
        var b = new QuantileSketch();
        b.AddRange(TestSamples.Mixed(1000, 77));

        var shipped = TestSamples.FromBytes(TestSamples.ToBytes(b.WriteTo), QuantileSketch.ReadFrom);
        var viaWire = a.Clone();
        viaWire.Merge(shipped);
        a.Merge(b);

        TestSamples.ToBytes(viaWire.WriteTo).Should().Equal(TestSamples.ToBytes(a.WriteTo), "partials travel between machines exactly");
    }

    [Test]
    public void ReadFrom_CountMismatch_ThrowsInvalidData()
    {
        var sketch = new QuantileSketch();
        sketch.AddRange([1.0, 2.0]);
        var bytes = TestSamples.ToBytes(sketch.WriteTo);
        bytes[28] = 3; // count (offset 28) no longer equals the bucket total

        var act = () => TestSamples.FromBytes(bytes, QuantileSketch.ReadFrom);

        act.Should().Throw<InvalidDataException>().WithMessage("*inconsistent*");
    }

    [Test]
    public void ReadFrom_WrongVersion_ThrowsInvalidData()
    {
        var bytes = TestSamples.ToBytes(new QuantileSketch().WriteTo);
        bytes[4] = 99;

        var act = () => TestSamples.FromBytes(bytes, QuantileSketch.ReadFrom);

        act.Should().Throw<InvalidDataException>().WithMessage("*format version 99*");
    }
}
