using System.Text.Json;
using LifetimeValue.Comparison;
using LifetimeValue.Projection;
using LifetimeValue.Reporting;
using LifetimeValue.Scenarios;
using LifetimeValue.Sensitivity;
using LifetimeValue.Simulation;
using LifetimeValue.Tests.Serialization;

namespace LifetimeValue.Tests.Reporting;

/// <summary>The one reporting stack: typed cells, one formatter, one JSON shape that validates against the shipped schema.</summary>
public sealed class ReportTests
{
    [TestCase(1666.25, ValueKind.Currency, "1,666.25")]
    [TestCase(490.4223, ValueKind.Currency, "490.42")]
    [TestCase(-6000.0, ValueKind.Currency, "-6,000.00")]
    [TestCase(0.78, ValueKind.Percent, "78.0 %")]
    [TestCase(0.0525, ValueKind.Percent, "5.3 %")]
    [TestCase(2.5, ValueKind.Years, "2.5")]
    [TestCase(3.0, ValueKind.Years, "3")]
    [TestCase(12345.0, ValueKind.Count, "12,345")]
    [TestCase(0.98765, ValueKind.Number, "0.9877")]
    [TestCase(double.NaN, ValueKind.Currency, "–")]
    [TestCase(double.PositiveInfinity, ValueKind.Percent, "–")]
    public void Display_formats_by_kind(double value, ValueKind kind, string expected) =>
        CellFormat.Display(value, kind).Should().Be(expected, "hand-formatted: two decimals and separators for money, percents from fractions");

    [Test]
    public void Display_formats_whole_numbers_and_text_by_kind()
    {
        CellFormat.Display(12, ValueKind.Months).Should().Be("12");
        CellFormat.Display(1234L, ValueKind.Count).Should().Be("1,234");
        CellFormat.Display(null, ValueKind.Currency).Should().Be("–");
        CellFormat.Display("n/m", ValueKind.Percent).Should().Be("n/m");
        CellFormat.Display(true, ValueKind.Text).Should().Be("yes");
    }

    [Test]
    public void Exact_never_writes_NaN()
    {
        CellFormat.Exact(double.NaN).Should().BeEmpty();
        CellFormat.Exact(double.NegativeInfinity).Should().BeEmpty();
        CellFormat.Exact(null).Should().BeEmpty();
        CellFormat.Exact(0.1).Should().Be("0.1");
    }

    [TestCase("CI low (95 %)", "ciLow95")]
    [TestCase("Break-even month (first crossing)", "breakEvenMonthFirstCrossing")]
    [TestCase("CLV P5", "clvP5")]
    [TestCase("VaR 95 % (5th percentile of CLV)", "var955thPercentileOfClv")]
    [TestCase("bank − hotel", "bankMinusHotel")]
    [TestCase("0.01", "n001")]
    [TestCase("expectedClv", "expectedClv")]
    public void Keys_are_camel_case_without_underscores(string label, string expected) => ReportKeys.CamelCase(label).Should().Be(expected);

    [Test]
    public void An_absurd_annual_IRR_is_not_meaningful_and_explained()
    {
        var hotel = ExpectedValueEngine.Project(Presets.Hotel(), RatePath.Constant(0.03));
        // Independent figure: the monthly IRR compounded, (1 + m)^12 − 1, is far beyond 1,000 % a year for the hotel (payback in month 1).
        var annual = Math.Pow(1 + hotel.Irr.Rate!.Value, 12) - 1;
        annual.Should().BeGreaterThan(CellFormat.MaxMeaningfulAnnualIrr);
        var report = hotel.ToReport();
        var summary = report["Summary"];
        summary[summary.FindRow("Annual IRR"), 1].Should().Be(CellFormat.NotMeaningful);
        report.Notes.Should().ContainSingle(n => n.Contains("annual IRR n/m (not meaningful)", StringComparison.Ordinal));

        var bank = ExpectedValueEngine.Project(Presets.Bank(), Presets.BankRates()).ToReport()["Summary"];
        bank[bank.FindRow("Annual IRR"), 1].Should().BeOfType<double>("the bank's IRR is an ordinary rate");
    }

    [Test]
    public void Peak_funding_month_is_the_month_of_the_deepest_cumulative_PV()
    {
        var p = ExpectedValueEngine.Project(Presets.Bank(), Presets.BankRates());
        // Independent figure: the argmin over the cumulative PV curve, month 0 = −A at acquisition, month k = end of month k.
        var curve = new[] { -p.AcquisitionCost }.Concat(p.Rows.Select(r => r.CumulativePresentValue)).ToArray();
        var argmin = Array.IndexOf(curve, curve.Min());
        var summary = p.ToReport()["Summary"];
        summary[summary.FindRow("Peak funding month"), 1].Should().Be(argmin);
        p.PeakFundingMonth.Should().Be(argmin);
    }

    [Test]
    public void Every_report_validates_against_the_shipped_schema_and_has_no_underscore_keys()
    {
        var checker = new SchemaChecker(JsonDocument.Parse(ResultReport.JsonSchema).RootElement);
        var scenarios = ScenarioSet.Generate(new Vasicek(0.03, 0.15, 0.035, 0.01), 6, Presets.Bank().MaxPeriods, 2);
        var options = new SimulationOptions { Customers = 400, Seed = 2 };
        ResultReport[] reports =
        [
            ExpectedValueEngine.Project(Presets.Hotel(), RatePath.Constant(0.03)).ToReport("constant 0.03"),
            MonteCarloEngine.Simulate(Presets.Bank(), scenarios, options).ToReport(),
            StrategyComparison.Compare([Presets.Bank(), Presets.Hotel()], scenarios, new ComparisonOptions { Simulation = options }).ToReport(),
            SensitivityAnalysis.Tornado([Presets.Hotel()], [SensitivityParameter.AcquisitionCost, SensitivityParameter.DiscountRate], RatePath.Constant(0.03), 0.1).ToReport(),
            SensitivityAnalysis.DecisionMap([Presets.Bank(), Presets.Hotel()], SensitivityParameter.AcquisitionCost, [50, 150], SensitivityParameter.DiscountRate, [0.01, 0.05], RatePath.Constant(0.03)).ToReport(),
        ];
        foreach (var report in reports)
        {
            var json = TableWriter.ToJson(report);
            using var doc = JsonDocument.Parse(json);
            checker.Check(doc.RootElement).Should().BeEmpty(report.Title);
            Keys(doc.RootElement).Should().NotContain(k => k.Contains('_'), report.Title);
            json.Should().NotContain("NaN");
        }
    }

    [Test]
    public void The_schema_rejects_a_snake_case_key()
    {
        var checker = new SchemaChecker(JsonDocument.Parse(ResultReport.JsonSchema).RootElement);
        using var doc = JsonDocument.Parse("""{"schemaVersion":1,"title":"t","run":{"customers_per_scenario":1},"tables":{},"notes":[]}""");
        checker.Check(doc.RootElement).Should().ContainSingle().Which.Should().Contain("customers_per_scenario");
    }

    [Test]
    public void The_shipped_schema_equals_the_documented_one()
    {
        var docs = Path.Combine(TestContext.CurrentContext.TestDirectory, "..", "..", "..", "..", "..", "docs", "report.schema.json");
        File.ReadAllText(docs).ReplaceLineEndings("\n").Should().Be(ResultReport.JsonSchema.ReplaceLineEndings("\n"), "docs/report.schema.json is the embedded schema");
    }

    [Test]
    public void Comparison_report_shows_the_capital_and_cohort_behind_the_funding_test_and_the_error_split()
    {
        var scenarios = ScenarioSet.Generate(new Vasicek(0.03, 0.15, 0.035, 0.01), 8, Presets.Bank().MaxPeriods, 5);
        var result = StrategyComparison.Compare([Presets.Bank(), Presets.Hotel()], scenarios,
            new ComparisonOptions { Simulation = new SimulationOptions { Customers = 500, Seed = 5 }, CohortSize = 2_000, AvailableCapital = 123_456 });
        var report = result.ToReport();
        var text = new StringWriter();
        TableWriter.WriteText(report, text);
        text.ToString().Should().Contain("Fundable with capital 123,456.00 for 2,000 customers").And.Contain("Capital available")
            .And.Contain("Expected CLV: SE between scenarios").And.Contain("Expected CLV: 95 % interval low").And.Contain("Student t, 7 df")
            .And.Contain("Differences (paired on common random numbers)").And.NotContain("NaN");
        var comparison = report["Comparison"];
        var bank = result["bank"].ExpectedClvEstimate;
        // The split is the library's two-level estimate: SE² = between² + within² (Pythagoras, 1e-9 relative).
        var se = (double)comparison[comparison.FindRow("Expected CLV: standard error"), 1]!;
        var between = (double)comparison[comparison.FindRow("Expected CLV: SE between scenarios"), 1]!;
        var within = (double)comparison[comparison.FindRow("Expected CLV: SE within scenarios"), 1]!;
        se.Should().Be(bank.StandardError);
        (between * between + within * within).Should().BeApproximately(se * se, 1e-9 * se * se, "total variance is the sum of its two levels");
        comparison[comparison.FindRow("Capital available"), 1].Should().Be(123_456.0);
    }

    [Test]
    public void Discount_rate_of_short_rate_models_is_labelled_as_a_spread()
    {
        var tornado = SensitivityAnalysis.Tornado([Presets.Bank()], [SensitivityParameter.DiscountRate], RatePath.Constant(0.03), 0.1);
        tornado.Bars.Single().Parameter.Should().Be("Discount spread over the short rate", "the bank discounts at the short rate plus 5 %");
        var flat = Presets.Bank() with { Discounting = LifetimeValue.Discounting.Discount.FlatAnnual(0.08) };
        SensitivityAnalysis.Tornado([flat], [SensitivityParameter.DiscountRate], RatePath.Constant(0.03), 0.1).Bars.Single().Parameter.Should().Be("Discount rate");
    }

    private static IEnumerable<string> Keys(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => element.EnumerateObject().SelectMany(p => Keys(p.Value).Prepend(p.Name)),
        JsonValueKind.Array => element.EnumerateArray().SelectMany(Keys),
        _ => [],
    };
}
