using System.Globalization;
using System.Text;
using LifetimeValue.Internal;

namespace LifetimeValue.Reporting;

/// <summary>
/// Renders <see cref="ResultTable"/>s as an aligned console text table, GitHub Markdown or CSV (RFC 4180,
/// invariant culture, round-trip precision for numbers).
/// </summary>
/// <remarks>Thread safety: stateless.</remarks>
public static class TableWriter
{
    /// <summary>Writes aligned text tables, each under its name, numbers right-aligned with sensible precision.</summary>
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
            var cells = Cells(table, Display);
            var widths = table.Columns.Select((c, j) => Math.Max(c.Length, cells.Count == 0 ? 0 : cells.Max(r => r[j].Length))).ToArray();
            var numeric = table.Columns.Select((_, j) => Enumerable.Range(0, table.RowCount).All(i => table[i, j] is null or double or int or long)).ToArray();
            writer.WriteLine(Line(table.Columns, widths, numeric));
            writer.WriteLine(string.Join("  ", widths.Select(w => new string('-', w))));
            foreach (var row in cells)
            {
                writer.WriteLine(Line(row, widths, numeric));
            }
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
            writer.WriteLine("|" + string.Concat(table.Columns.Select((_, j) =>
                Enumerable.Range(0, table.RowCount).All(i => table[i, j] is null or double or int or long) ? " ---: |" : " --- |")));
            foreach (var row in Cells(table, Display))
            {
                writer.WriteLine("| " + string.Join(" | ", row.Select(EscapeMarkdown)) + " |");
            }

            writer.WriteLine();
        }
    }

    /// <summary>Writes one table as CSV with a header row; numbers in round-trip form, empty cells for null.</summary>
    /// <param name="table">The table.</param>
    /// <param name="writer">Destination.</param>
    public static void WriteCsv(ResultTable table, TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteLine(string.Join(",", table.Columns.Select(Csv.Escape)));
        foreach (var row in Cells(table, Exact))
        {
            writer.WriteLine(string.Join(",", row.Select(Csv.Escape)));
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

    /// <summary>A cell as exact text: round-trip numbers, empty for null.</summary>
    /// <param name="value">The cell.</param>
    /// <returns>The text.</returns>
    public static string Exact(object? value) => value switch
    {
        null => string.Empty,
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? string.Empty,
    };

    /// <summary>A cell as display text: numbers with at most 2 decimals (4 significant digits below 1), "–" for null.</summary>
    /// <param name="value">The cell.</param>
    /// <returns>The text.</returns>
    public static string Display(object? value) => value switch
    {
        null => "–",
        double d when double.IsNaN(d) => "n/a",
        double d when d != 0 && Math.Abs(d) < 1 => d.ToString("G4", CultureInfo.InvariantCulture),
        double d => d.ToString("#,0.00", CultureInfo.InvariantCulture),
        int or long => ((IFormattable)value).ToString("#,0", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? string.Empty,
    };

    private static List<string[]> Cells(ResultTable table, Func<object?, string> format) =>
        [.. Enumerable.Range(0, table.RowCount).Select(i => table.Row(i).Select(format).ToArray())];

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
