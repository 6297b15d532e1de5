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
}
