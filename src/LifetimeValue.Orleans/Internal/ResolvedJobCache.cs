using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace LifetimeValue.Orleans.Internal;

/// <summary>
/// Per-silo cache of resolved jobs, so the many chunk calls of one job resolve the model and regenerate the
/// scenarios once per silo rather than once per call. Bounded: cleared when it exceeds its capacity.
/// </summary>
internal sealed class ResolvedJobCache(ISimulationInputResolver resolver, IOptions<SimulationSiloOptions> options)
{
    private readonly ConcurrentDictionary<SimulationJob, Lazy<ResolvedJob>> _jobs = new();
    private readonly int _capacity = options.Value.ResolvedJobCacheSize;

    public ResolvedJob Get(SimulationJob job)
    {
        if (_jobs.Count >= _capacity && !_jobs.ContainsKey(job))
        {
            _jobs.Clear();
        }

        var lazy = _jobs.GetOrAdd(job, j => new Lazy<ResolvedJob>(() => ResolvedJob.Resolve(resolver, j), LazyThreadSafetyMode.ExecutionAndPublication));
        try
        {
            return lazy.Value;
        }
        catch
        {
            // Do not cache failures: a resolver that failed (a file not yet mounted) may succeed on the retry.
            _jobs.TryRemove(new KeyValuePair<SimulationJob, Lazy<ResolvedJob>>(job, lazy));
            throw;
        }
    }
}
