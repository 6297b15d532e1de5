using System.Text.Json;
using System.Text.RegularExpressions;
using LifetimeValue.TestSupport;

namespace LifetimeValue.Samples.Tests;

/// <summary>
/// Every notebook in samples/notebooks (found automatically) runs cell by cell in the .NET Interactive C# kernel against
/// the packed packages, and its committed outputs are the ones the kernel produces now: the same standard output in
/// every cell and the same charts displayed inline (samples/notebooks/regenerate.sh rewrites them). A notebook whose
/// metadata says <c>"lifetimevalue": {"requires": ["cdnow"]}</c> needs the CDNOW sample: ignored with instructions
/// when it is absent, failed in CI.
/// </summary>
public sealed partial class NotebookTests
{
    public static IEnumerable<TestCaseData> Notebooks() =>
        Directory.GetFiles(Repository.Notebooks, "*.ipynb").Order(StringComparer.Ordinal)
            .Select(path => new TestCaseData(Path.GetFileName(path)).SetArgDisplayNames(Path.GetFileNameWithoutExtension(path)));

    [Test]
    public void Folder_HasTheStoryNotebooks() =>
        Notebooks().Select(n => (string)n.Arguments[0]!).Should().Contain(
            ["quick-start-bank-vs-hotel.ipynb", "scenarios-and-sensitivity.ipynb", "calibrate-cdnow-and-simulate.ipynb",
                "calibrate-bank-panel.ipynb", "acquisition-programmes-and-capital.ipynb"]);

    [TestCaseSource(nameof(Notebooks))]
    public void Notebook_RunsInTheKernel_AndItsCommittedOutputsAreCurrent(string name)
    {
        var path = Path.Combine(Repository.Notebooks, name);
        using var committed = JsonDocument.Parse(File.ReadAllText(path));
        var environment = new Dictionary<string, string?>();
        if (Requires(committed, "cdnow"))
        {
            var data = ReferenceData.CdnowDirectory;
            if (data is null)
            {
                ReferenceData.Missing($"{name} calibrates on the CDNOW sample, which is third-party data and not in the repository: "
                    + $"download CDNOW_sample.txt as the README's \"Reference data\" section describes and set {ReferenceData.CdnowVariable} to its folder.");
            }

            environment[ReferenceData.CdnowVariable] = data;
        }

        var version = PackedFeed.Shared.Version;
        foreach (Match m in PackageReference().Matches(string.Join('\n', NotebookRun.CodeSources(committed))))
        {
            m.Groups["version"].Value.Should().Be(version, $"{name} references {m.Groups["package"].Value}; the packed version is {version}");
        }

        var (_, executed) = NotebookRun.Execute(path, environment);
        using (executed)
        {
            var stale = $"{name}'s committed outputs are not what the notebook produces now: run samples/notebooks/regenerate.sh and commit the result";
            NotebookRun.StandardOutputs(committed).Should().Equal(NotebookRun.StandardOutputs(executed), stale);
            NotebookRun.Images(committed).Should().Equal(NotebookRun.Images(executed), stale + " (charts shown inline)");
        }
    }

    [TestCaseSource(nameof(Notebooks))]
    public void Notebook_PointsOnlyInsideTheRepository(string name)
    {
        var text = File.ReadAllText(Path.Combine(Repository.Notebooks, name));
        text.Should().NotContain("shared/", "a notebook must not rely on folders outside the repository");
        text.Should().NotContain("/tmp/", "committed outputs must not carry the regenerating machine's temporary paths");
    }

    private static bool Requires(JsonDocument notebook, string data) =>
        notebook.RootElement.GetProperty("metadata").TryGetProperty("lifetimevalue", out var lv)
        && lv.TryGetProperty("requires", out var requires)
        && requires.EnumerateArray().Any(r => r.GetString() == data);

    [GeneratedRegex("#r\\s+\"nuget:\\s*(?<package>LifetimeValue[A-Za-z.]*)\\s*,\\s*(?<version>[^\"\\s]+)\\s*\"")]
    private static partial Regex PackageReference();
}
