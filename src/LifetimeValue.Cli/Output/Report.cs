namespace LifetimeValue.Cli.Output;

/// <summary>
/// What a command produces: named tables, and optionally the core library's own JSON and CSV writers for the
/// result (used for <c>--format json</c> and <c>csv</c> so files match what the library writes).
/// </summary>
internal sealed class Report
{
    public Report(string title, params ReportTable[] tables)
    {
        Title = title;
        Tables = tables;
    }

    public string Title { get; }

    public IReadOnlyList<ReportTable> Tables { get; }

    /// <summary>The result's own JSON writer (e.g. <c>SimulationResult.WriteJson</c>), or null for the generic table JSON.</summary>
    public Action<Stream>? WriteJson { get; init; }

    /// <summary>The result's own CSV writer (e.g. <c>ProjectionResult.WriteCsv</c>), or null for the tables as CSV.</summary>
    public Action<TextWriter>? WriteCsv { get; init; }

    /// <summary>Lines printed after the tables in the table format (notes, warnings).</summary>
    public IReadOnlyList<string> Notes { get; init; } = [];
}
