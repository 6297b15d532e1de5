using BenchmarkDotNet.Attributes;
using LifetimeValue.Scenarios;
using LifetimeValue.Simulation;

namespace LifetimeValue.Benchmarks.W1;

/// <summary>Shared set-up of the W1 suites: the scenarios for N customers × S scenarios at σ, fixed seed.</summary>
public abstract class W1BenchmarkBase : ILifetimeBenchmark
{
    private ScenarioSet? _rates;

    /// <summary>Customers per scenario.</summary>
    public abstract long Customers { get; }

    /// <summary>Scenarios S.</summary>
    protected abstract int Scenarios { get; }

    /// <summary>Rate volatility σ.</summary>
    protected abstract double Sigma { get; }

    public long Lifetimes => Customers * Scenarios;

    protected ScenarioSet Rates => _rates ??= W1Runner.Scenarios(Scenarios, Sigma, 1);

    [GlobalSetup]
    public void Setup() => _ = Rates;

    /// <summary>The naive object-per-customer stepping loop (single thread).</summary>
    [Benchmark(Baseline = true)]
    public double Naive() => NaiveW1.Simulate(Customers, Rates, 1).Mean;

    /// <summary>Event-time sampling on one thread.</summary>
    [Benchmark]
    public SimulationResult EventTime1Thread() => W1Runner.Simulate(Customers, Rates, 1, 1, SimulationMethod.EventTime);

    /// <summary>Event-time sampling on every core.</summary>
    [Benchmark]
    public SimulationResult EventTime() => W1Runner.Simulate(Customers, Rates, 1, 0, SimulationMethod.EventTime);

    /// <summary>Month-by-month stepping (the library's, same draws as the GPU port) on every core.</summary>
    [Benchmark]
    public SimulationResult Stepping() => W1Runner.Simulate(Customers, Rates, 1, 0, SimulationMethod.Stepping);
}

/// <summary>W1-S: one deterministic scenario (σ = 0); N up to 100,000.</summary>
[Config(typeof(BenchConfig))]
public class W1S : W1BenchmarkBase
{
    [Params(10_000, 100_000)]
    public int N { get; set; }

    public override long Customers => N;

    protected override int Scenarios => 1;

    protected override double Sigma => 0;
}

/// <summary>
/// W1-M: 100 stochastic scenarios (σ = 0.01). The workload's N = 100,000 (10⁷ lifetimes) takes the naive baseline
/// minutes per operation, so the suite stops at 10,000; compare-peer.sh times the full size.
/// </summary>
[Config(typeof(BenchConfig))]
public class W1M : W1BenchmarkBase
{
    [Params(1_000, 10_000)]
    public int N { get; set; }

    public override long Customers => N;

    protected override int Scenarios => 100;

    protected override double Sigma => 0.01;
}

/// <summary>
/// W1-L: one deterministic scenario, many customers (memory must not grow with N × T: compare the Allocated column,
/// O(N) objects for the naive baseline, O(chunks) for the engine). The workload's 10⁷ customers take the naive
/// baseline minutes per operation, so the suite stops at 10⁶; compare-peer.sh times 10⁷ and its peak working set.
/// </summary>
[Config(typeof(BenchConfig))]
public class W1L : W1BenchmarkBase
{
    [Params(300_000, 1_000_000)]
    public int N { get; set; }

    public override long Customers => N;

    protected override int Scenarios => 1;

    protected override double Sigma => 0;
}
