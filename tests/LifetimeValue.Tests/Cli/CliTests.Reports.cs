using System.Text.Json;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using LifetimeValue.Projection;
using LifetimeValue.Reporting;
using LifetimeValue.Tests.Serialization;
using static LifetimeValue.Tests.Cli.CliRun;

namespace LifetimeValue.Tests.Cli;

/// <summary>Issue 14: one JSON shape for every command, the tool's output equal to the library's rendering, formatted workbooks.</summary>
public sealed partial class CliTests
{
    private static readonly SchemaChecker ReportSchema = new(JsonDocument.Parse(ResultReport.JsonSchema).RootElement);

    [TestCase("presets", "list")]
    [TestCase("project", "bank")]
    [TestCase("project", "hotel", "--rate", "0.04")]
    [TestCase("simulate", "bank", "--customers", "500", "--rate-model", "vasicek", "--scenarios", "4")]
    [TestCase("compare", "bank", "hotel", "--customers", "300", "--rate-model", "vasicek", "--scenarios", "4")]
    [TestCase("sensitivity", "hotel", "--parameters", "acquisition-cost")]
    [TestCase("sensitivity", "bank", "hotel", "--map", "acquisition-cost", "50,150", "discount-rate", "0.01,0.05")]
    public void EveryCommandsJson_ValidatesAgainstTheSchema_WithoutUnderscoreKeys(params string[] args)
    {
        var (code, output, error) = Run([.. args, "--format", "json"]);

        code.Should().Be(0, error);
        CheckReportJson(output, string.Join(' ', args));
    }

    [Test]
    public void FitAndMergeJson_ValidateAgainstTheSchema()
    {
        using var temp = new TempFolder();
        var fit = Run("fit", SyntheticLog(temp), "--unit", "day", "--format", "json");
        fit.Code.Should().Be(0, fit.Err);
        CheckReportJson(fit.Out, "fit");

        var merged = Run([.. new[] { "merge" }, .. PartFiles(temp, 2), "--format", "json"]);
        merged.Code.Should().Be(0, merged.Err);
        CheckReportJson(merged.Out, "merge");
        var whole = Run([.. new[] { "simulate" }, .. RunArgs, "--format", "json"]);
        using var m = JsonDocument.Parse(merged.Out);
        using var w = JsonDocument.Parse(whole.Out);
        m.RootElement.GetProperty("tables").GetRawText().Should().Be(w.RootElement.GetProperty("tables").GetRawText(), "merge reports the unchunked run");
    }

    [TestCase("md")]
    [TestCase("csv")]
    [TestCase("json")]
    public void Project_TextFormats_AreTheLibrarysRendering(string format)
    {
        var (code, output, error) = Run("project", "bank", "--rate", "0.03", "--format", format);

        code.Should().Be(0, error);
        var report = ExpectedValueEngine.Project(Presets.Bank(), RatePath.Constant(0.03)).ToReport("constant 0.03");
        var expected = new StringWriter { NewLine = "\n" };
        switch (format)
        {
            case "md": TableWriter.WriteMarkdown(report, expected); break;
            case "csv": TableWriter.WriteCsv(report, expected); break;
            default: expected.Write(ReportJson(report)); break;
        }

        output.Should().Be(expected.ToString(), "golden: the tool adds nothing and drops nothing");
    }

    [Test]
    public void Project_Table_PeakFundingMonthAgreesWithTheLibrary()
    {
        var (code, output, error) = Run("project", "bank", "--format", "json");

        code.Should().Be(0, error);
        using var doc = JsonDocument.Parse(output);
        var p = ExpectedValueEngine.Project(Presets.Bank(), Presets.BankRates());
        Value(doc, "summary", "peakFundingMonth").GetInt32().Should().Be(p.PeakFundingPeriod + 1, "period t's flow arrives at the end of month t + 1");
    }

    [Test]
    public void Compare_Xlsx_HasFormattedNumbers_FrozenBoldHeader_RunSheet_AndShortNames()
    {
        using var temp = new TempFolder();
        var path = temp.File("compare.xlsx");
        // A relative charts folder: the note must name it as given, not as an absolute path of this machine.
        var charts = $"lv-charts-{Guid.NewGuid():N}";
        int code;
        string error;
        try
        {
            (code, _, error) = Run("compare", "bank", "hotel", "--customers", "300", "--rate-model", "vasicek", "--scenarios", "4", "--seed", "9",
                "--capital", "250000", "--cohort", "500", "--charts", charts, "--format", "xlsx", "--out", path);
        }
        finally
        {
            if (Directory.Exists(charts))
            {
                Directory.Delete(charts, true);
            }
        }

        code.Should().Be(0, error);
        using var book = SpreadsheetDocument.Open(path, false);
        var workbook = book.WorkbookPart!;
        var sheets = workbook.Workbook.Sheets!.Elements<Sheet>().ToList();
        var names = sheets.Select(s => s.Name!.Value!).ToList();
        names.Should().Equal("Run", "Comparison", "Differences", "Value by year", "CLV percentiles", "Crossovers");
        names.Should().OnlyContain(n => n.Length <= 31);

        var stylesheet = workbook.WorkbookStylesPart!.Stylesheet;
        var formats = stylesheet.NumberingFormats!.Elements<NumberingFormat>().ToDictionary(f => f.NumberFormatId!.Value, f => f.FormatCode!.Value);
        var cellFormats = stylesheet.CellFormats!.Elements<DocumentFormat.OpenXml.Spreadsheet.CellFormat>().ToList();
        string? FormatOf(Cell c) => c.StyleIndex is { } s && formats.TryGetValue(cellFormats[(int)s.Value].NumberFormatId!.Value, out var f) ? f : null;
        Worksheet Sheet(string name) => ((WorksheetPart)workbook.GetPartById(sheets.Single(s => s.Name == name).Id!)).Worksheet;
        string Text(Cell c) => c.InlineString?.InnerText ?? c.CellValue?.Text ?? string.Empty;

        // Run sheet: the parameters behind the numbers.
        var run = Sheet("Run").GetFirstChild<SheetData>()!.Elements<Row>().Select(r => r.Elements<Cell>().Select(Text).ToArray()).ToList();
        run.Should().Contain(r => r[0] == "Seed" && r[1] == "9").And.Contain(r => r[0] == "Capital available" && r[1] == "250000")
            .And.Contain(r => r[0] == "Cohort size (customers)" && r[1] == "500").And.Contain(r => r[0] == "Scenarios" && r[1] == "4")
            .And.Contain(r => r[0] == "Library version" && r[1].Length > 0);

        // Comparison sheet: bold frozen header, currency and percent formats on the right rows, widths set.
        var comparison = Sheet("Comparison");
        var rows = comparison.GetFirstChild<SheetData>()!.Elements<Row>().ToList();
        cellFormats[(int)rows[0].Elements<Cell>().First().StyleIndex!.Value].FontId!.Value.Should().Be(1u, "the header font is the bold one");
        stylesheet.Fonts!.Elements<Font>().ElementAt(1).Bold.Should().NotBeNull();
        comparison.Descendants<Pane>().Single().State!.Value.Should().Be(PaneStateValues.Frozen);
        comparison.GetFirstChild<Columns>()!.Elements<Column>().Should().OnlyContain(c => c.Width! > 5);
        Cell[] RowCells(string label) => rows.Single(r => Text(r.Elements<Cell>().First()) == label).Elements<Cell>().ToArray();
        FormatOf(RowCells("Expected CLV")[1]).Should().Be("#,##0.00");
        FormatOf(RowCells("Share of scenarios needing more than the capital")[1]).Should().Be("0.0%");
        FormatOf(RowCells("Horizon (months)")[1]).Should().Be("#,##0");

        // No machine path anywhere in the workbook (the charts folder is named as given, not made absolute).
        var everything = sheets.SelectMany(s => Sheet(s.Name!).Descendants<Cell>().Select(Text)).ToList();
        everything.Should().Contain(t => t.Contains($"Charts written to {charts}", StringComparison.Ordinal));
        everything.Should().NotContain(t => t.Contains(Environment.CurrentDirectory, StringComparison.Ordinal));
        everything.Should().NotContain(t => t.Contains("NaN", StringComparison.Ordinal));
    }

    [Test]
    public void Sensitivity_DocsFirstExample_Works_SkippingAnInvalidMoveWithItsReason()
    {
        // docs/cli.md's first sensitivity example: +10 % on the bank's 74-year horizon runs past its stage ladder (age 84).
        var (code, output, error) = Run("sensitivity", "bank", "hotel");

        code.Should().Be(0, error);
        output.Should().Contain("Horizon (years) of bank skipped").And.Contain("beyond the stage ladder's last age 84")
            .And.Contain("Discount spread over the short rate");
    }

    private static void CheckReportJson(string output, string because)
    {
        using var doc = JsonDocument.Parse(output);
        ReportSchema.Check(doc.RootElement).Should().BeEmpty(because);
        doc.RootElement.GetProperty("schemaVersion").GetInt32().Should().Be(ResultReport.SchemaVersion);
        AllKeys(doc.RootElement).Should().NotContain(k => k.Contains('_'), because);
        output.Should().NotContain("NaN", because);
    }

    private static IEnumerable<string> AllKeys(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => element.EnumerateObject().SelectMany(p => AllKeys(p.Value).Prepend(p.Name)),
        JsonValueKind.Array => element.EnumerateArray().SelectMany(AllKeys),
        _ => [],
    };
}
