namespace LifetimeValue.Cli.Output;

/// <summary>Output formats (<c>--format</c>).</summary>
internal enum OutputFormat
{
    /// <summary>Readable tables (Spectre.Console).</summary>
    Table,

    /// <summary>CSV: the result's own CSV, or every table (a <c># name</c> line before each when there are several).</summary>
    Csv,

    /// <summary>JSON: the result's own JSON, or <c>{"title", "tables": {name: [row objects]}}</c>.</summary>
    Json,

    /// <summary>Markdown tables.</summary>
    Md,

    /// <summary>An Excel workbook, one sheet per table (needs <c>--out</c>).</summary>
    Xlsx,
}
