using System.CommandLine.Parsing;
using System.Globalization;

namespace LifetimeValue.Cli.Common;

/// <summary>
/// Parses number options in the invariant culture: a dot decimal separator and no group separators, whatever the
/// culture of the machine or of the process hosting the tool (System.CommandLine's default parser uses the current
/// culture, under which "0.01" is 1 in German). Each parser also checks the option's documented range (see
/// <see cref="OptionRanges"/>), so a value outside it is a usage error naming the option, the value and the range
/// before any work starts; NaN and infinities are outside every range.
/// </summary>
internal static class InvariantNumber
{
    /// <summary>The most characters of a bad value quoted in a message.</summary>
    public const int MaxQuoted = 80;

    /// <summary>The option's value (its last token), or an error naming the option and the expected form; no range check.</summary>
    /// <param name="result">The option's argument.</param>
    /// <returns>The number, or null when the option has no token or an error was added.</returns>
    public static double? Double(ArgumentResult result) => Parse(result, NumberRange.Any, out var value) ? value : null;

    /// <summary>A parser for an optional number option (no default) that must lie in <paramref name="range"/>.</summary>
    public static Func<ArgumentResult, double?> Double(NumberRange range) => r => Parse(r, range, out var value) ? value : null;

    /// <summary>A parser for a number option with a default that must lie in <paramref name="range"/>.</summary>
    public static Func<ArgumentResult, double> Double(NumberRange range, double defaultValue) => r => Parse(r, range, out var value) ? value : defaultValue;

    /// <summary>A parser for an optional whole-number option (no default) that must lie in [<paramref name="min"/>, <paramref name="max"/>].</summary>
    public static Func<ArgumentResult, int?> Int32(int min, int max) => r => ParseWhole(r, min, max, out var value) ? (int)value : null;

    /// <summary>A parser for a whole-number option with a default that must lie in [<paramref name="min"/>, <paramref name="max"/>].</summary>
    public static Func<ArgumentResult, int> Int32(int min, int max, int defaultValue) => r => ParseWhole(r, min, max, out var value) ? (int)value : defaultValue;

    /// <summary>A parser for an optional 64-bit whole-number option (no default) that must lie in [<paramref name="min"/>, <paramref name="max"/>].</summary>
    public static Func<ArgumentResult, long?> Int64(long min, long max) => r => ParseWhole(r, min, max, out var value) ? value : null;

    /// <summary>A parser for a 64-bit whole-number option with a default that must lie in [<paramref name="min"/>, <paramref name="max"/>].</summary>
    public static Func<ArgumentResult, long> Int64(long min, long max, long defaultValue) => r => ParseWhole(r, min, max, out var value) ? value : defaultValue;

    /// <summary>An optional seed: a whole number in [0, 2^64 − 1].</summary>
    public static ulong? Seed(ArgumentResult result) => ParseSeed(result, out var value) ? value : null;

    /// <summary>A parser for a seed with a default: a whole number in [0, 2^64 − 1].</summary>
    public static Func<ArgumentResult, ulong> Seed(ulong defaultValue) => r => ParseSeed(r, out var value) ? value : defaultValue;

    /// <summary><paramref name="text"/> for a message: quoted as given, cut to <see cref="MaxQuoted"/> characters.</summary>
    public static string Quote(string text) =>
        text.Length <= MaxQuoted ? $"'{text}'" : string.Create(CultureInfo.InvariantCulture, $"'{text[..MaxQuoted]}…' ({text.Length} characters)");

    private static bool Parse(ArgumentResult result, NumberRange range, out double value)
    {
        value = 0;
        if (result.Tokens.Count == 0)
        {
            return false;
        }

        var token = result.Tokens[^1].Value;
        if (!double.TryParse(token, NumberStyles.Float, CultureInfo.InvariantCulture, out value))
        {
            var wanted = range == NumberRange.Any ? "a number" : $"a number in {range}";
            result.AddError($"{Name(result)} must be {wanted} such as 0.03, with a dot for decimals (was {Quote(token)}).");
            return false;
        }

        if (!range.Contains(value))
        {
            result.AddError($"{Name(result)} must be {(range == NumberRange.Any ? "a finite number" : $"in {range}")}{range.Note} (was {Quote(token)}).");
            return false;
        }

        return true;
    }

    private static bool ParseWhole(ArgumentResult result, long min, long max, out long value)
    {
        value = 0;
        if (result.Tokens.Count == 0)
        {
            return false;
        }

        var token = result.Tokens[^1].Value;
        var range = string.Create(CultureInfo.InvariantCulture, $"[{min}, {max}]");
        if (!long.TryParse(token, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value))
        {
            // Distinguish "not a whole number" from "a whole number too large for 64 bits" only in the wording of the range.
            result.AddError($"{Name(result)} must be a whole number in {range} (was {Quote(token)}).");
            return false;
        }

        if (value < min || value > max)
        {
            result.AddError($"{Name(result)} must be in {range} (was {Quote(token)}).");
            return false;
        }

        return true;
    }

    private static bool ParseSeed(ArgumentResult result, out ulong value)
    {
        value = 0;
        if (result.Tokens.Count == 0)
        {
            return false;
        }

        var token = result.Tokens[^1].Value;
        if (!ulong.TryParse(token, NumberStyles.None, CultureInfo.InvariantCulture, out value))
        {
            result.AddError($"{Name(result)} must be a whole number in [0, {ulong.MaxValue}] (was {Quote(token)}).");
            return false;
        }

        return true;
    }

    private static string Name(ArgumentResult result) => (result.Parent as OptionResult)?.Option.Name ?? "option";
}
