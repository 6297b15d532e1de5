namespace LifetimeValue.Reporting;

/// <summary>A column of a <see cref="ResultTable"/>: its header and the kind of value in it.</summary>
/// <param name="Label">The header a reader sees.</param>
/// <param name="Kind">What its values are (decides their format).</param>
/// <param name="Key">Its key in JSON when it must not follow the label (a label naming a level); null for the label in camelCase.</param>
/// <remarks>Thread safety: immutable.</remarks>
public readonly record struct ResultColumn(string Label, ValueKind Kind, string? Key = null)
{
    /// <summary>A text column.</summary>
    /// <param name="label">The header.</param>
    /// <returns>The column.</returns>
    public static ResultColumn Text(string label) => new(label, ValueKind.Text);

    /// <summary>A currency column.</summary>
    /// <param name="label">The header.</param>
    /// <returns>The column.</returns>
    public static ResultColumn Currency(string label) => new(label, ValueKind.Currency);

    /// <summary>A percent column (values are fractions).</summary>
    /// <param name="label">The header.</param>
    /// <returns>The column.</returns>
    public static ResultColumn Percent(string label) => new(label, ValueKind.Percent);

    /// <summary>A whole-month column.</summary>
    /// <param name="label">The header.</param>
    /// <returns>The column.</returns>
    public static ResultColumn Months(string label) => new(label, ValueKind.Months);

    /// <summary>A year column.</summary>
    /// <param name="label">The header.</param>
    /// <returns>The column.</returns>
    public static ResultColumn Years(string label) => new(label, ValueKind.Years);

    /// <summary>A count column.</summary>
    /// <param name="label">The header.</param>
    /// <returns>The column.</returns>
    public static ResultColumn Count(string label) => new(label, ValueKind.Count);

    /// <summary>A plain-number column.</summary>
    /// <param name="label">The header.</param>
    /// <returns>The column.</returns>
    public static ResultColumn Number(string label) => new(label, ValueKind.Number);
}
