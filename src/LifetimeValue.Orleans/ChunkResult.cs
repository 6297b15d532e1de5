namespace LifetimeValue.Orleans;

/// <summary>What a chunk call returns: the range's partial result as the bytes of
/// <see cref="Simulation.SimulationPartial.WriteTo"/> (checksummed, O(S·T + sketch), independent of the customers
/// simulated), and where and how fast it was computed.</summary>
/// <param name="FirstChunk">First chunk index computed.</param>
/// <param name="ChunkCount">Chunks computed.</param>
/// <param name="Partial">The partial result's bytes (<see cref="Simulation.SimulationPartial.ReadFrom"/> reads them).</param>
/// <param name="Silo">The identity of the silo that computed it.</param>
/// <param name="ComputeMilliseconds">Time spent computing (excluding queueing and transfer), in ms.</param>
/// <remarks>Thread safety: immutable (the array is not copied; do not modify it).</remarks>
[GenerateSerializer]
[Immutable]
[Alias("LifetimeValue.Orleans.ChunkResult")]
public sealed record ChunkResult(
    [property: Id(0)] long FirstChunk,
    [property: Id(1)] long ChunkCount,
    [property: Id(2)] byte[] Partial,
    [property: Id(3)] string Silo,
    [property: Id(4)] double ComputeMilliseconds);
