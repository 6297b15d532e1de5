using System.Text.Json;
using LifetimeValue.Reporting;
using LifetimeValue.Statistics;

namespace LifetimeValue.Programmes;

/// <summary>The tables and JSON of a <see cref="ProgrammeResult"/>: built once here for the library and the tool.</summary>
internal static class ProgrammeTables
{
    public static IReadOnlyList<ResultTable> Build(ProgrammeResult r, double? capital, double confidence)
    {
        var summary = new List<MetricRow>
        {
            new("Model", ValueKind.Text, r.Programme.Name),
            new("Engine", ValueKind.Text, r.IsExact ? "exact (one rate path)" : $"Monte Carlo ({r.Scenarios} scenarios × {r.CustomersPerScenario} customers)"),
            new("Schedule", ValueKind.Text, r.Programme.Schedule.ToString()),
            new("Calendar months", ValueKind.Count, r.ExpectedCashFlows.Count),
            new("Peak funding need", ValueKind.Currency, r.PeakFundingNeed.Mean),
            new("Peak funding need CI", ValueKind.Text, Ci(r, r.PeakFundingNeed)),
            new("Peak funding month", ValueKind.Months, r.PeakFundingMonth),
            new("Self-funding month", ValueKind.Months, r.SelfFundingMonth),
            new("Steady-state annual cash flow", ValueKind.Currency, r.SteadyStateAnnualCashFlow?.Mean),
            new("Financing cost", ValueKind.Currency, r.FinancingCost.Mean),
            new("Funding need incl. financing", ValueKind.Currency, r.FundingNeed.Mean),
            new("NPV", ValueKind.Currency, r.Npv.Mean),
            new("NPV CI", ValueKind.Text, Ci(r, r.Npv)),
            new("Annual IRR", ValueKind.Percent, CellFormat.AnnualIrr(r.AnnualIrr)),
        };

        if (capital is { } c)
        {
            var test = r.TestFunding(c);
            summary.Add(new("Capital", ValueKind.Currency, c));
            summary.Add(new("Share of scenarios short of capital", ValueKind.Percent, test.ShortfallShare));
            summary.Add(new("Shortfall share CI", ValueKind.Text,
                string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{test.CiLow * 100:0.#} % – {test.CiHigh * 100:0.#} %")));
            summary.Add(new($"Capital needed ({confidence:P0} of scenarios)", ValueKind.Currency, r.CapitalNeeded(confidence)) { Key = "capitalNeeded" });
            summary.Add(new($"Max affordable per year ({confidence:P0} of scenarios)", ValueKind.Count, r.MaxAffordablePerYear(c, confidence)) { Key = "maxAffordablePerYear" });
        }

        var flows = r.ExpectedCashFlows;
        var years = (flows.Count + 11) / 12;
        var byYear = new List<IReadOnlyList<object?>>(years);
        for (var y = 0; y < years; y++)
        {
            var first = 12 * y;
            var last = Math.Min(flows.Count, first + 12) - 1;
            var cash = 0.0;
            for (var m = first; m <= last; m++)
            {
                cash += flows[m];
            }

            byYear.Add([y + 1, cash, r.ExpectedCumulativeCash[last], r.CumulativeLower[last], r.CumulativeUpper[last]]);
        }

        return
        [
            ResultTable.Summary($"{r.Programme.Name} programme", summary),
            new ResultTable($"{r.Programme.Name} programme by year",
                [ResultColumn.Years("Year"), ResultColumn.Currency("Expected cash flow"), ResultColumn.Currency("Cumulative cash (end)"),
                 ResultColumn.Currency("Cumulative P5"), ResultColumn.Currency("Cumulative P95")], byYear),
        ];
    }

    public static void WriteJson(Utf8JsonWriter json, ProgrammeResult r, double? capital, double confidence)
    {
        json.WriteStartObject();
        json.WriteString("model", r.Programme.Name);
        json.WriteString("engine", r.IsExact ? "exact" : "monteCarlo");
        json.WriteNumber("scenarios", r.Scenarios);
        Estimate(json, "peakFundingNeed", r.PeakFundingNeed);
        Nullable(json, "peakFundingMonth", r.PeakFundingMonth);
        Nullable(json, "selfFundingMonth", r.SelfFundingMonth);
        if (r.SteadyStateAnnualCashFlow is { } steady)
        {
            json.WriteNumber("steadyStateAnnualCashFlow", steady.Mean);
        }
        else
        {
            json.WriteNull("steadyStateAnnualCashFlow");
        }

        Estimate(json, "financingCost", r.FinancingCost);
        Estimate(json, "fundingNeed", r.FundingNeed);
        Estimate(json, "npv", r.Npv);
        if (r.AnnualIrr is { } irr)
        {
            json.WriteNumber("annualIrr", irr);
        }
        else
        {
            json.WriteNull("annualIrr");
        }

        if (capital is { } c)
        {
            var test = r.TestFunding(c);
            json.WriteNumber("capital", c);
            json.WriteNumber("confidence", confidence);
            json.WriteNumber("shortfallShare", test.ShortfallShare);
            json.WriteNumber("shortfallShareCiLow", test.CiLow);
            json.WriteNumber("shortfallShareCiHigh", test.CiHigh);
            json.WriteNumber("capitalNeeded", r.CapitalNeeded(confidence));
            if (r.MaxAffordablePerYear(c, confidence) is { } max)
            {
                json.WriteNumber("maxAffordablePerYear", max);
            }
            else
            {
                json.WriteNull("maxAffordablePerYear");
            }
        }

        json.WriteStartArray("cashFlows");
        foreach (var f in r.ExpectedCashFlows)
        {
            json.WriteNumberValue(f);
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static string? Ci(ProgrammeResult r, TwoLevelEstimate e) =>
        r.IsExact || double.IsNaN(e.StandardError) ? null : Range(e.CiLow, e.CiHigh);

    private static string Range(double low, double high) =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{low:#,0.00} – {high:#,0.00}");

    private static void Estimate(Utf8JsonWriter json, string name, TwoLevelEstimate e)
    {
        json.WriteNumber(name, e.Mean);
        Number(json, name + "StandardError", e.StandardError);
        Number(json, name + "CiLow", e.CiLow);
        Number(json, name + "CiHigh", e.CiHigh);
    }

    private static void Number(Utf8JsonWriter json, string name, double value)
    {
        if (double.IsFinite(value))
        {
            json.WriteNumber(name, value);
        }
        else
        {
            json.WriteNull(name);
        }
    }

    private static void Nullable(Utf8JsonWriter json, string name, int? value)
    {
        if (value is { } v)
        {
            json.WriteNumber(name, v);
        }
        else
        {
            json.WriteNull(name);
        }
    }
}
