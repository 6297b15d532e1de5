namespace LifetimeValue.Orleans;

/// <summary>How a silo runs the chunk calls it receives. None of these change results.</summary>
/// <remarks>Thread safety: configure at start-up; read-only afterwards.</remarks>
public sealed class SimulationSiloOptions
{
    /// <summary>Threads one chunk call may use (<see cref="Simulation.SimulationOptions.MaxDegreeOfParallelism"/>):
    /// 0 (the default) for all cores, else in [1, 1024].</summary>
    public int MaxDegreeOfParallelism { get; set; }

    /// <summary>Chunk calls computing at once in this silo, ≥ 1 (default 1: each call already uses every core, and
    /// further calls wait their turn instead of slowing all of them down).</summary>
    public int MaxConcurrentComputations { get; set; } = 1;

    /// <summary>Resolved jobs (model, scenarios, fingerprint) kept per silo, ≥ 1 (default 16).</summary>
    public int ResolvedJobCacheSize { get; set; } = 16;

    internal void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfNegative(MaxDegreeOfParallelism);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(MaxDegreeOfParallelism, 1024);
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxConcurrentComputations, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(ResolvedJobCacheSize, 1);
    }
}
