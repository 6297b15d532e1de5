using System.Diagnostics;
using System.Globalization;
using System.Runtime.ExceptionServices;
using LifetimeValue.Orleans.Internal;
using LifetimeValue.Simulation;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Runtime.Messaging;

namespace LifetimeValue.Orleans;

/// <summary>
/// Runs a Monte Carlo simulation across an Orleans cluster, bit-identical to
/// <see cref="MonteCarloEngine.Simulate"/> on one machine: the run's canonical chunks are cut into small ranges,
/// each computed by an <see cref="IChunkGrain"/> wherever the cluster places it, and the partial results are merged
/// in canonical chunk order with <see cref="MonteCarloEngine.Combine"/>.
/// </summary>
/// <remarks>
/// <para>Why the result does not depend on the cluster: every draw depends only on (seed, scenario, customer,
/// stage, purpose), chunks are fixed by the job, and partial sums are integers that merge exactly — so which silo
/// computes a range, in which order, and how often it was retried cannot change a bit.</para>
/// <para>Fault tolerance: a call that fails transiently (its silo died, a message was rejected, the call passed
/// <see cref="OrleansSimulationOptions.CallTimeout"/>) is re-issued under a fresh grain key, so it is placed on a
/// live silo, for as long as <see cref="OrleansSimulationOptions.RetryWindow"/> allows (by default three
/// failure-detection periods of the cluster's membership, <see cref="DefaultRetryWindow"/>, so the loss of any one silo
/// never fails a run); a refused call (<see cref="SimulationInputMismatchException"/>, an unknown model) fails the run. A
/// range's result is accepted once; a late duplicate cannot be counted twice (merging rejects overlaps).</para>
/// <para>Memory on the coordinator: O(concurrent calls × partial size), partials being O(S·T + sketch).</para>
/// <para>Thread safety: stateless; runs may proceed concurrently (give them distinct job ids, the default).</para>
/// </remarks>
public static class OrleansSimulation
{
    private const int MergeBatch = 32;

    /// <summary>Calls in flight per active silo by default: one computing and one waiting, so a silo never idles
    /// between calls but no call waits behind more than one other (a call's wait counts against its timeout).</summary>
    private const int CallsPerSilo = 2;

    /// <summary>The effective call timeout is at least this many times the longest successful call so far.</summary>
    private const int TimeoutOverLongestCall = 4;

    /// <summary>Runs a job on the cluster with default scheduling options.</summary>
    /// <param name="grainFactory">The cluster client (or a grain's factory).</param>
    /// <param name="job">The job.</param>
    /// <param name="progress">Receives progress after each grain call, in increasing order (from worker tasks, under a lock: keep it short).</param>
    /// <param name="cancellationToken">Cancels the run: in-flight calls are cancelled and nothing is merged.</param>
    /// <returns>The result, bit-identical to <see cref="MonteCarloEngine.Simulate"/> on the same inputs.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">The job is invalid for its model or scenarios.</exception>
    /// <exception cref="KeyNotFoundException">A resolver does not know the model or scenarios.</exception>
    /// <exception cref="SimulationInputMismatchException">A silo resolves the job to other inputs.</exception>
    /// <exception cref="OperationCanceledException">Cancelled.</exception>
    /// <exception cref="TimeoutException">A chunk range kept failing for longer than <see cref="OrleansSimulationOptions.RetryWindow"/> (or <see cref="OrleansSimulationOptions.MaxAttempts"/> times).</exception>
    public static Task<SimulationResult> RunAsync(IGrainFactory grainFactory, SimulationJob job,
        IProgress<SimulationProgress>? progress = null, CancellationToken cancellationToken = default) =>
        RunAsync(grainFactory, job, new OrleansSimulationOptions(), progress, cancellationToken);

    /// <summary>Runs a job on the cluster.</summary>
    /// <param name="grainFactory">The cluster client (or a grain's factory).</param>
    /// <param name="job">The job.</param>
    /// <param name="options">Scheduling: resolver, chunks per call, concurrency, retries.</param>
    /// <param name="progress">Receives progress after each grain call, in increasing order (from worker tasks, under a lock: keep it short).</param>
    /// <param name="cancellationToken">Cancels the run: in-flight calls are cancelled and nothing is merged.</param>
    /// <returns>The result, bit-identical to <see cref="MonteCarloEngine.Simulate"/> on the same inputs.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">The job is invalid for its model or scenarios.</exception>
    /// <exception cref="KeyNotFoundException">A resolver does not know the model or scenarios.</exception>
    /// <exception cref="SimulationInputMismatchException">A silo resolves the job to other inputs.</exception>
    /// <exception cref="OperationCanceledException">Cancelled.</exception>
    /// <exception cref="TimeoutException">A chunk range kept failing for longer than <see cref="OrleansSimulationOptions.RetryWindow"/> (or <see cref="OrleansSimulationOptions.MaxAttempts"/> times).</exception>
    public static async Task<SimulationResult> RunAsync(IGrainFactory grainFactory, SimulationJob job, OrleansSimulationOptions options,
        IProgress<SimulationProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(grainFactory);
        ArgumentNullException.ThrowIfNull(job);
        ArgumentNullException.ThrowIfNull(options);
        var run = ResolvedJob.Resolve(options.Resolver ?? SimulationInputResolver.WithPresets(), job);
        var partials = await ComputeAsync(grainFactory, job, run, 0, run.Plan.ChunkCount, options, progress, cancellationToken).ConfigureAwait(false);
        return MonteCarloEngine.Combine(run.Model, run.Scenarios, run.Options, partials);
    }

    /// <summary>
    /// Computes chunks [<paramref name="firstChunk"/>, <paramref name="firstChunk"/> + <paramref name="chunkCount"/>) of a
    /// job on the cluster and returns their merged partial — what <see cref="MonteCarloEngine.SimulateChunks"/> returns
    /// for the same range, bit for bit (for hybrid runs: a cluster computing one part of a batch job).
    /// </summary>
    /// <param name="grainFactory">The cluster client (or a grain's factory).</param>
    /// <param name="job">The job.</param>
    /// <param name="firstChunk">First chunk index, in [0, ChunkCount).</param>
    /// <param name="chunkCount">Chunks, in [1, ChunkCount − <paramref name="firstChunk"/>].</param>
    /// <param name="options">Scheduling: resolver, chunks per call, concurrency, retries.</param>
    /// <param name="progress">Receives progress after each grain call, in increasing order (from worker tasks, under a lock: keep it short).</param>
    /// <param name="cancellationToken">Cancels the run: in-flight calls are cancelled and nothing is merged.</param>
    /// <returns>The merged partial.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The range is outside the job's chunks.</exception>
    /// <exception cref="KeyNotFoundException">A resolver does not know the model or scenarios.</exception>
    /// <exception cref="SimulationInputMismatchException">A silo resolves the job to other inputs.</exception>
    /// <exception cref="OperationCanceledException">Cancelled.</exception>
    /// <exception cref="TimeoutException">A chunk range kept failing for longer than <see cref="OrleansSimulationOptions.RetryWindow"/> (or <see cref="OrleansSimulationOptions.MaxAttempts"/> times).</exception>
    public static async Task<SimulationPartial> SimulateChunksAsync(IGrainFactory grainFactory, SimulationJob job, long firstChunk, long chunkCount,
        OrleansSimulationOptions options, IProgress<SimulationProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(grainFactory);
        ArgumentNullException.ThrowIfNull(job);
        ArgumentNullException.ThrowIfNull(options);
        var run = ResolvedJob.Resolve(options.Resolver ?? SimulationInputResolver.WithPresets(), job);
        ArgumentOutOfRangeException.ThrowIfNegative(firstChunk);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(firstChunk, run.Plan.ChunkCount);
        ArgumentOutOfRangeException.ThrowIfLessThan(chunkCount, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(chunkCount, run.Plan.ChunkCount - firstChunk);
        var partials = await ComputeAsync(grainFactory, job, run, firstChunk, chunkCount, options, progress, cancellationToken).ConfigureAwait(false);
        return SimulationPartial.Merge(partials);
    }

    /// <summary>The chunks per call used when <see cref="OrleansSimulationOptions.ChunksPerCall"/> is 0.</summary>
    /// <param name="chunkSize">Customers per chunk, ≥ 1.</param>
    /// <returns>max(1, <see cref="OrleansSimulationOptions.DefaultLifetimesPerCall"/> / <paramref name="chunkSize"/>).</returns>
    public static int DefaultChunksPerCall(int chunkSize) => Math.Max(1, OrleansSimulationOptions.DefaultLifetimesPerCall / Math.Max(1, chunkSize));

    private static async Task<IReadOnlyList<SimulationPartial>> ComputeAsync(IGrainFactory grains, SimulationJob job, ResolvedJob run,
        long firstChunk, long chunkCount, OrleansSimulationOptions options, IProgress<SimulationProgress>? progress, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var perCall = options.ChunksPerCall > 0 ? options.ChunksPerCall : DefaultChunksPerCall(run.Options.ChunkSize);
        var rangeCount = (chunkCount + perCall - 1) / perCall;
        var concurrency = options.MaxConcurrentCalls > 0
            ? options.MaxConcurrentCalls
            : CallsPerSilo * Math.Max(1, await ActiveSiloCountAsync(grains).ConfigureAwait(false));
        var jobId = options.JobId ?? Guid.NewGuid().ToString("N");
        var retryWindow = RetryWindowFor(grains, options);
        var health = new RunHealth();
        var merger = new OrderedMerger(run, chunkCount, progress, options.CallCompleted);

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        long next = -1;
        async Task WorkAsync()
        {
            try
            {
                while (true)
                {
                    var r = Interlocked.Increment(ref next);
                    if (r >= rangeCount)
                    {
                        return;
                    }

                    var first = firstChunk + (r * perCall);
                    var count = Math.Min(perCall, firstChunk + chunkCount - first);
                    var request = new ChunkRequest(job, run.Fingerprint, first, count);
                    var (result, partial) = await CallWithRetriesAsync(grains, jobId, request, options, retryWindow, health, stop.Token).ConfigureAwait(false);
                    merger.Add(r, result, partial);
                }
            }
            catch
            {
                await stop.CancelAsync().ConfigureAwait(false);
                throw;
            }
        }

        var workers = new Task[(int)Math.Min(concurrency, rangeCount)];
        for (var i = 0; i < workers.Length; i++)
        {
            workers[i] = Task.Run(WorkAsync, CancellationToken.None);
        }

        try
        {
            await Task.WhenAll(workers).ConfigureAwait(false);
        }
        catch (Exception) when (!cancellationToken.IsCancellationRequested)
        {
            // Report the first real failure, not the cancellations it caused in the other workers.
            var failure = workers.Where(w => w.IsFaulted).SelectMany(w => w.Exception!.InnerExceptions)
                .FirstOrDefault(e => e is not OperationCanceledException);
            if (failure is not null)
            {
                ExceptionDispatchInfo.Throw(failure);
            }

            throw;
        }
        catch (Exception) when (cancellationToken.IsCancellationRequested)
        {
            throw new OperationCanceledException("The distributed simulation was cancelled; no partial result was merged.", cancellationToken);
        }

        return merger.Finish();
    }

    private static async Task<(ChunkResult Result, SimulationPartial Partial)> CallWithRetriesAsync(IGrainFactory grains, string jobId,
        ChunkRequest request, OrleansSimulationOptions options, TimeSpan retryWindow, RunHealth health, CancellationToken cancellationToken)
    {
        var key = string.Create(CultureInfo.InvariantCulture, $"{jobId}/{request.FirstChunk}+{request.ChunkCount}");
        Stopwatch? sinceFirstFailure = null;
        for (var attempt = 1; ; attempt++)
        {
            // A fresh key per attempt: a fresh activation, placed among the silos alive now.
            var grain = grains.GetGrain<IChunkGrain>(attempt == 1 ? key : string.Create(CultureInfo.InvariantCulture, $"{key}#{attempt}"));
            using var call = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);

            // A loaded cluster computes slowly: never time out a call sooner than a few times the slowest call that
            // succeeded, or busy-but-alive silos would have their work cancelled and re-queued over and over.
            var timeout = TimeSpan.FromTicks(Math.Max(options.CallTimeout.Ticks, TimeoutOverLongestCall * health.LongestCallTicks));
            call.CancelAfter(timeout);
            var started = Stopwatch.GetTimestamp();
            Exception failure;
            try
            {
                var result = await grain.SimulateAsync(request, call.Token).ConfigureAwait(false);
                health.Succeeded(Stopwatch.GetElapsedTime(started));
                return (result, Accept(request, result));
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                throw;
            }
            catch (OperationCanceledException e)
            {
                failure = call.IsCancellationRequested
                    ? new TimeoutException(string.Create(CultureInfo.InvariantCulture,
                        $"Chunks [{request.FirstChunk}, {request.FirstChunk + request.ChunkCount}) took longer than the call timeout ({timeout.TotalSeconds:0.###} s: CallTimeout, or {TimeoutOverLongestCall} × the longest call so far)."), e)
                    : e; // cancelled on the silo's side: it is shutting down
            }
            catch (Exception e) when (IsTransient(e))
            {
                failure = e;
            }

            sinceFirstFailure ??= Stopwatch.StartNew();
            var delay = TimeSpan.FromTicks(Math.Min(options.RetryDelay.Ticks * attempt, options.MaxRetryDelay.Ticks));

            // The cluster is recovering as long as calls succeed somewhere: the window runs from the later of this
            // range's first failure and the run's last successful call. A range failing for ten windows gives up anyway.
            var stalled = TimeSpan.FromTicks(Math.Min(sinceFirstFailure.Elapsed.Ticks, health.SinceLastSuccess.Ticks));
            if ((options.MaxAttempts > 0 && attempt >= options.MaxAttempts) || stalled + delay > retryWindow
                || sinceFirstFailure.Elapsed > retryWindow * 10)
            {
                ExceptionDispatchInfo.Throw(new TimeoutException(string.Create(CultureInfo.InvariantCulture,
                    $"Chunks [{request.FirstChunk}, {request.FirstChunk + request.ChunkCount}) failed {attempt} times over {sinceFirstFailure.Elapsed.TotalSeconds:0.0} s, " +
                    $"{stalled.TotalSeconds:0.0} s of them with no call of the run succeeding (retry window {retryWindow.TotalSeconds:0.#} s" +
                    $"{(options.MaxAttempts > 0 ? string.Create(CultureInfo.InvariantCulture, $", at most {options.MaxAttempts} attempts") : string.Empty)}): " +
                    $"the cluster did not recover; last failure: {failure.GetType().Name}: {failure.Message}"), failure));
            }

            options.CallRetrying?.Invoke(new ChunkRetry(request.FirstChunk, request.ChunkCount, attempt, failure));
            await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// The time a cluster with these membership options takes, at most, to declare a dead silo dead:
    /// <c>ProbeTimeout × (NumMissedProbesLimit + 1)</c> — a silo is suspected after <c>NumMissedProbesLimit</c> missed
    /// probes, one per <c>ProbeTimeout</c>, plus one period for where in its probe cycle the silo died. 20 s with
    /// Orleans' defaults (5 s × (3 + 1)); measured about 11 s after a <c>kill -9</c> on one machine.
    /// </summary>
    /// <param name="membership">The cluster's membership options (the silos' and the client's must agree).</param>
    /// <returns>The period.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="membership"/> is null.</exception>
    public static TimeSpan FailureDetectionPeriod(ClusterMembershipOptions membership)
    {
        ArgumentNullException.ThrowIfNull(membership);
        return membership.ProbeTimeout * (Math.Max(membership.NumMissedProbesLimit, 1) + 1);
    }

    /// <summary>
    /// The default <see cref="OrleansSimulationOptions.RetryWindow"/>: three <see cref="FailureDetectionPeriod"/>s
    /// (60 s with Orleans' defaults) — one for the cluster to declare the silo dead, one for the news to reach every
    /// gateway and the client, one to spare for a second failure in the same run.
    /// </summary>
    /// <param name="membership">The cluster's membership options.</param>
    /// <returns>The window.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="membership"/> is null.</exception>
    public static TimeSpan DefaultRetryWindow(ClusterMembershipOptions membership) => FailureDetectionPeriod(membership) * 3;

    /// <summary>The retry window of a run: the options', else the default for the membership options registered in
    /// the client's services (Orleans' defaults when it has none).</summary>
    private static TimeSpan RetryWindowFor(IGrainFactory grains, OrleansSimulationOptions options)
    {
        if (options.RetryWindow is { } window)
        {
            return window;
        }

        var membership = (grains as IClusterClient)?.ServiceProvider.GetService<IOptions<ClusterMembershipOptions>>()?.Value;
        return DefaultRetryWindow(membership ?? new ClusterMembershipOptions());
    }

    /// <summary>Reads a call's partial and checks it is the range asked for, of this run.</summary>
    private static SimulationPartial Accept(ChunkRequest request, ChunkResult result)
    {
        using var stream = new MemoryStream(result.Partial ?? [], writable: false);
        var partial = SimulationPartial.ReadFrom(stream); // InvalidDataException (corrupt transfer) is transient
        if (!string.Equals(partial.Fingerprint, request.Fingerprint, StringComparison.Ordinal))
        {
            throw new SimulationInputMismatchException(
                $"Silo {result.Silo} returned a partial of run {partial.Fingerprint} for run {request.Fingerprint}: its inputs differ from the coordinator's.");
        }

        if (partial.ChunkRanges is not [var range] || range != (request.FirstChunk, request.ChunkCount))
        {
            throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture,
                $"Silo {result.Silo} returned chunks {string.Join(", ", partial.ChunkRanges)} for [{request.FirstChunk}, {request.FirstChunk + request.ChunkCount})."));
        }

        return partial;
    }

    private static bool IsTransient(Exception e) => e switch
    {
        SiloUnavailableException or OrleansMessageRejectionException or ConnectionFailedException or GatewayTooBusyException
            or OrleansLifecycleCanceledException or TimeoutException or InvalidDataException => true,
        SimulationInputMismatchException => false,
        AggregateException { InnerExceptions: [var inner] } => IsTransient(inner),
        OrleansException { InnerException: { } inner } => IsTransient(inner),
        _ => false,
    };

    private static async Task<int> ActiveSiloCountAsync(IGrainFactory grains)
    {
        try
        {
            var hosts = await grains.GetGrain<IManagementGrain>(0).GetHosts(onlyActive: true).ConfigureAwait(false);
            return hosts.Count;
        }
        catch (Exception e) when (e is OrleansException or TimeoutException or InvalidOperationException)
        {
            return 1;
        }
    }

    /// <summary>How a run's calls fare, shared by its workers: the longest successful call (queueing on the silo
    /// included) and when the last one succeeded (the run's start until one has).</summary>
    private sealed class RunHealth
    {
        private readonly long _start = Stopwatch.GetTimestamp();
        private long _longestTicks;
        private long _lastSuccess;

        public RunHealth() => _lastSuccess = _start;

        public long LongestCallTicks => Interlocked.Read(ref _longestTicks);

        public TimeSpan SinceLastSuccess => Stopwatch.GetElapsedTime(Interlocked.Read(ref _lastSuccess));

        public void Succeeded(TimeSpan elapsed)
        {
            Interlocked.Exchange(ref _lastSuccess, Stopwatch.GetTimestamp());
            var ticks = elapsed.Ticks;
            var seen = Interlocked.Read(ref _longestTicks);
            while (ticks > seen)
            {
                var previous = Interlocked.CompareExchange(ref _longestTicks, ticks, seen);
                if (previous == seen)
                {
                    return;
                }

                seen = previous;
            }
        }
    }

    /// <summary>Collects call results and merges them in canonical order, in batches, as the prefix completes.</summary>
    private sealed class OrderedMerger(ResolvedJob run, long chunkCount, IProgress<SimulationProgress>? progress, Action<ChunkResult>? completed)
    {
        private readonly Lock _sync = new();
        private readonly SortedDictionary<long, SimulationPartial> _pending = [];
        private readonly List<SimulationPartial> _ready = [];
        private SimulationPartial? _merged;
        private long _nextRange;
        private long _chunks;
        private long _lifetimes;

        public void Add(long range, ChunkResult result, SimulationPartial partial)
        {
            long lifetimes = 0;
            for (var k = result.FirstChunk; k < result.FirstChunk + result.ChunkCount; k++)
            {
                lifetimes += run.Plan[k].CustomerCount;
            }

            lock (_sync)
            {
                _pending.Add(range, partial);
                while (_pending.Remove(_nextRange, out var p))
                {
                    _ready.Add(p);
                    _nextRange++;
                }

                if (_ready.Count >= MergeBatch)
                {
                    _merged = SimulationPartial.Merge(_merged is null ? _ready : [_merged, .. _ready]);
                    _ready.Clear();
                }

                _chunks += result.ChunkCount;
                _lifetimes += lifetimes;

                // Reported under the lock so that reports arrive in increasing order.
                completed?.Invoke(result);
                progress?.Report(new SimulationProgress(_chunks, chunkCount, _lifetimes));
            }
        }

        public IReadOnlyList<SimulationPartial> Finish()
        {
            lock (_sync)
            {
                if (_pending.Count != 0)
                {
                    throw new InvalidOperationException("Internal error: chunk ranges completed out of reach of the canonical prefix.");
                }

                return _merged is null ? [.. _ready] : [_merged, .. _ready];
            }
        }
    }
}
