using System.Globalization;
using System.Text.Json;
using LifetimeValue.Internal;
using LifetimeValue.Reporting;
using LifetimeValue.Scenarios;
using LifetimeValue.Simulation;
using LifetimeValue.Statistics;

namespace LifetimeValue.Comparison;

/// <summary>
/// Strategies side by side: expected CLV and its percentiles, cohort NPV, break-even, peak funding, IRR, value
/// accumulated by 1, 3, 5, 10, 20 years and full horizon, crossovers and the funding test.
/// </summary>
/// <remarks>Thread safety: immutable; safe to share.</remarks>
public sealed class ComparisonResult
{
    internal ComparisonResult(IReadOnlyList<StrategyOutcome> strategies, ComparisonOptions options, ScenarioSet scenarios, PrecisionRun? precision = null)
    {
        Strategies = ReadOnly.Copy(strategies);
        Options = options;
        Scenarios = scenarios;
        Precision = precision;
        var differences = new List<StrategyDifference>();
        for (var i = 0; i < strategies.Count; i++)
        {
            for (var j = i + 1; j < strategies.Count; j++)
            {
                differences.Add(new StrategyDifference(strategies[i], strategies[j], options));
            }
        }

        Differences = ReadOnly.Wrap(differences.ToArray());
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

    /// <summary>The paired difference of every pair (i &lt; j; first − second) with its interval, the share of scenarios each wins, and a verdict.</summary>
    public IReadOnlyList<StrategyDifference> Differences { get; }

    /// <summary>How the scenario count was chosen when the comparison was extended to a target precision; null otherwise.</summary>
    public PrecisionRun? Precision { get; }

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
    /// The result as tables: "Comparison" (one column per strategy, one row per metric, with each expected value's total
    /// standard error, its scenario and customer parts and its interval), "Differences" (one column per pair: the paired
    /// differences with intervals, the share of scenarios each is ahead, the verdict), "Value by year" (with the interval's
    /// half-width), "Percentiles", "Crossovers".
    /// </summary>
    /// <returns>The tables.</returns>
    public IReadOnlyList<ResultTable> ToTables()
    {
        var level = string.Create(CultureInfo.InvariantCulture, $"{Options.Simulation.ConfidenceLevel * 100:0.##} %");
        string[] columns = ["Metric", .. Strategies.Select(s => s.Name)];
        List<object?[]> Row(string metric, Func<StrategyOutcome, object?> value) => [[metric, .. Strategies.Select(value)]];
        var rows = new List<object?[]>();
        rows.AddRange(Row("Strategy", s => s.Model.Kind.ToString()));
        rows.AddRange(Row("Horizon (months)", s => s.Model.MaxPeriods));
        rows.AddRange(Row("Expected CLV", s => s.ExpectedClv));
        rows.AddRange(Row($"Expected CLV CI low ({level})", s => Number(s.ExpectedClvEstimate.CiLow)));
        rows.AddRange(Row($"Expected CLV CI high ({level})", s => Number(s.ExpectedClvEstimate.CiHigh)));
        rows.AddRange(Row("Standard error (total)", s => Number(s.ExpectedClvEstimate.StandardError)));
        rows.AddRange(Row("  of which scenarios", s => Number(s.ExpectedClvEstimate.ScenarioStandardError)));
        rows.AddRange(Row("  of which customers", s => Number(s.ExpectedClvEstimate.CustomerStandardError)));
        rows.AddRange(Row("CLV standard deviation", s => s.Simulation.Clv.StandardDeviation));
        rows.AddRange(Row("CLV P5", s => s.Simulation.Percentile(0.05)));
        rows.AddRange(Row("CLV P50", s => s.Simulation.Percentile(0.50)));
        rows.AddRange(Row("CLV P95", s => s.Simulation.Percentile(0.95)));
        rows.AddRange(Row("Cohort NPV", s => s.CohortNpv));
        rows.AddRange(Row($"Cohort NPV CI low ({level})", s => Number(s.CohortNpvEstimate.CiLow)));
        rows.AddRange(Row($"Cohort NPV CI high ({level})", s => Number(s.CohortNpvEstimate.CiHigh)));
        rows.AddRange(Row("Break-even month (first crossing)", s => s.BreakEven.FirstCrossing));
        rows.AddRange(Row($"Break-even month range ({level})", s => MonthText(s.Simulation.BreakEvenInterval)));
        rows.AddRange(Row("Break-even month (stays positive)", s => s.BreakEven.FinalRunStart));
        rows.AddRange(Row("Peak funding per customer", s => s.PeakFundingPerCustomer));
        rows.AddRange(Row($"Peak funding CI low ({level})", s => Number(s.PeakFundingEstimate.CiLow)));
        rows.AddRange(Row($"Peak funding CI high ({level})", s => Number(s.PeakFundingEstimate.CiHigh)));
        rows.AddRange(Row("Peak funding need (cohort)", s => s.Funding.PeakFundingNeed));
        rows.AddRange(Row("Annual IRR", s => s.AnnualIrr));
        rows.AddRange(Row("Fundable with capital", s => s.Funding.IsFundable ? "yes" : "no"));
        rows.AddRange(Row("Scenarios needing more than capital", s => s.Funding.ShareOfScenariosExceeding));
        rows.AddRange(Row("Scenarios", s => s.Simulation.Plan.ScenarioCount));
        rows.AddRange(Row("Customers per scenario", s => s.Simulation.Plan.CustomersPerScenario));

        string[] pairColumns = ["Metric", .. Differences.Select(d => $"{d.First} − {d.Second}")];
        List<object?[]> PairRow(string metric, Func<StrategyDifference, object?> value) => [[metric, .. Differences.Select(value)]];
        var pairs = new List<object?[]>();
        pairs.AddRange(PairRow("Difference in expected CLV", d => d.ExpectedClv.Mean));
        pairs.AddRange(PairRow($"CI low ({level})", d => Number(d.ExpectedClv.CiLow)));
        pairs.AddRange(PairRow($"CI high ({level})", d => Number(d.ExpectedClv.CiHigh)));
        pairs.AddRange(PairRow("Standard error (total)", d => Number(d.ExpectedClv.StandardError)));
        pairs.AddRange(PairRow("Difference in cohort NPV", d => d.CohortNpv.Mean));
        pairs.AddRange(PairRow($"Cohort NPV CI low ({level})", d => Number(d.CohortNpv.CiLow)));
        pairs.AddRange(PairRow($"Cohort NPV CI high ({level})", d => Number(d.CohortNpv.CiHigh)));
        pairs.AddRange(PairRow("Difference in peak funding per customer", d => d.PeakFundingPerCustomer?.Mean));
        pairs.AddRange(PairRow($"Peak funding CI low ({level})", d => Number(d.PeakFundingPerCustomer?.CiLow)));
        pairs.AddRange(PairRow($"Peak funding CI high ({level})", d => Number(d.PeakFundingPerCustomer?.CiHigh)));
        pairs.AddRange(PairRow("Scenarios where first is ahead", d => d.FirstAheadShare));
        pairs.AddRange(PairRow("Scenarios where second is ahead", d => d.SecondAheadShare));
        pairs.AddRange(PairRow("Verdict", d => d.Verdict switch
        {
            ComparisonVerdict.FirstBetter => $"{d.First} better",
            ComparisonVerdict.SecondBetter => $"{d.Second} better",
            _ => "not distinguishable",
        }));
        pairs.AddRange(PairRow("Scenarios needed to distinguish", d => d.ScenariosNeeded));

        var years = Strategies[0].ValueByYear.Select(v => v.Years).ToArray();
        var byYear = years.Select((y, i) => (IReadOnlyList<object?>)[y is null ? "Full horizon" : $"{y} y",
            .. Strategies.SelectMany(s => new[] { (object?)s.ValueByYear[i].CumulativePresentValue, Number(s.ValueByYear[i].Estimate.HalfWidth) })]);

        var percentiles = Strategies[0].Percentiles.Select((p, i) =>
            (IReadOnlyList<object?>)[$"P{p.Level * 100:0}", .. Strategies.Select(s => (object?)s.Percentiles[i].Value)]);

        var crossovers = Crossovers.Select(c => (IReadOnlyList<object?>)[c.First, c.Second, c.LeaderAtEnd, c.OvertakingMonth, c.OvertakingYears, c.FirstCrossingMonth]);

        return
        [
            new ResultTable("Comparison", columns, rows),
            new ResultTable("Differences (paired on common random numbers)", pairColumns, pairs),
            new ResultTable("Value by year (mean cumulative PV per customer)", ["Horizon", .. Strategies.SelectMany(s => new[] { s.Name, $"{s.Name} ± ({level} CI)" })], byYear),
            new ResultTable("CLV percentiles", ["Level", .. Strategies.Select(s => s.Name)], percentiles),
            new ResultTable("Crossovers", ["First", "Second", "Ahead at end", "Overtakes from month", "Overtakes from year", "First crossing month"], crossovers),
        ];
    }

    /// <summary>A number, or null (an empty cell) when it is not known.</summary>
    private static double? Number(double? value) => value is { } v && double.IsFinite(v) ? v : null;

    private static string? MonthText(MonthRange? range) => range is { } r
        ? $"{(r.Earliest is { } e ? e.ToString(CultureInfo.InvariantCulture) : "never")} to {(r.Latest is { } l ? l.ToString(CultureInfo.InvariantCulture) : "beyond horizon")}"
        : null;

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
        json.WriteNumber("ciLevel", Options.Simulation.ConfidenceLevel);
        json.WriteStartArray("strategies");
        foreach (var s in Strategies)
        {
            json.WriteStartObject();
            json.WriteString("name", s.Name);
            json.WriteString("kind", s.Model.Kind.ToString());
            json.WriteNumber("horizonMonths", s.Model.MaxPeriods);
            TwoLevelEstimate.WriteJson(json, "expectedClv", s.ExpectedClvEstimate, string.Empty);
            json.WriteNumber("standardDeviation", s.Simulation.Clv.StandardDeviation);
            json.WriteStartObject("percentiles");
            foreach (var p in s.Percentiles)
            {
                json.WriteNumber($"p{p.Level * 100:0}", p.Value);
            }

            json.WriteEndObject();
            TwoLevelEstimate.WriteJson(json, "cohortNpv", s.CohortNpvEstimate, "cohortNpv");
            WriteNullable(json, "breakEvenMonthFirstCrossing", s.BreakEven.FirstCrossing);
            WriteNullable(json, "breakEvenMonthFinal", s.BreakEven.FinalRunStart);
            if (s.Simulation.BreakEvenInterval is { } range)
            {
                WriteNullable(json, "breakEvenMonthCiEarliest", range.Earliest);
                WriteNullable(json, "breakEvenMonthCiLatest", range.Latest);
            }

            TwoLevelEstimate.WriteJson(json, "peakFundingPerCustomer", s.PeakFundingEstimate, "peakFundingPerCustomer");
            WriteNullable(json, "annualIrr", s.AnnualIrr);
            json.WriteStartArray("valueByYear");
            foreach (var v in s.ValueByYear)
            {
                json.WriteStartObject();
                WriteNullable(json, "years", v.Years);
                json.WriteNumber("month", v.Month);
                json.WriteNumber("cumulativePresentValue", v.CumulativePresentValue);
                WriteNullable(json, "standardError", v.Estimate.StandardError);
                WriteNullable(json, "ciLow", v.Estimate.CiLow);
                WriteNullable(json, "ciHigh", v.Estimate.CiHigh);
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
        json.WriteStartArray("differences");
        foreach (var d in Differences)
        {
            json.WriteStartObject();
            json.WriteString("first", d.First);
            json.WriteString("second", d.Second);
            TwoLevelEstimate.WriteJson(json, "expectedClv", d.ExpectedClv, string.Empty);
            TwoLevelEstimate.WriteJson(json, "cohortNpv", d.CohortNpv, "cohortNpv");
            if (d.PeakFundingPerCustomer is { } peak)
            {
                TwoLevelEstimate.WriteJson(json, "peakFundingPerCustomer", peak, "peakFundingPerCustomer");
            }
            else
            {
                json.WriteNull("peakFundingPerCustomer");
            }

            json.WriteNumber("firstAheadShare", d.FirstAheadShare);
            json.WriteNumber("secondAheadShare", d.SecondAheadShare);
            json.WriteString("verdict", d.Verdict switch
            {
                ComparisonVerdict.FirstBetter => "firstBetter",
                ComparisonVerdict.SecondBetter => "secondBetter",
                _ => "notDistinguishable",
            });
            WriteNullable(json, "scenariosNeeded", d.ScenariosNeeded);
            json.WriteString("statement", d.Statement);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        if (Precision is { } precision)
        {
            json.WriteStartObject("precision");
            json.WriteNumber("targetHalfWidth", precision.TargetHalfWidth);
            json.WriteBoolean("reached", precision.Reached);
            json.WriteStartArray("rounds");
            foreach (var round in precision.Rounds)
            {
                json.WriteStartObject();
                json.WriteNumber("scenarios", round.Scenarios);
                WriteNullable(json, "halfWidth", round.HalfWidth);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

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
