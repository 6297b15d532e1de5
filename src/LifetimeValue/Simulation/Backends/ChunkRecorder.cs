using System.Globalization;
using LifetimeValue.Simulation.Internal;
using LifetimeValue.Statistics;

namespace LifetimeValue.Simulation.Backends;

/// <summary>
/// One thread's recorder of a <see cref="SimulationPartialBuilder"/>: takes a chunk's customer PVs and discounted flows and
/// does with them exactly what a CPU engine worker does (moments and flows of the chunk merged into the partial; CLVs added
/// to the worker's quantile sketch and exact sample, merged when the partial is built).
/// </summary>
/// <remarks>Thread safety: not thread-safe; use one recorder per thread. Different recorders of a builder may record concurrently.</remarks>
public sealed class ChunkRecorder
{
    private readonly SimulationPartialBuilder _builder;

    internal ChunkRecorder(SimulationPartialBuilder builder)
    {
        _builder = builder;
        var layout = builder.Layout;
        Statistics = new ChunkStatistics(layout.Periods, layout.Options.SketchAccuracy, builder.KeepsExactSample, layout.Plan.Lifetimes);
    }

    internal ChunkStatistics Statistics { get; }

    /// <summary>Records one chunk.</summary>
    /// <param name="chunk">A chunk of the builder's range (as <see cref="SimulationPlan"/>'s indexer returns it), not recorded before.</param>
    /// <param name="pv">The PV (CLV) of each of the chunk's customers, in customer order: exactly <see cref="SimulationChunk.CustomerCount"/>
    /// finite values with magnitudes below <see cref="FixedPointMoments.MaxMagnitude"/>.</param>
    /// <param name="flows">The chunk's total discounted flow per month (e.g. from <see cref="LifecycleDrawLayout.ChunkFlows"/>):
    /// exactly <see cref="DrawLayout.Periods"/> finite values with magnitudes below <see cref="FixedPointMoments.MaxMagnitude"/>.</param>
    /// <exception cref="ArgumentException">The chunk is not the plan's, is outside the range or was already recorded, or a span
    /// has the wrong length or a value out of range (nothing is recorded then).</exception>
    /// <exception cref="InvalidOperationException">The partial has already been built.</exception>
    public void Record(SimulationChunk chunk, ReadOnlySpan<double> pv, ReadOnlySpan<double> flows)
    {
        var layout = _builder.Layout;
        layout.CheckChunk(chunk, nameof(chunk));
        DrawLayout.CheckLength(pv.Length, chunk.CustomerCount, nameof(pv));
        DrawLayout.CheckLength(flows.Length, layout.Periods, nameof(flows));
        CheckValues(pv, nameof(pv));
        CheckValues(flows, nameof(flows));
        _builder.Claim(chunk);
        try
        {
            Statistics.Record(pv, flows);
        }
        catch (Exception e) when (e is OverflowException or ArgumentException)
        {
            _builder.Fail(chunk.Index, e);
            throw;
        }

        _builder.Merge(this, chunk.Scenario);
    }

    private static void CheckValues(ReadOnlySpan<double> values, string name)
    {
        for (var i = 0; i < values.Length; i++)
        {
            if (!(Math.Abs(values[i]) < FixedPointMoments.MaxMagnitude))
            {
                throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                    $"{name}[{i}] must be finite with magnitude below {FixedPointMoments.MaxMagnitude} (was {values[i]:R})."), name);
            }
        }
    }
}
