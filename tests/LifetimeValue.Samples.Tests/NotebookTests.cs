using System.Text.Json;

namespace LifetimeValue.Samples.Tests;

/// <summary>
/// Every notebook in samples/notebooks runs: its C# code cells execute in order in one script state against the
/// locally built libraries. A notebook whose metadata says <c>"lifetimevalue": {"requires": ["cdnow"]}</c> is
/// ignored (with the reason) when the CDNOW data folder is absent.
/// </summary>
public sealed class NotebookTests
{
    public static IEnumerable<TestCaseData> Notebooks()
    {
        var folder = Path.Combine(Repository.Root, "samples", "notebooks");
        foreach (var path in Directory.GetFiles(folder, "*.ipynb").Order(StringComparer.Ordinal))
        {
            yield return new TestCaseData(Path.GetFileName(path)).SetArgDisplayNames(Path.GetFileNameWithoutExtension(path));
        }
    }

    [Test]
    public void Folder_HasNotebooks() => Notebooks().Should().HaveCountGreaterThanOrEqualTo(2);

    [TestCaseSource(nameof(Notebooks))]
    public async Task Notebook_EveryCodeCell_Runs(string name)
    {
        var path = Path.Combine(Repository.Root, "samples", "notebooks", name);
        using var notebook = JsonDocument.Parse(await File.ReadAllTextAsync(path));
        var metadata = notebook.RootElement.GetProperty("metadata");
        if (Requires(metadata, "cdnow"))
        {
            var data = Repository.CdnowDirectory;
            if (data is null)
            {
                Assert.Ignore($"{name} reads the CDNOW sample, which is not in the repository: set {Repository.CdnowVariable} to the folder holding CDNOW_sample.txt (see shared/data/cdnow/SOURCE.md).");
            }

            Environment.SetEnvironmentVariable(Repository.CdnowVariable, data);
        }

        var defaultKernel = metadata.TryGetProperty("polyglot_notebook", out var polyglot)
            && polyglot.TryGetProperty("kernelInfo", out var info)
            && info.TryGetProperty("defaultKernelName", out var kernel)
            ? kernel.GetString() : "csharp";
        var cells = new List<(int, string)>();
        var index = 0;
        foreach (var cell in notebook.RootElement.GetProperty("cells").EnumerateArray())
        {
            index++;
            if (cell.GetProperty("cell_type").GetString() != "code" || Language(cell, defaultKernel!) != "csharp")
            {
                continue;
            }

            var source = cell.GetProperty("source");
            var code = source.ValueKind == JsonValueKind.Array ? string.Concat(source.EnumerateArray().Select(s => s.GetString())) : source.GetString()!;
            cells.Add((index, code));
        }

        cells.Should().NotBeEmpty($"{name} should have C# code cells");
        await ScriptRunner.RunAsync(name, "cell", cells);
    }

    private static bool Requires(JsonElement metadata, string data) =>
        metadata.TryGetProperty("lifetimevalue", out var lv) && lv.TryGetProperty("requires", out var requires)
        && requires.EnumerateArray().Any(r => r.GetString() == data);

    private static string Language(JsonElement cell, string defaultKernel)
    {
        var metadata = cell.TryGetProperty("metadata", out var m) ? m : default;
        if (metadata.ValueKind == JsonValueKind.Object)
        {
            if (metadata.TryGetProperty("polyglot_notebook", out var p) && p.TryGetProperty("kernelName", out var k))
            {
                return k.GetString()!;
            }

            if (metadata.TryGetProperty("dotnet_interactive", out var d) && d.TryGetProperty("language", out var l))
            {
                return l.GetString()!;
            }
        }

        return defaultKernel;
    }
}
