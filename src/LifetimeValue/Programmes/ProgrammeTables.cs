using System.Text.Json;
using LifetimeValue.Reporting;
using LifetimeValue.Statistics;

namespace LifetimeValue.Programmes;

/// <summary>The tables and JSON of a <see cref="ProgrammeResult"/>: built once here for the library and the tool.</summary>
internal static class ProgrammeTables
{
    public static IReadOnlyList<ResultTable> Build(ProgrammeResult r, double? capital, double confidence)
    {
        var summary = new List<IReadOnlyList<object?>>
        {
            Row("Model", r.Programme.Name),
            Row("Engine", r.IsExact ? "exact (one rate path)" : $"Monte Carlo ({r.Scenarios} scenarios × {r.CustomersPerScenario} customers)"),
            Row("Schedule", r.Programme.Schedule.ToString()),
            Row("Calendar months", r.ExpectedCashFlows.Count),
            Row("Peak funding need", r.PeakFundingNeed.Mean),
            Row("Peak funding need CI", Ci(r, r.PeakFundingNeed)),
            Row("Peak funding month", r.PeakFundingMonth),
            Row("Self-funding month", r.SelfFundingMonth),
            Row("Steady-state annual cash flow", r.SteadyStateAnnualCashFlow?.Mean),
            Row("Financing cost", r.FinancingCost.Mean),
            Row("Funding need incl. financing", r.FundingNeed.Mean),
            Row("NPV", r.Npv.Mean),
            Row("NPV CI", Ci(r, r.Npv)),
            Row("Annual IRR", r.AnnualIrr),
        };

        if (capital is { } c)
        {
            var test = r.TestFunding(c);
            summary.Add(Row("Capital", c));
            summary.Add(Row("Share of scenarios short of capital", test.ShortfallShare));
            summary.Add(Row("Shortfall share CI", Range(test.CiLow, test.CiHigh)));
            summary.Add(Row($"Capital needed ({confidence:P0} of scenarios)", r.CapitalNeeded(confidence)));
            summary.Add(Row($"Max affordable per year ({confidence:P0} of scenarios)", r.MaxAffordablePerYear(c, confidence)));
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
            new ResultTable($"{r.Programme.Name} programme", ["Metric", "Value"], summary),
            new ResultTable($"{r.Programme.Name} programme by year", ["Year", "Expected cash flow", "Cumulative cash (end)", "Cumulative P5", "Cumulative P95"], byYear),
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

    private static IReadOnlyList<object?> Row(string metric, object? value) => [metric, value];

    private static string? Ci(ProgrammeResult r, TwoLevelEstimate e) =>
        r.IsExact || double.IsNaN(e.StandardError) ? null : Range(e.CiLow, e.CiHigh);

    private static string Range(double low, double high) =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{low:G6} – {high:G6}");

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
