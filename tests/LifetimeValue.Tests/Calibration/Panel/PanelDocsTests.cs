using System.Text;
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

    private static string Root()
    {
        var dir = new DirectoryInfo(TestContext.CurrentContext.TestDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "LifetimeValue.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("The repository root (LifetimeValue.sln) is not above the test directory.");
    }

    /// <summary>The command lines of the section's bash blocks: continuation lines joined, trailing comments removed.</summary>
    internal static List<string> Commands(string markdown)
    {
        var start = markdown.IndexOf(Heading, StringComparison.Ordinal);
        start.Should().BeGreaterThanOrEqualTo(0, "the section exists");
        var end = markdown.IndexOf("\n## ", start + Heading.Length, StringComparison.Ordinal);
        var section = end < 0 ? markdown[start..] : markdown[start..end];
        var commands = new List<string>();
        var inBash = false;
        var pending = new StringBuilder();
        foreach (var raw in section.Split('\n'))
        {
            var line = raw.TrimEnd('\r');
            if (line.StartsWith("```", StringComparison.Ordinal))
            {
                inBash = !inBash && line.Trim() == "```bash";
                continue;
            }

            if (!inBash)
            {
                continue;
            }

            var hash = line.IndexOf(" #", StringComparison.Ordinal);
            var text = (hash >= 0 ? line[..hash] : line).Trim();
            if (text.EndsWith('\\'))
            {
                pending.Append(text[..^1].TrimEnd()).Append(' ');
                continue;
            }

            pending.Append(text);
            var command = pending.ToString().Trim();
            pending.Clear();
            if (command.StartsWith("lifetimevalue ", StringComparison.Ordinal))
            {
                commands.Add(command);
            }
        }

        return commands;
    }

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
            foreach (var command in commands)
            {
                var args = command["lifetimevalue ".Length..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
                var (code, output, error) = Run(args);
                code.Should().Be(Ok, $"`{command}` should succeed; stderr: {error}");
                TestContext.Out.WriteLine($"$ {command}\n{(output.Length > 3000 ? output[..3000] + "…" : output)}");
            }

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
