using System.Text.Json;

namespace LifetimeValue.Samples.Tests;

/// <summary>
/// Runs a notebook with tests/LifetimeValue.NotebookRunner (the .NET Interactive C# kernel, cell by cell) against the
/// shared packed feed, and reads the executed notebook back.
/// </summary>
internal static class NotebookRun
{
    /// <summary>Runs <paramref name="notebook"/>; fails the test, with the runner's per-cell report, if any cell fails.</summary>
    /// <returns>The runner's report and the executed notebook.</returns>
    public static (string Report, JsonDocument Executed) Execute(string notebook, IReadOnlyDictionary<string, string?>? extraEnvironment = null)
    {
        var feed = PackedFeed.Shared;
        var executed = Path.Combine(feed.Temp, $"{Path.GetFileNameWithoutExtension(notebook)}-{Guid.NewGuid():N}.ipynb");
        var environment = new Dictionary<string, string?>(feed.Environment) { ["LIFETIMEVALUE_FEED"] = feed.Feed };
        foreach (var (key, value) in extraEnvironment ?? new Dictionary<string, string?>())
        {
            environment[key] = value;
        }

        var (code, report) = Processes.Run("dotnet", Path.GetDirectoryName(notebook)!, environment, TimeSpan.FromMinutes(15), check: false,
            Repository.NotebookRunner, notebook, "--out", executed);
        TestContext.Out.WriteLine(report);
        code.Should().Be(0, $"every cell of {Path.GetFileName(notebook)} must run in the .NET Interactive kernel:\n{report}");
        return (report, JsonDocument.Parse(File.ReadAllText(executed)));
    }

    /// <summary>The code cells' sources, in order.</summary>
    public static IReadOnlyList<string> CodeSources(JsonDocument notebook) =>
        notebook.RootElement.GetProperty("cells").EnumerateArray()
            .Where(c => c.GetProperty("cell_type").GetString() == "code")
            .Select(c => Text(c.GetProperty("source")))
            .ToList();

    /// <summary>Each code cell's standard output (all its stdout streams joined), in order.</summary>
    public static IReadOnlyList<string> StandardOutputs(JsonDocument notebook) =>
        notebook.RootElement.GetProperty("cells").EnumerateArray()
            .Where(c => c.GetProperty("cell_type").GetString() == "code")
            .Select(c => string.Concat(c.GetProperty("outputs").EnumerateArray()
                .Where(o => o.GetProperty("output_type").GetString() == "stream" && o.GetProperty("name").GetString() == "stdout")
                .Select(o => Text(o.GetProperty("text")))))
            .ToList();

    /// <summary>Each code cell's count of outputs of one type (e.g. display_data with image/png), in order.</summary>
    public static IReadOnlyList<int> Images(JsonDocument notebook) =>
        notebook.RootElement.GetProperty("cells").EnumerateArray()
            .Where(c => c.GetProperty("cell_type").GetString() == "code")
            .Select(c => c.GetProperty("outputs").EnumerateArray()
                .Count(o => o.TryGetProperty("data", out var data) && data.TryGetProperty("image/png", out _)))
            .ToList();

    /// <summary>A Jupyter multi-line string (an array of lines or one string).</summary>
    public static string Text(JsonElement value) =>
        value.ValueKind == JsonValueKind.Array ? string.Concat(value.EnumerateArray().Select(s => s.GetString())) : value.GetString() ?? string.Empty;
}
