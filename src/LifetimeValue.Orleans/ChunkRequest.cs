namespace LifetimeValue.Orleans;

/// <summary>One grain call's work: a contiguous range of canonical chunks of a job, with the fingerprint the
/// coordinator computed for the job (the silo refuses the work if its own differs).</summary>
/// <param name="Job">The job.</param>
/// <param name="Fingerprint">The coordinator's run fingerprint (<see cref="Simulation.MonteCarloEngine.Fingerprint"/>).</param>
/// <param name="FirstChunk">First chunk index, in [0, ChunkCount).</param>
/// <param name="ChunkCount">Chunks, in [1, ChunkCount − <paramref name="FirstChunk"/>].</param>
/// <remarks>Thread safety: immutable.</remarks>
[GenerateSerializer]
[Immutable]
[Alias("LifetimeValue.Orleans.ChunkRequest")]
public sealed record ChunkRequest(
    [property: Id(0)] SimulationJob Job,
    [property: Id(1)] string Fingerprint,
    [property: Id(2)] long FirstChunk,
    [property: Id(3)] long ChunkCount);
