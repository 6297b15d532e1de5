namespace LifetimeValue.Orleans;

/// <summary>A chunk range about to be retried after a transient failure (reported through
/// <see cref="OrleansSimulationOptions.CallRetrying"/>).</summary>
/// <param name="FirstChunk">First chunk of the range.</param>
/// <param name="ChunkCount">Chunks in the range.</param>
/// <param name="FailedAttempt">The attempt that failed, from 1.</param>
/// <param name="Failure">Why it failed (a lost silo, a rejected message, a timeout).</param>
public readonly record struct ChunkRetry(long FirstChunk, long ChunkCount, int FailedAttempt, Exception Failure);
