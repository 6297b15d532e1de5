using LifetimeValue.Scenarios;
using LifetimeValue.Simulation;
using LifetimeValue.Statistics;

namespace LifetimeValue.Tests.Contracts;

/// <summary>
/// The contract every mergeable type promises: a merge that fails leaves the target exactly as it was (checked on its
/// canonical bytes), and a finished value can be read from many threads at once with identical answers.
/// </summary>
public sealed class MergeContractTests
{
    private static byte[] Bytes(Action<BinaryWriter> write)
    {
        using var stream = new MemoryStream();
        using (var writer = new BinaryWriter(stream))
        {
            write(writer);
        }

        return stream.ToArray();
    }

    [Test]
    public void QuantileSketch_MergeThatOverflowsTheNegativeStore_LeavesTheSketchUnchanged()
    {
        // Regression: the positive store used to merge before the negative one checked its capacity, so a failing merge
        // left the sketch half-merged. At α = 1 % a bucket spans a factor γ = 1.0202; −0.01 … −100 needs
        // ln(10⁴)/ln(1.0202) ≈ 461 buckets, more than the cap of 200, while the positive values fit.
        var target = new QuantileSketch(0.01, 1e-3, maxBucketCount: 200);
        target.AddRange([1.0, 2.0, 3.0, -0.01]);
        var other = new QuantileSketch(0.01, 1e-3, maxBucketCount: 200);
        other.AddRange([1.5, 2.5, -100.0]);
        var before = Bytes(target.WriteTo);

        var act = () => target.Merge(other);

        act.Should().Throw<InvalidOperationException>().WithMessage("*maxBucketCount*");
        Bytes(target.WriteTo).Should().Equal(before, "a failed merge must leave every count, the total, min and max unchanged");
        target.Count.Should().Be(4);
    }

    [Test]
    public void ExactQuantiles_MergeBeyondTheCap_LeavesTheSampleUnchanged()
    {
        var target = new ExactQuantiles(4);
        target.AddRange([3.0, 1.0, 2.0]);
        var before = Bytes(target.WriteTo);
        var other = new ExactQuantiles(4);
        other.AddRange([5.0, 4.0]);

        var act = () => target.Merge(other);

        act.Should().Throw<InvalidOperationException>();
        Bytes(target.WriteTo).Should().Equal(before);
    }

    [Test]
    public void FixedPointMoments_MergeThatOverflows_LeavesTheMomentsUnchanged()
    {
        var big = FixedPointMoments.MaxMagnitude * 0.999;
        var target = new FixedPointMoments();
        var other = new FixedPointMoments();
        // Each square is ~2^126 units of 2^-40; two of them overflow Int128's 2^127.
        target.Add(big);
        other.Add(big);
        other.Add(big);
        var before = Bytes(target.WriteTo);

        var act = () => target.Merge(other);

        act.Should().Throw<OverflowException>();
        Bytes(target.WriteTo).Should().Equal(before);
    }

    [Test]
    public void FixedPointSeries_MergeThatOverflowsOnePeriod_LeavesEveryPeriodUnchanged()
    {
        // Double period 1 by merging the series into itself until the next doubling would overflow: its sum S is then
        // above 2^126 units, so adding S again overflows Int128 (2^127 − 1) while period 0 would merge fine.
        var large = new FixedPointSeries(2);
        large.Add(1, 1e12);
        while (true)
        {
            var next = large.Clone();
            try
            {
                next.Merge(large);
            }
            catch (OverflowException)
            {
                break;
            }

            large = next;
        }

        var target = large.Clone();
        target.Add(0, 5.0);
        var before = Bytes(target.WriteTo);

        var act = () => target.Merge(large);

        act.Should().Throw<OverflowException>().WithMessage("*period 1*");
        Bytes(target.WriteTo).Should().Equal(before, "period 0 must not be merged when period 1 overflows");
    }

    [Test]
    public void SimulationPartial_MergeOfOverlappingChunks_LeavesTheInputsUnchanged()
    {
        var (model, scenarios, options) = SmallRun();
        var a = MonteCarloEngine.SimulateChunks(model, scenarios, options, 0, 2);
        var b = MonteCarloEngine.SimulateChunks(model, scenarios, options, 1, 2);
        var aBytes = Bytes(w => a.WriteTo(w.BaseStream));
        var bBytes = Bytes(w => b.WriteTo(w.BaseStream));

        var act = () => SimulationPartial.Merge([a, b]);

        act.Should().Throw<ArgumentException>().WithMessage("*overlap*");
        Bytes(w => a.WriteTo(w.BaseStream)).Should().Equal(aBytes);
        Bytes(w => b.WriteTo(w.BaseStream)).Should().Equal(bBytes);
    }

    [Test]
    public void SimulationPartial_FromEveryProducer_IsSortedWhenBuilt_NotWhenRead()
    {
        // Regression: reading a partial (WriteTo, results) used to sort its exact sample in place, so two threads reading
        // the same partial could sort the same array at once.
        var (model, scenarios, options) = SmallRun();
        var computed = MonteCarloEngine.SimulateChunks(model, scenarios, options, 0, 4);
        var merged = SimulationPartial.Merge([MonteCarloEngine.SimulateChunks(model, scenarios, options, 0, 2), MonteCarloEngine.SimulateChunks(model, scenarios, options, 2, 2)]);
        using var file = new MemoryStream();
        computed.WriteTo(file);
        file.Position = 0;
        var read = SimulationPartial.ReadFrom(file);

        foreach (var partial in new[] { computed, merged, read })
        {
            partial.Exact.Should().NotBeNull("the run is small enough to keep the exact sample");
            partial.Exact!.IsSorted.Should().BeTrue("a finished partial is sorted once, when built");
        }
    }

    [Test]
    public void SimulationPartial_ReadFromManyThreadsAtOnce_GivesIdenticalBytesAndResults()
    {
        var (model, scenarios, options) = SmallRun();
        var partial = SimulationPartial.Merge([MonteCarloEngine.SimulateChunks(model, scenarios, options, 2, 2), MonteCarloEngine.SimulateChunks(model, scenarios, options, 0, 2)]);
        var expected = Bytes(w => partial.WriteTo(w.BaseStream));
        var results = new byte[16][];
        var clvs = new double[16];

        Parallel.For(0, 16, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i =>
        {
            results[i] = Bytes(w => partial.WriteTo(w.BaseStream));
            clvs[i] = MonteCarloEngine.Combine(model, scenarios, options, [partial]).Percentiles[3].Value;
        });

        results.Should().AllSatisfy(r => r.Should().Equal(expected));
        clvs.Distinct().Should().HaveCount(1);
    }

    private static (Model.StrategyModel Model, ScenarioSet Scenarios, SimulationOptions Options) SmallRun()
    {
        var model = Presets.Hotel();
        var scenarios = ScenarioSet.Generate(new Vasicek(0.03, 0.15, 0.03, 0.01), 2, model.MaxPeriods, 9);
        return (model, scenarios, new SimulationOptions { Seed = 5, Customers = 400, ChunkSize = 200, ExactQuantileLimit = 10_000 });
    }
}
