using System.Globalization;
using LifetimeValue.Cli.Output;
using LifetimeValue.Simulation;

namespace LifetimeValue.Cli.Commands;

/// <summary>The tables of a Monte Carlo result, shared by <c>simulate</c> and <c>merge</c>.</summary>
internal static class SimulationReport
{
    public static Report Build(SimulationResult result, string scenarios)
    {
        var clv = result.Clv;
        var e = result.ExpectedClv;
        var level = string.Create(CultureInfo.InvariantCulture, $"{result.Options.ConfidenceLevel * 100:0.##} %");
        var summary = ReportTable.Summary("summary")
            .Add("model", result.Model.Name)
            .Add("scenarios", scenarios)
            .Add("scenario count", result.Plan.ScenarioCount)
            .Add("customers per scenario", result.Plan.CustomersPerScenario)
            .Add("lifetimes", result.Plan.Lifetimes)
            .Add("seed", result.Seed.ToString(CultureInfo.InvariantCulture))
            .Add("method", result.Options.Method.ToString())
            .Add("fingerprint", result.Fingerprint)
            .Add("mean CLV", clv.Mean)
            .Add($"CI low ({level})", Number(e.CiLow))
            .Add($"CI high ({level})", Number(e.CiHigh))
            .Add("standard error (total)", Number(e.StandardError))
            .Add("  of which scenarios", Number(e.ScenarioStandardError))
            .Add("  of which customers", Number(e.CustomerStandardError))
            .Add("sd", clv.StandardDeviation)
            .Add("min", clv.Min)
            .Add("max", clv.Max);
        foreach (var p in result.Percentiles)
        {
            summary.Add(string.Create(CultureInfo.InvariantCulture, $"p{p.Level * 100:0.##}{(result.PercentilesAreExact ? string.Empty : " (sketch)")}"), p.Value);
        }

        summary
            .Add("VaR 95 % (5th percentile of CLV)", result.ValueAtRisk(0.95))
            .Add("VaR 99 % (1st percentile of CLV)", result.ValueAtRisk(0.99))
            .Add("ES 95 % (mean CLV in worst 5 %)", result.ExpectedShortfall(0.95))
            .Add("ES 99 % (mean CLV in worst 1 %)", result.ExpectedShortfall(0.99))
            .Add("break-even month (first crossing)", result.BreakEven.FirstCrossing)
            .Add($"break-even month range ({level})", result.BreakEvenInterval is { } r ? $"{Month(r.Earliest, "never")} to {Month(r.Latest, "beyond horizon")}" : null)
            .Add("break-even month (final run)", result.BreakEven.FinalRunStart)
            .Add("break-even year", result.BreakEvenYear)
            .Add("peak funding per customer", result.PeakFundingPerCustomer)
            .Add($"peak funding CI low ({level})", Number(result.PeakFundingEstimate.CiLow))
            .Add($"peak funding CI high ({level})", Number(result.PeakFundingEstimate.CiHigh));

        var years = new ReportTable("years", "year", "mean cumulative PV", $"CI low ({level})", $"CI high ({level})", "scenario p5", "scenario p95");
        var curve = result.MeanCumulativePresentValue;
        for (var y = 1; (12 * (y - 1)) + 1 < curve.Count; y++)
        {
            var k = Math.Min(curve.Count - 1, 12 * y);
            years.Add(y, curve[k], Number(result.CurveCiLow[k]), Number(result.CurveCiHigh[k]), result.CurveLower[k], result.CurveUpper[k]);
        }

        var breakEven = new ReportTable("break-even years", "break-even year", "scenarios");
        foreach (var (year, count) in result.BreakEvenYearDistribution)
        {
            breakEven.Add(year is { } yy ? yy : "never", count);
        }

        return new Report($"simulation of {result.Model.Name}", summary, years, breakEven)
        {
            WriteJson = stream => result.WriteJson(stream),
            WriteCsv = result.WriteCurveCsv,
            Notes = [.. result.Adequacy.Select(n => n.Message)],
        };
    }

    /// <summary>A number, or null (an empty cell) when it is not known.</summary>
    private static double? Number(double value) => double.IsFinite(value) ? value : null;

    private static string Month(int? month, string none) => month is { } m ? m.ToString(CultureInfo.InvariantCulture) : none;
}
