using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace LifetimeValue.Samples.Tests;

/// <summary>
/// The C# blocks of the README and of the package readme (src/PACKAGE.md) run, in order, in the .NET Interactive C#
/// kernel against the packed packages, after the README's own notebook lines (<c>#i "nuget: …/feed"</c>,
/// <c>#r "nuget: LifetimeValue, …"</c>) with this run's feed.
/// </summary>
public sealed partial class ReadmeTests
{
    private const string FeedPlaceholder = "/absolute/path/to/lifetimevalue/feed";

    [Test]
    public void Readme_NotebookLinesThenEveryCSharpBlock_RunInTheKernel() => RunInKernel("README.md");

    [Test]
    public void PackageReadme_EveryCSharpBlock_RunsInTheKernel() => RunInKernel(Path.Combine("src", "PACKAGE.md"));

    /// <summary>The README's notebook lines with this run's feed, then every C# block of <paramref name="markdownFile"/>, in one kernel.</summary>
    private static void RunInKernel(string markdownFile)
    {
        var readme = File.ReadAllText(Path.Combine(Repository.Root, "README.md"));
        var notebookLines = Blocks(readme, "text").Select(b => b.Code).SingleOrDefault(c => c.Contains("#i \"nuget:", StringComparison.Ordinal));
        notebookLines.Should().NotBeNull("the README shows the notebook's #i/#r lines in a ```text block");
        notebookLines.Should().Contain(FeedPlaceholder);
        var blocks = Blocks(File.ReadAllText(Path.Combine(Repository.Root, markdownFile)), "csharp");
        blocks.Should().NotBeEmpty($"{markdownFile} has a C# quick start");

        var feed = PackedFeed.Shared;
        var cells = new JsonArray { Cell(notebookLines!.Replace(FeedPlaceholder, feed.Feed, StringComparison.Ordinal)) };
        foreach (var (_, code) in blocks)
        {
            cells.Add(Cell(code));
        }

        var notebook = new JsonObject
        {
            ["cells"] = cells,
            ["metadata"] = new JsonObject
            {
                ["kernelspec"] = new JsonObject { ["display_name"] = ".NET (C#)", ["language"] = "C#", ["name"] = ".net-csharp" },
                ["polyglot_notebook"] = new JsonObject { ["kernelInfo"] = new JsonObject { ["defaultKernelName"] = "csharp" } },
            },
            ["nbformat"] = 4,
            ["nbformat_minor"] = 2,
        };
        var path = Path.Combine(feed.Temp, $"{Path.GetFileNameWithoutExtension(markdownFile)}-{Guid.NewGuid():N}.ipynb");
        File.WriteAllText(path, notebook.ToJsonString());

        var (_, executed) = NotebookRun.Execute(path);
        executed.Dispose();
    }

    [Test]
    public void Blocks_FindsFencesOfOneLanguageOnly()
    {
        const string Markdown = "# t\n```bash\nls\n```\ntext\n```csharp\nvar x = 1;\n```\n```cs\nvar y = 2;\n```\n";

        Blocks(Markdown, "csharp").Select(b => b.Code.Trim()).Should().Equal("var x = 1;");
        Blocks(Markdown, "bash").Select(b => b.Code.Trim()).Should().Equal("ls");
    }

    /// <summary>The fenced blocks of one language with their 1-based line numbers.</summary>
    internal static List<(int Line, string Code)> Blocks(string markdown, string language)
    {
        markdown = markdown.Replace("\r\n", "\n", StringComparison.Ordinal);
        var blocks = new List<(int, string)>();
        foreach (Match m in Fence().Matches(markdown))
        {
            if (m.Groups["language"].Value == language)
            {
                blocks.Add((markdown[..m.Index].Count(c => c == '\n') + 1, m.Groups["code"].Value));
            }
        }

        return blocks;
    }

    private static JsonObject Cell(string code) => new()
    {
        ["cell_type"] = "code",
        ["execution_count"] = null,
        ["metadata"] = new JsonObject { ["polyglot_notebook"] = new JsonObject { ["kernelName"] = "csharp" } },
        ["outputs"] = new JsonArray(),
        ["source"] = code,
    };

    [GeneratedRegex("^```(?<language>[A-Za-z]+)[ \\t]*\\n(?<code>.*?)^```", RegexOptions.Multiline | RegexOptions.Singleline)]
    private static partial Regex Fence();
}
