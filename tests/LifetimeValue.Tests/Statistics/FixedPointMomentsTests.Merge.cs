using LifetimeValue.Statistics;

namespace LifetimeValue.Tests.Statistics;

public sealed partial class FixedPointMomentsTests
{
    [TestCase(2, 11)]
    [TestCase(3, 12)]
    [TestCase(7, 13)]
    [TestCase(64, 14)]
    public void Merge_RandomSplitAnyOrder_BitIdenticalToUnsplit(int parts, int seed)
    {
        var values = TestSamples.Mixed(20_000, seed);
        var whole = new FixedPointMoments();
        whole.AddRange(values);

        var partials = Split(values, parts, seed);
        var merged = new FixedPointMoments();
        foreach (int p in TestSamples.Permutation(parts, seed + 1))
        {
            merged.Merge(partials[p]);
        }

        AssertBitIdentical(merged, whole);
    }

    [Test]
    public void Merge_TreeVersusLinearOrder_BitIdentical()
    {
        var values = TestSamples.LogNormal(10_000, 7, 2, 21);
        var partials = Split(values, 8, 21);

        // ((0+1)+(2+3)) + ((4+5)+(6+7)) versus 7+6+…+0.
        var level = partials.Select(p => p.Clone()).ToList();
        while (level.Count > 1)
        {
            var next = new List<FixedPointMoments>();
            for (int i = 0; i < level.Count; i += 2)
            {
                level[i].Merge(level[i + 1]);
                next.Add(level[i]);
            }

            level = next;
        }

        var linear = new FixedPointMoments();
        for (int i = partials.Length - 1; i >= 0; i--)
        {
            linear.Merge(partials[i]);
        }

        AssertBitIdentical(level[0], linear);
    }

    [Test]
    public void Merge_SignedZeros_MinMaxIndependentOfOrder()
    {
        var a = new FixedPointMoments();
        a.Add(-0.0);
        var b = new FixedPointMoments();
        b.Add(0.0);

        var ab = a.Clone();
        ab.Merge(b);
        var ba = b.Clone();
        ba.Merge(a);

        BitConverter.DoubleToInt64Bits(ab.Min).Should().Be(BitConverter.DoubleToInt64Bits(ba.Min), "Math.Min orders −0 below +0");
        BitConverter.DoubleToInt64Bits(ab.Max).Should().Be(BitConverter.DoubleToInt64Bits(ba.Max), "Math.Max orders +0 above −0");
    }

    [Test]
    public void Merge_Empty_LeavesStateUnchanged()
    {
        var moments = new FixedPointMoments();
        moments.AddRange([5.0, 6.0]);
        var before = moments.Clone();

        moments.Merge(new FixedPointMoments());

        AssertBitIdentical(moments, before);
    }

    private static FixedPointMoments[] Split(double[] values, int parts, int seed)
    {
        var partition = TestSamples.RandomPartition(values.Length, parts, seed);
        var partials = Enumerable.Range(0, parts).Select(_ => new FixedPointMoments()).ToArray();
        for (int i = 0; i < values.Length; i++)
        {
            partials[partition[i]].Add(values[i]);
        }

        return partials;
    }

    private static void AssertBitIdentical(FixedPointMoments actual, FixedPointMoments expected)
    {
        actual.Count.Should().Be(expected.Count, "integer count");
        actual.Sum.Should().Be(expected.Sum, "exact Int128 sum");
        actual.SumOfSquares.Should().Be(expected.SumOfSquares, "exact Int128 sum of squares");
        BitConverter.DoubleToInt64Bits(actual.Min).Should().Be(BitConverter.DoubleToInt64Bits(expected.Min), "exact min");
        BitConverter.DoubleToInt64Bits(actual.Max).Should().Be(BitConverter.DoubleToInt64Bits(expected.Max), "exact max");
        var a = actual.ToSummary();
        var e = expected.ToSummary();
        BitConverter.DoubleToInt64Bits(a.Mean).Should().Be(BitConverter.DoubleToInt64Bits(e.Mean), "bit-identical mean");
        BitConverter.DoubleToInt64Bits(a.StandardDeviation).Should().Be(BitConverter.DoubleToInt64Bits(e.StandardDeviation), "bit-identical standard deviation");
        BitConverter.DoubleToInt64Bits(a.StandardError).Should().Be(BitConverter.DoubleToInt64Bits(e.StandardError), "bit-identical standard error");
    }
}
