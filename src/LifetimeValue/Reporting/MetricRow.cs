using LifetimeValue.Internal;

namespace LifetimeValue.Reporting;

/// <summary>
/// A row of a metric table (<see cref="ResultTable.FromMetrics"/>): a label, the kind of its values, and one value per
/// value column (one per strategy, say). Summaries are metric tables with a single value column.
/// </summary>
/// <remarks>Thread safety: immutable.</remarks>
public sealed class MetricRow
{
    private readonly string? _key;

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

    /// <summary>
    /// The row's key in JSON, when it must not follow the label (a label that names a level, a cohort size or a capital);
    /// null to use the label in camelCase.
    /// </summary>
    public string? Key
    {
        get => _key;
        init => _key = value is null || ReportKeys.IsKey(value) ? value : throw new ArgumentException($"Key must be camelCase letters and digits (was '{value}').", nameof(value));
    }

    /// <summary>The kind of the values.</summary>
    public ValueKind Kind { get; }

    /// <summary>The values, one per value column.</summary>
    public IReadOnlyList<object?> Values { get; }
}
