using LifetimeValue.Internal;

namespace LifetimeValue.Reporting;

/// <summary>
/// A named table of results — the common shape every result type can be rendered to (console text, Markdown,
/// CSV, spreadsheets). Cells are numbers (<see cref="double"/>, <see cref="int"/>, <see cref="long"/>), text, or
/// <see langword="null"/> for "not applicable".
/// </summary>
/// <remarks>Thread safety: immutable; safe to share.</remarks>
public sealed class ResultTable
{
    private readonly string[] _columns;
    private readonly object?[][] _rows;

    /// <summary>Creates a table.</summary>
    /// <param name="name">Table name (sheet name, heading); not blank.</param>
    /// <param name="columns">Column headers; at least one.</param>
    /// <param name="rows">Rows, each with one cell per column.</param>
    /// <exception cref="ArgumentException">Blank name, no columns, or a row of the wrong width.</exception>
    public ResultTable(string name, IReadOnlyList<string> columns, IEnumerable<IReadOnlyList<object?>> rows)
    {
        Name = Guard.NotBlank(name);
        ArgumentNullException.ThrowIfNull(columns);
        ArgumentNullException.ThrowIfNull(rows);
        _columns = [.. Guard.NotEmpty(columns)];
        Columns = ReadOnly.Wrap(_columns);
        _rows = [.. rows.Select((r, i) => r.Count == _columns.Length ? r.ToArray() : throw new ArgumentException(
            $"rows[{i}] has {r.Count} cells but the table has {_columns.Length} columns.", nameof(rows)))];
    }

    /// <summary>Table name.</summary>
    public string Name { get; }

    /// <summary>Column headers.</summary>
    public IReadOnlyList<string> Columns { get; }

    /// <summary>Number of rows.</summary>
    public int RowCount => _rows.Length;

    /// <summary>The cell at (<paramref name="row"/>, <paramref name="column"/>).</summary>
    /// <param name="row">Row index.</param>
    /// <param name="column">Column index.</param>
    /// <returns>The cell value (number, text or null).</returns>
    public object? this[int row, int column] => _rows[row][column];

    /// <summary>The cells of one row.</summary>
    /// <param name="row">Row index.</param>
    /// <returns>The cells.</returns>
    public IReadOnlyList<object?> Row(int row) => _rows[row];
}
