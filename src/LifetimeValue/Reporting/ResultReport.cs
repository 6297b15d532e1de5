using LifetimeValue.Internal;

namespace LifetimeValue.Reporting;

/// <summary>
/// What a result says to a reader: a title, the run's parameters (model, seed, scenarios, customers, capital …), the
/// result's tables and notes. Every result type renders to one (<c>ToReport()</c>), and <see cref="TableWriter"/>
/// writes it as text, Markdown, CSV or JSON (schema: <see cref="JsonSchema"/>), so no table is built twice.
/// </summary>
/// <remarks>Thread safety: immutable; safe to share.</remarks>
public sealed class ResultReport
{
    /// <summary>The version of the JSON shape (<c>schemaVersion</c>); raised when a key changes meaning or goes away.</summary>
    public const int SchemaVersion = 1;

    private const string SchemaResource = "LifetimeValue.Reporting.report.schema.json";
    private static readonly Lazy<string> SchemaText = new(() =>
    {
        using var stream = typeof(ResultReport).Assembly.GetManifestResourceStream(SchemaResource)
            ?? throw new InvalidOperationException($"Embedded resource {SchemaResource} is missing.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    });

    /// <summary>Creates a report.</summary>
    /// <param name="title">Title (heading); not blank.</param>
    /// <param name="run">The run's parameters, one row each.</param>
    /// <param name="tables">The result's tables.</param>
    /// <param name="notes">Notes for the reader (warnings, explanations); may be empty.</param>
    /// <exception cref="ArgumentException"><paramref name="title"/> is blank.</exception>
    public ResultReport(string title, IEnumerable<MetricRow> run, IEnumerable<ResultTable> tables, IEnumerable<string>? notes = null)
    {
        Title = Guard.NotBlank(title);
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(tables);
        Run = ReadOnly.Copy(run);
        Tables = ReadOnly.Copy(tables);
        Notes = ReadOnly.Copy(notes ?? []);
    }

    /// <summary>The JSON Schema (draft 2020-12) of <see cref="TableWriter.WriteJson(ResultReport, Stream, bool)"/>'s output, as text.</summary>
    public static string JsonSchema => SchemaText.Value;

    /// <summary>The library's version, as every report's run block records it.</summary>
    public static string LibraryVersion => ReportRows.LibraryVersion;

    /// <summary>Title.</summary>
    public string Title { get; }

    /// <summary>The run's parameters (each a label, a kind and one value).</summary>
    public IReadOnlyList<MetricRow> Run { get; }

    /// <summary>The run's parameters as a "Run" metric table.</summary>
    public ResultTable RunTable => ResultTable.FromMetrics("Run", "Parameter", ["Value"], Run);

    /// <summary>The tables.</summary>
    public IReadOnlyList<ResultTable> Tables { get; }

    /// <summary>Notes for the reader.</summary>
    public IReadOnlyList<string> Notes { get; }

    /// <summary>This report with more run parameters, after the existing ones (a parameter with the same label is replaced).</summary>
    /// <param name="run">The parameters.</param>
    /// <returns>A new report.</returns>
    public ResultReport WithRun(params IEnumerable<MetricRow> run)
    {
        ArgumentNullException.ThrowIfNull(run);
        var extra = run.ToArray();
        var labels = extra.Select(r => r.Label).ToHashSet(StringComparer.Ordinal);
        return new ResultReport(Title, [.. Run.Where(r => !labels.Contains(r.Label)), .. extra], Tables, Notes);
    }

    /// <summary>This report with more notes.</summary>
    /// <param name="notes">The notes.</param>
    /// <returns>A new report.</returns>
    public ResultReport WithNotes(params IEnumerable<string> notes) => new(Title, Run, Tables, [.. Notes, .. notes]);

    /// <summary>This report with another title.</summary>
    /// <param name="title">The title; not blank.</param>
    /// <returns>A new report.</returns>
    public ResultReport WithTitle(string title) => new(title, Run, Tables, Notes);

    /// <summary>The table named <paramref name="name"/>.</summary>
    /// <param name="name">Its name.</param>
    /// <returns>The table.</returns>
    /// <exception cref="KeyNotFoundException">No table has that name.</exception>
    public ResultTable this[string name] => Tables.FirstOrDefault(t => t.Name == name) ?? throw new KeyNotFoundException($"No table named '{name}'.");
}
