using System.Text;
using Spectre.Console;
using Spectre.Console.Rendering;
using LifetimeValue.Cli.Common;
using LifetimeValue.Reporting;

namespace LifetimeValue.Cli.Output;

/// <summary>
/// Writes a library <see cref="ResultReport"/> in any <see cref="OutputFormat"/>, to standard output or a file. The
/// tool builds no tables of its own: CSV, JSON and Markdown are the library's <see cref="TableWriter"/> output byte for
/// byte, the console table and the workbook adapt the same typed tables (formatted by <see cref="CellFormat"/>).
/// </summary>
internal static class ReportWriter
{
    /// <summary>Writes the report; a file is written to a temporary name first and moved into place, so a failure leaves no partial file.</summary>
    public static void Write(ResultReport report, OutputFormat format, string? outPath, CliEnvironment env, Action<Stream>? ownJson = null)
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
                WriteText(report, format, env.Output, ownJson);
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
                WriteText(report, format, writer, ownJson);
            }
        });
    }

    /// <summary>The report as the library writes it in a text format (what the tool prints for csv, json and md).</summary>
    public static string Render(ResultReport report, OutputFormat format)
    {
        var writer = new StringWriter { NewLine = "\n" };
        WriteText(report, format, writer);
        return writer.ToString();
    }

    private static void WriteText(ResultReport report, OutputFormat format, TextWriter writer, Action<Stream>? ownJson = null)
    {
        if (format == OutputFormat.Json && ownJson is not null)
        {
            writer.Flush();
            using var buffer = new MemoryStream();
            ownJson(buffer);
            writer.Write(Encoding.UTF8.GetString(buffer.ToArray()));
            writer.Write('\n');
            writer.Flush();
            return;
        }

        switch (format)
        {
            case OutputFormat.Csv:
                TableWriter.WriteCsv(report, writer);
                break;
            case OutputFormat.Json:
                writer.Write(TableWriter.ToJson(report));
                writer.Write('\n');
                break;
            case OutputFormat.Md:
                TableWriter.WriteMarkdown(report, writer);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(format), format, "Not a text format.");
        }

        writer.Flush();
    }

    private static void WriteTables(ResultReport report, IAnsiConsole console)
    {
        console.Write(new Text(report.Title + "\n", new Style(decoration: Decoration.Bold)));
        foreach (var table in new[] { report.RunTable }.Concat(report.Tables.Where(t => !t.IsDetail)))
        {
            var rendered = new Table { Title = new TableTitle(Markup.Escape(table.Name)) };
            rendered.Border(TableBorder.Rounded);
            for (var c = 0; c < table.Columns.Count; c++)
            {
                var column = new TableColumn(new Text(table.Columns[c]));
                if ((table.IsMetricTable && c > 0) || (table.ColumnKind(c) != ValueKind.Text && table.RowCount > 0
                    && Enumerable.Range(0, table.RowCount).All(i => table[i, c] is null or double or int or long)))
                {
                    column.RightAligned();
                }

                rendered.AddColumn(column);
            }

            for (var i = 0; i < table.RowCount; i++)
            {
                var row = i;
                rendered.AddRow([.. table.Row(i).Select((cell, c) => (IRenderable)new Text(CellFormat.Display(cell, table.Kind(row, c))))]);
            }

            console.Write(rendered);
        }

        foreach (var note in report.Notes)
        {
            console.WriteLine(note);
        }
    }
}
