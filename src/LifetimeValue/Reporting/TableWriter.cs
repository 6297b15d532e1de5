using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using LifetimeValue.Internal;

namespace LifetimeValue.Reporting;

/// <summary>
/// Renders <see cref="ResultReport"/>s and <see cref="ResultTable"/>s as aligned console text, GitHub Markdown, CSV
/// (RFC 4180, invariant culture, round-trip numbers, empty cells for values that are not defined) or JSON (camelCase
/// keys, numbers as numbers, null for not defined; the shape of <see cref="ResultReport.JsonSchema"/>). Readers' formats
/// format each cell by its <see cref="ValueKind"/> through <see cref="CellFormat"/>.
/// </summary>
/// <remarks>Thread safety: stateless.</remarks>
public static class TableWriter
{
    /// <summary>Writes a report as text: the title, the run block, each non-detail table, then the notes.</summary>
    /// <param name="report">The report.</param>
    /// <param name="writer">Destination.</param>
    public static void WriteText(ResultReport report, TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteLine(report.Title);
        writer.WriteLine();
        WriteText([report.RunTable, .. report.Tables.Where(t => !t.IsDetail)], writer);
        foreach (var note in report.Notes)
        {
            writer.WriteLine();
            writer.WriteLine(note);
        }
    }

    /// <summary>Writes aligned text tables, each under its name, numbers right-aligned and formatted by kind.</summary>
    /// <param name="tables">The tables.</param>
    /// <param name="writer">Destination.</param>
    public static void WriteText(IEnumerable<ResultTable> tables, TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(tables);
        ArgumentNullException.ThrowIfNull(writer);
        var first = true;
        foreach (var table in tables)
        {
            if (!first)
            {
                writer.WriteLine();
            }

            first = false;
            writer.WriteLine(table.Name);
            var cells = DisplayCells(table);
            var widths = table.Columns.Select((c, j) => Math.Max(c.Length, cells.Count == 0 ? 0 : cells.Max(r => r[j].Length))).ToArray();
            var numeric = NumericColumns(table);
            writer.WriteLine(Line(table.Columns, widths, numeric));
            writer.WriteLine(string.Join("  ", widths.Select(w => new string('-', w))));
            foreach (var row in cells)
            {
                writer.WriteLine(Line(row, widths, numeric));
            }
        }
    }

    /// <summary>Writes a report as Markdown: a level-2 title, the run block, each non-detail table, then the notes.</summary>
    /// <param name="report">The report.</param>
    /// <param name="writer">Destination.</param>
    public static void WriteMarkdown(ResultReport report, TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteLine($"## {report.Title}");
        writer.WriteLine();
        WriteMarkdown([report.RunTable, .. report.Tables.Where(t => !t.IsDetail)], writer);
        foreach (var note in report.Notes)
        {
            writer.WriteLine($"> {note}");
            writer.WriteLine();
        }
    }

    /// <summary>Writes GitHub-flavoured Markdown tables, each under a level-3 heading.</summary>
    /// <param name="tables">The tables.</param>
    /// <param name="writer">Destination.</param>
    public static void WriteMarkdown(IEnumerable<ResultTable> tables, TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(tables);
        ArgumentNullException.ThrowIfNull(writer);
        foreach (var table in tables)
        {
            writer.WriteLine($"### {table.Name}");
            writer.WriteLine();
            writer.WriteLine("| " + string.Join(" | ", table.Columns.Select(EscapeMarkdown)) + " |");
            writer.WriteLine("|" + string.Concat(NumericColumns(table).Select(n => n ? " ---: |" : " --- |")));
            foreach (var row in DisplayCells(table))
            {
                writer.WriteLine("| " + string.Join(" | ", row.Select(EscapeMarkdown)) + " |");
            }

            writer.WriteLine();
        }
    }

    /// <summary>Writes one table as CSV with a header row; numbers in round-trip form, empty cells for values not defined.</summary>
    /// <param name="table">The table.</param>
    /// <param name="writer">Destination.</param>
    public static void WriteCsv(ResultTable table, TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteLine(string.Join(",", table.Columns.Select(Csv.Escape)));
        for (var i = 0; i < table.RowCount; i++)
        {
            writer.WriteLine(string.Join(",", table.Row(i).Select(c => Csv.Escape(CellFormat.Exact(c)))));
        }
    }

    /// <summary>Writes several tables as CSV: each preceded by a <c># name</c> line and followed by a blank line.</summary>
    /// <param name="tables">The tables.</param>
    /// <param name="writer">Destination.</param>
    public static void WriteCsv(IEnumerable<ResultTable> tables, TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(tables);
        ArgumentNullException.ThrowIfNull(writer);
        foreach (var table in tables)
        {
            writer.WriteLine($"# {table.Name}");
            WriteCsv(table, writer);
            writer.WriteLine();
        }
    }

    /// <summary>Writes a report as CSV: the run block, then every table (detail included), each under a <c># name</c> line.</summary>
    /// <param name="report">The report.</param>
    /// <param name="writer">Destination.</param>
    public static void WriteCsv(ResultReport report, TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(report);
        WriteCsv([report.RunTable, .. report.Tables], writer);
    }

    /// <summary>
    /// Writes a report as one JSON document (UTF-8): <c>schemaVersion</c>, <c>title</c>, <c>run</c> (parameter key →
    /// value), <c>tables</c> (table key → columns, rows and, for metric tables, <c>values</c> by row key) and
    /// <c>notes</c>. Keys are camelCase; numbers are numbers; a value that is not defined is null.
    /// </summary>
    /// <param name="report">The report.</param>
    /// <param name="stream">Destination.</param>
    /// <param name="indented">Whether to indent.</param>
    public static void WriteJson(ResultReport report, Stream stream, bool indented = true)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(stream);
        using var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = indented, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        json.WriteStartObject();
        json.WriteNumber("schemaVersion", ResultReport.SchemaVersion);
        json.WriteString("title", report.Title);
        json.WriteStartObject("run");
        var runKeys = ReportKeys.Unique(report.Run.Select(r => r.Key ?? r.Label));
        for (var i = 0; i < report.Run.Count; i++)
        {
            json.WritePropertyName(runKeys[i]);
            WriteValue(json, report.Run[i].Values.Count == 1 ? report.Run[i].Values[0] : null);
        }

        json.WriteEndObject();
        json.WriteStartObject("tables");
        var tableKeys = ReportKeys.Unique(report.Tables.Select(t => t.Name));
        for (var t = 0; t < report.Tables.Count; t++)
        {
            json.WritePropertyName(tableKeys[t]);
            WriteTable(json, report.Tables[t]);
        }

        json.WriteEndObject();
        json.WriteStartArray("notes");
        foreach (var note in report.Notes)
        {
            json.WriteStringValue(note);
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    /// <summary>The report's JSON as a string (indented).</summary>
    /// <param name="report">The report.</param>
    /// <returns>The JSON text.</returns>
    public static string ToJson(ResultReport report)
    {
        using var buffer = new MemoryStream();
        WriteJson(report, buffer);
        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>A cell as exact text: round-trip numbers, empty for values that are not defined.</summary>
    /// <param name="value">The cell.</param>
    /// <returns>The text.</returns>
    public static string Exact(object? value) => CellFormat.Exact(value);

    /// <summary>The JSON name of a kind (<c>currency</c>, <c>percent</c> …).</summary>
    /// <param name="kind">The kind.</param>
    /// <returns>The name.</returns>
    public static string KindName(ValueKind kind) => kind.ToString().ToLowerInvariant();

    private static void WriteTable(Utf8JsonWriter json, ResultTable table)
    {
        json.WriteStartObject();
        json.WriteString("name", table.Name);
        json.WriteBoolean("detail", table.IsDetail);
        json.WriteStartArray("columns");
        for (var j = 0; j < table.Columns.Count; j++)
        {
            json.WriteStartObject();
            json.WriteString("key", table.ColumnKeys[j]);
            json.WriteString("label", table.Columns[j]);
            json.WriteString("kind", table.IsMetricTable && j > 0 ? "byRow" : KindName(table.ColumnKind(j)));
            json.WriteEndObject();
        }

        json.WriteEndArray();
        var rowKeys = table.IsMetricTable ? ReportKeys.Unique(Enumerable.Range(0, table.RowCount).Select(i => table.RowKey(i) ?? table[i, 0] as string ?? "row")) : [];
        json.WriteStartArray("rows");
        for (var i = 0; i < table.RowCount; i++)
        {
            json.WriteStartObject();
            if (table.IsMetricTable)
            {
                json.WriteString("key", rowKeys[i]);
                json.WriteString("kind", KindName(table.Kind(i, 1)));
            }

            for (var j = 0; j < table.Columns.Count; j++)
            {
                json.WritePropertyName(table.ColumnKeys[j]);
                WriteValue(json, table[i, j]);
            }

            json.WriteEndObject();
        }

        json.WriteEndArray();
        if (table.IsMetricTable)
        {
            json.WriteStartObject("values");
            for (var i = 0; i < table.RowCount; i++)
            {
                json.WritePropertyName(rowKeys[i]);
                if (table.Columns.Count == 2 && table.ColumnKeys[1] == "value")
                {
                    WriteValue(json, table[i, 1]);
                }
                else
                {
                    json.WriteStartObject();
                    for (var j = 1; j < table.Columns.Count; j++)
                    {
                        json.WritePropertyName(table.ColumnKeys[j]);
                        WriteValue(json, table[i, j]);
                    }

                    json.WriteEndObject();
                }
            }

            json.WriteEndObject();
        }

        json.WriteEndObject();
    }

    private static void WriteValue(Utf8JsonWriter json, object? cell)
    {
        switch (cell)
        {
            case double d when double.IsFinite(d):
                json.WriteNumberValue(d);
                break;
            case int i:
                json.WriteNumberValue(i);
                break;
            case long l:
                json.WriteNumberValue(l);
                break;
            case ulong u:
                json.WriteNumberValue(u);
                break;
            case bool b:
                json.WriteBooleanValue(b);
                break;
            case string s:
                json.WriteStringValue(s);
                break;
            case null or double:
                json.WriteNullValue();
                break;
            case IFormattable f:
                json.WriteStringValue(f.ToString(null, CultureInfo.InvariantCulture));
                break;
            default:
                json.WriteStringValue(cell.ToString());
                break;
        }
    }

    private static List<string[]> DisplayCells(ResultTable table) =>
        [.. Enumerable.Range(0, table.RowCount).Select(i => table.Row(i).Select((c, j) => CellFormat.Display(c, table.Kind(i, j))).ToArray())];

    /// <summary>Right-align a column when its cells are numbers (or not defined); a metric table's value columns always.</summary>
    private static bool[] NumericColumns(ResultTable table) =>
        [.. table.Columns.Select((_, j) => (table.IsMetricTable && j > 0)
            || (table.ColumnKind(j) != ValueKind.Text && Enumerable.Range(0, table.RowCount).All(i => table[i, j] is null or double or int or long or string { Length: <= 3 })))];

    private static string Line(IReadOnlyList<string> cells, int[] widths, bool[] numeric)
    {
        var sb = new StringBuilder();
        for (var j = 0; j < cells.Count; j++)
        {
            if (j > 0)
            {
                sb.Append("  ");
            }

            sb.Append(numeric[j] ? cells[j].PadLeft(widths[j]) : cells[j].PadRight(widths[j]));
        }

        return sb.ToString().TrimEnd();
    }

    private static string EscapeMarkdown(string text) => text.Replace("|", "\\|", StringComparison.Ordinal);
}
