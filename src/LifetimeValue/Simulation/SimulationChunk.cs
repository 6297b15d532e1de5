namespace LifetimeValue.Simulation;

/// <summary>
/// One canonical chunk of a Monte Carlo run: a contiguous range of customers in one scenario. Chunks are
/// numbered scenario-major (chunk k covers scenario k / chunks-per-scenario); the numbering depends only
/// on the number of scenarios, customers and the chunk size, never on threads or machines.
/// </summary>
/// <param name="Index">Chunk index in [0, ChunkCount).</param>
/// <param name="Scenario">Scenario index.</param>
/// <param name="FirstCustomer">First customer index of the chunk.</param>
/// <param name="CustomerCount">Number of customers in the chunk.</param>
public readonly record struct SimulationChunk(long Index, int Scenario, long FirstCustomer, int CustomerCount);
