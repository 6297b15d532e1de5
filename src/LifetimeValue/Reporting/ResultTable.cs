using LifetimeValue.Internal;

namespace LifetimeValue.Reporting;

/// <summary>
/// A named table of results — the one shape every result renders to (console text, Markdown, CSV, JSON,
/// spreadsheets). Cells are numbers (<see cref="double"/>, <see cref="int"/>, <see cref="long"/>), text, booleans, or
/// <see langword="null"/> for "not defined"; each cell has a <see cref="ValueKind"/> that decides its format, given per
/// column (<see cref="ResultTable(string, IReadOnlyList{ResultColumn}, IEnumerable{IReadOnlyList{object}})"/>) or per row
/// (<see cref="FromMetrics"/>).
/// </summary>
/// <remarks>Thread safety: immutable; safe to share.</remarks>
public sealed class ResultTable
{
    private readonly string[] _columns;
    private readonly ValueKind[] _columnKinds;
    private readonly ValueKind[]? _rowKinds;
    private readonly string?[]? _rowKeys;
    private readonly object?[][] _rows;

    /// <summary>Creates a table whose column kinds are inferred: whole numbers are counts, other numbers plain numbers, the rest text.</summary>
    /// <param name="name">Table name (sheet name, heading); not blank.</param>
    /// <param name="columns">Column headers; at least one.</param>
    /// <param name="rows">Rows, each with one cell per column.</param>
    /// <exception cref="ArgumentException">Blank name, no columns, or a row of the wrong width.</exception>
    public ResultTable(string name, IReadOnlyList<string> columns, IEnumerable<IReadOnlyList<object?>> rows)
        : this(name, Infer(columns, rows as IReadOnlyCollection<IReadOnlyList<object?>> ?? [.. rows ?? throw new ArgumentNullException(nameof(rows))]), null)
    {
    }

    /// <summary>Creates a table with typed columns.</summary>
    /// <param name="name">Table name (sheet name, heading); not blank.</param>
    /// <param name="columns">Columns (header and kind); at least one.</param>
    /// <param name="rows">Rows, each with one cell per column.</param>
    /// <exception cref="ArgumentException">Blank name, no columns, or a row of the wrong width.</exception>
    public ResultTable(string name, IReadOnlyList<ResultColumn> columns, IEnumerable<IReadOnlyList<object?>> rows)
        : this(name, (Guard.NotEmpty(columns), rows ?? throw new ArgumentNullException(nameof(rows))), null)
    {
    }

    private ResultTable(string name, (IReadOnlyList<ResultColumn> Columns, IEnumerable<IReadOnlyList<object?>> Rows) shape, ValueKind[]? rowKinds, string?[]? rowKeys = null)
    {
        _rowKeys = rowKeys;
        Name = Guard.NotBlank(name);
        var columns = Guard.NotEmpty(shape.Columns);
        _columns = [.. columns.Select(c => Guard.NotBlank(c.Label, "columns"))];
        _columnKinds = [.. columns.Select(c => c.Kind)];
        var keys = columns.Select(c => c.Key ?? c.Label).ToArray();
        Columns = ReadOnly.Wrap(_columns);
        _rows = [.. shape.Rows.Select((r, i) => r is not null && r.Count == _columns.Length ? r.ToArray() : throw new ArgumentException(
            $"rows[{i}] has {r?.Count ?? 0} cells but the table has {_columns.Length} columns.", nameof(shape)))];
        _rowKinds = rowKinds;
        Key = ReportKeys.CamelCase(Name);
        ColumnKeys = ReadOnly.Wrap(ReportKeys.Unique(keys));
    }

    private ResultTable(ResultTable other, bool isDetail)
    {
        Name = other.Name;
        _columns = other._columns;
        _columnKinds = other._columnKinds;
        _rowKinds = other._rowKinds;
        _rowKeys = other._rowKeys;
        _rows = other._rows;
        Columns = other.Columns;
        Key = other.Key;
        ColumnKeys = other.ColumnKeys;
        IsDetail = isDetail;
    }

    /// <summary>
    /// A metric table: the first column holds each row's label, the others one value each (a summary has one value
    /// column; a comparison one per strategy); each row's <see cref="MetricRow.Kind"/> formats its values.
    /// </summary>
    /// <param name="name">Table name; not blank.</param>
    /// <param name="labelHeader">Header of the label column, e.g. "Metric".</param>
    /// <param name="valueHeaders">Headers of the value columns; at least one.</param>
    /// <param name="rows">The rows, each with one value per value column.</param>
    /// <returns>The table.</returns>
    /// <exception cref="ArgumentException">Blank name, no value columns, or a row with the wrong number of values.</exception>
    public static ResultTable FromMetrics(string name, string labelHeader, IReadOnlyList<string> valueHeaders, IEnumerable<MetricRow> rows)
    {
        ArgumentNullException.ThrowIfNull(valueHeaders);
        ArgumentNullException.ThrowIfNull(rows);
        Guard.NotEmpty(valueHeaders);
        var list = rows.ToArray();
        ResultColumn[] columns = [ResultColumn.Text(labelHeader), .. valueHeaders.Select(h => new ResultColumn(h, ValueKind.Text))];
        var cells = list.Select(r => (IReadOnlyList<object?>)[r.Label, .. r.Values]).ToArray();
        return new ResultTable(name, (columns, cells), [.. list.Select(r => r.Kind)], [.. list.Select(r => r.Key)]);
    }

    /// <summary>A one-value metric table with the headers "Metric" and "Value".</summary>
    /// <param name="name">Table name; not blank.</param>
    /// <param name="rows">The rows, each with one value.</param>
    /// <returns>The table.</returns>
    public static ResultTable Summary(string name, IEnumerable<MetricRow> rows) => FromMetrics(name, "Metric", ["Value"], rows);

    /// <summary>Table name.</summary>
    public string Name { get; }

    /// <summary>The table's key in JSON: <see cref="Name"/> in camelCase ("By year" → <c>byYear</c>).</summary>
    public string Key { get; }

    /// <summary>Column headers.</summary>
    public IReadOnlyList<string> Columns { get; }

    /// <summary>The columns' keys in JSON: each header in camelCase, made unique within the table.</summary>
    public IReadOnlyList<string> ColumnKeys { get; }

    /// <summary>Whether this is a metric table (<see cref="FromMetrics"/>): kinds are per row, the first column labels.</summary>
    public bool IsMetricTable => _rowKinds is not null;

    /// <summary>
    /// Whether the table is long detail (month by month, say) that screen formats (text, Markdown) leave out and file
    /// formats (CSV, JSON, spreadsheets) keep.
    /// </summary>
    public bool IsDetail { get; init; }

    /// <summary>This table marked as detail (<see cref="IsDetail"/>): left out of screen formats, kept in files.</summary>
    /// <returns>A copy marked as detail.</returns>
    public ResultTable AsDetail() => new(this, true);

    /// <summary>Number of rows.</summary>
    public int RowCount => _rows.Length;

    /// <summary>The cell at (<paramref name="row"/>, <paramref name="column"/>).</summary>
    /// <param name="row">Row index.</param>
    /// <param name="column">Column index.</param>
    /// <returns>The cell value (number, text, boolean or null).</returns>
    public object? this[int row, int column] => _rows[row][column];

    /// <summary>The cells of one row.</summary>
    /// <param name="row">Row index.</param>
    /// <returns>The cells.</returns>
    public IReadOnlyList<object?> Row(int row) => _rows[row];

    /// <summary>The kind of the cell at (<paramref name="row"/>, <paramref name="column"/>), which decides its format.</summary>
    /// <param name="row">Row index.</param>
    /// <param name="column">Column index.</param>
    /// <returns>The kind.</returns>
    public ValueKind Kind(int row, int column) => _rowKinds is { } kinds && column > 0 ? kinds[row] : _columnKinds[column];

    /// <summary>A metric row's explicit JSON key (<see cref="MetricRow.Key"/>), or null.</summary>
    /// <param name="row">Row index.</param>
    /// <returns>The key, or null.</returns>
    public string? RowKey(int row) => _rowKeys?[row];

    /// <summary>The kind of a column (<see cref="ValueKind.Text"/> for the value columns of a metric table, whose kinds are per row).</summary>
    /// <param name="column">Column index.</param>
    /// <returns>The kind.</returns>
    public ValueKind ColumnKind(int column) => _columnKinds[column];

    /// <summary>The row whose first cell is <paramref name="label"/>, or -1.</summary>
    /// <param name="label">The first cell's text.</param>
    /// <returns>The row index, or -1.</returns>
    public int FindRow(string label)
    {
        for (var i = 0; i < _rows.Length; i++)
        {
            if (_rows[i][0] is string s && s == label)
            {
                return i;
            }
        }

        return -1;
    }

    private static (IReadOnlyList<ResultColumn>, IEnumerable<IReadOnlyList<object?>>) Infer(IReadOnlyList<string> columns, IReadOnlyCollection<IReadOnlyList<object?>> rows)
    {
        ArgumentNullException.ThrowIfNull(columns);
        var typed = columns.Select((c, j) =>
        {
            var cells = rows.Where(r => r is not null && r.Count > j).Select(r => r[j]).Where(v => v is not null).ToArray();
            var kind = cells.Length == 0 ? ValueKind.Text
                : cells.All(v => v is int or long) ? ValueKind.Count
                : cells.All(v => v is double or int or long) ? ValueKind.Number
                : ValueKind.Text;
            return new ResultColumn(c, kind);
        }).ToArray();
        return (typed, rows);
    }
}
