using LifetimeValue.Internal;
using LifetimeValue.Projection;
using LifetimeValue.Scenarios;
using LifetimeValue.Simulation;

namespace LifetimeValue.Model;

/// <summary>
/// A <see cref="StrategyModel"/> flattened for the engines. Each kind of model supplies its exact projection,
/// its Monte Carlo chunk kernel and the numbers that identify it in a run's fingerprint; the engines
/// (chunking, merging, statistics) are shared.
/// </summary>
internal abstract class CompiledStrategy
{
    public abstract StrategyModel Source { get; }

    public abstract int MaxPeriods { get; }

    public double AcquisitionCost => Source.AcquisitionCost;

    /// <summary>Validates and compiles any model kind.</summary>
    public static CompiledStrategy Compile(StrategyModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        return ModelKinds.Of(model).Compile(model);
    }

    /// <summary>Appends every number that defines the model's results.</summary>
    public abstract void AppendFingerprint(FingerprintBuilder fingerprint);

    /// <summary>A per-thread kernel for Monte Carlo chunks (owns its scratch buffers).</summary>
    public abstract ChunkKernel CreateKernel(ScenarioSet scenarios, SimulationOptions options);

    /// <summary>The exact expected-value projection along one rate path.</summary>
    /// <param name="rates">The path (for the result).</param>
    /// <param name="r">Its first <see cref="MaxPeriods"/> rates.</param>
    /// <param name="df">Discount factors, <c>df[t] = D_{t+1}</c>.</param>
    public abstract ProjectionResult Project(RatePath rates, double[] r, double[] df);
}
