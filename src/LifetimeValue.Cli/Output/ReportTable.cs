namespace LifetimeValue.Cli.Output;

/// <summary>
/// A named table of results: the unit every output format writes (a Spectre table, a CSV section, a
/// Markdown table, a JSON array of objects, an xlsx sheet). Cells are <see cref="double"/>, <see cref="long"/>,
/// <see cref="int"/>, <see cref="string"/>, <see cref="bool"/> or null.
/// </summary>
internal sealed class ReportTable
{
    private readonly List<object?[]> _rows = [];

    public ReportTable(string name, params string[] columns)
    {
        Name = name;
        Columns = columns;
    }

    /// <summary>Table name: the sheet name in xlsx, the heading elsewhere.</summary>
    public string Name { get; }

    public IReadOnlyList<string> Columns { get; }

    public IReadOnlyList<object?[]> Rows => _rows;

    /// <summary>Whether the table is long detail (e.g. month by month) shown only in file formats (csv, json, xlsx), not on screen or in Markdown.</summary>
    public bool IsDetail { get; init; }

    public ReportTable Add(params object?[] cells)
    {
        if (cells.Length != Columns.Count)
        {
            throw new ArgumentException($"Table '{Name}' has {Columns.Count} columns; a row has {cells.Length} cells.", nameof(cells));
        }

        _rows.Add(cells);
        return this;
    }

    /// <summary>A table of the core library's result tables (<see cref="LifetimeValue.Reporting.ResultTable"/>).</summary>
    public static ReportTable From(LifetimeValue.Reporting.ResultTable table)
    {
        var result = new ReportTable(table.Name, [.. table.Columns]);
        for (var i = 0; i < table.RowCount; i++)
        {
            result.Add([.. table.Row(i)]);
        }

        return result;
    }

    /// <summary>A two-column (metric, value) table.</summary>
    public static ReportTable Summary(string name) => new(name, "metric", "value");
}
