using static LifetimeValue.Tests.Cli.CliRun;

namespace LifetimeValue.Tests.Calibration.Panel;

/// <summary>
/// Every <c>lifetimevalue</c> command line of the panel section of docs/calibration.md runs, exactly as written, in a fresh folder
/// holding the repository's samples/data, in order (later commands use earlier commands' files), and succeeds.
/// </summary>
[NonParallelizable]
public sealed class PanelDocsTests
{
    private const string Heading = "## Calibrating the customer-centric model from account panels";

    private static string Root() => TestSupport.ReferenceData.RepositoryRoot;

    /// <summary>The command lines of the section's bash blocks: continuation lines joined, trailing comments removed.</summary>
    internal static List<string> Commands(string markdown) => DocsCommands.Of(DocsCommands.Section(markdown, Heading, "## "));

    [Test]
    public void Docs_EveryCommandOfThePanelSection_Runs()
    {
        var root = Root();
        var commands = Commands(File.ReadAllText(Path.Combine(root, "docs", "calibration.md")));
        commands.Should().HaveCountGreaterThanOrEqualTo(5);
        using var temp = new TempFolder();
        Directory.CreateDirectory(Path.Combine(temp.Path, "samples", "data"));
        foreach (var file in Directory.GetFiles(Path.Combine(root, "samples", "data")))
        {
            File.Copy(file, Path.Combine(temp.Path, "samples", "data", Path.GetFileName(file)));
        }

        var previous = Environment.CurrentDirectory;
        Environment.CurrentDirectory = temp.Path;
        try
        {
            DocsCommands.RunEach(commands, 3000);

            File.Exists("my-bank.json").Should().BeTrue();
            Directory.GetFiles("panel-charts", "*.png").Should().HaveCount(4);
        }
        finally
        {
            Environment.CurrentDirectory = previous;
        }
    }

    [Test]
    public void Commands_JoinsContinuationsAndDropsComments()
    {
        const string Markdown = Heading + "\n```bash\nlifetimevalue a \\\n    --b 1   # note\necho no\n```\n```csharp\nlifetimevalue c\n```\n## Next\n```bash\nlifetimevalue d\n```\n";
        Commands(Markdown).Should().Equal("lifetimevalue a --b 1");
    }
}
