using System.CommandLine.Parsing;
using System.Globalization;

namespace LifetimeValue.Cli.Common;

/// <summary>
/// Parses number options in the invariant culture: a dot decimal separator and no group separators, whatever the
/// culture of the machine or of the process hosting the tool (System.CommandLine's default parser uses the current
/// culture, under which "0.01" is 1 in German).
/// </summary>
internal static class InvariantNumber
{
    /// <summary>The option's value (its last token), or an error naming the option and the expected form.</summary>
    /// <param name="result">The option's argument.</param>
    /// <returns>The number, or null when the option has no token or an error was added.</returns>
    public static double? Double(ArgumentResult result)
    {
        if (result.Tokens.Count == 0)
        {
            return null;
        }

        var token = result.Tokens[^1].Value;
        if (double.TryParse(token, NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
        {
            return value;
        }

        var option = (result.Parent as OptionResult)?.Option.Name ?? "option";
        result.AddError($"{option} must be a number such as 0.03, with a dot for decimals (was '{token}').");
        return null;
    }
}
