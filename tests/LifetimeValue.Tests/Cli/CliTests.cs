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
    [TestCase("json", "\"presets\": [")]
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
        output.Should().Be(CoreJson(s => ExpectedValueEngine.Project(Presets.Bank(), Presets.BankRates()).WriteJson(s)) + "\n");
    }

    [Test]
    public void Project_W1_UsesTheW1DeterministicPath()
    {
        var (code, output, _) = Run("project", "w1", "--format", "json");

        code.Should().Be(0);
        using var json = JsonDocument.Parse(output);
        json.RootElement.GetProperty("clv").GetDouble().Should().Be(
            ExpectedValueEngine.Project(Presets.W1(), Presets.W1DeterministicRates()).Clv, "oracle: the engine on Presets.W1DeterministicRates");
    }

    [Test]
    public void Project_Csv_IsTheCoreWriterOutput()
    {
        var (code, output, _) = Run("project", "bank", "--format", "csv", "--rate", "0.03");

        code.Should().Be(0);
        using var expected = new StringWriter();
        ExpectedValueEngine.Project(Presets.Bank(), RatePath.Constant(0.03)).WriteCsv(expected);
        output.Should().Be(expected.ToString());
    }

    [Test]
    public void Project_Table_ShowsSummaryWithBothBreakEvenConventions()
    {
        var (code, output, _) = Run("project", "bank");

        code.Should().Be(0);
        output.Should().Contain("CLV per customer").And.Contain("break-even month (first crossing)").And.Contain("break-even month (final run)")
            .And.Contain("peak funding per customer").And.Contain("payback months").And.Contain("IRR (annual)").And.Contain("cohorts");
    }

    [Test]
    public void Project_Markdown_HasTables()
    {
        var (code, output, _) = Run("project", "bank", "--format", "md");

        code.Should().Be(0);
        output.Should().StartWith("## projection of bank").And.Contain("| metric | value |").And.Contain("### years");
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
            .Should().Equal("summary", "cohorts", "years", "periods");
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
        fromFile.Out.Should().Be(fromPreset.Out);
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
        output.Should().Be(CoreJson(s => result.WriteJson(s)) + "\n", "oracle: the engine called directly (scenario seed defaults to --seed)");
    }

    [TestCase("table", "mean CLV")]
    [TestCase("md", "| mean CLV |")]
    [TestCase("csv", "month,")]
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
        output.Should().Contain("sd").And.Contain("standard error").And.Contain("p95").And.Contain("VaR 95 %").And.Contain("ES 99 %")
            .And.Contain("break-even month (final run)").And.Contain("peak funding per customer").And.NotContain("(sketch)");
    }

    [Test]
    public void Simulate_Xlsx_WritesSheets()
    {
        using var temp = new TempFolder();
        var path = temp.File("run.xlsx");

        var (code, _, error) = Run("simulate", "bank", "--customers", "1000", "--format", "xlsx", "--out", path);

        code.Should().Be(0, error);
        using var workbook = SpreadsheetDocument.Open(path, false);
        workbook.WorkbookPart!.Workbook.Sheets!.ChildElements.Count.Should().Be(3);
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
