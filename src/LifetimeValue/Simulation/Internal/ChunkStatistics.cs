using LifetimeValue.Statistics;

namespace LifetimeValue.Simulation.Internal;

/// <summary>
/// One worker's statistics: what every engine (CPU threads, the GPU engine's host side) does with a chunk's PVs and
/// discounted flows, and how it merges them into a <see cref="SimulationPartial"/>. Sharing it keeps the engines'
/// partials identical by construction.
/// </summary>
internal sealed class ChunkStatistics
{
    public ChunkStatistics(int periods, double sketchAccuracy, bool keepExact, long lifetimes)
    {
        Sketch = new QuantileSketch(sketchAccuracy);
        Exact = keepExact ? new ExactQuantiles((int)Math.Min(int.MaxValue, lifetimes)) : null;
        Flows = new FixedPointSeries(periods);
    }

    /// <summary>The last chunk's CLV moments.</summary>
    public FixedPointMoments Moments { get; } = new();

    /// <summary>The last chunk's total discounted flow per period.</summary>
    public FixedPointSeries Flows { get; }

    /// <summary>Every chunk's CLVs so far (merged into the partial once, at the end).</summary>
    public QuantileSketch Sketch { get; }

    /// <summary>Every chunk's CLVs so far, when exact quantiles are kept.</summary>
    public ExactQuantiles? Exact { get; }

    /// <summary>Records one chunk: its moments and flows replace the previous chunk's; the sketch and sample accumulate.</summary>
    public void Record(ReadOnlySpan<double> pv, ReadOnlySpan<double> flows)
    {
        Moments.Clear();
        Moments.AddRange(pv);
        Sketch.AddRange(pv);
        Exact?.AddRange(pv);
        Flows.Clear();
        Flows.AddRange(flows);
    }

    /// <summary>Adds the last recorded chunk of <paramref name="scenario"/> to the partial (the caller holds the partial's lock).</summary>
    public void MergeChunkInto(SimulationPartial partial, int scenario)
    {
        (partial.ScenarioMoments[scenario] ??= new FixedPointMoments()).Merge(Moments);
        if (partial.KeepsScenarioCurves)
        {
            (partial.ScenarioFlows[scenario] ??= new FixedPointSeries(partial.Periods)).Merge(Flows);
        }

        partial.TotalFlows.Merge(Flows);
    }

    /// <summary>Adds the accumulated sketch and sample to the partial (once per worker; the caller holds the partial's lock).</summary>
    public void MergeSampleInto(SimulationPartial partial)
    {
        partial.Sketch.Merge(Sketch);
        if (Exact is not null)
        {
            partial.Exact!.Merge(Exact);
        }
    }
}
