using System.Globalization;
using LifetimeValue.Internal;

namespace LifetimeValue.Programmes;

/// <summary>
/// A quantile of a per-scenario quantity and its distribution-free confidence interval from order statistics: with S
/// scenario values sorted x_(1) ≤ … ≤ x_(S), the interval [x_(l), x_(u)] covers the true q-quantile with probability
/// P(l ≤ K &lt; u) for K ~ Binomial(S, q), whatever the distribution (for continuous distributions; at least that for
/// any). l and u are chosen to put at most (1 − level)/2 in each tail.
/// </summary>
/// <param name="Level">The quantile level q, in (0, 1).</param>
/// <param name="Value">The point estimate: the order statistic x_(⌈qS⌉).</param>
/// <param name="Low">The interval's lower end x_(l), or null when S is too small for the level.</param>
/// <param name="High">The interval's upper end x_(u), or null when S is too small for the level.</param>
/// <param name="Coverage">The exact coverage P(l ≤ K &lt; u) of the interval, or NaN when an end is null.</param>
/// <param name="Scenarios">S, the number of scenario values.</param>
public readonly record struct QuantileInterval(double Level, double Value, double? Low, double? High, double Coverage, int Scenarios)
{
    /// <summary>The q-quantile of <paramref name="values"/> with its distribution-free interval at <paramref name="confidenceLevel"/>.</summary>
    /// <param name="values">The S ≥ 1 scenario values, finite.</param>
    /// <param name="level">The quantile level q, in (0, 1).</param>
    /// <param name="confidenceLevel">The interval's level, in (0, 1).</param>
    /// <returns>The quantile and interval.</returns>
    /// <exception cref="ArgumentException">No values.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A level is outside (0, 1) or a value is not finite.</exception>
    public static QuantileInterval Of(IReadOnlyList<double> values, double level, double confidenceLevel)
    {
        Guard.NotEmpty(values);
        Guard.AllFinite(values);
        if (!(level > 0 && level < 1))
        {
            Guard.Throw(nameof(level), level, "must be in (0, 1)");
        }

        if (!(confidenceLevel > 0 && confidenceLevel < 1))
        {
            Guard.Throw(nameof(confidenceLevel), confidenceLevel, "must be in (0, 1)");
        }

        var sorted = values.ToArray();
        Array.Sort(sorted);
        var s = sorted.Length;
        var point = sorted[Math.Clamp((int)Math.Ceiling(level * s), 1, s) - 1];
        var tail = (1 - confidenceLevel) / 2;

        // K ~ Binomial(S, q) counts the values below the true quantile. x_(l) ≤ ξ_q ⇔ K ≥ l, and ξ_q < x_(u) ⇔ K < u.
        // l: the largest rank with P(K < l) ≤ tail; u: the smallest rank with P(K ≥ u) ≤ tail.
        int? low = null, high = null;
        for (var l = s; l >= 1; l--)
        {
            if (MathNet.Numerics.Distributions.Binomial.CDF(level, s, l - 1) <= tail)
            {
                low = l;
                break;
            }
        }

        for (var u = 1; u <= s; u++)
        {
            if (1 - MathNet.Numerics.Distributions.Binomial.CDF(level, s, u - 1) <= tail)
            {
                high = u;
                break;
            }
        }

        var coverage = low is { } a && high is { } b
            ? MathNet.Numerics.Distributions.Binomial.CDF(level, s, b - 1) - MathNet.Numerics.Distributions.Binomial.CDF(level, s, a - 1)
            : double.NaN;
        return new QuantileInterval(level, point, low is { } lo ? sorted[lo - 1] : null, high is { } hi ? sorted[hi - 1] : null, coverage, s);
    }

    /// <inheritdoc />
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"P{Level * 100:0.#} = {Value:N0} [{Low?.ToString("N0", CultureInfo.InvariantCulture) ?? "n/a"}, {High?.ToString("N0", CultureInfo.InvariantCulture) ?? "n/a"}] over {Scenarios} scenarios");
}
