using LifetimeValue.Internal;
using LifetimeValue.Statistics;

namespace LifetimeValue.Simulation;

/// <summary>
/// Options of a Monte Carlo run. The seed, the number of customers, the chunk size, the method and the
/// sketch accuracy define the result; the degree of parallelism, progress reporting and the confidence level of the
/// reported intervals do not (results are bit-identical whatever the thread count).
/// </summary>
/// <remarks>Thread safety: immutable; safe to share.</remarks>
public sealed record SimulationOptions
{
    /// <summary>The default number of customers per canonical chunk.</summary>
    public const int DefaultChunkSize = 16_384;

    /// <summary>The most customers per scenario a run may simulate (2⁴⁰).</summary>
    public const long MaxCustomers = 1L << 40;

    private readonly long _customers = 10_000;
    private readonly int _chunkSize = DefaultChunkSize;
    private readonly int _maxDegreeOfParallelism;
    private readonly double _sketchAccuracy = QuantileSketch.DefaultRelativeAccuracy;
    private readonly int _exactQuantileLimit;
    private readonly double _confidenceLevel = TwoLevelEstimate.DefaultConfidenceLevel;

    /// <summary>The seed: the Philox key of every draw. Any 64-bit value.</summary>
    public ulong Seed { get; init; } = 1;

    /// <summary>Customers simulated per scenario (N), in [1, 2⁴⁰]. Each is simulated once in every scenario.</summary>
    public long Customers { get => _customers; init => _customers = Guard.InRange(value, 1, MaxCustomers, nameof(Customers)); }

    /// <summary>Customers per canonical chunk, in [1, 2²⁰]. Part of the result's definition: chunks are the unit of
    /// scheduling, merging and scale-out.</summary>
    public int ChunkSize { get => _chunkSize; init => _chunkSize = Guard.InRange(value, 1, 1 << 20, nameof(ChunkSize)); }

    /// <summary>Sampling method.</summary>
    public SimulationMethod Method { get; init; } = SimulationMethod.EventTime;

    /// <summary>Threads to use: 0 (the default) for all cores, else in [1, 1024]. Does not change results.</summary>
    public int MaxDegreeOfParallelism
    {
        get => _maxDegreeOfParallelism;
        init => _maxDegreeOfParallelism = Guard.InRange(value, 0, 1024, nameof(MaxDegreeOfParallelism));
    }

    /// <summary>Relative accuracy α of the CLV quantile sketch, in [1e-4, 0.1]: every reported percentile is within
    /// α·|value| of the exact sample percentile.</summary>
    public double SketchAccuracy { get => _sketchAccuracy; init => _sketchAccuracy = Guard.InRange(value, 1e-4, 0.1, nameof(SketchAccuracy)); }

    /// <summary>When N·S is at most this many (and &gt; 0), percentiles are computed exactly from all values as well;
    /// 0 (the default) disables it. At most 10,000,000.</summary>
    public int ExactQuantileLimit { get => _exactQuantileLimit; init => _exactQuantileLimit = Guard.InRange(value, 0, 10_000_000, nameof(ExactQuantileLimit)); }

    /// <summary>
    /// Confidence level of the intervals reported for expected values (CLV, the cumulative PV curve, peak funding) and
    /// for differences between strategies, in (0, 1); default 0.95. Only the reported intervals depend on it (not part
    /// of the fingerprint).
    /// </summary>
    public double ConfidenceLevel { get => _confidenceLevel; init => _confidenceLevel = TwoLevelEstimate.CheckLevel(value, nameof(ConfidenceLevel)); }

    /// <summary>Receives progress after chunks complete (may be called from worker threads).</summary>
    public IProgress<SimulationProgress>? Progress { get; init; }

    /// <summary>
    /// Where chunks are computed: <see langword="null"/> (the default) for this process's CPU threads, or a backend such as
    /// the GPU engine (<c>LifetimeValue.Gpu.GpuMonteCarloEngine</c>). Does not change results (not part of the fingerprint).
    /// </summary>
    public IMonteCarloBackend? Backend { get; init; }
}
