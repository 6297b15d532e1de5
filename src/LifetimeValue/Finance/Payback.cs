namespace LifetimeValue.Finance;

/// <summary>Payback period of equally spaced cash flows, plain and discounted.</summary>
/// <remarks>
/// <para>Convention: flow 0 at t = 0 (now), flow k at the end of period k, as in <see cref="Irr"/>. With the
/// cumulative sum Sₖ = Σⱼ≤ₖ flowⱼ (discounted: Σⱼ≤ₖ flowⱼ/(1 + rate)ʲ), the payback period is the first k with
/// Sₖ ≥ 0: 0 when flow 0 is itself ≥ 0, <see langword="null"/> when the sum never reaches 0. This is the first
/// crossing of <see cref="BreakEven"/>; if the cumulative sum dips below zero again later, see
/// <see cref="BreakEvenResult.FinalRunStart"/>.</para>
/// <para>Fractional variants assume the flow of period k arrives evenly between t = k − 1 and t = k and
/// interpolate linearly: k − 1 + (−Sₖ₋₁)/(Sₖ − Sₖ₋₁), e.g. −100, 60, 60 pays back at 1 + 40/60 ≈ 1.667.</para>
/// <para>Thread safety: all members are pure.</para>
/// </remarks>
public static class Payback
{
    /// <summary>The first period at whose end the cumulative flow is ≥ 0.</summary>
    /// <param name="flows">Cash flows (any currency unit), flow 0 at t = 0, flow k at the end of period k; at least one, all finite.</param>
    /// <returns>The period index in [0, n − 1], or <see langword="null"/> when the cumulative flow stays negative.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="flows"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="flows"/> is empty.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A flow is not finite (the index is named).</exception>
    public static int? Period(IReadOnlyList<double> flows)
    {
        FinanceGuard.Flows(flows, 1);
        return BreakEven.Compute(Cumulative(flows, 0.0)).FirstCrossing;
    }

    /// <summary>The payback period interpolated within the period of the first crossing.</summary>
    /// <param name="flows">Cash flows (any currency unit), flow 0 at t = 0, flow k at the end of period k; at least one, all finite.</param>
    /// <returns>The fractional period in [0, n − 1], or <see langword="null"/> when the cumulative flow stays negative.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="flows"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="flows"/> is empty.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A flow is not finite (the index is named).</exception>
    public static double? FractionalPeriod(IReadOnlyList<double> flows)
    {
        FinanceGuard.Flows(flows, 1);
        return Interpolate(Cumulative(flows, 0.0));
    }

    /// <summary>The first period at whose end the cumulative discounted flow is ≥ 0.</summary>
    /// <param name="flows">Cash flows (any currency unit), flow 0 at t = 0, flow k at the end of period k; at least one, all finite.</param>
    /// <param name="rate">Discount rate per period (0.1 = 10 %), finite and &gt; −1.</param>
    /// <returns>The period index in [0, n − 1], or <see langword="null"/> when the cumulative PV stays negative.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="flows"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="flows"/> is empty.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A flow is not finite (the index is named), or
    /// <paramref name="rate"/> is not a finite number &gt; −1.</exception>
    public static int? DiscountedPeriod(IReadOnlyList<double> flows, double rate)
    {
        FinanceGuard.Flows(flows, 1);
        FinanceGuard.Rate(rate);
        return BreakEven.Compute(Cumulative(flows, rate)).FirstCrossing;
    }

    /// <summary>The discounted payback period interpolated within the period of the first crossing.</summary>
    /// <param name="flows">Cash flows (any currency unit), flow 0 at t = 0, flow k at the end of period k; at least one, all finite.</param>
    /// <param name="rate">Discount rate per period (0.1 = 10 %), finite and &gt; −1.</param>
    /// <returns>The fractional period in [0, n − 1], or <see langword="null"/> when the cumulative PV stays negative.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="flows"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="flows"/> is empty.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A flow is not finite (the index is named), or
    /// <paramref name="rate"/> is not a finite number &gt; −1.</exception>
    public static double? DiscountedFractionalPeriod(IReadOnlyList<double> flows, double rate)
    {
        FinanceGuard.Flows(flows, 1);
        FinanceGuard.Rate(rate);
        return Interpolate(Cumulative(flows, rate));
    }

    private static double[] Cumulative(IReadOnlyList<double> flows, double rate)
    {
        var v = 1.0 / (1.0 + rate);
        var cumulative = new double[flows.Count];
        var factor = 1.0;
        var sum = 0.0;
        for (var k = 0; k < cumulative.Length; k++)
        {
            sum += flows[k] * factor;
            cumulative[k] = sum;
            factor *= v;
        }

        return cumulative;
    }

    private static double? Interpolate(double[] cumulative)
    {
        if (BreakEven.Compute(cumulative).FirstCrossing is not { } k)
        {
            return null;
        }

        if (k == 0)
        {
            return 0.0;
        }

        // S_(k−1) < 0 ≤ S_k, so the denominator is positive and the fraction lies in (0, 1].
        var before = cumulative[k - 1];
        return k - 1 + (-before / (cumulative[k] - before));
    }
}
