using System.Text.Json;
using LifetimeValue.Cli;

namespace LifetimeValue.Tests.Cli;

/// <summary>Runs the tool in process with captured standard output and error.</summary>
internal static class CliRun
{
    public static (int Code, string Out, string Err) Run(params string[] args) => Run(CancellationToken.None, args);

    public static (int Code, string Out, string Err) Run(CancellationToken cancellationToken, params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = LifetimeValue.Cli.Cli.Invoke(args, output, error, cancellationToken);
        return (code, output.ToString(), error.ToString());
    }

    /// <summary>A fresh temporary folder, deleted on dispose.</summary>
    public sealed class TempFolder : IDisposable
    {
        public TempFolder() => Directory.CreateDirectory(Path);

        public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"lv-cli-{Guid.NewGuid():N}");

        public string File(string name) => System.IO.Path.Combine(Path, name);

        public void Dispose() => Directory.Delete(Path, recursive: true);
    }

    public static int Ok => ExitCodes.Ok;

    /// <summary>A metric table's value in a report's JSON: <c>tables.{table}.values.{key}</c>.</summary>
    public static JsonElement Value(JsonDocument doc, string table, string key) =>
        doc.RootElement.GetProperty("tables").GetProperty(table).GetProperty("values").GetProperty(key);

    /// <summary>A run parameter in a report's JSON: <c>run.{key}</c>.</summary>
    public static JsonElement RunValue(JsonDocument doc, string key) => doc.RootElement.GetProperty("run").GetProperty(key);

    /// <summary>What the tool prints for <c>--format json</c>: the library's report JSON and a newline.</summary>
    public static string ReportJson(LifetimeValue.Reporting.ResultReport report) => LifetimeValue.Reporting.TableWriter.ToJson(report) + "\n";
}
