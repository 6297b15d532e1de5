using System.Globalization;

namespace LifetimeValue.Cli.Common;

/// <summary>
/// An interval of finite numbers an option accepts, closed or open at either end, written as in the messages and docs:
/// <c>[-0.1, 1]</c>, <c>(0, 1)</c>. NaN and infinities are never inside.
/// </summary>
/// <param name="Min">Lower end.</param>
/// <param name="Max">Upper end.</param>
/// <param name="MinOpen">Whether <paramref name="Min"/> itself is excluded.</param>
/// <param name="MaxOpen">Whether <paramref name="Max"/> itself is excluded.</param>
/// <param name="Note">Text added after the range in messages (e.g. a unit), starting with a separator; empty for none.</param>
internal sealed record NumberRange(double Min, double Max, bool MinOpen = false, bool MaxOpen = false, string Note = "")
{
    /// <summary>Every finite number.</summary>
    public static NumberRange Any { get; } = new(double.MinValue, double.MaxValue);

    /// <summary>Whether <paramref name="value"/> is finite and inside the range.</summary>
    public bool Contains(double value) =>
        double.IsFinite(value) && (MinOpen ? value > Min : value >= Min) && (MaxOpen ? value < Max : value <= Max);

    /// <inheritdoc/>
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{(MinOpen ? '(' : '[')}{Format(Min)}, {Format(Max)}{(MaxOpen ? ')' : ']')}");

    /// <summary>As in the docs: 0.2, −0.1, 10, 1e9.</summary>
    private static string Format(double x) =>
        Math.Abs(x) < 1e6 ? x.ToString("R", CultureInfo.InvariantCulture) : x.ToString("0.###e0", CultureInfo.InvariantCulture);
}
