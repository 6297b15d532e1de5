using System.Globalization;
using LifetimeValue.Internal;

namespace LifetimeValue.Simulation.Backends;

/// <summary>
/// Builds the <see cref="SimulationPartial"/> of a chunk range from the PVs and flows a backend computed, with the CPU
/// engine's own statistics (fixed-point moments and flows per chunk, quantile sketch, exact sample), so the partial is
/// byte-identical to <see cref="MonteCarloEngine.SimulateChunks"/>'s whenever the PVs and flows are.
/// </summary>
/// <remarks>
/// <para>Use: one <see cref="ChunkRecorder"/> per thread (<see cref="CreateRecorder"/>); record each chunk of the range
/// exactly once, in any order, from any number of recorders; then <see cref="Build"/> once. Every statistic is an exact
/// integer sum or a multiset, so neither the order of chunks nor their spread over recorders changes a bit.</para>
/// <para>Thread safety: <see cref="CreateRecorder"/>, <see cref="RecordedChunks"/> and recorders on different threads may
/// run concurrently; call <see cref="Build"/> after every recorder has returned.</para>
/// </remarks>
public sealed class SimulationPartialBuilder
{
    private readonly Lock _sync = new();
    private readonly SimulationPartial _partial;
    private readonly List<ChunkRecorder> _recorders = [];
    private readonly ulong[] _claimed;
    private long _recorded;
    private bool _built;
    private string? _fault;

    /// <summary>Starts the partial of chunks [<paramref name="firstChunk"/>, <paramref name="firstChunk"/> + <paramref name="chunkCount"/>) of a run.</summary>
    /// <param name="layout">The run's layout (it gives the fingerprint, plan, periods and sketch settings).</param>
    /// <param name="firstChunk">First chunk index, in [0, ChunkCount).</param>
    /// <param name="chunkCount">Number of chunks, in [1, ChunkCount − firstChunk].</param>
    /// <exception cref="ArgumentNullException"><paramref name="layout"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The chunk range is outside the plan.</exception>
    public SimulationPartialBuilder(DrawLayout layout, long firstChunk, long chunkCount)
    {
        ArgumentNullException.ThrowIfNull(layout);
        var plan = layout.Plan;
        Guard.InRange(firstChunk, 0, plan.ChunkCount - 1);
        Guard.InRange(chunkCount, 1, plan.ChunkCount - firstChunk);
        Layout = layout;
        FirstChunk = firstChunk;
        ChunkCount = chunkCount;
        var options = layout.Options;
        KeepsExactSample = options.ExactQuantileLimit > 0 && plan.Lifetimes <= options.ExactQuantileLimit;
        _partial = new SimulationPartial(layout.Fingerprint, plan, layout.Periods, options.SketchAccuracy, KeepsExactSample);
        _claimed = new ulong[checked((chunkCount + 63) / 64)];
    }

    /// <summary>The run's layout.</summary>
    public DrawLayout Layout { get; }

    /// <summary>First chunk of the range.</summary>
    public long FirstChunk { get; }

    /// <summary>Chunks in the range.</summary>
    public long ChunkCount { get; }

    /// <summary>Whether the partial keeps every CLV for exact quantiles (run lifetimes ≤ <see cref="SimulationOptions.ExactQuantileLimit"/>), as the CPU engine decides.</summary>
    public bool KeepsExactSample { get; }

    /// <summary>Chunks recorded so far.</summary>
    public long RecordedChunks
    {
        get
        {
            lock (_sync)
            {
                return _recorded;
            }
        }
    }

    /// <summary>A new recorder for one thread (recorders may be reused for any number of chunks).</summary>
    /// <returns>The recorder.</returns>
    /// <exception cref="InvalidOperationException">The partial has already been built.</exception>
    public ChunkRecorder CreateRecorder()
    {
        lock (_sync)
        {
            ThrowIfBuilt();
            var recorder = new ChunkRecorder(this);
            _recorders.Add(recorder);
            return recorder;
        }
    }

    /// <summary>Finishes the partial: merges every recorder's sample, records the chunk range and seals it.</summary>
    /// <returns>The partial (immutable), bit-identical to the CPU engine's for the same PVs and flows.</returns>
    /// <exception cref="InvalidOperationException">Already built, a chunk of the range was not recorded, or a recording failed.</exception>
    public SimulationPartial Build()
    {
        lock (_sync)
        {
            ThrowIfBuilt();
            if (_fault is not null)
            {
                throw new InvalidOperationException($"The partial cannot be built: {_fault}");
            }

            if (_recorded != ChunkCount)
            {
                throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture,
                    $"{_recorded} of the {ChunkCount} chunks [{FirstChunk}, {FirstChunk + ChunkCount}) were recorded (first missing: {FirstMissing()}): record every chunk of the range before Build."));
            }

            foreach (var recorder in _recorders)
            {
                recorder.Statistics.MergeSampleInto(_partial);
            }

            _built = true;
            _partial.Complete(FirstChunk, ChunkCount);
            return _partial;
        }
    }

    /// <summary>Claims a chunk for one recorder: refused if outside the range, already claimed or the partial is built.</summary>
    internal void Claim(SimulationChunk chunk)
    {
        if (chunk.Index < FirstChunk || chunk.Index >= FirstChunk + ChunkCount)
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                $"chunk {chunk.Index} is outside this builder's range [{FirstChunk}, {FirstChunk + ChunkCount})."), nameof(chunk));
        }

        var bit = chunk.Index - FirstChunk;
        lock (_sync)
        {
            ThrowIfBuilt();
            ref var word = ref _claimed[bit >> 6];
            var mask = 1UL << (int)(bit & 63);
            if ((word & mask) != 0)
            {
                throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                    $"chunk {chunk.Index} was already recorded: a chunk would be counted twice."), nameof(chunk));
            }

            word |= mask;
        }
    }

    /// <summary>Adds a recorder's last chunk to the partial, as the CPU engine merges a worker's chunk.</summary>
    internal void Merge(ChunkRecorder recorder, int scenario)
    {
        lock (_sync)
        {
            recorder.Statistics.MergeChunkInto(_partial, scenario);
            _recorded++;
        }
    }

    /// <summary>Marks the builder failed: a claimed chunk could not be recorded, so the partial would be wrong.</summary>
    internal void Fail(long chunk, Exception e)
    {
        lock (_sync)
        {
            _fault ??= string.Create(CultureInfo.InvariantCulture, $"recording chunk {chunk} failed ({e.Message}).");
        }
    }

    private long FirstMissing()
    {
        for (long i = 0; i < ChunkCount; i++)
        {
            if ((_claimed[i >> 6] & (1UL << (int)(i & 63))) == 0)
            {
                return FirstChunk + i;
            }
        }

        return -1; // every chunk claimed; some still being recorded
    }

    private void ThrowIfBuilt()
    {
        if (_built)
        {
            throw new InvalidOperationException("The partial has already been built: start a new SimulationPartialBuilder for another range.");
        }
    }
}
