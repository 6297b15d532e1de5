namespace LifetimeValue.Orleans;

/// <summary>How <see cref="OrleansSimulation"/> schedules a job on the cluster. None of these change results.</summary>
/// <remarks>Thread safety: immutable; safe to share.</remarks>
public sealed record OrleansSimulationOptions
{
    /// <summary>The default target of customer lifetimes per grain call (2¹⁸ = 262,144).</summary>
    public const int DefaultLifetimesPerCall = 1 << 18;

    private readonly int _chunksPerCall;
    private readonly int _maxConcurrentCalls;
    private readonly int _maxAttempts;
    private readonly TimeSpan _callTimeout = TimeSpan.FromSeconds(20);
    private readonly TimeSpan _retryDelay = TimeSpan.FromMilliseconds(250);
    private readonly TimeSpan _maxRetryDelay = TimeSpan.FromSeconds(2);
    private readonly TimeSpan? _retryWindow;

    /// <summary>Resolves the job on the coordinating side (it must agree with the silos'); null (the default) for
    /// <see cref="SimulationInputResolver.WithPresets"/>.</summary>
    public ISimulationInputResolver? Resolver { get; init; }

    /// <summary>Canonical chunks per grain call, ≥ 0; 0 (the default) for about <see cref="DefaultLifetimesPerCall"/>
    /// lifetimes per call. Small ranges keep each call far below Orleans' response timeout (30 s by default) and
    /// make a lost silo cost little; large ranges amortise per-call overhead.</summary>
    public int ChunksPerCall { get => _chunksPerCall; init => _chunksPerCall = NonNegative(value, nameof(ChunksPerCall)); }

    /// <summary>Grain calls in flight at once, ≥ 0; 0 (the default) for 2 per active silo (at least 2): one computing,
    /// one waiting its turn, so a silo never idles and no call queues behind more than one other.</summary>
    public int MaxConcurrentCalls { get => _maxConcurrentCalls; init => _maxConcurrentCalls = NonNegative(value, nameof(MaxConcurrentCalls)); }

    /// <summary>
    /// How long a chunk range keeps being retried after a transient failure (a silo lost, a message rejected, a
    /// timeout) while no call of the run succeeds — measured from the later of the range's first failure and the run's
    /// last successful call, so a recovering cluster (calls completing elsewhere) is given time — before the run fails;
    /// a range failing for ten windows fails the run regardless. Positive, or null (the default) for
    /// <see cref="OrleansSimulation.DefaultRetryWindow"/> of the cluster's membership options — three failure-detection
    /// periods, 60 s with Orleans' defaults. A dead silo keeps receiving calls until the cluster declares it dead (about
    /// one failure-detection period after it died); a window longer than that is what lets a run survive the loss of
    /// any one silo with default options.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">Not positive.</exception>
    public TimeSpan? RetryWindow
    {
        get => _retryWindow;
        init => _retryWindow = value is null || value > TimeSpan.Zero ? value : throw new ArgumentOutOfRangeException(nameof(RetryWindow), value, $"RetryWindow must be positive (was {value}).");
    }

    /// <summary>An additional bound on attempts per chunk range, in [0, 1000]; 0 (the default) for none: retries are
    /// bounded by <see cref="RetryWindow"/> alone. Only transient failures are retried.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Out of range.</exception>
    public int MaxAttempts
    {
        get => _maxAttempts;
        init => _maxAttempts = value is >= 0 and <= 1000 ? value : throw new ArgumentOutOfRangeException(nameof(MaxAttempts), value, $"MaxAttempts must be in [0, 1000] (was {value}).");
    }

    /// <summary>Deadline of one grain call, after which it is cancelled and retried on a fresh activation
    /// (default 20 s: below Orleans' default 30 s response timeout). Positive. The deadline in force is the larger of
    /// this and 4 × the longest call of the run that succeeded, so a slow (overloaded) cluster is not mistaken for a
    /// failed one; clients of heavily loaded clusters should raise Orleans' <c>ClientMessagingOptions.ResponseTimeout</c>
    /// to match (the command-line tool sets 10 minutes). A dead silo's calls fail at once, not by this deadline.</summary>
    public TimeSpan CallTimeout
    {
        get => _callTimeout;
        init => _callTimeout = value > TimeSpan.Zero ? value : throw new ArgumentOutOfRangeException(nameof(CallTimeout), value, $"CallTimeout must be positive (was {value}).");
    }

    /// <summary>Pause before retry k: min(k·<see cref="RetryDelay"/>, <see cref="MaxRetryDelay"/>), giving membership time
    /// to declare a dead silo; ≥ 0 (default 250 ms).</summary>
    /// <exception cref="ArgumentOutOfRangeException">Negative.</exception>
    public TimeSpan RetryDelay
    {
        get => _retryDelay;
        init => _retryDelay = value >= TimeSpan.Zero ? value : throw new ArgumentOutOfRangeException(nameof(RetryDelay), value, $"RetryDelay must be ≥ 0 (was {value}).");
    }

    /// <summary>The longest pause between two attempts of a range; ≥ 0 (default 2 s), so retries keep probing the
    /// cluster while it recovers instead of sleeping through the window.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Negative.</exception>
    public TimeSpan MaxRetryDelay
    {
        get => _maxRetryDelay;
        init => _maxRetryDelay = value >= TimeSpan.Zero ? value : throw new ArgumentOutOfRangeException(nameof(MaxRetryDelay), value, $"MaxRetryDelay must be ≥ 0 (was {value}).");
    }

    /// <summary>The job identifier used in grain keys; null (the default) for a new GUID per run.</summary>
    public string? JobId { get; init; }

    /// <summary>Called after each grain call succeeds, with its result (under a lock: keep it short).</summary>
    public Action<ChunkResult>? CallCompleted { get; init; }

    /// <summary>Called before a chunk range is retried (from worker tasks, possibly concurrently).</summary>
    public Action<ChunkRetry>? CallRetrying { get; init; }

    private static int NonNegative(int value, string name) =>
        value >= 0 ? value : throw new ArgumentOutOfRangeException(name, value, $"{name} must be ≥ 0 (was {value}).");
}
