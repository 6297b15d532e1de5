using System.Globalization;
using System.Runtime.CompilerServices;
using LifetimeValue.Internal;

namespace LifetimeValue.Finance;

/// <summary>
/// Validation helpers the financial functions need beyond <see cref="Guard"/>: a per-period rate
/// (finite and &gt; −1, so that the discount factor 1/(1 + rate) is finite and positive) and a minimum
/// series length. Messages follow the house format: name, requirement, offending value.
/// </summary>
internal static class FinanceGuard
{
    /// <summary>Throws unless <paramref name="value"/> is a finite rate greater than −1.</summary>
    public static double Rate(double value, [CallerArgumentExpression(nameof(value))] string? name = null)
    {
        if (!(double.IsFinite(value) && value > -1.0))
        {
            Guard.Throw(name, value, "must be a finite number > -1");
        }

        return value;
    }

    /// <summary>Throws unless every element is finite and the series has at least <paramref name="minCount"/> elements.</summary>
    public static IReadOnlyList<double> Flows(IReadOnlyList<double>? value, int minCount,
        [CallerArgumentExpression(nameof(value))] string? name = null)
    {
        ArgumentNullException.ThrowIfNull(value, name);
        if (value.Count < minCount)
        {
            throw new ArgumentException(
                string.Create(CultureInfo.InvariantCulture,
                    $"{name} must contain at least {minCount} value{(minCount == 1 ? "" : "s")} (was {value.Count})."),
                name);
        }

        return Guard.AllFinite(value, name);
    }

    /// <summary>
    /// Throws unless <paramref name="dates"/> has one date per flow and no date precedes the first
    /// (Excel's XNPV/XIRR rule: the first date starts the schedule, the others may come in any order).
    /// </summary>
    public static IReadOnlyList<DateOnly> Dates(IReadOnlyList<DateOnly>? dates, int flowCount,
        [CallerArgumentExpression(nameof(dates))] string? name = null)
    {
        ArgumentNullException.ThrowIfNull(dates, name);
        if (dates.Count != flowCount)
        {
            throw new ArgumentException(
                string.Create(CultureInfo.InvariantCulture,
                    $"{name} must contain one date per flow ({flowCount}) (was {dates.Count})."),
                name);
        }

        var first = dates[0];
        for (var i = 1; i < dates.Count; i++)
        {
            if (dates[i] < first)
            {
                throw new ArgumentOutOfRangeException(name, dates[i],
                    string.Create(CultureInfo.InvariantCulture,
                        $"{name}[{i}] must not precede the first date {first:yyyy-MM-dd} (was {dates[i]:yyyy-MM-dd})."));
            }
        }

        return dates;
    }
}
