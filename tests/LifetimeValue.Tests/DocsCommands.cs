using System.Text;

namespace LifetimeValue.Tests;

/// <summary>The <c>lifetimevalue</c> command lines a markdown page shows, for the tests that run every documented command.</summary>
internal static class DocsCommands
{
    /// <summary>
    /// The text of a markdown section: from <paramref name="heading"/> to the next line starting with
    /// <paramref name="nextHeading"/> (any heading by default; "## " stops only at a heading of level 2).
    /// </summary>
    public static string Section(string markdown, string heading, string nextHeading = "#")
    {
        var start = markdown.IndexOf(heading, StringComparison.Ordinal);
        start.Should().BeGreaterThanOrEqualTo(0, $"the section '{heading}' exists");
        var end = markdown.IndexOf("\n" + nextHeading, start + heading.Length, StringComparison.Ordinal);
        return end < 0 ? markdown[start..] : markdown[start..end];
    }

    /// <summary>The <c>lifetimevalue</c> lines of the bash blocks of a markdown text: continuations joined, comments dropped.</summary>
    public static List<string> Of(string markdown)
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
    /// <summary>
    /// Runs each command in process, in the current folder and in order (later commands may read earlier ones' files), and
    /// fails on the first that does not exit 0; prints each command with the start of its output.
    /// </summary>
    public static void RunEach(IEnumerable<string> commands, int shownCharacters = 3000)
    {
        foreach (var command in commands)
        {
            var args = command["lifetimevalue ".Length..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
            var (code, output, error) = Cli.CliRun.Run(args);
            code.Should().Be(Cli.CliRun.Ok, $"`{command}` should succeed; stderr: {error}");
            TestContext.Out.WriteLine($"$ {command}\n{(output.Length > shownCharacters ? output[..shownCharacters] + "…" : output)}");
        }
    }
}
