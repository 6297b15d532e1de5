using DocumentFormat.OpenXml.Packaging;
using LifetimeValue.Calibration.Panel;
using LifetimeValue.Lifecycle;
using LifetimeValue.Serialization;
using static LifetimeValue.Tests.Cli.CliRun;

namespace LifetimeValue.Tests.Calibration.Panel;

/// <summary>The <c>calibrate-panel</c> and <c>synthetic-panel</c> commands, run in process.</summary>
public sealed class CalibratePanelCliTests
{
    private static string Panel(TempFolder temp, long customers = 2_000)
    {
        var path = temp.File("panel.csv");
        PanelCsvWriter.WriteFile(SyntheticPanel.Generate(PanelTestData.SmallModel(), new SyntheticPanelOptions { Customers = customers, Months = 36, Seed = 3, BurnInMonths = 240 }),
            path, withAcquisitionCost: true);
        return path;
    }

    [Test]
    public void CalibratePanel_SyntheticPanel_WritesTablesModelAndCharts()
    {
        using var temp = new TempFolder();
        var model = temp.File("fitted.json");
        var charts = temp.File("charts");

        var (code, output, error) = Run("calibrate-panel", Panel(temp), "--stages", "20,30,45,60", "--stage-names", "Young,Family,Mature", "--cost-column", "8",
            "--model-out", model, "--charts", charts, "--clv-draws", "20", "--name", "fitted");

        code.Should().Be(Ok, error);
        output.Should().Contain("attrition").And.Contain("adoption").And.Contain("margins").And.Contain("95 % interval lower").And.Contain("Mortgage");
        var document = ModelFile.Load(model);
        var fitted = document.Model.Should().BeOfType<LifecycleModel>().Subject;
        fitted.Name.Should().Be("fitted");
        fitted.Stages.Stages.Select(s => s.Name).Should().Equal("Young", "Family", "Mature");
        fitted.AcquisitionCost.Should().Be(200, "the panel's acquisition-cost column");
        Directory.GetFiles(charts, "*.png").Select(Path.GetFileName).Should().BeEquivalentTo(
            ["survival-by-age.png", "attrition-by-age.png", "holdings-by-age.png", "margins-by-age.png"]);

        var (compareCode, compareOutput, compareError) = Run("compare", model, "hotel", "--customers", "2000");
        compareCode.Should().Be(Ok, compareError);
        compareOutput.Should().Contain("fitted").And.Contain("hotel");
    }

    [TestCase("json", "\"attrition\": {")]
    [TestCase("csv", "# margins")]
    [TestCase("md", "### adoption")]
    public void CalibratePanel_Formats_Work(string format, string expected)
    {
        using var temp = new TempFolder();
        var (code, output, error) = Run("calibrate-panel", Panel(temp, 800), "--stages", "20,30,45,60", "--clv-draws", "0", "--format", format);
        code.Should().Be(Ok, error);
        output.Should().Contain(expected);
    }

    [Test]
    public void CalibratePanel_Xlsx_WritesASheetPerTable()
    {
        using var temp = new TempFolder();
        var path = temp.File("fit.xlsx");
        var (code, _, error) = Run("calibrate-panel", Panel(temp, 800), "--stages", "20,30,45,60", "--clv-draws", "0", "--holdout-from", "2022-01",
            "--format", "xlsx", "--out", path);
        code.Should().Be(Ok, error);
        using var workbook = SpreadsheetDocument.Open(path, false);
        workbook.WorkbookPart!.Workbook.Sheets!.Elements<DocumentFormat.OpenXml.Spreadsheet.Sheet>().Select(s => s.Name!.Value)
            .Should().Contain(["data", "clv", "attrition", "adoption", "margins", "acquisition", "by age", "holdout", "holdout summary"]);
    }

    [Test]
    public void CalibratePanel_BadRows_ExitWithInvalidInputNamingTheLines()
    {
        using var temp = new TempFolder();
        var path = temp.File("bad.csv");
        File.WriteAllText(path, "customer_id,month,date_of_birth,product,balance,net_revenue,closed\nA,2020-01,1990-01-01,,,1,0\nA,2020-03,1990-01-01,,,1,0\nB,2020-01,1990-01-01,,,abc,0\n");
        var model = temp.File("keep.json");
        File.WriteAllText(model, "existing");

        var (code, output, error) = Run("calibrate-panel", path, "--stages", "20,40", "--model-out", model);

        code.Should().Be(2, "invalid input (docs/cli.md)");
        output.Should().BeEmpty();
        error.Should().Contain("line 3, column 2, value '2020-03': customer 'A': no rows for 2020-02").And.Contain("line 4, column 6, value 'abc'");
        error.Should().NotContain("   at ", "no stack trace");
        File.ReadAllText(model).Should().Be("existing", "an existing output file is never damaged");
    }

    [TestCase(new[] { "--stages", "30,20" }, "--stages[1] must be greater than --stages[0] = 30 (was 20)")]
    [TestCase(new[] { "--stages", "20,x" }, "--stages must be ages in whole years separated by commas")]
    [TestCase(new[] { "--age-column", "3", "--birth-column", "3" }, "Give the age as --birth-column or --age-column, not both")]
    [TestCase(new[] { "--holdout-from", "2022" }, "--holdout-from must be a month yyyy-MM (was '2022').")]
    [TestCase(new[] { "--adoption", "sometimes" }, "--adoption must be entry or monthly (was 'sometimes').")]
    [TestCase(new[] { "--discount-rate", "0.05", "--discount-spread", "0.02" }, "Give --discount-spread or --discount-rate, not both.")]
    [TestCase(new[] { "--clv-draws", "1" }, "--clv-draws must be 0 (no interval) or in [2, 100000] (was 1).")]
    public void CalibratePanel_BadOptions_AreUsageErrors(string[] options, string message)
    {
        using var temp = new TempFolder();
        var (code, _, error) = Run(["calibrate-panel", Panel(temp, 100), .. options]);
        code.Should().Be(1, error);
        error.Should().Contain(message);
    }

    [Test]
    public void CalibratePanel_MissingFilesAndUncoveredStages_AreInvalidInput()
    {
        using var temp = new TempFolder();
        Run("calibrate-panel", temp.File("none.csv")).Code.Should().Be(2);
        var (code, _, error) = Run("calibrate-panel", Panel(temp, 300), "--stages", "20,30,45,60,70");
        code.Should().Be(2);
        error.Should().Contain("Stage '60-69' (ages 60 to 69) has no customer-months");
        Run("calibrate-panel", Panel(temp, 300), "--rates", temp.File("none-rates.csv")).Code.Should().Be(2);
    }

    [Test]
    public void SyntheticPanel_WritesTheSamePanelAsTheLibrary()
    {
        using var temp = new TempFolder();
        var path = temp.File("bank.csv");
        var (code, output, error) = Run("synthetic-panel", "bank", "--customers", "300", "--months", "12", "--seed", "4", "--out", path);
        code.Should().Be(Ok, error);
        output.Should().Contain("rows written to");
        var expected = new StringWriter();
        PanelCsvWriter.Write(SyntheticPanel.Generate(Presets.Bank(), new SyntheticPanelOptions { Customers = 300, Months = 12, Seed = 4 }), expected, withAcquisitionCost: true);
        File.ReadAllText(path).Should().Be(expected.ToString());
    }

    [Test]
    public void SyntheticPanel_CustomerFocusedModel_IsAUsageError()
    {
        var (code, _, error) = Run("synthetic-panel", "hotel");
        code.Should().Be(1);
        error.Should().Contain("synthetic panels are drawn from customer-centric (lifecycle) models");
    }
}
