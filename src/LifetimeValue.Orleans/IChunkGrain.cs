namespace LifetimeValue.Orleans;

/// <summary>
/// Computes ranges of canonical chunks of a job. An ordinary grain (not a stateless worker, which would only
/// spread within one silo), keyed by <c>{jobId}/{firstChunk}+{count}</c> (and <c>#{attempt}</c> on retries), so
/// the cluster's placement spreads a job's calls over every silo and a retry lands on a fresh activation.
/// </summary>
/// <remarks>Activations deactivate after their call; they hold no state.</remarks>
[Alias("LifetimeValue.Orleans.IChunkGrain")]
public interface IChunkGrain : IGrainWithStringKey
{
    /// <summary>Simulates a range of chunks and returns its partial result.</summary>
    /// <param name="request">The job, its fingerprint and the range.</param>
    /// <param name="cancellationToken">Cancels the computation (between chunks).</param>
    /// <returns>The range's partial result.</returns>
    /// <exception cref="SimulationInputMismatchException">This silo resolves the job to other inputs.</exception>
    /// <exception cref="KeyNotFoundException">This silo's resolver does not know the model or scenarios.</exception>
    /// <exception cref="ArgumentException">Invalid job or range.</exception>
    /// <exception cref="OperationCanceledException">Cancelled.</exception>
    [Alias("Simulate")]
    Task<ChunkResult> SimulateAsync(ChunkRequest request, CancellationToken cancellationToken = default);
}
