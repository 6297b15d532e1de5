using BenchmarkDotNet.Attributes;
using LifetimeValue.Programmes;
using LifetimeValue.Scenarios;
using LifetimeValue.Simulation;

namespace LifetimeValue.Benchmarks.Programmes;

/// <summary>
/// Acquisition programmes (issue 18's performance targets): a 30-year monthly programme of the bank on the exact engine
/// (target: milliseconds), and a Monte Carlo programme against simulating one cohort per scenario (baseline: the
/// programme must cost no more than the cohort simulation plus a linear pass per scenario).
/// </summary>
[Config(typeof(BenchConfig))]
public class ProgrammeBenchmarks
{
    private readonly Programme _programme = new(Presets.Bank(), AcquisitionSchedule.PerYear(50_000, 30));
    private readonly SimulationOptions _options = new() { Seed = 1, Customers = 2_000, ChunkSize = 2_000 };
    private ScenarioSet _scenarios = null!;

    [GlobalSetup]
    public void Setup() => _scenarios = ScenarioSet.Generate(new Vasicek(0.03, 0.15, 0.035, 0.01), 20, Presets.Bank().MaxPeriods, 1);

    [Benchmark]
    public double ExactThirtyYearProgramme() => ProgrammeEngine.Project(_programme, Presets.BankRates()).Npv.Mean;

    [Benchmark(Baseline = true)]
    public double CohortSimulation() => MonteCarloEngine.Simulate(_programme.Strategy, _scenarios, _options).ExpectedClv.Mean;

    [Benchmark]
    public double ProgrammeSimulation() => ProgrammeEngine.Simulate(_programme, _scenarios, _options).Npv.Mean;
}
