using System.Text;

namespace LifetimeValue.Orleans.Tests.Processes;

/// <summary>Fenced code blocks of a Markdown page, and the command lines of its shell blocks.</summary>
internal static class Markdown
{
    public sealed record Block(string Language, string Text, int Line);

    public static IReadOnlyList<Block> Blocks(string markdown)
    {
        var blocks = new List<Block>();
        var lines = markdown.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            if (!lines[i].StartsWith("```", StringComparison.Ordinal) || lines[i].Trim().Length == 3)
            {
                continue;
            }

            var language = lines[i].Trim()[3..];
            var start = i + 1;
            var text = new StringBuilder();
            for (i++; i < lines.Length && !lines[i].StartsWith("```", StringComparison.Ordinal); i++)
            {
                text.Append(lines[i]).Append('\n');
            }

            blocks.Add(new Block(language, text.ToString(), start));
        }

        return blocks;
    }

    /// <summary>The command lines of a shell block: comments and blank lines dropped, <c>\</c> continuations joined.</summary>
    public static IReadOnlyList<string> Commands(Block block)
    {
        var commands = new List<string>();
        var pending = new StringBuilder();
        foreach (var raw in block.Text.Split('\n'))
        {
            var line = raw.TrimEnd();
            if (pending.Length == 0 && (line.Length == 0 || line.TrimStart().StartsWith('#')))
            {
                continue;
            }

            if (line.EndsWith('\\'))
            {
                pending.Append(line[..^1]).Append(' ');
                continue;
            }

            pending.Append(line);
            commands.Add(pending.ToString().Trim());
            pending.Clear();
        }

        return commands;
    }

    /// <summary>Splits a command line into words as a shell would without expanding anything: quotes group and are removed.</summary>
    public static IReadOnlyList<string> Words(string commandLine)
    {
        var words = new List<string>();
        var word = new StringBuilder();
        var inWord = false;
        char quote = '\0';
        foreach (var c in commandLine)
        {
            if (quote != '\0')
            {
                if (c == quote)
                {
                    quote = '\0';
                }
                else
                {
                    word.Append(c);
                }
            }
            else if (c is '"' or '\'')
            {
                quote = c;
                inWord = true;
            }
            else if (char.IsWhiteSpace(c))
            {
                if (inWord)
                {
                    words.Add(word.ToString());
                    word.Clear();
                    inWord = false;
                }
            }
            else
            {
                word.Append(c);
                inWord = true;
            }
        }

        if (inWord)
        {
            words.Add(word.ToString());
        }

        return words;
    }
}
