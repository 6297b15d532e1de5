using System.Globalization;
using System.Text.Json.Nodes;
using System.Text;
using static LifetimeValue.Tests.Cli.CliRun;

namespace LifetimeValue.Tests.Programmes;

/// <summary>
/// Every <c>lifetimevalue</c> command of docs/programmes.md and of the README's programme section runs as written, in a fresh
/// folder, and succeeds; the figures the page states are the tool's.
/// </summary>
[NonParallelizable]
public sealed class ProgrammeDocsTests
{
    private static string Root()
    {
        var dir = new DirectoryInfo(TestContext.CurrentContext.TestDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "LifetimeValue.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("The repository root (LifetimeValue.sln) is not above the test directory.");
    }

    /// <summary>The text of a markdown section: from <paramref name="heading"/> to the next heading of any level.</summary>
    private static string Section(string markdown, string heading)
    {
        var start = markdown.IndexOf(heading, StringComparison.Ordinal);
        start.Should().BeGreaterThanOrEqualTo(0, $"the section '{heading}' exists");
        var end = markdown.IndexOf("\n#", start + heading.Length, StringComparison.Ordinal);
        return end < 0 ? markdown[start..] : markdown[start..end];
    }

    /// <summary>The <c>lifetimevalue</c> lines of the bash blocks of a markdown text: continuations joined, comments dropped.</summary>
    private static List<string> Commands(string markdown)
    {
        var commands = new List<string>();
        var inBash = false;
        var pending = new StringBuilder();
        foreach (var raw in markdown.Split('\n'))
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
    public void Docs_EveryCommand_Runs()
    {
        var root = Root();
        var commands = Commands(File.ReadAllText(Path.Combine(root, "docs", "programmes.md")));
        commands.AddRange(Commands(Section(File.ReadAllText(Path.Combine(root, "README.md")), "## Acquisition programmes")));
        commands.AddRange(Commands(Section(File.ReadAllText(Path.Combine(root, "docs", "cli.md")), "### `programme <model> [<model>]`")));
        commands.Should().HaveCount(10, "7 on the page, 1 in the README, 2 in cli.md");
        using var temp = new TempFolder();
        var previous = Environment.CurrentDirectory;
        Environment.CurrentDirectory = temp.Path;
        try
        {
            foreach (var command in commands)
            {
                var args = command["lifetimevalue ".Length..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
                var (code, output, error) = Run(args);
                code.Should().Be(Ok, $"`{command}` should succeed; stderr: {error}");
                TestContext.Out.WriteLine($"$ {command}\n{(output.Length > 2000 ? output[..2000] + "…" : output)}");
            }

            File.Exists("bank-programme.json").Should().BeTrue();
            Directory.GetFiles("programme-charts", "*.png").Should().HaveCount(3, "cumulative cash, affordable rate, funding gap");
        }
        finally
        {
            Environment.CurrentDirectory = previous;
        }
    }

    [TestCase("0.03", 187, 277, 36_292)]
    [TestCase("0.01", 165, 224, 58_909)]
    [TestCase("0.05", 509, null, 169)]
    public void Docs_StatedFigures_AreTheTools(string rate, int peakMonth, int? selfFunding, long affordable)
    {
        var (code, output, error) = Run("programme", "bank", "--per-year", "50000", "--years", "15", "--exact", "--rate", rate, "--capital", "500000000", "--format", "json");
        code.Should().Be(Ok, error);
        var json = JsonNode.Parse(output)!;
        json["peakFundingMonth"]!.GetValue<int>().Should().Be(peakMonth);
        json["selfFundingMonth"]?.GetValue<int>().Should().Be(selfFunding);
        json["maxAffordablePerYear"]!.GetValue<long>().Should().Be(affordable);
        var page = File.ReadAllText(Path.Combine(Root(), "docs", "programmes.md"));
        page.Should().Contain(affordable.ToString("N0", CultureInfo.InvariantCulture), "the page states the tool's affordable rate");
        var millions = json["fundingNeed"]!.GetValue<double>() / 1e6;
        if (rate == "0.03")
        {
            page.Should().Contain($"{Math.Round(millions):0} million", "the page states the capital needed");
            page.Should().Contain($"−{Math.Round(json["peakFundingNeed"]!.GetValue<double>() / 1e6):0} million");
        }
    }
}
