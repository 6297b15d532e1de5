namespace LifetimeValue.Finance;

/// <summary>Modified internal rate of return of equally spaced cash flows. Excel: MIRR.</summary>
/// <remarks>
/// <para>Formula (Excel's MIRR; flow k at time k, n flows): outflows are financed at <c>financeRate</c> and
/// discounted to t = 0, inflows are reinvested at <c>reinvestRate</c> and compounded to t = n − 1:</para>
/// <para>MIRR = ( Σ_{cₖ&gt;0} cₖ (1 + reinvestRate)^(n−1−k) / −Σ_{cₖ&lt;0} cₖ (1 + financeRate)^(−k) )^(1/(n−1)) − 1,</para>
/// <para>which equals Excel's ((−NPV(rrate, positives)·(1 + rrate)ⁿ) / (NPV(frate, negatives)·(1 + frate)))^(1/(n−1)) − 1.
/// Unlike the IRR it is always unique.</para>
/// <para>Thread safety: all members are pure.</para>
/// </remarks>
public static class Mirr
{
    /// <summary>The modified internal rate of return per period. Excel: MIRR(values, finance_rate, reinvest_rate).</summary>
    /// <param name="flows">Cash flows (any currency unit), flow k at the end of period k, flow 0 now; at least two,
    /// all finite, with at least one positive and one negative value.</param>
    /// <param name="financeRate">Rate per period paid on the money invested (outflows), finite and &gt; −1.</param>
    /// <param name="reinvestRate">Rate per period earned on reinvested inflows, finite and &gt; −1.</param>
    /// <returns>The MIRR per period, &gt; −1.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="flows"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="flows"/> has fewer than two values, or lacks a positive or a
    /// negative value (Excel's #DIV/0!).</exception>
    /// <exception cref="ArgumentOutOfRangeException">A flow is not finite (the index is named), or a rate is not a
    /// finite number &gt; −1.</exception>
    public static double Of(IReadOnlyList<double> flows, double financeRate, double reinvestRate)
    {
        FinanceGuard.Flows(flows, 2);
        FinanceGuard.Rate(financeRate);
        FinanceGuard.Rate(reinvestRate);

        // Horner for both sums: the future value of inflows in (1 + reinvestRate), forwards; the present
        // value of outflows in 1/(1 + financeRate), backwards.
        var n = flows.Count;
        var growth = 1.0 + reinvestRate;
        var futureInflows = 0.0;
        for (var k = 0; k < n; k++)
        {
            futureInflows = futureInflows * growth + Math.Max(flows[k], 0.0);
        }

        var discount = 1.0 / (1.0 + financeRate);
        var presentOutflows = 0.0;
        for (var k = n - 1; k >= 0; k--)
        {
            presentOutflows = presentOutflows * discount + Math.Min(flows[k], 0.0);
        }

        if (!(futureInflows > 0.0) || !(presentOutflows < 0.0))
        {
            throw new ArgumentException(
                "flows must contain at least one positive and one negative value for MIRR (Excel: #DIV/0!).", nameof(flows));
        }

        return Math.Pow(futureInflows / -presentOutflows, 1.0 / (n - 1)) - 1.0;
    }
}
