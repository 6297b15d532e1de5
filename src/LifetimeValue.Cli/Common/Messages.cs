using System.Globalization;

namespace LifetimeValue.Cli.Common;

/// <summary>Message helpers.</summary>
internal static class Messages
{
    /// <summary>An exception's own message, without the "(Parameter …)" and "Actual value was …" suffixes .NET appends to argument exceptions.</summary>
    public static string Clean(Exception e)
    {
        var message = e.Message;
        var newline = message.IndexOf('\n', StringComparison.Ordinal);
        if (newline >= 0)
        {
            message = message[..newline].TrimEnd('\r');
        }

        if (e is ArgumentException { ParamName: { } name })
        {
            message = message.Replace($" (Parameter '{name}')", string.Empty, StringComparison.Ordinal);
        }

        return message;
    }

    /// <summary>The most characters of one line of an error message; longer lines (a damaged value echoed in full) are cut.</summary>
    public const int MaxLine = 400;

    /// <summary>The most lines of an error message (a list of bad rows); the rest are counted.</summary>
    public const int MaxLines = 60;

    /// <summary><paramref name="message"/> with each line cut to <see cref="MaxLine"/> characters and at most <see cref="MaxLines"/> lines.</summary>
    public static string Cap(string message)
    {
        var lines = message.Split('\n');
        var kept = lines.Take(MaxLines).Select(l => l.Length <= MaxLine ? l : string.Create(CultureInfo.InvariantCulture, $"{l[..MaxLine]}… ({l.Length} characters)"));
        var text = string.Join('\n', kept);
        return lines.Length <= MaxLines ? text : string.Create(CultureInfo.InvariantCulture, $"{text}\n… and {lines.Length - MaxLines} more line(s)");
    }
}
