using System.Globalization;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace LifetimeValue.Cli.Output;

/// <summary>Writes a report as an .xlsx workbook with the Open XML SDK: one sheet per table, a header row, numbers as numbers.</summary>
internal static class XlsxWriter
{
    public static void Write(Report report, string path)
    {
        using var document = SpreadsheetDocument.Create(path, SpreadsheetDocumentType.Workbook);
        var workbookPart = document.AddWorkbookPart();
        workbookPart.Workbook = new Workbook();
        var sheets = workbookPart.Workbook.AppendChild(new Sheets());
        var used = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        uint id = 1;
        foreach (var table in report.Tables)
        {
            var worksheetPart = workbookPart.AddNewPart<WorksheetPart>();
            var data = new SheetData();
            data.AppendChild(Row(table.Columns.Cast<object?>()));
            foreach (var row in table.Rows)
            {
                data.AppendChild(Row(row));
            }

            worksheetPart.Worksheet = new Worksheet(data);
            sheets.AppendChild(new Sheet
            {
                Id = workbookPart.GetIdOfPart(worksheetPart),
                SheetId = id++,
                Name = SheetName(table.Name, used),
            });
        }

        workbookPart.Workbook.Save();
    }

    /// <summary>Sheet names: at most 31 characters, none of <c>[]:*?/\</c>, unique.</summary>
    internal static string SheetName(string name, HashSet<string> used)
    {
        var clean = new string([.. name.Select(c => "[]:*?/\\".Contains(c, StringComparison.Ordinal) ? '_' : c)]);
        clean = clean.Length > 31 ? clean[..31] : clean;
        var candidate = clean.Length == 0 ? "Sheet" : clean;
        for (var k = 2; !used.Add(candidate); k++)
        {
            var suffix = string.Create(CultureInfo.InvariantCulture, $" ({k})");
            candidate = clean[..Math.Min(clean.Length, 31 - suffix.Length)] + suffix;
        }

        return candidate;
    }

    private static Row Row(IEnumerable<object?> cells)
    {
        var row = new Row();
        foreach (var cell in cells)
        {
            row.AppendChild(Cell(cell));
        }

        return row;
    }

    private static Cell Cell(object? value) => value switch
    {
        double d when double.IsFinite(d) => new Cell { DataType = CellValues.Number, CellValue = new CellValue(d.ToString("R", CultureInfo.InvariantCulture)) },
        int or long => new Cell { DataType = CellValues.Number, CellValue = new CellValue(Convert.ToString(value, CultureInfo.InvariantCulture)!) },
        bool b => new Cell { DataType = CellValues.Boolean, CellValue = new CellValue(b ? "1" : "0") },
        null => new Cell(),
        double => new Cell(),
        _ => new Cell { DataType = CellValues.InlineString, InlineString = new InlineString(new Text(ReportWriter.Machine(value))) },
    };
}
