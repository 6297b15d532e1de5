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
    /// The result as typed tables: "Comparison" (one column per strategy, one row per metric, with each expected value's
    /// total standard error, its parts between and within scenarios and its interval, and the funding test with the
    /// capital and cohort behind it), "Differences" (one column per pair: the paired differences with their errors and
    /// intervals, the share of scenarios each is ahead, the verdict), "Value by year" (with the interval's half-width),
    /// "CLV percentiles", "Crossovers".
    /// </summary>
    /// <returns>The tables.</returns>
    public IReadOnlyList<ResultTable> ToTables()
    {
        var level = ReportRows.Level(Options.Simulation.ConfidenceLevel);
        var cohort = Options.CohortSize.ToString("#,0", CultureInfo.InvariantCulture);
        var capital = Options.AvailableCapital.ToString("#,0.00", CultureInfo.InvariantCulture);
        object?[] Each(Func<StrategyOutcome, object?> value) => [.. Strategies.Select(value)];
        var currency = ValueKind.Currency;
        var rows = new List<MetricRow>
        {
            new("Strategy", ValueKind.Text, Each(s => s.Model.Kind.ToString())),
            new("Horizon (months)", ValueKind.Months, Each(s => s.Model.MaxPeriods)),
        };
        rows.AddRange(ReportRows.Estimate("Expected CLV", currency, [.. Strategies.Select(s => s.ExpectedClvEstimate)]));
        rows.AddRange(
        [
            new("CLV standard deviation (across customers)", currency, Each(s => s.Simulation.Clv.StandardDeviation)) { Key = "clvStandardDeviation" },
            new("CLV P5", currency, Each(s => s.Simulation.Percentile(0.05))),
            new("CLV P50", currency, Each(s => s.Simulation.Percentile(0.50))),
            new("CLV P95", currency, Each(s => s.Simulation.Percentile(0.95))),
        ]);
        rows.AddRange(ReportRows.Estimate($"Cohort NPV ({cohort} customers)", currency, [.. Strategies.Select(s => s.CohortNpvEstimate)], "cohortNpv"));
        rows.AddRange(
        [
            new("Break-even month (first crossing)", ValueKind.Months, Each(s => s.BreakEven.FirstCrossing)),
            new($"Break-even month range ({level} of scenarios)", ValueKind.Text, Each(s => MonthText(s.Simulation.BreakEvenInterval))) { Key = "breakEvenMonthRange" },
            new("Break-even month (stays positive)", ValueKind.Months, Each(s => s.BreakEven.FinalRunStart)),
        ]);
        rows.AddRange(ReportRows.Estimate("Peak funding per customer", currency, [.. Strategies.Select(s => s.PeakFundingEstimate)]));
        rows.AddRange(
        [
            new($"Peak funding need ({cohort} customers)", currency, Each(s => s.Funding.PeakFundingNeed)) { Key = "peakFundingNeed" },
            new("Capital available", currency, Each(s => s.Funding.AvailableCapital)),
            new($"Fundable with capital {capital} for {cohort} customers", ValueKind.Text, Each(s => s.Funding.IsFundable ? "yes" : "no")) { Key = "fundable" },
            new("Share of scenarios needing more than the capital", ValueKind.Percent, Each(s => ReportRows.Number(s.Funding.ShareOfScenariosExceeding))),
            new("Annual IRR (expected flows)", ValueKind.Percent, Each(s => CellFormat.AnnualIrr(s.AnnualIrr))),
        ]);

        var pairs = new List<MetricRow>();
        pairs.AddRange(ReportRows.Estimate("Difference in expected CLV", currency, [.. Differences.Select(d => d.ExpectedClv)]));
        pairs.AddRange(ReportRows.Estimate($"Difference in cohort NPV ({cohort} customers)", currency, [.. Differences.Select(d => d.CohortNpv)], "differenceInCohortNpv"));
        pairs.AddRange(ReportRows.Estimate("Difference in peak funding per customer", currency, [.. Differences.Select(d => d.PeakFundingPerCustomer)]));
        pairs.AddRange(
        [
            new("Share of scenarios where the first is ahead", ValueKind.Percent, [.. Differences.Select(d => (object?)d.FirstAheadShare)]),
            new("Share of scenarios where the second is ahead", ValueKind.Percent, [.. Differences.Select(d => (object?)d.SecondAheadShare)]),
            new("Verdict", ValueKind.Text, [.. Differences.Select(d => (object?)(d.Verdict switch
            {
                ComparisonVerdict.FirstBetter => $"{d.First} better",
                ComparisonVerdict.SecondBetter => $"{d.Second} better",
                _ => "not distinguishable",
            }))]),
            new("Scenarios needed to distinguish", ValueKind.Count, [.. Differences.Select(d => (object?)d.ScenariosNeeded)]),
        ]);

        var years = Strategies[0].ValueByYear.Select(v => v.Years).ToArray();
        var byYear = years.Select((y, i) => (IReadOnlyList<object?>)[y is null ? "Full horizon" : $"{y} y",
            .. Strategies.SelectMany(s => new[] { (object?)s.ValueByYear[i].CumulativePresentValue, ReportRows.Number(s.ValueByYear[i].Estimate.HalfWidth) })]);

        var percentiles = Strategies[0].Percentiles.Select((p, i) =>
            (IReadOnlyList<object?>)[$"P{p.Level * 100:0}", .. Strategies.Select(s => (object?)s.Percentiles[i].Value)]);

        var crossovers = Crossovers.Select(c => (IReadOnlyList<object?>)[c.First, c.Second, c.LeaderAtEnd, c.OvertakingMonth, c.OvertakingYears, c.FirstCrossingMonth]);

        return
        [
            ResultTable.FromMetrics("Comparison", "Metric", [.. Strategies.Select(s => s.Name)], rows),
            ResultTable.FromMetrics("Differences (paired on common random numbers)", "Metric", [.. Differences.Select(d => $"{d.First} − {d.Second}")], pairs),
            new ResultTable("Value by year (mean cumulative PV per customer)",
                [ResultColumn.Text("Horizon"), .. Strategies.SelectMany(s => new[] { ResultColumn.Currency(s.Name), new ResultColumn($"{s.Name} ± ({level} interval)", ValueKind.Currency, $"{s.Name} half width") })], byYear),
            new ResultTable("CLV percentiles", [ResultColumn.Text("Level"), .. Strategies.Select(s => ResultColumn.Currency(s.Name))], percentiles),
            new ResultTable("Crossovers",
                [ResultColumn.Text("First"), ResultColumn.Text("Second"), ResultColumn.Text("Ahead at end"), ResultColumn.Months("Overtakes from month"), ResultColumn.Years("Overtakes from year"), ResultColumn.Months("First crossing month")], crossovers),
        ];
    }

    /// <summary>
    /// The result as a report: the run block (models, seed, scenarios, customers, cohort, capital, interval level, library
    /// version), <see cref="ToTables"/>, and notes (each pair's verdict in words, IRRs that are not meaningful, adequacy).
    /// </summary>
    /// <param name="scenarios">How the scenarios were made, for the run block, or null.</param>
    /// <returns>The report.</returns>
    public ResultReport ToReport(string? scenarios = null)
    {
        var first = Strategies[0].Simulation;
        var run = new List<MetricRow>
        {
            new("Models", ValueKind.Text, string.Join(", ", Strategies.Select(s => s.Name))),
            new("Seed", ValueKind.Count, Options.Simulation.Seed),
            new("Scenario model", ValueKind.Text, scenarios ?? "given scenario set"),
            new("Scenarios", ValueKind.Count, Scenarios.ScenarioCount),
            new("Customers per scenario", ValueKind.Count, first.Plan.CustomersPerScenario),
            new("Chunk size", ValueKind.Count, first.Plan.ChunkSize),
            new("Method", ValueKind.Text, Options.Simulation.Method.ToString()),
            new("Confidence level", ValueKind.Percent, Options.Simulation.ConfidenceLevel),
            new("Cohort size (customers)", ValueKind.Count, Options.CohortSize),
            new("Capital available", ValueKind.Currency, Options.AvailableCapital),
            new("Discounting", ValueKind.Text, string.Join("; ", Strategies.Select(s => $"{s.Name}: {ReportRows.DiscountingText(s.Model.Discounting)}"))),
            ReportRows.Library,
        };
        var notes = new List<string>();
        notes.AddRange(Differences.Select(d => d.Statement));
        notes.AddRange(Strategies.Where(s => CellFormat.AnnualIrr(s.AnnualIrr) is string).Select(s => CellFormat.IrrNote(s.Name, s.AnnualIrr!.Value)));
        notes.AddRange(Strategies.SelectMany(s => s.Simulation.Adequacy.Select(n => $"{s.Name}: {n.Message}")));
        if (Precision is { } precision)
        {
            notes.Add(string.Create(CultureInfo.InvariantCulture,
                $"Target half-width {precision.TargetHalfWidth:#,0.00}: {(precision.Reached ? "reached" : "not reached")} after {precision.Rounds.Count} round(s), {Scenarios.ScenarioCount:#,0} scenarios."));
        }

        return new ResultReport($"Comparison of {string.Join(" and ", Strategies.Select(s => s.Name))}", run, ToTables(), notes);
    }

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
