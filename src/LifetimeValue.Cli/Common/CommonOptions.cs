using System.CommandLine;
using LifetimeValue.Cli.Output;

namespace LifetimeValue.Cli.Common;

/// <summary>The output options every result command has: <c>--format</c> and <c>--out</c>.</summary>
internal sealed class OutputOptions
{
    public Option<OutputFormat> Format { get; } = new("--format", "-f")
    {
        Description = "Output format: table (default), csv, json, md or xlsx (xlsx needs --out).",
        DefaultValueFactory = _ => OutputFormat.Table,
        CustomParser = r => ParseFormat(r.Tokens.Count == 0 ? "table" : r.Tokens[0].Value, r),
    };

    public Option<string?> Out { get; } = new("--out", "-o")
    {
        Description = "Write to this file instead of standard output (written to a temporary file and moved into place).",
    };

    public void AddTo(Command command)
    {
        command.Options.Add(Format);
        command.Options.Add(Out);
    }

    public void Write(ParseResult parse, LifetimeValue.Reporting.ResultReport report, CliEnvironment env) =>
        ReportWriter.Write(report, parse.GetValue(Format), parse.GetValue(Out), env);

    /// <summary>
    /// As <see cref="Write(ParseResult, LifetimeValue.Reporting.ResultReport, CliEnvironment)"/>, but <c>--format json</c> writes the
    /// result's own JSON (<c>programme</c> only, until its JSON moves to the report shape).
    /// </summary>
    public void Write(ParseResult parse, LifetimeValue.Reporting.ResultReport report, CliEnvironment env, Action<Stream> ownJson) =>
        ReportWriter.Write(report, parse.GetValue(Format), parse.GetValue(Out), env, ownJson);

    private static OutputFormat ParseFormat(string value, System.CommandLine.Parsing.ArgumentResult result)
    {
        switch (value.ToUpperInvariant())
        {
            case "TABLE": return OutputFormat.Table;
            case "CSV": return OutputFormat.Csv;
            case "JSON": return OutputFormat.Json;
            case "MD":
            case "MARKDOWN": return OutputFormat.Md;
            case "XLSX": return OutputFormat.Xlsx;
            default:
                result.AddError($"--format must be one of table, csv, json, md, xlsx (was '{value}').");
                return OutputFormat.Table;
        }
    }
}
