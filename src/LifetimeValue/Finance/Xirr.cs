namespace LifetimeValue.Finance;

/// <summary>Internal rate of return of dated cash flows. Excel: XIRR.</summary>
/// <remarks>
/// <para>Convention (Excel's XIRR, Actual/365): the annual rate r &gt; −1 with
/// Σᵢ Pᵢ / (1 + r)^((dᵢ − d₁)/365) = 0, i.e. <see cref="Xnpv.Of"/> = 0; d₁ is the first date and no date
/// precedes it, the others may come in any order (same-day flows are summed).</para>
/// <para>Algorithm as <see cref="Irr"/>: power-of-two scaling, Descartes' rule on the date-ordered flows (valid
/// for real exponents), Newton from the guess (on the log-ratio of the two groups' PVs when the flows change sign
/// once), then a grid scan in ln(1 + r) with MathNet's Brent on every bracket. For r &lt; 0 the NPV is multiplied
/// by (1 + r)^T, T the last time in years, so no factor exceeds 1. Excel stops at 100 iterations and a
/// 0.000001 % tolerance; this function solves to about 10⁻¹⁵ and agrees with Excel's published results to 10⁻⁸.</para>
/// <para>Thread safety: all members are pure.</para>
/// </remarks>
public static class Xirr
{
    /// <summary>Solves for the annual internal rate(s) of return of dated flows. Excel: XIRR(values, dates, guess).</summary>
    /// <param name="flows">Cash flows (any currency unit); at least two, all finite.</param>
    /// <param name="dates">One payment date per flow; <c>dates[0]</c> starts the schedule and no date precedes it.</param>
    /// <param name="guess">Starting annual rate for Newton's method and tie-break among several roots; finite and &gt; −1. Excel's default 0.1.</param>
    /// <returns>The chosen annual rate, all roots found and the root status; <see cref="IrrStatus.None"/> (never NaN
    /// or an exception) when the flows have no root.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="flows"/> or <paramref name="dates"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="flows"/> has fewer than two values, or the counts differ.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A flow is not finite, a date precedes the first date (the index is
    /// named), or <paramref name="guess"/> is not a finite number &gt; −1.</exception>
    public static IrrResult Solve(IReadOnlyList<double> flows, IReadOnlyList<DateOnly> dates, double guess = 0.1)
    {
        FinanceGuard.Flows(flows, 2);
        FinanceGuard.Dates(dates, flows.Count);
        FinanceGuard.Rate(guess);
        return IrrSolver.SolveDated(flows, dates, guess);
    }
}
