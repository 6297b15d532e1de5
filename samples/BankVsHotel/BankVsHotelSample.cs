using System.Globalization;
using LifetimeValue;
using LifetimeValue.Comparison;
using LifetimeValue.Model;
using LifetimeValue.Plotting;
using LifetimeValue.Scenarios;
using LifetimeValue.Sensitivity;
using LifetimeValue.Simulation;

namespace BankVsHotel;

/// <summary>
/// The README's main job: the customer-centric "bank" and the customer-focused "hotel" presets side by side on the
/// same rate scenarios, with charts.
/// </summary>
public static class BankVsHotelSample
{
    /// <summary>The sample's default scenario count: enough for the bank–hotel ranking to hold whatever the scenario seed (the
    /// rate scenarios, not the customers, dominate the error of the bank's expected CLV; see docs/uncertainty.md).</summary>
    public const int DefaultScenarios = 1_000;

    /// <summary>The sample's default customers per scenario (their sampling error is a small part of the total).</summary>
    public const int DefaultCustomers = 2_000;

    /// <summary>Runs the comparison, prints the tables and writes the charts.</summary>
    /// <param name="output">Where the tables go.</param>
    /// <param name="chartsDirectory">Folder for the PNG charts (created when missing).</param>
    /// <param name="customers">Customers per scenario.</param>
    /// <param name="scenarios">Rate scenarios.</param>
    /// <param name="seed">Seed of the scenarios and of the simulation (same seed, same numbers).</param>
    /// <returns>The comparison.</returns>
    public static ComparisonResult Run(TextWriter output, string chartsDirectory, int customers = DefaultCustomers, int scenarios = DefaultScenarios, ulong seed = 2026)
    {
        ArgumentNullException.ThrowIfNull(output);
        var models = new StrategyModel[] { Presets.Bank(), Presets.Hotel() };
        var result = Compare(customers, scenarios, seed);
        var options = result.Options;

        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Bank (customer-centric) vs hotel (customer-focused): {customers:N0} customers × {scenarios:N0} Vasicek rate scenarios, seed {seed}; cohort {options.CohortSize:N0}, capital {options.AvailableCapital:N0}."));
        output.WriteLine();
        result.WriteText(output);
        output.WriteLine();
        foreach (var difference in result.Differences)
        {
            output.WriteLine(difference.Statement);
        }

        var tornado = SensitivityAnalysis.Tornado(models,
            [SensitivityParameter.DiscountRate, SensitivityParameter.AttritionMultiplier, SensitivityParameter.AcquisitionCost, SensitivityParameter.RateShift],
            Presets.BankRates());
        var map = SensitivityAnalysis.DecisionMap(models,
            SensitivityParameter.AttritionMultiplier, [0.5, 0.75, 1.0, 1.25, 1.5],
            SensitivityParameter.DiscountRate, [0.01, 0.02, 0.03, 0.04, 0.05, 0.06, 0.07, 0.08], Presets.BankRates());
        output.WriteLine();
        LifetimeValue.Reporting.TableWriter.WriteText([map.ToTables()[0]], output);

        var files = Charts.WriteAll(result, chartsDirectory).ToList();
        files.Add(Charts.Tornado(tornado, Path.Combine(chartsDirectory, "tornado.png")));
        files.Add(Charts.DecisionMap(map, Path.Combine(chartsDirectory, "decision-map.png")));
        output.WriteLine();
        output.WriteLine($"Charts written to {Path.GetFullPath(chartsDirectory)}:");
        foreach (var f in files)
        {
            output.WriteLine($"  {Path.GetFileName(f)}");
        }

        return result;
    }

    /// <summary>The comparison alone (no tables or charts): the bank and hotel presets on <paramref name="scenarios"/> Vasicek
    /// paths (r₀ 3 %, κ 0.15, θ 3 %, σ 1 %, exact monthly steps), <paramref name="customers"/> customers each, cohort 10,000, capital 5,000,000.</summary>
    /// <param name="customers">Customers per scenario.</param>
    /// <param name="scenarios">Rate scenarios.</param>
    /// <param name="seed">Seed of the scenarios and of the simulation.</param>
    /// <returns>The comparison.</returns>
    public static ComparisonResult Compare(int customers = DefaultCustomers, int scenarios = DefaultScenarios, ulong seed = 2026)
    {
        var models = new StrategyModel[] { Presets.Bank(), Presets.Hotel() };

        // Vasicek short rate from 3 % around a 3 % long-run level, 1 % volatility, monthly exact steps.
        var rateModel = new Vasicek(0.03, 0.15, 0.03, 0.01);
        var paths = ScenarioSet.Generate(rateModel, scenarios, models.Max(m => m.MaxPeriods), seed);
        var options = new ComparisonOptions
        {
            Simulation = new SimulationOptions { Seed = seed, Customers = customers },
            CohortSize = 10_000,
            AvailableCapital = 5_000_000,
        };
        return StrategyComparison.Compare(models, paths, options);
    }
}
