using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using LifetimeValue.Lifecycle;
using LifetimeValue.Projection;
using LifetimeValue.Scenarios;
using LifetimeValue.Simulation;

namespace LifetimeValue.Benchmarks.W1;

/// <summary>
/// The W1 command-line runner (see benchmarks/WORKLOAD.md):
/// <c>w1 --exact</c> prints W1-det's exact mean PV from the deterministic engine;
/// <c>w1 --customers N --scenarios S --sigma X --seed K [--threads T] [--method event|stepping] [--end-age A]</c> runs W1
/// through the public Monte Carlo API and prints one JSON line with the peer's keys, plus the timed run's managed
/// allocation and the process's peak working set (for W1-L's memory bound). <c>--end-age</c> (default 80, W1's) moves
/// the horizon, to measure how time grows with the number of periods T.
/// </summary>
public static class W1Runner
{
    public static int Run(string[] args)
    {
        if (args.Contains("--limit"))
        {
            return W1Limit.Run();
        }

        if (args.Contains("--exact"))
        {
            var result = ExpectedValueEngine.Project(Presets.W1(), Presets.W1DeterministicRates());
            Console.WriteLine(JsonSerializer.Serialize(new Dictionary<string, double> { ["exact_mean_pv_w1_det"] = result.Clv }));
            return 0;
        }

        long customers = 100_000;
        int scenarios = 1, threads = 0;
        double sigma = 0;
        ulong seed = 1;
        var method = SimulationMethod.EventTime;
        var endAge = 80;
        for (var i = 0; i < args.Length; i++)
        {
            string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
            switch (args[i])
            {
                case "--customers": customers = long.Parse(Next(), CultureInfo.InvariantCulture); break;
                case "--scenarios": scenarios = int.Parse(Next(), CultureInfo.InvariantCulture); break;
                case "--sigma": sigma = double.Parse(Next(), CultureInfo.InvariantCulture); break;
                case "--seed": seed = ulong.Parse(Next(), CultureInfo.InvariantCulture); break;
                case "--threads": threads = int.Parse(Next(), CultureInfo.InvariantCulture); break;
                case "--method": method = Next() == "stepping" ? SimulationMethod.Stepping : SimulationMethod.EventTime; break;
                case "--end-age": endAge = int.Parse(Next(), CultureInfo.InvariantCulture); break;
                default:
                    Console.Error.WriteLine($"unknown argument {args[i]}; usage: w1 --exact | w1 --customers N --scenarios S --sigma X --seed K [--threads T] [--method event|stepping] [--end-age A]");
                    return 1;
            }
        }

        var model = Model(endAge);
        var rates = Scenarios(scenarios, sigma, seed);

        // JIT warm-up, excluded from the timing (the peer's numpy is warm after import): small runs of 40 one-chunk
        // scenarios (40,000 lifetimes), so that every per-chunk method passes the tiered JIT's call-count threshold,
        // then a pause for the background tier-1 compilation, twice. Milliseconds of work; no effect on the result.
        var warmUp = Scenarios(40, sigma, seed + 1);
        for (var round = 0; round < 2; round++)
        {
            Simulate(model, 1_000, warmUp, seed + 1, threads, method);
            Thread.Sleep(250);
        }

        var allocated = GC.GetTotalAllocatedBytes(precise: true);
        var clock = Stopwatch.StartNew();
        var result2 = Simulate(model, customers, rates, seed, threads, method);
        var wall = clock.Elapsed.TotalSeconds;
        allocated = GC.GetTotalAllocatedBytes(precise: true) - allocated;
        using var process = Process.GetCurrentProcess();
        process.Refresh();

        var minYearEnd = Math.Min(0.0, result2.YearEndCumulativePresentValue.Min());
        var line = new Dictionary<string, object?>
        {
            ["customers"] = customers,
            ["scenarios"] = scenarios,
            ["sigma"] = sigma,
            ["method"] = method.ToString(),
            ["mean"] = result2.Clv.Mean,
            ["sd"] = result2.Clv.StandardDeviation,
            ["se"] = result2.Clv.StandardError,
            ["p5"] = result2.Percentile(0.05),
            ["p50"] = result2.Percentile(0.50),
            ["p95"] = result2.Percentile(0.95),
            ["break_even_year"] = result2.BreakEvenYear,
            ["peak_funding"] = -customers * minYearEnd,
            ["wall_s"] = wall,
            ["lifetimes_per_s"] = customers * scenarios / wall,
            ["threads"] = threads == 0 ? Environment.ProcessorCount : threads,
            ["end_age"] = endAge,
            ["max_periods"] = 12 * (endAge - 11),
            ["allocated_bytes"] = allocated,
            ["peak_working_set_mib"] = process.PeakWorkingSet64 / (1024.0 * 1024.0),
        };
        if (sigma == 0)
        {
            var exact = ExpectedValueEngine.Project(model, Presets.W1DeterministicRates()).Clv;
            line["exact_mean"] = exact;
            line["z_vs_exact"] = (result2.Clv.Mean - exact) / result2.Clv.StandardError;
        }

        Console.WriteLine(JsonSerializer.Serialize(line));
        return 0;
    }

    /// <summary>W1 through the public API: Vasicek–Euler scenarios and the W1 preset.</summary>
    public static SimulationResult Simulate(long customers, int scenarios, double sigma, ulong seed, int threads, SimulationMethod method) =>
        Simulate(customers, Scenarios(scenarios, sigma, seed), seed, threads, method);

    /// <summary>The W1 preset, with the horizon moved to <paramref name="endAge"/> (80 is W1 itself).</summary>
    public static LifecycleModel Model(int endAge) => endAge == 80 ? Presets.W1() : Presets.W1() with { Horizon = Horizon.ToAge(endAge) };

    /// <summary>W1's scenarios: Vasicek–Euler (r₀ 0.03, κ 0.15, θ 0.035, σ), one path per scenario.</summary>
    public static ScenarioSet Scenarios(int scenarios, double sigma, ulong seed) =>
        ScenarioSet.Generate(new Vasicek(0.03, 0.15, 0.035, sigma, RateScheme.Euler), scenarios, Presets.W1MaxPeriods, seed);

    /// <summary>W1 through the public API on given scenarios.</summary>
    public static SimulationResult Simulate(long customers, ScenarioSet rates, ulong seed, int threads, SimulationMethod method) =>
        Simulate(Presets.W1(), customers, rates, seed, threads, method);

    /// <summary>A W1-like model through the public API on given scenarios.</summary>
    public static SimulationResult Simulate(LifecycleModel model, long customers, ScenarioSet rates, ulong seed, int threads, SimulationMethod method)
    {
        var options = new SimulationOptions { Customers = customers, Seed = seed, MaxDegreeOfParallelism = threads, Method = method };
        return MonteCarloEngine.Simulate(model, rates, options);
    }
}
