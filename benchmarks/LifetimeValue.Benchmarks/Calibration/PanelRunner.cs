using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using LifetimeValue.Calibration.Panel;

namespace LifetimeValue.Benchmarks.Calibration;

/// <summary>
/// The panel-calibration runner, for the bounded-memory goal (a 10-million-row panel): run each step in its own process so
/// the peak working set is the step's own.
/// <list type="bullet">
/// <item><description><c>panel generate --customers N [--months 60] [--seed 1] --out FILE</c>: draws a panel from the bank preset
/// (at the stylised 2020–2024 short rate of samples/data/bank-rates.csv) and writes it as CSV, streaming.</description></item>
/// <item><description><c>panel fit FILE [--margin-band-years Y]</c>: calibrates it (bank stages, rates, acquisition-cost column)
/// from the file, streaming, and prints one JSON line: rows, customers, wall time, rows per second, managed allocation, peak
/// working set and the load average before and after.</description></item>
/// </list>
/// </summary>
public static class PanelRunner
{
    private static readonly int[] Stages = [11, 18, 23, 30, 45, 60, 67, 85];

    public static int Run(string[] args)
    {
        if (args.Length < 2 || args[0] is not ("generate" or "fit"))
        {
            Console.Error.WriteLine("usage: panel generate --customers N [--months M] [--seed S] --out FILE | panel fit FILE [--margin-band-years Y]");
            return 1;
        }

        long customers = 20_000;
        int months = 60;
        int? bandYears = null;
        ulong seed = 1;
        string? output = null;
        var file = args[0] == "fit" ? args[1] : null;
        for (var i = args[0] == "fit" ? 2 : 1; i < args.Length; i++)
        {
            string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
            switch (args[i])
            {
                case "--customers": customers = long.Parse(Next(), CultureInfo.InvariantCulture); break;
                case "--months": months = int.Parse(Next(), CultureInfo.InvariantCulture); break;
                case "--seed": seed = ulong.Parse(Next(), CultureInfo.InvariantCulture); break;
                case "--out": output = Next(); break;
                case "--margin-band-years": bandYears = int.Parse(Next(), CultureInfo.InvariantCulture); break;
                default:
                    Console.Error.WriteLine($"unknown argument {args[i]}");
                    return 1;
            }
        }

        var load = LoadAverage();
        var allocated = GC.GetTotalAllocatedBytes(precise: true);
        var clock = Stopwatch.StartNew();
        var line = new Dictionary<string, object?>();
        if (args[0] == "generate")
        {
            if (output is null)
            {
                Console.Error.WriteLine("generate needs --out FILE");
                return 1;
            }

            var rows = PanelCsvWriter.WriteFile(
                SyntheticPanel.Generate(Presets.Bank(), new SyntheticPanelOptions { Customers = customers, Months = months, Seed = seed, Rates = Rates(months) }),
                output, withAcquisitionCost: true);
            line["step"] = "generate";
            line["customers_acquired"] = customers;
            line["rows"] = rows;
            line["file_mib"] = new FileInfo(output).Length / (1024.0 * 1024.0);
        }
        else
        {
            var fit = PanelCalibration.FitFile(file!, new PanelCsvOptions { AcquisitionCostColumn = 8 },
                new PanelCalibrationOptions { StageBoundaries = Stages, Rates = Rates(months), MarginBandYears = bandYears });
            line["step"] = "fit";
            line["rows"] = fit.Data.Rows;
            line["customers"] = fit.Data.Customers;
            line["customer_months"] = fit.Data.CustomerMonths;
            line["file_mib"] = new FileInfo(file!).Length / (1024.0 * 1024.0);
            line["hazard_youth"] = fit.Attrition[0].MonthlyHazard;
        }

        var wall = clock.Elapsed.TotalSeconds;
        allocated = GC.GetTotalAllocatedBytes(precise: true) - allocated;
        using var process = Process.GetCurrentProcess();
        process.Refresh();
        line["wall_s"] = wall;
        line["rows_per_s"] = Convert.ToDouble(line["rows"], CultureInfo.InvariantCulture) / wall;
        line["allocated_bytes"] = allocated;
        line["peak_working_set_mib"] = process.PeakWorkingSet64 / (1024.0 * 1024.0);
        line["gc_gen2"] = GC.CollectionCount(2);
        line["load_average_before"] = load;
        line["load_average_after"] = LoadAverage();
        line["processors"] = Environment.ProcessorCount;
        Console.WriteLine(JsonSerializer.Serialize(line));
        return 0;
    }

    /// <summary>The stylised short rate of samples/data/bank-rates.csv from 2020-01: near zero, a hiking cycle to 5 %, a first cut.</summary>
    public static MonthlyRates Rates(int months) => MonthlyRates.FromValues(new DateOnly(2020, 1, 1), [.. Enumerable.Range(0, months).Select(m =>
        m < 24 ? 0.001 + (0.0001 * m) : m < 42 ? 0.0034 + ((0.050 - 0.0034) * (m - 24) / 17) : m < 54 ? 0.050 : Math.Max(0.0, 0.050 - (0.0025 * (m - 53) / 2)))]);

    private static string? LoadAverage() => File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Trim() : null;
}
