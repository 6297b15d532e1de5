using LifetimeValue.Internal;

namespace LifetimeValue.Reporting;

/// <summary>
/// A row of a metric table (<see cref="ResultTable.FromMetrics"/>): a label, the kind of its values, and one value per
/// value column (one per strategy, say). Summaries are metric tables with a single value column.
/// </summary>
/// <remarks>Thread safety: immutable.</remarks>
public sealed class MetricRow
{
    /// <summary>Creates a row.</summary>
    /// <param name="label">What the number is; not blank.</param>
    /// <param name="kind">What kind of value it is.</param>
    /// <param name="values">One value per value column (number, text, boolean or null for "not defined").</param>
    /// <exception cref="ArgumentException"><paramref name="label"/> is blank.</exception>
    public MetricRow(string label, ValueKind kind, params IReadOnlyList<object?> values)
    {
        Label = Guard.NotBlank(label);
        ArgumentNullException.ThrowIfNull(values);
        Kind = kind;
        Values = ReadOnly.Copy(values);
    }

    /// <summary>What the number is.</summary>
    public string Label { get; }

    /// <summary>The kind of the values.</summary>
    public ValueKind Kind { get; }

    /// <summary>The values, one per value column.</summary>
    public IReadOnlyList<object?> Values { get; }
}
