using BenchmarkDotNet.Attributes;
using LifetimeValue.Lifecycle.Internal;
using LifetimeValue.Scenarios;
using LifetimeValue.Simulation;

namespace LifetimeValue.Benchmarks.Simulation;

/// <summary>
/// The hot loop alone, one chunk of 16,384 W1 customers in one scenario on one thread (no statistics, no
/// scheduling): the untuned scalar kernel (<c>LifecycleKernel.Run</c>, one customer and one Philox block at a time,
/// kept as the documented reference) against the batched kernel that the engine runs, for both methods. Both give
/// bit-identical PVs and count tables. Time is per customer-lifetime.
/// </summary>
[Config(typeof(BenchConfig))]
public class KernelBenchmarks
{
    private const int Chunk = 16_384;
    private CompiledLifecycleModel _model = null!;
    private ScenarioTables _tables = null!;
    private LifecycleBatchKernel _batch = null!;
    private long[][] _counts = null!;
    private long[] _cohortCounts = null!;
    private readonly double[] _pv = new double[Chunk];

    [Params(SimulationMethod.EventTime, SimulationMethod.Stepping)]
    public SimulationMethod Method { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _model = new CompiledLifecycleModel(Presets.W1());
        var rates = ScenarioSet.Generate(new Vasicek(0.03, 0.15, 0.035, 0.01, RateScheme.Euler), 1, Presets.W1MaxPeriods, 1);
        _tables = new ScenarioTables(_model);
        _tables.Build(rates, 0);
        _batch = new LifecycleBatchKernel(_model);
        _counts = [.. _model.Cohorts.Select(c => new long[c.TableLength])];
        _cohortCounts = new long[_model.Cohorts.Length];
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Chunk)]
    public double ScalarKernel()
    {
        LifecycleKernel.Run(_model, _tables, 1, 0, 0, Chunk, Method == SimulationMethod.Stepping, _counts, _cohortCounts, _pv);
        return _pv[Chunk - 1];
    }

    [Benchmark(OperationsPerInvoke = Chunk)]
    public double BatchedKernel()
    {
        _batch.Run(_tables, 1, 0, 0, Chunk, Method == SimulationMethod.Stepping, _counts, _cohortCounts, _pv);
        return _pv[Chunk - 1];
    }
}
