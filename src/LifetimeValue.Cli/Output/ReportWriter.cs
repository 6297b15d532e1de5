using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Spectre.Console;
using Spectre.Console.Rendering;
using LifetimeValue.Cli.Common;

namespace LifetimeValue.Cli.Output;

/// <summary>Writes a <see cref="Report"/> in any <see cref="OutputFormat"/>, to standard output or a file.</summary>
internal static class ReportWriter
{
    /// <summary>Writes the report; a file is written to a temporary name first and moved into place, so a failure leaves no partial file.</summary>
    public static void Write(Report report, OutputFormat format, string? outPath, CliEnvironment env)
    {
        if (format == OutputFormat.Xlsx && outPath is null)
        {
            throw CliException.Usage("--format xlsx writes a workbook and needs --out <file.xlsx>.");
        }

        if (outPath is null)
        {
            if (format == OutputFormat.Table)
            {
                WriteTables(report, env.CreateOutputConsole());
            }
            else
            {
                WriteText(report, format, env.Output);
            }

            env.Output.Flush();
            return;
        }

        AtomicFile.Write(outPath, path =>
        {
            if (format == OutputFormat.Xlsx)
            {
                XlsxWriter.Write(report, path);
                return;
            }

            using var writer = new StreamWriter(path, false, new UTF8Encoding(false));
            if (format == OutputFormat.Table)
            {
                WriteTables(report, new CliEnvironment(writer, TextWriter.Null).CreateOutputConsole());
            }
            else
            {
                WriteText(report, format, writer);
            }
        });
    }

    private static void WriteText(Report report, OutputFormat format, TextWriter writer)
    {
        switch (format)
        {
            case OutputFormat.Csv:
                if (report.WriteCsv is { } csv)
                {
                    csv(writer);
                }
                else
                {
                    WriteCsv(report, writer);
                }

                break;
            case OutputFormat.Json:
                writer.Flush();
                using (var buffer = new MemoryStream())
                {
                    if (report.WriteJson is { } json)
                    {
                        json(buffer);
                    }
                    else
                    {
                        WriteJson(report, buffer);
                    }

                    writer.Write(Encoding.UTF8.GetString(buffer.ToArray()));
                    writer.Write('\n');
                }

                break;
            case OutputFormat.Md:
                WriteMarkdown(report, writer);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(format), format, "Not a text format.");
        }

        writer.Flush();
    }

    private static void WriteTables(Report report, IAnsiConsole console)
    {
        foreach (var table in report.Tables.Where(t => !t.IsDetail))
        {
            var rendered = new Table { Title = new TableTitle(Markup.Escape(report.Tables.Count > 1 || table.Name != report.Title ? $"{report.Title}: {table.Name}" : table.Name)) };
            rendered.Border(TableBorder.Rounded);
            for (var c = 0; c < table.Columns.Count; c++)
            {
                var column = new TableColumn(new Text(table.Columns[c]));
                if (table.Rows.Count > 0 && table.Rows.All(r => r[c] is null or double or int or long))
                {
                    column.RightAligned();
                }

                rendered.AddColumn(column);
            }

            foreach (var row in table.Rows)
            {
                rendered.AddRow(row.Select(cell => (IRenderable)new Text(Display(cell))).ToArray());
            }

            console.Write(rendered);
        }

        foreach (var note in report.Notes)
        {
            console.WriteLine(note);
        }
    }

    private static void WriteMarkdown(Report report, TextWriter writer)
    {
        writer.Write($"## {report.Title}\n");
        foreach (var table in report.Tables.Where(t => !t.IsDetail))
        {
            writer.Write($"\n### {table.Name}\n\n");
            writer.Write("| " + string.Join(" | ", table.Columns.Select(EscapeMarkdown)) + " |\n");
            writer.Write("|" + string.Concat(table.Columns.Select((_, c) => NumericColumn(table, c) ? " ---: |" : " --- |")) + "\n");
            foreach (var row in table.Rows)
            {
                writer.Write("| " + string.Join(" | ", row.Select(cell => EscapeMarkdown(Display(cell)))) + " |\n");
            }
        }

        foreach (var note in report.Notes)
        {
            writer.Write($"\n{note}\n");
        }
    }

    private static void WriteCsv(Report report, TextWriter writer)
    {
        var several = report.Tables.Count > 1;
        for (var i = 0; i < report.Tables.Count; i++)
        {
            var table = report.Tables[i];
            if (several)
            {
                writer.Write(i > 0 ? "\n" : string.Empty);
                writer.Write($"# {table.Name}\n");
            }

            writer.Write(string.Join(",", table.Columns.Select(EscapeCsv)) + "\n");
            foreach (var row in table.Rows)
            {
                writer.Write(string.Join(",", row.Select(cell => EscapeCsv(Machine(cell)))) + "\n");
            }
        }
    }

    private static void WriteJson(Report report, Stream stream)
    {
        using var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        json.WriteStartObject();
        json.WriteString("title", report.Title);
        json.WriteStartObject("tables");
        foreach (var table in report.Tables)
        {
            json.WriteStartArray(table.Name);
            foreach (var row in table.Rows)
            {
                json.WriteStartObject();
                for (var c = 0; c < table.Columns.Count; c++)
                {
                    json.WritePropertyName(table.Columns[c]);
                    WriteJsonValue(json, row[c]);
                }

                json.WriteEndObject();
            }

            json.WriteEndArray();
        }

        json.WriteEndObject();
        json.WriteEndObject();
    }

    private static void WriteJsonValue(Utf8JsonWriter json, object? cell)
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
            default:
                json.WriteNullValue();
                break;
        }
    }

    /// <summary>A cell for people: thousands separators for money, four significant digits for small numbers, "n/a" for none.</summary>
    public static string Display(object? cell) => cell switch
    {
        null => "n/a",
        double d when !double.IsFinite(d) => "n/a",
        double d when Math.Abs(d) >= 1000 => d.ToString("#,##0.00", CultureInfo.InvariantCulture),
        double d when Math.Abs(d) >= 1 => d.ToString("0.####", CultureInfo.InvariantCulture),
        double d => d.ToString("G4", CultureInfo.InvariantCulture),
        bool b => b ? "yes" : "no",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => cell.ToString() ?? string.Empty,
    };

    /// <summary>A cell for machines: full round-trip precision, empty for none.</summary>
    public static string Machine(object? cell) => cell switch
    {
        null => string.Empty,
        double d when !double.IsFinite(d) => string.Empty,
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        bool b => b ? "true" : "false",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => cell.ToString() ?? string.Empty,
    };

    private static bool NumericColumn(ReportTable table, int c) => table.Rows.Count > 0 && table.Rows.All(r => r[c] is null or double or int or long);

    private static string EscapeCsv(string s) =>
        s.AsSpan().IndexOfAny(",\"\n\r") >= 0 ? "\"" + s.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : s;

    private static string EscapeMarkdown(string s) => s.Replace("|", "\\|", StringComparison.Ordinal);
}
