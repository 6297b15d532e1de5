using System.Globalization;
using System.Numerics;
using LifetimeValue.Internal;

namespace LifetimeValue.Statistics;

/// <summary>
/// The two-level (scenarios outer, customers inner) estimator of an expected value and its error, from per-scenario
/// statistics: the mean of the scenario means, the total standard error from their spread, and its split into a
/// scenario part and a customer part. Used for every expected value of a Monte Carlo run (CLV, cohort NPV, the
/// cumulative PV curve, peak funding) and for paired differences of strategies; reusable for any quantity simulated
/// as N customers in each of S scenarios (for example an acquisition programme's cash flows).
/// </summary>
/// <remarks>
/// <para>The estimator and its assumptions are stated on <see cref="TwoLevelEstimate"/> and derived in
/// <c>docs/uncertainty.md</c>. Every method here is deterministic: the same inputs in the same order give bit-identical
/// results, and <see cref="FromMoments"/> is exact in integers, hence independent of how the moments were merged.</para>
/// <para>Thread safety: stateless; safe to call concurrently.</para>
/// </remarks>
public static class ScenarioMeanEstimator
{
    /// <summary>
    /// The estimate from each scenario's exact fixed-point moments (count, Σq, Σq² of the N values of that scenario).
    /// The mean is bit-identical to that of all the moments merged; s²_b and σ̂²_w are evaluated exactly in integers and
    /// rounded once.
    /// </summary>
    /// <param name="scenarios">One accumulator per scenario, S ≥ 1, each with the same count N ≥ 1.</param>
    /// <param name="confidenceLevel">Level of the interval, in (0, 1) (default 0.95).</param>
    /// <returns>The estimate; its customer part is NaN when N = 1 (no within-scenario variance).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="scenarios"/> or an element is null.</exception>
    /// <exception cref="ArgumentException">No scenarios, or the counts differ or are 0.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The level is not in (0, 1).</exception>
    public static TwoLevelEstimate FromMoments(IReadOnlyList<FixedPointMoments> scenarios, double confidenceLevel = TwoLevelEstimate.DefaultConfidenceLevel)
    {
        ArgumentNullException.ThrowIfNull(scenarios);
        TwoLevelEstimate.CheckLevel(confidenceLevel);
        if (scenarios.Count == 0)
        {
            throw new ArgumentException("scenarios must hold at least one scenario's moments.", nameof(scenarios));
        }

        var n = (scenarios[0] ?? throw new ArgumentNullException("scenarios[0]")).Count;
        var all = new FixedPointMoments();
        BigInteger sum = 0, sumOfSquaredSums = 0, within = 0;
        for (var s = 0; s < scenarios.Count; s++)
        {
            var m = scenarios[s] ?? throw new ArgumentNullException($"scenarios[{s}]");
            if (m.Count != n || n == 0)
            {
                throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                    $"scenarios[{s}] holds {m.Count} values but scenarios[0] holds {n}: every scenario needs the same number (≥ 1) of customers."), nameof(scenarios));
            }

            all.Merge(m);
            var t = (BigInteger)m.Sum;
            sum += t;
            sumOfSquaredSums += t * t;

            // n·Σq² − (Σq)² = n(n − 1)·s²_s in units of 2^-40: exact, ≥ 0.
            within += (n * (BigInteger)m.SumOfSquares) - (t * t);
        }

        var count = scenarios.Count;
        const double Unit = FixedPointMoments.Resolution * FixedPointMoments.Resolution;

        // s²_b of the scenario means T_s/n: (S·ΣT² − (ΣT)²) / (S(S − 1)·n²), one rounding.
        var between = count < 2
            ? double.NaN
            : (double)((count * sumOfSquaredSums) - (sum * sum)) / ((double)count * (count - 1)) / ((double)n * n) * Unit;

        // Pooled σ̂²_w = (1/S)·Σ s²_s = Σ(n·Σq² − (Σq)²) / (S·n(n − 1)).
        var pooled = n < 2 ? double.NaN : (double)within / ((double)count * n * (n - 1)) * Unit;
        return TwoLevelEstimate.Create(all.ToSummary().Mean, count, n, between, pooled, confidenceLevel);
    }

    /// <summary>
    /// The estimate from the S scenario means Ȳ_s (each over N customers): Ȳ = (1/S)·Σ Ȳ_s, s²_b their sample variance
    /// (two passes, in the order given), and — when <paramref name="withinScenarioVariance"/> is given — the split into
    /// a scenario part and a customer part.
    /// </summary>
    /// <param name="scenarioMeans">Ȳ_1 … Ȳ_S, S ≥ 1, finite.</param>
    /// <param name="customersPerScenario">N ≥ 1, the same in every scenario.</param>
    /// <param name="withinScenarioVariance">σ̂²_w ≥ 0, the pooled within-scenario variance of one customer's value, or NaN
    /// when not known (then only the total is reported; with S = 1 nothing can be estimated).</param>
    /// <param name="confidenceLevel">Level of the interval, in (0, 1) (default 0.95).</param>
    /// <returns>The estimate.</returns>
    /// <exception cref="ArgumentException">No means.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A mean is not finite, N &lt; 1, a negative or infinite variance, or the level is not in (0, 1).</exception>
    public static TwoLevelEstimate FromScenarioMeans(ReadOnlySpan<double> scenarioMeans, long customersPerScenario,
        double withinScenarioVariance = double.NaN, double confidenceLevel = TwoLevelEstimate.DefaultConfidenceLevel)
    {
        if (scenarioMeans.Length == 0)
        {
            throw new ArgumentException("scenarioMeans must hold at least one scenario mean.", nameof(scenarioMeans));
        }

        Guard.InRange(customersPerScenario, 1, long.MaxValue);
        if (!double.IsNaN(withinScenarioVariance))
        {
            Guard.NonNegative(withinScenarioVariance);
            Guard.Finite(withinScenarioVariance);
        }

        TwoLevelEstimate.CheckLevel(confidenceLevel);
        for (var s = 0; s < scenarioMeans.Length; s++)
        {
            if (!double.IsFinite(scenarioMeans[s]))
            {
                Guard.Throw($"scenarioMeans[{s}]", scenarioMeans[s], "must be a finite number");
            }
        }

        var (mean, variance) = MeanAndVariance(scenarioMeans);
        return TwoLevelEstimate.Create(mean, scenarioMeans.Length, customersPerScenario, variance, withinScenarioVariance, confidenceLevel);
    }

    /// <summary>
    /// The estimate from each scenario's total over its N customers (for example a programme's discounted cash flow
    /// summed over the customers it acquired in that scenario): the scenario means are the sums divided by N.
    /// </summary>
    /// <param name="scenarioSums">Σ_i Y_si for each scenario, S ≥ 1, finite.</param>
    /// <param name="customersPerScenario">N ≥ 1, the same in every scenario.</param>
    /// <param name="withinScenarioVariance">σ̂²_w ≥ 0 of one customer's value, or NaN when not known.</param>
    /// <param name="confidenceLevel">Level of the interval, in (0, 1) (default 0.95).</param>
    /// <returns>The estimate.</returns>
    /// <exception cref="ArgumentException">No sums.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A sum is not finite, N &lt; 1, a bad variance, or the level is not in (0, 1).</exception>
    public static TwoLevelEstimate FromScenarioSums(ReadOnlySpan<double> scenarioSums, long customersPerScenario,
        double withinScenarioVariance = double.NaN, double confidenceLevel = TwoLevelEstimate.DefaultConfidenceLevel)
    {
        Guard.InRange(customersPerScenario, 1, long.MaxValue);
        var means = new double[scenarioSums.Length];
        for (var s = 0; s < means.Length; s++)
        {
            means[s] = scenarioSums[s] / customersPerScenario;
        }

        return FromScenarioMeans(means, customersPerScenario, withinScenarioVariance, confidenceLevel);
    }

    /// <summary>An estimate centred on a value computed elsewhere (for example exactly, from integer sums) with the
    /// spread of the scenario values <paramref name="scenarioValues"/> (no customer part).</summary>
    internal static TwoLevelEstimate Centred(double mean, ReadOnlySpan<double> scenarioValues, long customersPerScenario, double confidenceLevel)
    {
        var (_, variance) = MeanAndVariance(scenarioValues);
        return TwoLevelEstimate.Create(mean, scenarioValues.Length, customersPerScenario, variance, double.NaN, confidenceLevel);
    }

    /// <summary>Mean and sample variance (S − 1 denominator; NaN for one value), two passes in order.</summary>
    internal static (double Mean, double Variance) MeanAndVariance(ReadOnlySpan<double> values)
    {
        var sum = 0.0;
        foreach (var v in values)
        {
            sum += v;
        }

        var mean = sum / values.Length;
        if (values.Length < 2)
        {
            return (mean, double.NaN);
        }

        double squares = 0, residual = 0;
        foreach (var v in values)
        {
            var d = v - mean;
            squares += d * d;
            residual += d;
        }

        // Corrected two-pass formula (Chan, Golub & LeVeque 1983): removes the rounding left in the mean.
        return (mean, Math.Max(0, (squares - (residual * residual / values.Length)) / (values.Length - 1)));
    }
}
