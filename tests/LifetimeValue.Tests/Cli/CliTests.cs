using System.Text;
using System.Text.Json;
using DocumentFormat.OpenXml.Packaging;
using LifetimeValue.Projection;
using LifetimeValue.Scenarios;
using LifetimeValue.Serialization;
using LifetimeValue.Simulation;
using static LifetimeValue.Tests.Cli.CliRun;

namespace LifetimeValue.Tests.Cli;

public sealed partial class CliTests
{
    [Test]
    public void PresetsList_Table_ListsEveryPreset()
    {
        var (code, output, error) = Run("presets", "list");

        code.Should().Be(0, error);
        output.Should().Contain("bank").And.Contain("w1").And.Contain("to age 85");
    }

    [TestCase("csv", "name,kind,stages")]
    [TestCase("json", "\"presets\": {")]
    [TestCase("md", "| name | kind |")]
    public void PresetsList_Formats_WriteTheTable(string format, string expected)
    {
        var (code, output, error) = Run("presets", "list", "--format", format);

        code.Should().Be(0, error);
        output.Should().Contain(expected);
    }

    [Test]
    public void PresetsExport_Bank_WritesALoadableRunFile()
    {
        var (code, output, error) = Run("presets", "export", "bank");

        code.Should().Be(0, error);
        var document = ModelFile.Parse(output);
        document.Model.Should().Be(Presets.Bank());
        document.Scenarios.Should().Be(new ConstantRateScenarioSpec(0.03));
        document.Simulation.Should().Be(new SimulationOptions());
    }

    [Test]
    public void PresetsExport_ToFile_WritesTheFileOnly()
    {
        using var temp = new TempFolder();
        var path = temp.File("w1.json");

        var (code, output, _) = Run("presets", "export", "W1", "--out", path);

        code.Should().Be(0);
        output.Should().BeEmpty();
        ModelFile.Load(path).Model.Should().Be(Presets.W1());
        Directory.GetFiles(temp.Path).Should().ContainSingle("the temporary file is moved into place");
    }

    [Test]
    public void PresetsExport_Unknown_IsAUsageError()
    {
        var (code, _, error) = Run("presets", "export", "motel");

        code.Should().Be(1);
        error.Should().Contain("no preset named 'motel'").And.Contain("bank, hotel, w1");
    }

    [Test]
    public void Project_Bank_Json_IsTheCoreWriterOutput()
    {
        var (code, output, error) = Run("project", "bank", "--format", "json");

        code.Should().Be(0, error);
        output.Should().Be(ReportJson(ExpectedValueEngine.Project(Presets.Bank(), Presets.BankRates()).ToReport("preset bank rates")), "golden: the library's report of the same projection");
    }

    [Test]
    public void Project_W1_UsesTheW1DeterministicPath()
    {
        var (code, output, _) = Run("project", "w1", "--format", "json");

        code.Should().Be(0);
        using var json = JsonDocument.Parse(output);
        Value(json, "summary", "clv").GetDouble().Should().Be(
            ExpectedValueEngine.Project(Presets.W1(), Presets.W1DeterministicRates()).Clv, "oracle: the engine on Presets.W1DeterministicRates");
    }

    [Test]
    public void Project_Csv_IsTheCoreWriterOutput()
    {
        var (code, output, _) = Run("project", "bank", "--format", "csv", "--rate", "0.03");

        code.Should().Be(0);
        using var expected = new StringWriter();
        LifetimeValue.Reporting.TableWriter.WriteCsv(ExpectedValueEngine.Project(Presets.Bank(), RatePath.Constant(0.03)).ToReport("constant 0.03"), expected);
        output.Should().Be(expected.ToString(), "golden: the library's CSV of the same report");
        output.Should().NotContain("NaN").And.Contain("# Periods\nMonth,Survival,");
    }

    [Test]
    public void Project_Table_ShowsSummaryWithBothBreakEvenConventions()
    {
        var (code, output, _) = Run("project", "bank");

        code.Should().Be(0);
        output.Should().Contain("CLV").And.Contain("Break-even month (first crossing)").And.Contain("Break-even month (stays positive)")
            .And.Contain("Peak funding per customer").And.Contain("Payback (months, undiscounted)").And.Contain("Annual IRR").And.Contain("Cohorts")
            .And.Contain("Run").And.Contain("Library version");
    }

    [Test]
    public void Project_Markdown_HasTables()
    {
        var (code, output, _) = Run("project", "bank", "--format", "md");

        code.Should().Be(0);
        output.Should().StartWith("## Projection of bank").And.Contain("| Metric | Value |").And.Contain("### By year").And.NotContain("### Periods", "detail stays out of Markdown");
    }

    [Test]
    public void Project_Xlsx_WritesOneSheetPerTable()
    {
        using var temp = new TempFolder();
        var path = temp.File("bank.xlsx");

        var (code, _, error) = Run("project", "bank", "--format", "xlsx", "--out", path);

        code.Should().Be(0, error);
        using var workbook = SpreadsheetDocument.Open(path, false);
        workbook.WorkbookPart!.Workbook.Sheets!.Elements<DocumentFormat.OpenXml.Spreadsheet.Sheet>().Select(s => s.Name!.Value)
            .Should().Equal("Run", "Summary", "Cohorts", "By year", "Cash-flow lines by year", "Periods");
    }

    [Test]
    public void Project_XlsxWithoutOut_IsAUsageError()
    {
        var (code, output, error) = Run("project", "bank", "--format", "xlsx");

        code.Should().Be(1);
        output.Should().BeEmpty();
        error.Should().Contain("--out");
    }

    [Test]
    public void Project_ModelFile_EqualsThePreset()
    {
        using var temp = new TempFolder();
        var path = temp.File("bank.json");
        ModelFile.Save(new ModelDocument(Presets.Bank(), new ConstantRateScenarioSpec(0.03)), path);

        var fromFile = Run("project", path, "--format", "json");
        var fromPreset = Run("project", "bank", "--format", "json");

        fromFile.Code.Should().Be(0, fromFile.Err);
        using var file = JsonDocument.Parse(fromFile.Out);
        using var preset = JsonDocument.Parse(fromPreset.Out);
        file.RootElement.GetProperty("tables").GetRawText().Should().Be(preset.RootElement.GetProperty("tables").GetRawText());
    }

    [Test]
    public void Project_BadModelFile_ExitCode2WithPathAndLine()
    {
        using var temp = new TempFolder();
        var path = temp.File("bad.json");
        File.WriteAllText(path, ModelFile.ToJson(Presets.Bank()).Replace("\"adoptionProbability\": 0.7", "\"adoptionProbability\": -0.7", StringComparison.Ordinal));

        var (code, output, error) = Run("project", path);

        code.Should().Be(2);
        output.Should().BeEmpty();
        error.Should().Contain("bad.json: $.model.stages[0].products[0].adoptionProbability must be in [0, 1] (was -0.7)").And.Contain("(line ");
    }

    [Test]
    public void Project_NeitherPresetNorFile_ExitCode2()
    {
        var (code, _, error) = Run("project", "no-such-model");

        code.Should().Be(2);
        error.Should().Contain("neither a preset (bank, hotel, w1) nor an existing model file");
    }

    [Test]
    public void Project_ConflictingRateOptions_IsAUsageError()
    {
        var (code, _, error) = Run("project", "bank", "--rate", "0.03", "--rate-model", "vasicek");

        code.Should().Be(1);
        error.Should().Contain("alternatives");
    }

    [Test]
    public void UnknownOption_IsAUsageError()
    {
        var (code, _, error) = Run("simulate", "bank", "--colour", "red");

        code.Should().Be(1);
        error.Should().Contain("--colour");
    }

    [Test]
    public void Simulate_Json_IsTheCoreResultOfTheSameRun()
    {
        var (code, output, error) = Run("simulate", "bank", "--customers", "3000", "--rate-model", "vasicek", "--sigma", "0.01", "--scenarios", "5",
            "--seed", "11", "--threads", "2", "--format", "json");

        code.Should().Be(0, error);
        var scenarios = ScenarioSet.Generate(new Vasicek(0.03, 0.15, 0.035, 0.01, RateScheme.Exact), 5, Presets.Bank().MaxPeriods, 11);
        var result = MonteCarloEngine.Simulate(Presets.Bank(), scenarios, new SimulationOptions { Customers = 3000, Seed = 11 });
        output.Should().Be(ReportJson(result.ToReport("Vasicek (r0 0.03, κ 0.15, θ 0.035, σ 0.01, Exact) × 5 scenario(s), seed 11")),
            "oracle: the engine called directly (scenario seed defaults to --seed), rendered by the library");
    }

    [TestCase("table", "Expected CLV")]
    [TestCase("md", "| Expected CLV |")]
    [TestCase("csv", "\nMonth,Mean cumulative PV,")]
    public void Simulate_TextFormats_Work(string format, string expected)
    {
        var (code, output, error) = Run("simulate", "w1", "--customers", "2000", "--method", "stepping", "--format", format);

        code.Should().Be(0, error);
        output.Should().Contain(expected);
    }

    [Test]
    public void Simulate_Table_ReportsRiskAndFunding()
    {
        var (code, output, _) = Run("simulate", "bank", "--customers", "2000", "--exact-quantiles", "100000");

        code.Should().Be(0);
        output.Should().Contain("CLV standard deviation").And.Contain("Expected CLV: standard error").And.Contain("SE between scenarios").And.Contain("SE within scenarios")
            .And.Contain("P95").And.Contain("VaR 95 %").And.Contain("Expected shortfall 99 %")
            .And.Contain("Break-even month (stays positive)").And.Contain("Peak funding per customer").And.NotContain("(sketch)").And.NotContain("NaN");
    }

    [Test]
    public void Simulate_Xlsx_WritesSheets()
    {
        using var temp = new TempFolder();
        var path = temp.File("run.xlsx");

        var (code, _, error) = Run("simulate", "bank", "--customers", "1000", "--format", "xlsx", "--out", path);

        code.Should().Be(0, error);
        using var workbook = SpreadsheetDocument.Open(path, false);
        workbook.WorkbookPart!.Workbook.Sheets!.ChildElements.Count.Should().Be(6, "Run, then Summary, CLV percentiles, Cumulative PV by year, Break-even year distribution, Curve");
    }

    [Test]
    public void Simulate_BadOptionValue_IsAUsageError()
    {
        var (code, _, error) = Run("simulate", "bank", "--customers", "0");

        code.Should().Be(1);
        error.Should().Contain("--customers must be in [1, 1099511627776] (was '0')");
    }

    [Test]
    public void Simulate_Cancelled_ExitCode3AndNoOutput()
    {
        using var temp = new TempFolder();
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();

        var (code, output, error) = Run(cancelled.Token, "simulate", "bank", "--customers", "100000", "--out", temp.File("out.json"), "--format", "json");

        code.Should().Be(3);
        output.Should().BeEmpty();
        error.Should().Contain("cancelled");
        Directory.GetFiles(temp.Path).Should().BeEmpty();
    }

    [Test]
    public void Simulate_RatesCsv_ReadsScenarios()
    {
        using var temp = new TempFolder();
        var csv = temp.File("rates.csv");
        ScenarioSet.Generate(new Vasicek(0.03, 0.15, 0.035, 0.01), 2, Presets.Bank().MaxPeriods, 5).WriteCsv(csv);

        var (code, output, error) = Run("simulate", "bank", "--customers", "1000", "--rates-csv", csv, "--format", "json");

        code.Should().Be(0, error);
        output.Should().Contain("\"scenarios\": 2");
    }

    [Test]
    public void Simulate_BadRatesCsv_ExitCode2()
    {
        using var temp = new TempFolder();
        var csv = temp.File("rates.csv");
        File.WriteAllText(csv, "scenario,period,rate\n0,0,abc\n");

        var (code, _, error) = Run("simulate", "bank", "--rates-csv", csv);

        code.Should().Be(2);
        error.Should().Contain("line 2");
    }

    internal static string CoreJson(Action<Stream> write)
    {
        using var stream = new MemoryStream();
        write(stream);
        return Encoding.UTF8.GetString(stream.ToArray());
    }
}
