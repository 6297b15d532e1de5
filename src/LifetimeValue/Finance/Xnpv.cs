namespace LifetimeValue.Finance;

/// <summary>Net present value of dated cash flows. Excel: XNPV.</summary>
/// <remarks>
/// <para>Formula (Excel's Actual/365 convention): XNPV = Σᵢ Pᵢ / (1 + rate)^((dᵢ − d₁)/365), where d₁ is the
/// first date: the first flow is not discounted, every day counts and every year has 365 days (a leap
/// year's 366 days discount slightly more than one year).</para>
/// <para>Dates after the first may come in any order; none may precede the first.</para>
/// <para>Thread safety: all members are pure.</para>
/// </remarks>
public static class Xnpv
{
    /// <summary>The NPV at the first date of flows paid on the given dates. Excel: XNPV(rate, values, dates).</summary>
    /// <param name="rate">Annual discount rate (0.09 = 9 %, compounded per 365 days), finite and &gt; −1.</param>
    /// <param name="flows">Cash flows (any currency unit); at least one, all finite.</param>
    /// <param name="dates">One payment date per flow; <c>dates[0]</c> is the valuation date and no date precedes it.</param>
    /// <returns>The present value at <c>dates[0]</c>, in the unit of <paramref name="flows"/>. For rate &lt; 0 over
    /// long horizons it can overflow to ±∞ (never NaN).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="flows"/> or <paramref name="dates"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="flows"/> is empty, or the counts differ.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A flow is not finite, a date precedes the first date
    /// (the index is named), or <paramref name="rate"/> is not a finite number &gt; −1.</exception>
    public static double Of(double rate, IReadOnlyList<double> flows, IReadOnlyList<DateOnly> dates)
    {
        FinanceGuard.Rate(rate);
        FinanceGuard.Flows(flows, 1);
        FinanceGuard.Dates(dates, flows.Count);
        // Excel's formula term by term, so that ordinary inputs agree with Excel to the last bits.
        var growth = 1.0 + rate;
        var first = dates[0].DayNumber;
        var sum = 0.0;
        for (var i = 0; i < flows.Count; i++)
        {
            sum += flows[i] / Math.Pow(growth, (dates[i].DayNumber - first) / 365.0);
        }

        return double.IsNaN(sum) ? Overflowed(rate, flows, dates) : sum;
    }

    /// <summary>
    /// For rate &lt; 0 over long horizons terms of both signs can overflow (∞ − ∞ = NaN). Factor out
    /// (1 + rate)^(−T), T the last time: the remaining sum has factors ≤ 1, so the result is its sign times ∞.
    /// </summary>
    private static double Overflowed(double rate, IReadOnlyList<double> flows, IReadOnlyList<DateOnly> dates)
    {
        var first = dates[0].DayNumber;
        var last = first;
        for (var i = 0; i < dates.Count; i++)
        {
            last = Math.Max(last, dates[i].DayNumber);
        }

        var log = Math.Log(1.0 + rate);
        var bounded = 0.0;
        for (var i = 0; i < flows.Count; i++)
        {
            bounded += flows[i] * Math.Exp((last - dates[i].DayNumber) / 365.0 * log);
        }

        // bounded = 0 would give 0·∞: the scaled NPV vanishes, so the NPV does too.
        return bounded == 0.0 ? 0.0 : bounded * Math.Exp(-(last - first) / 365.0 * log);
    }
}
