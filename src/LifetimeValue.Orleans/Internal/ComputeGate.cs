using Microsoft.Extensions.Options;

namespace LifetimeValue.Orleans.Internal;

/// <summary>Limits the chunk computations running at once in one silo (each already uses the silo's cores).</summary>
internal sealed class ComputeGate(IOptions<SimulationSiloOptions> options) : IDisposable
{
    private readonly SemaphoreSlim _gate = new(options.Value.MaxConcurrentComputations, options.Value.MaxConcurrentComputations);

    public Task WaitAsync(CancellationToken cancellationToken) => _gate.WaitAsync(cancellationToken);

    public void Release() => _gate.Release();

    public void Dispose() => _gate.Dispose();
}
