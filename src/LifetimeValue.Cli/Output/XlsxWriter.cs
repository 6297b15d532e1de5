using System.Globalization;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using LifetimeValue.Reporting;
using Fmt = LifetimeValue.Reporting.CellFormat;
using XCellFormat = DocumentFormat.OpenXml.Spreadsheet.CellFormat;

namespace LifetimeValue.Cli.Output;

/// <summary>
/// Writes a report as an .xlsx workbook with the Open XML SDK: a "Run" sheet (the run's parameters, library version and
/// notes), then one sheet per table — bold frozen header, column widths that fit, numbers stored as numbers with the
/// number format of their kind (currency <c>#,##0.00</c>, percent <c>0.0%</c>, months and counts <c>#,##0</c>, years
/// <c>0.0</c>, plain numbers <c>0.0000</c>).
/// </summary>
internal static class XlsxWriter
{
    /// <summary>Style indexes: 0 default, 1 bold header, then one per <see cref="ValueKind"/> (2 + kind).</summary>
    private const uint HeaderStyle = 1;

    public static void Write(ResultReport report, string path)
    {
        using var document = SpreadsheetDocument.Create(path, SpreadsheetDocumentType.Workbook);
        var workbookPart = document.AddWorkbookPart();
        workbookPart.Workbook = new Workbook();
        var styles = workbookPart.AddNewPart<WorkbookStylesPart>();
        styles.Stylesheet = Stylesheet();
        var sheets = workbookPart.Workbook.AppendChild(new Sheets());
        var used = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        uint id = 1;
        var runRows = report.Run.Select(r => new MetricRow(r.Label, r.Kind, r.Values.Count == 1 ? r.Values[0] : null))
            .Concat(report.Notes.Select((n, i) => new MetricRow(report.Notes.Count == 1 ? "Note" : string.Create(CultureInfo.InvariantCulture, $"Note {i + 1}"), ValueKind.Text, n)));
        var runTable = ResultTable.FromMetrics("Run", "Parameter", ["Value"], [new MetricRow("Report", ValueKind.Text, report.Title), .. runRows]);
        foreach (var table in new[] { runTable }.Concat(report.Tables))
        {
            var worksheetPart = workbookPart.AddNewPart<WorksheetPart>();
            worksheetPart.Worksheet = Sheet(table);
            sheets.AppendChild(new Sheet
            {
                Id = workbookPart.GetIdOfPart(worksheetPart),
                SheetId = id++,
                Name = SheetName(table.Name, used),
            });
        }

        workbookPart.Workbook.Save();
    }

    /// <summary>
    /// Sheet names: at most 31 characters, none of <c>[]:*?/\</c>, unique. A long name drops its parenthetical part
    /// first ("Value by year (mean cumulative PV per customer)" → "Value by year"), then whole words, never a word in half.
    /// </summary>
    internal static string SheetName(string name, HashSet<string> used)
    {
        var clean = new string([.. name.Select(c => "[]:*?/\\".Contains(c, StringComparison.Ordinal) ? '-' : c)]).Trim();
        if (clean.Length > 31 && clean.IndexOf(" (", StringComparison.Ordinal) is > 0 and var paren)
        {
            clean = clean[..paren];
        }

        clean = Words(clean, 31);
        var candidate = clean.Length == 0 ? "Sheet" : clean;
        for (var k = 2; !used.Add(candidate); k++)
        {
            var suffix = string.Create(CultureInfo.InvariantCulture, $" {k}");
            candidate = Words(clean, 31 - suffix.Length) + suffix;
        }

        return candidate;
    }

    private static string Words(string text, int max)
    {
        if (text.Length <= max)
        {
            return text;
        }

        var cut = text.LastIndexOf(' ', max);
        return (cut > 0 ? text[..cut] : text[..max]).TrimEnd(' ', '-', '–', ',');
    }

    private static Worksheet Sheet(ResultTable table)
    {
        var data = new SheetData();
        var header = new Row();
        foreach (var column in table.Columns)
        {
            header.AppendChild(new Cell { DataType = CellValues.InlineString, InlineString = new InlineString(new Text(column)), StyleIndex = HeaderStyle });
        }

        data.AppendChild(header);
        var widths = table.Columns.Select(c => (double)c.Length).ToArray();
        for (var i = 0; i < table.RowCount; i++)
        {
            var row = new Row();
            for (var j = 0; j < table.Columns.Count; j++)
            {
                var kind = table.Kind(i, j);
                row.AppendChild(Cell(table[i, j], kind));
                widths[j] = Math.Max(widths[j], Fmt.Display(table[i, j], kind).Length);
            }

            data.AppendChild(row);
        }

        var columns = new Columns();
        for (var j = 0; j < widths.Length; j++)
        {
            columns.AppendChild(new Column { Min = (uint)(j + 1), Max = (uint)(j + 1), Width = Math.Min(80, widths[j] + 3), CustomWidth = true });
        }

        var view = new SheetView { WorkbookViewId = 0, TabSelected = false };
        view.AppendChild(new Pane { VerticalSplit = 1, TopLeftCell = "A2", ActivePane = PaneValues.BottomLeft, State = PaneStateValues.Frozen });
        return new Worksheet(new SheetViews(view), columns, data);
    }

    private static Cell Cell(object? value, ValueKind kind)
    {
        var style = 2 + (uint)kind;
        return value switch
        {
            double d when double.IsFinite(d) => new Cell { DataType = CellValues.Number, CellValue = new CellValue(d.ToString("R", CultureInfo.InvariantCulture)), StyleIndex = style },
            int or long or ulong => new Cell { DataType = CellValues.Number, CellValue = new CellValue(Convert.ToString(value, CultureInfo.InvariantCulture)!), StyleIndex = style },
            bool b => new Cell { DataType = CellValues.Boolean, CellValue = new CellValue(b ? "1" : "0") },
            null or double => new Cell(),
            _ => new Cell { DataType = CellValues.InlineString, InlineString = new InlineString(new Text(Fmt.Exact(value))), StyleIndex = kind == ValueKind.Text ? 0u : 2u + (uint)ValueKind.Text },
        };
    }

    private static Stylesheet Stylesheet()
    {
        var kinds = Enum.GetValues<ValueKind>();
        var numberingFormats = new NumberingFormats();
        var formats = new CellFormats(
            new XCellFormat { NumberFormatId = 0, FontId = 0, FillId = 0, BorderId = 0 },
            new XCellFormat { NumberFormatId = 0, FontId = 1, FillId = 0, BorderId = 0, ApplyFont = true });
        foreach (var kind in kinds)
        {
            var id = 164u + (uint)kind;
            numberingFormats.AppendChild(new NumberingFormat { NumberFormatId = id, FormatCode = Fmt.ExcelFormat(kind) });
            formats.AppendChild(new XCellFormat { NumberFormatId = id, FontId = 0, FillId = 0, BorderId = 0, ApplyNumberFormat = true });
        }

        numberingFormats.Count = (uint)kinds.Length;
        formats.Count = (uint)formats.ChildElements.Count;
        return new Stylesheet(
            numberingFormats,
            new Fonts(new Font(new FontSize { Val = 11 }), new Font(new Bold(), new FontSize { Val = 11 })) { Count = 2 },
            new Fills(new Fill(new PatternFill { PatternType = PatternValues.None }), new Fill(new PatternFill { PatternType = PatternValues.Gray125 })) { Count = 2 },
            new Borders(new Border(new LeftBorder(), new RightBorder(), new TopBorder(), new BottomBorder(), new DiagonalBorder())) { Count = 1 },
            formats);
    }
}
