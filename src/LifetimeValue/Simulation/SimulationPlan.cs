using System.Globalization;
using LifetimeValue.Internal;

namespace LifetimeValue.Simulation;

/// <summary>
/// The canonical cut of a run into chunks (customer ranges × scenarios). Schedulers — threads, Orleans
/// grains, batch array jobs, GPUs — only decide where chunks run; what each chunk computes and how
/// partial results merge is fixed here.
/// </summary>
/// <remarks>Thread safety: immutable; safe to share.</remarks>
public sealed class SimulationPlan
{
    /// <summary>Creates a plan.</summary>
    /// <param name="scenarioCount">Scenarios S, in [1, 1,000,000].</param>
    /// <param name="customersPerScenario">Customers N per scenario, in [1, 2⁴⁰].</param>
    /// <param name="chunkSize">Customers per chunk, in [1, 2²⁰].</param>
    /// <exception cref="ArgumentOutOfRangeException">Out of range.</exception>
    public SimulationPlan(int scenarioCount, long customersPerScenario, int chunkSize)
    {
        ScenarioCount = Guard.InRange(scenarioCount, 1, 1_000_000);
        CustomersPerScenario = Guard.InRange(customersPerScenario, 1, SimulationOptions.MaxCustomers);
        ChunkSize = Guard.InRange(chunkSize, 1, 1 << 20);
        ChunksPerScenario = checked((CustomersPerScenario + ChunkSize - 1) / ChunkSize);
        ChunkCount = checked(ChunksPerScenario * ScenarioCount);
    }

    /// <summary>Scenarios S.</summary>
    public int ScenarioCount { get; }

    /// <summary>Customers N per scenario.</summary>
    public long CustomersPerScenario { get; }

    /// <summary>Customers per chunk (the last chunk of a scenario may be shorter).</summary>
    public int ChunkSize { get; }

    /// <summary>Chunks per scenario: ⌈N / chunk size⌉.</summary>
    public long ChunksPerScenario { get; }

    /// <summary>Chunks in the run: S × chunks per scenario.</summary>
    public long ChunkCount { get; }

    /// <summary>Customer lifetimes in the run: N × S.</summary>
    public long Lifetimes => checked(CustomersPerScenario * ScenarioCount);

    /// <summary>The chunk with the given index.</summary>
    /// <param name="index">Chunk index in [0, ChunkCount).</param>
    /// <returns>The chunk.</returns>
    /// <exception cref="ArgumentOutOfRangeException">Out of range.</exception>
    public SimulationChunk this[long index]
    {
        get
        {
            if ((ulong)index >= (ulong)ChunkCount)
            {
                throw new ArgumentOutOfRangeException(nameof(index), index,
                    string.Create(CultureInfo.InvariantCulture, $"index must be in [0, {ChunkCount - 1}] (was {index})."));
            }

            var scenario = (int)(index / ChunksPerScenario);
            var first = (index % ChunksPerScenario) * ChunkSize;
            var count = (int)Math.Min(ChunkSize, CustomersPerScenario - first);
            return new SimulationChunk(index, scenario, first, count);
        }
    }

    /// <summary>
    /// Splits the chunks into <paramref name="parts"/> contiguous ranges of near-equal size, as a batch
    /// scheduler's array job would (part k of n).
    /// </summary>
    /// <param name="part">Part index, in [0, parts).</param>
    /// <param name="parts">Number of parts, in [1, ChunkCount].</param>
    /// <returns>The first chunk index and the number of chunks of the part.</returns>
    /// <exception cref="ArgumentOutOfRangeException">Out of range.</exception>
    public (long First, long Count) Part(int part, int parts)
    {
        Guard.InRange(parts, 1, (int)Math.Min(int.MaxValue, ChunkCount));
        Guard.InRange(part, 0, parts - 1);
        var first = ChunkCount * part / parts;
        var next = ChunkCount * (part + 1) / parts;
        return (first, next - first);
    }
}
