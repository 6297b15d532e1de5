using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using LifetimeValue.Calibration;

namespace LifetimeValue.Benchmarks.Calibration;

/// <summary>
/// The 1,000,000-customer fit benchmark of issue #19: <c>fit [--customers N] [--resolution day|none] [--models bgnbd,mbgnbd,pareto,gg] [--seed S]</c>
/// simulates histories from the CDNOW estimates (BG/NBD r 0.243, α 4.414, a 0.793, b 2.426; MBG/NBD the same; Pareto/NBD
/// r 0.55, α 10.58, s 0.61, β 11.67; Gamma-Gamma p 6.25, q 3.74, γ 15.44) with T from 27 to 39 weeks as in CDNOW, and times
/// each model's <c>Fit</c> (collapsing included) after a JIT warm-up fit on 10,000 customers. One JSON line per model:
/// wall time <c>fit_s</c>, the process's CPU time during the fit <c>cpu_s</c> (less sensitive to other load on a shared
/// machine), likelihood evaluations, distinct inputs after collapsing, the estimates and the load average.
/// </summary>
/// <remarks>
/// <c>--resolution day</c> (the default) rounds t_x and T down to whole days, in weeks, as a transaction log gives them
/// (CDNOW, lifetimes' <c>summary_data_from_transaction_data</c>) and spend to cents; <c>none</c> keeps the simulated
/// continuous times, so every customer is a distinct likelihood term (the worst case for collapsing).
/// </remarks>
public static class FitRunner
{
    public static int Run(string[] args)
    {
        int customers = 1_000_000;
        string resolution = "day";
        string models = "bgnbd,mbgnbd,pareto,gg";
        ulong seed = 1;
        for (var i = 0; i < args.Length; i++)
        {
            string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
            switch (args[i])
            {
                case "--customers": customers = int.Parse(Next(), CultureInfo.InvariantCulture); break;
                case "--resolution": resolution = Next(); break;
                case "--models": models = Next(); break;
                case "--seed": seed = ulong.Parse(Next(), CultureInfo.InvariantCulture); break;
                default:
                    Console.Error.WriteLine($"unknown argument {args[i]}; usage: fit [--customers N] [--resolution day|none] [--models bgnbd,mbgnbd,pareto,gg] [--seed S]");
                    return 1;
            }
        }

        if (resolution is not ("day" or "none"))
        {
            Console.Error.WriteLine($"--resolution must be day or none (was {resolution})");
            return 1;
        }

        bool daily = resolution == "day";
        foreach (var name in models.Split(','))
        {
            // Warm-up on 10,000 customers so the timed fit runs tiered-up code.
            _ = Fit(name, Data(name, 10_000, seed + 99, daily));
            var data = Data(name, customers, seed, daily);
            string load = LoadAverage();
            var process = Process.GetCurrentProcess();
            var cpu = process.TotalProcessorTime;
            var clock = Stopwatch.StartNew();
            var (parameters, diagnostics, ll) = Fit(name, data);
            clock.Stop();
            process.Refresh();
            double cpuSeconds = (process.TotalProcessorTime - cpu).TotalSeconds;
            var line = new Dictionary<string, object?>
            {
                ["benchmark"] = "fit",
                ["model"] = name,
                ["customers"] = customers,
                ["resolution"] = resolution,
                ["seed"] = seed,
                ["distinct_inputs"] = diagnostics.DistinctInputs,
                ["fit_s"] = clock.Elapsed.TotalSeconds,
                ["cpu_s"] = cpuSeconds,
                ["evaluations"] = diagnostics.FunctionEvaluations,
                ["iterations"] = diagnostics.Iterations,
                ["converged"] = diagnostics.Converged,
                ["gradient_norm"] = diagnostics.GradientNorm,
                ["log_likelihood"] = ll,
                ["parameters"] = parameters,
                ["message"] = diagnostics.Message,
                ["processors"] = Environment.ProcessorCount,
                ["load_before"] = load,
                ["load_after"] = LoadAverage(),
            };
            Console.WriteLine(JsonSerializer.Serialize(line));
        }

        return 0;
    }

    private static object Data(string model, int customers, ulong seed, bool daily)
    {
        var ages = new double[customers];
        for (var i = 0; i < customers; i++)
        {
            ages[i] = 27.0 + ((i % 85) / 7.0); // 27 to 39 weeks in whole days
        }

        IReadOnlyList<RepeatHistory> histories = model switch
        {
            "bgnbd" or "gg" => SyntheticCustomers.BgNbd(BgNbdModel.FromParameters(0.243, 4.414, 0.793, 2.426), ages, seed),
            "mbgnbd" => SyntheticCustomers.ModifiedBgNbd(ModifiedBgNbdModel.FromParameters(0.243, 4.414, 0.793, 2.426), ages, seed),
            "pareto" => SyntheticCustomers.ParetoNbd(ParetoNbdModel.FromParameters(0.55, 10.58, 0.61, 11.67), ages, seed),
            _ => throw new ArgumentException($"unknown model {model}; use bgnbd, mbgnbd, pareto or gg"),
        };
        if (daily)
        {
            histories = [.. histories.Select(h => new RepeatHistory(h.Frequency, Math.Floor(h.Recency * 7) / 7, h.Age))];
        }

        if (model != "gg")
        {
            return histories;
        }

        var frequencies = histories.Select(h => h.Frequency).Where(x => x > 0).ToArray();
        var spend = SyntheticCustomers.GammaGamma(GammaGammaModel.FromParameters(6.25, 3.74, 15.44), frequencies, seed);
        return daily ? spend.Select(s => s with { MeanSpend = Math.Max(0.01, Math.Round(s.MeanSpend, 2)) }).ToList() : spend;
    }

    private static (Dictionary<string, double> Parameters, FitDiagnostics Diagnostics, double LogLikelihood) Fit(string model, object data)
    {
        switch (model)
        {
            case "bgnbd":
                var bg = BgNbdModel.Fit((IReadOnlyList<RepeatHistory>)data);
                return (new() { ["r"] = bg.R, ["alpha"] = bg.Alpha, ["a"] = bg.A, ["b"] = bg.B }, bg.Diagnostics!, bg.LogLikelihood);
            case "mbgnbd":
                var mbg = ModifiedBgNbdModel.Fit((IReadOnlyList<RepeatHistory>)data);
                return (new() { ["r"] = mbg.R, ["alpha"] = mbg.Alpha, ["a"] = mbg.A, ["b"] = mbg.B }, mbg.Diagnostics!, mbg.LogLikelihood);
            case "pareto":
                var pn = ParetoNbdModel.Fit((IReadOnlyList<RepeatHistory>)data);
                return (new() { ["r"] = pn.R, ["alpha"] = pn.Alpha, ["s"] = pn.S, ["beta"] = pn.Beta }, pn.Diagnostics!, pn.LogLikelihood);
            default:
                var gg = GammaGammaModel.Fit((IReadOnlyList<SpendHistory>)data);
                return (new() { ["p"] = gg.P, ["q"] = gg.Q, ["gamma"] = gg.Gamma }, gg.Diagnostics!, gg.LogLikelihood);
        }
    }

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";
}
