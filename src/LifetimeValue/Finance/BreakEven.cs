using LifetimeValue.Internal;

namespace LifetimeValue.Finance;

/// <summary>Break-even points of a cumulative value curve under both conventions in use.</summary>
/// <remarks>
/// <para>For a curve V₀, V₁, …, Vₙ₋₁ (index = period; V₀ is the value at t = 0, after the initial flow):</para>
/// <list type="bullet">
/// <item><description>first crossing: min{k : Vₖ ≥ 0};</description></item>
/// <item><description>start of the final non-negative run: min{k : Vⱼ ≥ 0 for all j ≥ k}, defined only when Vₙ₋₁ ≥ 0.</description></item>
/// </list>
/// <para>They differ when the curve dips again late in life (e.g. a retention offer or a refurbishment cost
/// after the customer has paid back): the first crossing is then optimistic. The engine applies this to the
/// cumulative present-value curve of a customer (Σⱼ≤ₖ flowⱼ/(1 + r)ʲ) and reports both; <see cref="Payback"/> is the
/// first crossing of the undiscounted or discounted cumulative flows.</para>
/// <para>Thread safety: all members are pure.</para>
/// </remarks>
public static class BreakEven
{
    /// <summary>Both break-even indices of a cumulative value curve.</summary>
    /// <param name="cumulativeValue">Cumulative value (any currency unit) at the end of periods 0 … n − 1; at least one, all finite.</param>
    /// <returns>The first crossing and the start of the final non-negative run (each <see langword="null"/> when absent).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="cumulativeValue"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="cumulativeValue"/> is empty.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A value is not finite (the index is named).</exception>
    public static BreakEvenResult FromCumulative(IReadOnlyList<double> cumulativeValue)
    {
        Guard.NotEmpty(cumulativeValue);
        Guard.AllFinite(cumulativeValue);
        return Compute(cumulativeValue);
    }

    /// <summary>The same, for a validated curve.</summary>
    internal static BreakEvenResult Compute(IReadOnlyList<double> curve)
    {
        int? first = null;
        for (var k = 0; k < curve.Count; k++)
        {
            if (curve[k] >= 0.0)
            {
                first = k;
                break;
            }
        }

        int? finalRun = null;
        for (var k = curve.Count - 1; k >= 0 && curve[k] >= 0.0; k--)
        {
            finalRun = k;
        }

        return new BreakEvenResult(first, finalRun);
    }
}
