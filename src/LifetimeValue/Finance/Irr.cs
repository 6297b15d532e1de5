namespace LifetimeValue.Finance;

/// <summary>Internal rate of return of equally spaced cash flows. Excel: IRR.</summary>
/// <remarks>
/// <para>Convention (Excel's IRR): flow k at time k periods, the first flow now (t = 0); the IRR is a rate r
/// per period with r &gt; −1 and Σₖ flowsₖ / (1 + r)ᵏ = 0 (<see cref="Npv.OfWithInitial"/> = 0).</para>
/// <para>Unlike Excel, which iterates at most 20 times from the guess and answers #NUM! or whichever root it
/// reaches, this function finds every root it can and says how many there are:</para>
/// <list type="number">
/// <item><description>The flows are scaled by a power of two near 1/max|flow|, so the answer does not depend on
/// the currency unit (flows × 10⁻⁶ or × 10¹² give the same rate).</description></item>
/// <item><description>No sign change in the flows: no root (<see cref="IrrStatus.None"/>). Exactly one sign change:
/// exactly one root (Descartes' rule of signs), found by a safeguarded Newton iteration from <c>guess</c> on
/// ln PV(later flows) − ln PV(earlier flows) as a function of −ln(1 + r): strictly increasing with a bounded slope, it
/// converges from any guess in a few steps, where Newton on the NPV itself (Excel) can diverge or crawl.</description></item>
/// <item><description>Several sign changes, or Newton failed: the NPV's sign is scanned on a grid uniform in
/// ln(1 + r) (steps of 1 %) from r ≈ −1 + 2·10⁻⁹ to r = 10⁶, and every sign-change bracket is solved with
/// MathNet's Brent method; Newton's root, if any, is kept too (it can be a double root the scan cannot see).</description></item>
/// </list>
/// <para>The NPV is evaluated by Horner's rule in v = 1/(1 + r) for r ≥ 0 and, multiplied by (1 + r)ⁿ⁻¹ (same
/// sign, same roots), in u = 1 + r for r &lt; 0, so no power exceeds 1 and 700 monthly flows never overflow.</para>
/// <para>Norstrøm's criterion (cumulative sums changing sign once, 1972) proves uniqueness only among rates r &gt; 0:
/// −1, 2, −0.9 passes it yet has the roots ±31.6 %. It is therefore not used to skip the scan, and
/// <see cref="IrrResult.Status"/> reports the roots actually found.</para>
/// <para>Thread safety: all members are pure.</para>
/// </remarks>
public static class Irr
{
    /// <summary>Solves for the internal rate(s) of return of periodic flows. Excel: IRR(values, guess).</summary>
    /// <param name="flows">Cash flows (any currency unit), flow k at the end of period k, flow 0 now; at least two, all finite.</param>
    /// <param name="guess">Starting rate per period for Newton's method and tie-break among several roots; finite and &gt; −1. Excel's default 0.1.</param>
    /// <returns>The chosen rate per period, all roots found and the root status; <see cref="IrrStatus.None"/> (never NaN
    /// or an exception) when the flows have no root.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="flows"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="flows"/> has fewer than two values.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A flow is not finite (the index is named), or
    /// <paramref name="guess"/> is not a finite number &gt; −1.</exception>
    public static IrrResult Solve(IReadOnlyList<double> flows, double guess = 0.1)
    {
        FinanceGuard.Flows(flows, 2);
        FinanceGuard.Rate(guess);
        return IrrSolver.SolvePeriodic(flows, guess);
    }
}
