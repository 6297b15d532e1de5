namespace LifetimeValue.Finance;

/// <summary>Net present value of equally spaced cash flows. Excel: NPV.</summary>
/// <remarks>
/// <para>Formula (Excel's convention: every flow at the <em>end</em> of its period, the first one period
/// from now): NPV = Σᵢ₌₁ⁿ valuesᵢ / (1 + rate)ⁱ, evaluated by Horner's rule in 1/(1 + rate).</para>
/// <para>A flow at t = 0 (an initial investment) is not discounted and must be added outside, exactly as in
/// Excel: <c>flows[0] + Npv.Of(rate, flows[1..])</c>, or use <see cref="OfWithInitial"/>. Then
/// <c>OfWithInitial(Irr.Solve(flows).Rate!.Value, flows)</c> is zero (to rounding) whenever a root exists.</para>
/// <para>Thread safety: all members are pure.</para>
/// </remarks>
public static class Npv
{
    /// <summary>The NPV of flows at the ends of periods 1 … n. Excel: NPV(rate, value1, …).</summary>
    /// <param name="rate">Discount rate per period (0.1 = 10 %), finite and &gt; −1.</param>
    /// <param name="flows">Cash flows (any currency unit) at the ends of periods 1 … n; at least one, all finite.</param>
    /// <returns>The present value one period before the first flow, in the unit of <paramref name="flows"/>.
    /// For rate &lt; 0 on long series it can overflow to ±∞ (never NaN).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="flows"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="flows"/> is empty.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A flow is not finite (the index is named), or
    /// <paramref name="rate"/> is not a finite number &gt; −1.</exception>
    public static double Of(double rate, IReadOnlyList<double> flows)
    {
        FinanceGuard.Rate(rate);
        FinanceGuard.Flows(flows, 1);
        return Horner(rate, flows) / (1.0 + rate);
    }

    /// <summary>
    /// The NPV of flows at t = 0, 1, …, n − 1: <c>flows[0]</c> undiscounted plus Excel's NPV of the rest.
    /// This is the convention of <see cref="Irr"/>, <see cref="Payback"/> and the engine's cumulative PV.
    /// </summary>
    /// <param name="rate">Discount rate per period (0.1 = 10 %), finite and &gt; −1.</param>
    /// <param name="flows">Cash flows (any currency unit), flow k at the end of period k (flow 0 now); at least one, all finite.</param>
    /// <returns>Σₖ flowsₖ / (1 + rate)ᵏ, in the unit of <paramref name="flows"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="flows"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="flows"/> is empty.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A flow is not finite (the index is named), or
    /// <paramref name="rate"/> is not a finite number &gt; −1.</exception>
    public static double OfWithInitial(double rate, IReadOnlyList<double> flows)
    {
        FinanceGuard.Rate(rate);
        FinanceGuard.Flows(flows, 1);
        return Horner(rate, flows);
    }

    /// <summary>Σₖ flowsₖ vᵏ for k = 0 … n − 1 with v = 1/(1 + rate), by Horner's rule.</summary>
    private static double Horner(double rate, IReadOnlyList<double> flows)
    {
        var v = 1.0 / (1.0 + rate);
        var sum = 0.0;
        for (var k = flows.Count - 1; k >= 0; k--)
        {
            sum = sum * v + flows[k];
        }

        return sum;
    }
}
