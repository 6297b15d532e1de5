using LifetimeValue.Internal;
using LifetimeValue.Model;

namespace LifetimeValue.Lifecycle;

/// <summary>
/// How long a relationship is followed: to an end age (the horizon then depends on the acquisition
/// age, e.g. W1's 12·(80 − a) months) or for a fixed number of monthly periods.
/// </summary>
/// <remarks>Thread safety: immutable value.</remarks>
public readonly record struct Horizon
{
    /// <summary>The largest horizon in months (100 years).</summary>
    public const int MaxPeriods = StrategyModel.MaxHorizonMonths;

    private Horizon(int endAge, int periods)
    {
        EndAge = endAge;
        Periods = periods;
    }

    /// <summary>The end age in years, or 0 when the horizon is a number of periods.</summary>
    public int EndAge { get; }

    /// <summary>The number of monthly periods, or 0 when the horizon is an end age.</summary>
    public int Periods { get; }

    /// <summary>Whether the horizon is an end age.</summary>
    public bool IsEndAge => EndAge > 0;

    /// <summary>Follow customers until the birthday <paramref name="endAge"/> (exclusive).</summary>
    /// <param name="endAge">End age in years, in [1, 130].</param>
    /// <returns>The horizon.</returns>
    /// <exception cref="ArgumentOutOfRangeException">Out of range.</exception>
    public static Horizon ToAge(int endAge) => new(Guard.InRange(endAge, 1, AgeSchedule.MaxAge), 0);

    /// <summary>Follow customers for <paramref name="periods"/> months.</summary>
    /// <param name="periods">Months, in [1, 1200].</param>
    /// <returns>The horizon.</returns>
    /// <exception cref="ArgumentOutOfRangeException">Out of range.</exception>
    public static Horizon Months(int periods) => new(0, Guard.InRange(periods, 1, MaxPeriods));

    /// <summary>Follow customers for <paramref name="years"/> years.</summary>
    /// <param name="years">Years, in [1, 100].</param>
    /// <returns>The horizon.</returns>
    /// <exception cref="ArgumentOutOfRangeException">Out of range.</exception>
    public static Horizon Years(int years) => Months(Guard.InRange(years, 1, MaxPeriods / 12) * 12);

    /// <summary>The number of months followed for a customer acquired at <paramref name="acquisitionAge"/>.</summary>
    /// <param name="acquisitionAge">Acquisition age in years.</param>
    /// <returns>Months (0 if the end age is not after the acquisition age).</returns>
    public int PeriodsFor(int acquisitionAge) => IsEndAge ? Math.Max(0, 12 * (EndAge - acquisitionAge)) : Periods;

    /// <inheritdoc/>
    public override string ToString() => IsEndAge ? $"to age {EndAge}" : $"{Periods} months";
}
