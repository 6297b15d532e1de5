using System.Text.RegularExpressions;

namespace LifetimeValue.Samples.Tests;

/// <summary>Every <c>```csharp</c> block of README.md runs, in order, in one script state (like notebook cells).</summary>
public sealed partial class ReadmeTests
{
    [Test]
    public async Task Readme_EveryCSharpBlock_Runs()
    {
        var readme = await File.ReadAllTextAsync(Path.Combine(Repository.Root, "README.md"));
        var blocks = Blocks(readme);
        if (blocks.Count == 0)
        {
            Assert.Ignore("README.md has no ```csharp block yet (the quick start is still to be written); nothing to run.");
        }

        await ScriptRunner.RunAsync("README.md", "block at line", blocks);
    }

    [Test]
    public void Blocks_FindsCSharpFencesOnly()
    {
        const string Markdown = "# t\n```bash\nls\n```\ntext\n```csharp\nvar x = 1;\n```\n```cs\nvar y = 2;\n```\n";

        Blocks(Markdown).Select(b => b.Code.Trim()).Should().Equal("var x = 1;");
    }

    /// <summary>The ```csharp blocks with their 1-based line numbers.</summary>
    internal static List<(int Line, string Code)> Blocks(string markdown)
    {
        var blocks = new List<(int, string)>();
        foreach (Match m in Fence().Matches(markdown.Replace("\r\n", "\n", StringComparison.Ordinal)))
        {
            var line = markdown[..m.Index].Count(c => c == '\n') + 1;
            blocks.Add((line, m.Groups["code"].Value));
        }

        return blocks;
    }

    [GeneratedRegex("^```csharp[ \\t]*\\n(?<code>.*?)^```", RegexOptions.Multiline | RegexOptions.Singleline)]
    private static partial Regex Fence();
}
