using System.Diagnostics;
using LifetimeValue.Simulation;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Placement;

namespace LifetimeValue.Orleans.Internal;

/// <summary>The silo side of <see cref="IChunkGrain"/>: resolve (cached per silo), check the fingerprint, wait for
/// a compute slot, run the range on the thread pool, return the partial's bytes, deactivate.</summary>
[RandomPlacement]
internal sealed partial class ChunkGrain(ResolvedJobCache cache, ComputeGate gate, IOptions<SimulationSiloOptions> options, ILogger<ChunkGrain> logger)
    : Grain, IChunkGrain
{
    private readonly int _maxDegreeOfParallelism = options.Value.MaxDegreeOfParallelism;
    private string _key = string.Empty;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _key = this.GetPrimaryKeyString();
        return base.OnActivateAsync(cancellationToken);
    }

    public async Task<ChunkResult> SimulateAsync(ChunkRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        try
        {
            var run = cache.Get(request.Job);
            if (!string.Equals(run.Fingerprint, request.Fingerprint, StringComparison.Ordinal))
            {
                throw new SimulationInputMismatchException(
                    $"Silo {RuntimeIdentity} resolves job '{request.Job}' to run fingerprint {run.Fingerprint}, but the coordinator's is " +
                    $"{request.Fingerprint}: the model '{request.Job.Model}' or the scenarios differ between processes (preset version, model or scenario file). " +
                    "Deploy the same inputs everywhere.");
            }

            await gate.WaitAsync(cancellationToken);
            try
            {
                var options = run.Options with { MaxDegreeOfParallelism = _maxDegreeOfParallelism };
                var watch = Stopwatch.StartNew();

                // Off the grain's turn: the engine is synchronous and CPU-bound.
                var bytes = await Task.Run(() =>
                {
                    var partial = MonteCarloEngine.SimulateChunks(run.Model, run.Scenarios, options, request.FirstChunk, request.ChunkCount, cancellationToken);
                    using var stream = new MemoryStream();
                    partial.WriteTo(stream);
                    return stream.ToArray();
                }, cancellationToken);
                var milliseconds = watch.Elapsed.TotalMilliseconds;
                LogComputed(request.FirstChunk, request.FirstChunk + request.ChunkCount, _key, milliseconds);
                return new ChunkResult(request.FirstChunk, request.ChunkCount, bytes, RuntimeIdentity, milliseconds);
            }
            finally
            {
                gate.Release();
            }
        }
        finally
        {
            DeactivateOnIdle();
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "computed chunks [{First}, {End}) for {Key} in {Milliseconds:0} ms")]
    private partial void LogComputed(long first, long end, string key, double milliseconds);
}
