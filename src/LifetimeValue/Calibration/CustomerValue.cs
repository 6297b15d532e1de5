using LifetimeValue.Internal;

namespace LifetimeValue.Calibration;

/// <summary>
/// Customer lifetime value from a fitted repeat-purchase model and a spend model:
/// CLV = margin × E[spend per purchase | history] × discounted expected future purchases.
/// </summary>
/// <remarks>
/// <para>Discounting is continuous at rate δ per time unit of the model (δ = ln(1 + annual rate)/52 for weekly data);
/// purchases in the step (t_{k−1}, t_k] of the horizon are discounted at the midpoint, so the error is O((δ·Δt)²).
/// For Pareto/NBD the infinite-horizon value is also available in closed form,
/// <see cref="ParetoNbdModel.DiscountedExpectedResidualTransactions"/> (DERT).</para>
/// <para>The margin is a fraction of revenue and may be zero or negative (loss-making customers get a negative CLV;
/// nothing is clamped).</para>
/// <para>Thread safety: all members are pure.</para>
/// </remarks>
public static class CustomerValue
{
    /// <summary>Σ_k [E(Y(t_k)) − E(Y(t_{k−1}))] e^(−δ (t_{k−1} + t_k)/2): discounted expected purchases over a finite horizon.</summary>
    /// <param name="model">Fitted BG/NBD or Pareto/NBD.</param>
    /// <param name="history">The customer's (x, t_x, T) in the model's time unit.</param>
    /// <param name="continuousDiscountRate">δ per time unit, ≥ 0.</param>
    /// <param name="horizon">Length of the future window in the model's time unit, &gt; 0.</param>
    /// <param name="steps">Number of discounting steps, 1 … 10⁶ (e.g. weeks of the horizon).</param>
    /// <returns>Discounted expected purchases, ≥ 0.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="model"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A rate, horizon or step count is out of range.</exception>
    /// <exception cref="ArgumentException">The history is invalid.</exception>
    public static double DiscountedExpectedPurchases(IRepeatPurchaseModel model, RepeatHistory history, double continuousDiscountRate, double horizon, int steps)
    {
        ArgumentNullException.ThrowIfNull(model);
        Guard.NonNegative(continuousDiscountRate);
        Guard.Positive(horizon);
        Guard.InRange(steps, 1, 1_000_000);
        double previous = 0, total = 0, dt = horizon / steps;
        for (var k = 1; k <= steps; k++)
        {
            double current = model.ConditionalExpectedPurchases(k * dt, history);
            total += (current - previous) * Math.Exp(-continuousDiscountRate * (k - 0.5) * dt);
            previous = current;
        }

        return total;
    }

    /// <summary>CLV of one customer over a finite horizon.</summary>
    /// <param name="purchases">Fitted BG/NBD or Pareto/NBD.</param>
    /// <param name="spend">Fitted Gamma-Gamma model.</param>
    /// <param name="history">(x, t_x, T) in the purchase model's time unit.</param>
    /// <param name="meanRepeatSpend">z̄: the customer's mean repeat-purchase value (ignored when x = 0).</param>
    /// <param name="margin">Profit margin as a fraction of revenue, any finite number (negative or zero allowed).</param>
    /// <param name="continuousDiscountRate">δ per time unit, ≥ 0.</param>
    /// <param name="horizon">Horizon in the time unit, &gt; 0.</param>
    /// <param name="steps">Discounting steps, 1 … 10⁶.</param>
    /// <returns>margin × E[spend | x, z̄] × discounted expected purchases, in currency units.</returns>
    /// <exception cref="ArgumentNullException">A model is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An argument is out of range.</exception>
    /// <exception cref="InvalidOperationException">The spend model has q ≤ 1 (infinite mean spend).</exception>
    public static double Clv(IRepeatPurchaseModel purchases, GammaGammaModel spend, RepeatHistory history, double meanRepeatSpend, double margin,
        double continuousDiscountRate, double horizon, int steps)
    {
        ArgumentNullException.ThrowIfNull(spend);
        Guard.Finite(margin);
        double purchasesValue = DiscountedExpectedPurchases(purchases, history, continuousDiscountRate, horizon, steps);
        double spendValue = spend.ConditionalExpectedSpend(new SpendHistory(history.Frequency, meanRepeatSpend));
        return margin * spendValue * purchasesValue;
    }
}
