using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using LifetimeValue.Scenarios;
using LifetimeValue.Simulation;

namespace LifetimeValue.Gpu.Runner;

/// <summary>
/// Times the GPU engine on W1 (shared/bench/WORKLOAD.md) and prints one JSON line per job:
/// <c>--job w1m</c> (N = 100,000, S = 100, σ = 0.01), <c>--job w1-50m</c> (N = 50,000,000, S = 1,000, σ = 0.01),
/// <c>--job check</c> (GPU vs CPU engine bit for bit on small W1 runs, both methods), <c>--job w1m-cpu</c> (W1-M on the
/// CPU engine, for a side-by-side on the same machine), or a custom run with
/// <c>--customers N --scenarios S --sigma X</c>. Common options: <c>--seed K</c>, <c>--method event|stepping</c>,
/// <c>--accelerator cuda|cpu</c>, <c>--max-per-launch M</c>, <c>--host-threads T</c>.
/// </summary>
public static class Program
{
    public static int Main(string[] args)
    {
        var jobs = new List<string>();
        long customers = 100_000;
        int scenarios = 100, maxPerLaunch = GpuEngineOptions.DefaultMaxCustomersPerLaunch, hostThreads = 0;
        double sigma = 0.01;
        ulong seed = 1;
        var method = SimulationMethod.EventTime;
        var accelerator = AcceleratorKind.Cuda;
        for (var i = 0; i < args.Length; i++)
        {
            string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
            switch (args[i])
            {
                case "--job": jobs.Add(Next()); break;
                case "--customers": customers = long.Parse(Next(), CultureInfo.InvariantCulture); jobs.Add("custom"); break;
                case "--scenarios": scenarios = int.Parse(Next(), CultureInfo.InvariantCulture); break;
                case "--sigma": sigma = double.Parse(Next(), CultureInfo.InvariantCulture); break;
                case "--seed": seed = ulong.Parse(Next(), CultureInfo.InvariantCulture); break;
                case "--method": method = Next() == "stepping" ? SimulationMethod.Stepping : SimulationMethod.EventTime; break;
                case "--accelerator": accelerator = Next() == "cpu" ? AcceleratorKind.Cpu : AcceleratorKind.Cuda; break;
                case "--max-per-launch": maxPerLaunch = int.Parse(Next(), CultureInfo.InvariantCulture); break;
                case "--host-threads": hostThreads = int.Parse(Next(), CultureInfo.InvariantCulture); break;
                default:
                    Console.Error.WriteLine($"unknown argument {args[i]}; usage: --job w1m|w1m-cpu|w1-50m|host-stats|check [--job ...] | --customers N --scenarios S --sigma X; [--seed K] [--method event|stepping] [--accelerator cuda|cpu] [--max-per-launch M] [--host-threads T]");
                    return 1;
            }
        }

        if (jobs.Count == 0)
        {
            jobs.Add("w1m");
        }

        GpuMonteCarloEngine engine;
        try
        {
            engine = new GpuMonteCarloEngine(new GpuEngineOptions { Accelerator = accelerator, MaxCustomersPerLaunch = maxPerLaunch, HostThreads = hostThreads });
        }
        catch (GpuUnavailableException e)
        {
            Console.WriteLine(JsonSerializer.Serialize(new Dictionary<string, object> { ["error"] = e.Message }));
            return 2;
        }

        using (engine)
        {
            // Warm-up launch (kernel compilation, JIT of the host statistics), excluded from every timing.
            var warmClock = Stopwatch.StartNew();
            engine.Simulate(Presets.W1(), Rates(2, 0.01, seed + 1), new SimulationOptions { Customers = 20_000, Seed = seed + 1, Method = method });
            var warmup = warmClock.Elapsed.TotalSeconds;

            var failed = false;
            foreach (var job in jobs.Distinct())
            {
                switch (job)
                {
                    case "w1m":
                        Time(engine, "W1-M", 100_000, 100, 0.01, seed, method, warmup);
                        break;
                    case "w1-50m":
                        Time(engine, "W1-50Mx1000", 50_000_000, 1_000, 0.01, seed, method, warmup);
                        break;
                    case "w1m-cpu":
                        MonteCarloEngine.Simulate(Presets.W1(), Rates(2, 0.01, seed + 1), new SimulationOptions { Customers = 20_000, Seed = seed + 1, Method = method });
                        Time(engine, "W1-M", 100_000, 100, 0.01, seed, method, warmup, cpu: true);
                        break;
                    case "host-stats":
                        HostStats();
                        break;
                    case "check":
                        failed |= !Check(engine, seed);
                        break;
                    case "custom":
                        Time(engine, "custom", customers, scenarios, sigma, seed, method, warmup);
                        break;
                    default:
                        Console.Error.WriteLine($"unknown job {job}: expected w1m, w1m-cpu, w1-50m, host-stats or check");
                        return 1;
                }
            }

            return failed ? 3 : 0;
        }
    }

    private static ScenarioSet Rates(int scenarios, double sigma, ulong seed) =>
        ScenarioSet.Generate(new Vasicek(0.03, 0.15, 0.035, sigma, RateScheme.Euler), scenarios, Presets.W1MaxPeriods, seed);

    private static void Time(GpuMonteCarloEngine engine, string name, long customers, int scenarios, double sigma, ulong seed, SimulationMethod method, double warmup,
        bool cpu = false)
    {
        // Timed like the CPU runner (benchmarks/LifetimeValue.Benchmarks w1): scenario generation included.
        var clock = Stopwatch.StartNew();
        var rates = Rates(scenarios, sigma, seed);
        var options = new SimulationOptions { Customers = customers, Seed = seed, Method = method };
        var result = cpu ? MonteCarloEngine.Simulate(Presets.W1(), rates, options) : engine.Simulate(Presets.W1(), rates, options);
        var wall = clock.Elapsed.TotalSeconds;
        var lifetimes = (double)customers * scenarios;
        var minYearEnd = Math.Min(0.0, result.YearEndCumulativePresentValue.Min());
        Console.WriteLine(JsonSerializer.Serialize(new Dictionary<string, object?>
        {
            ["job"] = name,
            ["engine"] = cpu ? "cpu" : "gpu",
            ["device"] = cpu ? $"{Environment.ProcessorCount} host threads" : engine.DeviceName,
            ["accelerator"] = cpu ? "none (MonteCarloEngine)" : engine.AcceleratorKind.ToString(),
            ["customers"] = customers,
            ["scenarios"] = scenarios,
            ["sigma"] = sigma,
            ["method"] = method.ToString(),
            ["mean"] = result.Clv.Mean,
            ["sd"] = result.Clv.StandardDeviation,
            ["se"] = result.Clv.StandardError,
            ["p5"] = result.Percentile(0.05),
            ["p50"] = result.Percentile(0.50),
            ["p95"] = result.Percentile(0.95),
            ["break_even_year"] = result.BreakEvenYear,
            ["peak_funding"] = -customers * minYearEnd,
            ["fingerprint"] = result.Fingerprint,
            ["warmup_s"] = warmup,
            ["wall_s"] = wall,
            ["lifetimes_per_s"] = lifetimes / wall,
        }));
    }

    /// <summary>
    /// Times the host's share of each lifetime on one thread — what the engine does with every PV after a launch (fixed-point
    /// moments and quantile sketch, as a CPU worker) — to tell whether a GPU run is bound by the host rather than the device.
    /// </summary>
    private static void HostStats()
    {
        const int Chunk = SimulationOptions.DefaultChunkSize;
        var pv = new double[Chunk];
        var rng = new System.Random(1);
        for (var i = 0; i < pv.Length; i++)
        {
            pv[i] = -150 + (Math.Exp(rng.NextDouble() * 9) - 1); // W1-like spread: −150 to several thousand
        }

        var moments = new Statistics.FixedPointMoments();
        var sketch = new Statistics.QuantileSketch();
        for (var warm = 0; warm < 50; warm++)
        {
            moments.AddRange(pv);
            sketch.AddRange(pv);
        }

        const int Rounds = 2_000;
        var clock = Stopwatch.StartNew();
        for (var r = 0; r < Rounds; r++)
        {
            moments.Clear();
            moments.AddRange(pv);
            sketch.AddRange(pv);
        }

        var wall = clock.Elapsed.TotalSeconds;
        Console.WriteLine(JsonSerializer.Serialize(new Dictionary<string, object?>
        {
            ["job"] = "host-stats",
            ["host_threads"] = Environment.ProcessorCount,
            ["lifetimes_per_s_per_thread"] = (double)Chunk * Rounds / wall,
        }));
    }

    /// <summary>Runs small W1 jobs on the accelerator and on the CPU engine and compares the partial files byte for byte.</summary>
    private static bool Check(GpuMonteCarloEngine engine, ulong seed)
    {
        var ok = true;
        foreach (var method in new[] { SimulationMethod.EventTime, SimulationMethod.Stepping })
        {
            foreach (var (customers, scenarios, sigma) in new[] { (50_000L, 1, 0.0), (20_000L, 8, 0.01) })
            {
                var rates = Rates(scenarios, sigma, seed);
                var options = new SimulationOptions { Customers = customers, Seed = seed, Method = method, ChunkSize = 4_096, ExactQuantileLimit = 1_000_000 };
                var all = MonteCarloEngine.Plan(rates, options).ChunkCount;
                var gpu = Bytes(engine.SimulateChunks(Presets.W1(), rates, options, 0, all));
                var cpu = Bytes(MonteCarloEngine.SimulateChunks(Presets.W1(), rates, options, 0, all));
                var same = gpu.AsSpan().SequenceEqual(cpu);
                ok &= same;
                Console.WriteLine(JsonSerializer.Serialize(new Dictionary<string, object?>
                {
                    ["job"] = "check",
                    ["device"] = engine.DeviceName,
                    ["method"] = method.ToString(),
                    ["customers"] = customers,
                    ["scenarios"] = scenarios,
                    ["sigma"] = sigma,
                    ["bit_identical"] = same,
                    ["partial_bytes"] = gpu.Length,
                }));
            }
        }

        return ok;
    }

    private static byte[] Bytes(SimulationPartial partial)
    {
        using var stream = new MemoryStream();
        partial.WriteTo(stream);
        return stream.ToArray();
    }
}
