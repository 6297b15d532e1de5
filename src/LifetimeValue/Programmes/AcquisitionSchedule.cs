using System.Globalization;
using LifetimeValue.Internal;

namespace LifetimeValue.Programmes;

/// <summary>
/// How many customers an acquisition programme acquires, month by month: <see cref="Months"/>[m] customers are acquired
/// at time m (the start of month m + 1; month 0 is the programme's start). Built from a constant or growing yearly
/// figure, an explicit list of yearly figures, or an explicit list of monthly figures.
/// </summary>
/// <remarks>
/// <para>Counts are real numbers (a yearly 50,000 spread monthly is 4,166.67 a month): the programme's cash flows are
/// expectations, linear in the counts.</para>
/// <para>Thread safety: immutable; safe to share.</para>
/// </remarks>
public sealed class AcquisitionSchedule
{
    /// <summary>The longest schedule accepted: 100 years of months.</summary>
    public const int MaxMonths = 1200;

    private readonly double[] _months;

    private AcquisitionSchedule(double[] months, double? constantPerYear)
    {
        _months = months;
        Months = ReadOnly.Wrap(_months);
        ConstantPerYear = constantPerYear;
        var total = 0.0;
        foreach (var n in months)
        {
            total += n;
        }

        Total = total;
        var firstYear = 0.0;
        for (var m = 0; m < Math.Min(12, months.Length); m++)
        {
            firstYear += months[m];
        }

        FirstYear = firstYear;
    }

    /// <summary>Customers acquired at time m, m = 0 … <see cref="MonthCount"/> − 1; each ≥ 0 and finite.</summary>
    public IReadOnlyList<double> Months { get; }

    /// <summary>The number of months over which customers are acquired.</summary>
    public int MonthCount => _months.Length;

    /// <summary>All customers acquired over the schedule.</summary>
    public double Total { get; }

    /// <summary>Customers acquired in the first 12 months: the "per year" figure the affordability search scales.</summary>
    public double FirstYear { get; }

    /// <summary>The yearly figure when every year acquires the same number of customers (no growth), else null.</summary>
    public double? ConstantPerYear { get; }

    /// <summary>
    /// <paramref name="perYear"/> customers in the first year, growing by <paramref name="growth"/> a year, for
    /// <paramref name="years"/> years: year y (0-based) acquires perYear·(1 + growth)^y.
    /// </summary>
    /// <param name="perYear">Customers acquired in the first year, ≥ 0 and finite.</param>
    /// <param name="years">Years of acquisition, 1 … 100.</param>
    /// <param name="growth">Annual growth of the yearly figure, in (−1, 10] (0: constant).</param>
    /// <param name="timing">How a year's customers arrive within the year.</param>
    /// <returns>The schedule.</returns>
    /// <exception cref="ArgumentOutOfRangeException">An argument is outside its range.</exception>
    public static AcquisitionSchedule PerYear(double perYear, int years, double growth = 0, AcquisitionTiming timing = AcquisitionTiming.SpreadMonthly)
    {
        Guard.NonNegative(perYear);
        Guard.InRange(years, 1, MaxMonths / 12);
        if (!(growth > -1 && growth <= 10))
        {
            Guard.Throw(nameof(growth), growth, "must be in (-1, 10]");
        }

        var yearly = new double[years];
        for (var y = 0; y < years; y++)
        {
            yearly[y] = perYear * Math.Pow(1 + growth, y);
        }

        return Build(yearly, timing, growth == 0 ? perYear : null);
    }

    /// <summary>An explicit list of yearly figures: year y acquires <paramref name="perYear"/>[y].</summary>
    /// <param name="perYear">Customers per year, 1 … 100 years, each ≥ 0 and finite.</param>
    /// <param name="timing">How a year's customers arrive within the year.</param>
    /// <returns>The schedule.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="perYear"/> is null.</exception>
    /// <exception cref="ArgumentException">The list is empty or longer than 100 years.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A figure is negative or not finite.</exception>
    public static AcquisitionSchedule FromYears(IReadOnlyList<double> perYear, AcquisitionTiming timing = AcquisitionTiming.SpreadMonthly)
    {
        ArgumentNullException.ThrowIfNull(perYear);
        CheckCounts(perYear, MaxMonths / 12, nameof(perYear));
        var yearly = perYear.ToArray();
        return Build(yearly, timing, yearly.All(v => v.Equals(yearly[0])) ? yearly[0] : null);
    }

    /// <summary>An explicit list of monthly figures: <paramref name="perMonth"/>[m] customers acquired at time m.</summary>
    /// <param name="perMonth">Customers per month, 1 … 1200 months, each ≥ 0 and finite.</param>
    /// <returns>The schedule (never reported as constant per year).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="perMonth"/> is null.</exception>
    /// <exception cref="ArgumentException">The list is empty or longer than 1200 months.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A figure is negative or not finite.</exception>
    public static AcquisitionSchedule FromMonths(IReadOnlyList<double> perMonth)
    {
        ArgumentNullException.ThrowIfNull(perMonth);
        CheckCounts(perMonth, MaxMonths, nameof(perMonth));
        return new AcquisitionSchedule([.. perMonth], null);
    }

    /// <summary>The schedule with every month's count multiplied by <paramref name="factor"/>.</summary>
    /// <param name="factor">Multiplier, ≥ 0 and finite.</param>
    /// <returns>The scaled schedule.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="factor"/> is negative or not finite.</exception>
    public AcquisitionSchedule Scale(double factor)
    {
        Guard.NonNegative(factor);
        var months = new double[_months.Length];
        for (var m = 0; m < months.Length; m++)
        {
            months[m] = _months[m] * factor;
        }

        return new AcquisitionSchedule(months, ConstantPerYear * factor);
    }

    /// <inheritdoc />
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{Total:N0} customers over {MonthCount} months ({FirstYear:N0} in the first year)");

    internal ReadOnlySpan<double> Span => _months;

    private static AcquisitionSchedule Build(double[] yearly, AcquisitionTiming timing, double? constant)
    {
        if (!Enum.IsDefined(timing))
        {
            throw new ArgumentOutOfRangeException(nameof(timing), timing, "timing must be SpreadMonthly or StartOfYear.");
        }

        var months = new double[checked(yearly.Length * 12)];
        for (var y = 0; y < yearly.Length; y++)
        {
            if (timing == AcquisitionTiming.StartOfYear)
            {
                months[12 * y] = yearly[y];
            }
            else
            {
                months.AsSpan(12 * y, 12).Fill(yearly[y] / 12);
            }
        }

        return new AcquisitionSchedule(months, constant);
    }

    private static void CheckCounts(IReadOnlyList<double> counts, int max, string name)
    {
        if (counts.Count == 0 || counts.Count > max)
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"{name} must hold 1 … {max} entries (was {counts.Count})."), name);
        }

        for (var i = 0; i < counts.Count; i++)
        {
            if (!(counts[i] >= 0 && double.IsFinite(counts[i])))
            {
                Guard.Throw($"{name}[{i}]", counts[i], "must be a finite number ≥ 0", name);
            }
        }
    }
}
