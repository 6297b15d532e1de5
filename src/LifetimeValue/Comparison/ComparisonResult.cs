using System.Text.Json;
using LifetimeValue.Internal;
using LifetimeValue.Reporting;
using LifetimeValue.Scenarios;

namespace LifetimeValue.Comparison;

/// <summary>
/// Strategies side by side: expected CLV and its percentiles, cohort NPV, break-even, peak funding, IRR, value
/// accumulated by 1, 3, 5, 10, 20 years and full horizon, crossovers and the funding test.
/// </summary>
/// <remarks>Thread safety: immutable; safe to share.</remarks>
public sealed class ComparisonResult
{
    internal ComparisonResult(IReadOnlyList<StrategyOutcome> strategies, ComparisonOptions options, ScenarioSet scenarios)
    {
        Strategies = ReadOnly.Copy(strategies);
        Options = options;
        Scenarios = scenarios;
        var crossovers = new List<Crossover>();
        for (var i = 0; i < strategies.Count; i++)
        {
            for (var j = i + 1; j < strategies.Count; j++)
            {
                crossovers.Add(Crossover.Between(strategies[i].Name, strategies[j].Name,
                    strategies[i].Simulation.MeanCumulativePresentValue, strategies[j].Simulation.MeanCumulativePresentValue));
            }
        }

        Crossovers = ReadOnly.Copy(crossovers);
    }

    /// <summary>The strategies, in the order given.</summary>
    public IReadOnlyList<StrategyOutcome> Strategies { get; }

    /// <summary>Crossovers of every pair (i &lt; j).</summary>
    public IReadOnlyList<Crossover> Crossovers { get; }

    /// <summary>The options used.</summary>
    public ComparisonOptions Options { get; }

    /// <summary>The scenarios used.</summary>
    public ScenarioSet Scenarios { get; }

    /// <summary>A strategy by name.</summary>
    /// <param name="name">The model name.</param>
    /// <returns>Its outcome.</returns>
    /// <exception cref="KeyNotFoundException">No strategy has that name.</exception>
    public StrategyOutcome this[string name] =>
        Strategies.FirstOrDefault(s => s.Name == name) ?? throw new KeyNotFoundException($"No strategy named '{name}'.");

    /// <summary>
    /// The result as tables: "Comparison" (one column per strategy, one row per metric), "Value by year",
    /// "Percentiles", "Crossovers".
    /// </summary>
    /// <returns>The tables.</returns>
    public IReadOnlyList<ResultTable> ToTables()
    {
        string[] columns = ["Metric", .. Strategies.Select(s => s.Name)];
        List<object?[]> Row(string metric, Func<StrategyOutcome, object?> value) => [[metric, .. Strategies.Select(value)]];
        var rows = new List<object?[]>();
        rows.AddRange(Row("Strategy", s => s.Model.Kind.ToString()));
        rows.AddRange(Row("Horizon (months)", s => s.Model.MaxPeriods));
        rows.AddRange(Row("Expected CLV", s => s.ExpectedClv));
        rows.AddRange(Row("Standard error", s => s.StandardError));
        rows.AddRange(Row("CLV standard deviation", s => s.Simulation.Clv.StandardDeviation));
        rows.AddRange(Row("CLV P5", s => s.Simulation.Percentile(0.05)));
        rows.AddRange(Row("CLV P50", s => s.Simulation.Percentile(0.50)));
        rows.AddRange(Row("CLV P95", s => s.Simulation.Percentile(0.95)));
        rows.AddRange(Row("Cohort NPV", s => s.CohortNpv));
        rows.AddRange(Row("Break-even month (first crossing)", s => s.BreakEven.FirstCrossing));
        rows.AddRange(Row("Break-even month (stays positive)", s => s.BreakEven.FinalRunStart));
        rows.AddRange(Row("Peak funding per customer", s => s.PeakFundingPerCustomer));
        rows.AddRange(Row("Peak funding need (cohort)", s => s.Funding.PeakFundingNeed));
        rows.AddRange(Row("Annual IRR", s => s.AnnualIrr));
        rows.AddRange(Row("Fundable with capital", s => s.Funding.IsFundable ? "yes" : "no"));
        rows.AddRange(Row("Scenarios needing more than capital", s => s.Funding.ShareOfScenariosExceeding));

        var years = Strategies[0].ValueByYear.Select(v => v.Years).ToArray();
        var byYear = years.Select((y, i) => (IReadOnlyList<object?>)[y is null ? "Full horizon" : $"{y} y", .. Strategies.Select(s => (object?)s.ValueByYear[i].CumulativePresentValue)]);

        var percentiles = Strategies[0].Percentiles.Select((p, i) =>
            (IReadOnlyList<object?>)[$"P{p.Level * 100:0}", .. Strategies.Select(s => (object?)s.Percentiles[i].Value)]);

        var crossovers = Crossovers.Select(c => (IReadOnlyList<object?>)[c.First, c.Second, c.LeaderAtEnd, c.OvertakingMonth, c.OvertakingYears, c.FirstCrossingMonth]);

        return
        [
            new ResultTable("Comparison", columns, rows),
            new ResultTable("Value by year (mean cumulative PV per customer)", ["Horizon", .. Strategies.Select(s => s.Name)], byYear),
            new ResultTable("CLV percentiles", ["Level", .. Strategies.Select(s => s.Name)], percentiles),
            new ResultTable("Crossovers", ["First", "Second", "Ahead at end", "Overtakes from month", "Overtakes from year", "First crossing month"], crossovers),
        ];
    }

    /// <summary>Writes the console text tables.</summary>
    /// <param name="writer">Destination.</param>
    public void WriteText(TextWriter writer) => TableWriter.WriteText(ToTables(), writer);

    /// <summary>Writes Markdown tables.</summary>
    /// <param name="writer">Destination.</param>
    public void WriteMarkdown(TextWriter writer) => TableWriter.WriteMarkdown(ToTables(), writer);

    /// <summary>Writes the tables as CSV sections.</summary>
    /// <param name="writer">Destination.</param>
    public void WriteCsv(TextWriter writer) => TableWriter.WriteCsv(ToTables(), writer);

    /// <summary>Writes the result as JSON (UTF-8): options, per-strategy metrics, value by year, percentiles, funding, crossovers.</summary>
    /// <param name="stream">Destination.</param>
    /// <param name="indented">Indent the output.</param>
    public void WriteJson(Stream stream, bool indented = true)
    {
        ArgumentNullException.ThrowIfNull(stream);
        using var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = indented });
        json.WriteStartObject();
        json.WriteNumber("seed", Options.Simulation.Seed);
        json.WriteNumber("customersPerScenario", Options.Simulation.Customers);
        json.WriteNumber("scenarios", Scenarios.ScenarioCount);
        json.WriteNumber("cohortSize", Options.CohortSize);
        json.WriteNumber("availableCapital", Options.AvailableCapital);
        json.WriteStartArray("strategies");
        foreach (var s in Strategies)
        {
            json.WriteStartObject();
            json.WriteString("name", s.Name);
            json.WriteString("kind", s.Model.Kind.ToString());
            json.WriteNumber("horizonMonths", s.Model.MaxPeriods);
            json.WriteNumber("expectedClv", s.ExpectedClv);
            json.WriteNumber("standardError", s.StandardError);
            json.WriteNumber("standardDeviation", s.Simulation.Clv.StandardDeviation);
            json.WriteStartObject("percentiles");
            foreach (var p in s.Percentiles)
            {
                json.WriteNumber($"p{p.Level * 100:0}", p.Value);
            }

            json.WriteEndObject();
            json.WriteNumber("cohortNpv", s.CohortNpv);
            WriteNullable(json, "breakEvenMonthFirstCrossing", s.BreakEven.FirstCrossing);
            WriteNullable(json, "breakEvenMonthFinal", s.BreakEven.FinalRunStart);
            json.WriteNumber("peakFundingPerCustomer", s.PeakFundingPerCustomer);
            WriteNullable(json, "annualIrr", s.AnnualIrr);
            json.WriteStartArray("valueByYear");
            foreach (var v in s.ValueByYear)
            {
                json.WriteStartObject();
                WriteNullable(json, "years", v.Years);
                json.WriteNumber("month", v.Month);
                json.WriteNumber("cumulativePresentValue", v.CumulativePresentValue);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteStartObject("funding");
            json.WriteNumber("peakFundingNeed", s.Funding.PeakFundingNeed);
            json.WriteBoolean("fundable", s.Funding.IsFundable);
            WriteNullable(json, "shareOfScenariosExceeding", double.IsNaN(s.Funding.ShareOfScenariosExceeding) ? null : s.Funding.ShareOfScenariosExceeding);
            json.WriteEndObject();
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteStartArray("crossovers");
        foreach (var c in Crossovers)
        {
            json.WriteStartObject();
            json.WriteString("first", c.First);
            json.WriteString("second", c.Second);
            if (c.LeaderAtEnd is null)
            {
                json.WriteNull("leaderAtEnd");
            }
            else
            {
                json.WriteString("leaderAtEnd", c.LeaderAtEnd);
            }

            WriteNullable(json, "overtakingMonth", c.OvertakingMonth);
            WriteNullable(json, "firstCrossingMonth", c.FirstCrossingMonth);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static void WriteNullable(Utf8JsonWriter json, string name, double? value)
    {
        if (value is { } v && double.IsFinite(v))
        {
            json.WriteNumber(name, v);
        }
        else
        {
            json.WriteNull(name);
        }
    }
}
