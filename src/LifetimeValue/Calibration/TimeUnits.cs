using System.Globalization;

namespace LifetimeValue.Calibration;

/// <summary>Conversions between days and <see cref="TimeUnit"/> values.</summary>
/// <remarks>Thread safety: all members are pure.</remarks>
public static class TimeUnits
{
    /// <summary>The number of days in one <paramref name="unit"/>.</summary>
    /// <param name="unit">The time unit.</param>
    /// <returns>1 (day), 7 (week) or 30.436875 (mean Gregorian month = 365.2425 / 12).</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="unit"/> is not a defined value.</exception>
    public static double DaysPer(TimeUnit unit) => unit switch
    {
        TimeUnit.Day => 1.0,
        TimeUnit.Week => 7.0,
        TimeUnit.GregorianMonth => 365.2425 / 12.0,
        _ => throw new ArgumentOutOfRangeException(nameof(unit), unit,
            string.Create(CultureInfo.InvariantCulture, $"unit must be Day, Week or GregorianMonth (was {(int)unit}).")),
    };

    /// <summary>Converts a whole number of days into <paramref name="unit"/>.</summary>
    /// <param name="days">Days (any integer).</param>
    /// <param name="unit">Target unit.</param>
    /// <returns><paramref name="days"/> / <see cref="DaysPer"/>(<paramref name="unit"/>).</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="unit"/> is not a defined value.</exception>
    public static double FromDays(long days, TimeUnit unit) => days / DaysPer(unit);
}
