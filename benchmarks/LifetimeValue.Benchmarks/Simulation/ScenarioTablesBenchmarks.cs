using BenchmarkDotNet.Attributes;
using LifetimeValue.Lifecycle.Internal;
using LifetimeValue.Scenarios;

namespace LifetimeValue.Benchmarks.Simulation;

/// <summary>
/// The per-scenario discount and margin series: <c>ScenarioTables.Build</c> (discount factors from the rate path and
/// the prefix sums of discounted flows for every W1 cohort and product column), once per scenario per worker.
/// Alternates between two scenarios so every call rebuilds.
/// </summary>
[Config(typeof(BenchConfig))]
public class ScenarioTablesBenchmarks
{
    private ScenarioSet _rates = null!;
    private ScenarioTables _tables = null!;
    private int _next;

    [GlobalSetup]
    public void Setup()
    {
        var model = new CompiledLifecycleModel(Presets.W1());
        _rates = ScenarioSet.Generate(new Vasicek(0.03, 0.15, 0.035, 0.01, RateScheme.Euler), 2, Presets.W1MaxPeriods, 1);
        _tables = new ScenarioTables(model);
    }

    [Benchmark]
    public double Build()
    {
        _next ^= 1;
        _tables.Build(_rates, _next);
        return _tables.Prefix[0][1];
    }
}
