using LifetimeValue.Model;
using LifetimeValue.Scenarios;
using LifetimeValue.Simulation;

namespace LifetimeValue.Lifecycle.Internal;

/// <summary>Per-thread scratch for <see cref="LifecycleKernel"/>: scenario tables, count tables and the flow buffer.</summary>
internal sealed class LifecycleChunkKernel : ChunkKernel
{
    private readonly CompiledLifecycleModel _model;
    private readonly ScenarioSet _scenarios;
    private readonly ulong _seed;
    private readonly bool _stepping;
    private readonly ScenarioTables _tables;
    private readonly long[][] _counts;
    private readonly long[] _cohortCounts;
    private readonly LifecycleBatchKernel _batch;

    public LifecycleChunkKernel(CompiledLifecycleModel model, ScenarioSet scenarios, SimulationOptions options)
    {
        _model = model;
        _scenarios = scenarios;
        _seed = options.Seed;
        _stepping = options.Method == SimulationMethod.Stepping;
        _tables = new ScenarioTables(model);
        _counts = new long[model.Cohorts.Length][];
        for (var c = 0; c < _counts.Length; c++)
        {
            _counts[c] = new long[model.Cohorts[c].TableLength];
        }

        _cohortCounts = new long[model.Cohorts.Length];
        _batch = new LifecycleBatchKernel(model);
    }

    public override void Run(int scenario, long first, int count, Span<double> pv, Span<double> flows)
    {
        _tables.Build(_scenarios, scenario);
        foreach (var c in _counts)
        {
            Array.Clear(c);
        }

        Array.Clear(_cohortCounts);
        _batch.Run(_tables, _seed, scenario, first, count, _stepping, _counts, _cohortCounts, pv);
        LifecycleKernel.Flows(_model, _tables, _counts, _cohortCounts, flows);
    }
}
