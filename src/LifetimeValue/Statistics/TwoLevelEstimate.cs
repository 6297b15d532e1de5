using System.Globalization;
using System.Text.Json;
using LifetimeValue.Internal;
using MathNet.Numerics.Distributions;

namespace LifetimeValue.Statistics;

/// <summary>
/// An expected value estimated by two-level Monte Carlo — S economic scenarios (the outer level), N customers simulated
/// in each (the inner level) — with its total standard error, the two parts of that error (between scenarios, within
/// scenarios) and a confidence interval. Produced by <see cref="ScenarioMeanEstimator"/>.
/// </summary>
/// <remarks>
/// <para>With Ȳ_s the mean over scenario s's N customers, the estimate is Ȳ = (1/S)·Σ Ȳ_s and
/// Var(Ȳ) = (σ²_b + σ²_w/N)/S, where σ²_b is the variance across scenarios of the scenario's true mean and σ²_w the
/// expected variance of one customer's value within a scenario. The sample variance s²_b of the S scenario means
/// estimates σ²_b + σ²_w/N; the pooled within-scenario sample variance σ̂²_w estimates σ²_w. The parts reported are</para>
/// <list type="bullet">
/// <item><description>customers: <see cref="CustomerStandardError"/>² = σ̂²_w/(N·S);</description></item>
/// <item><description>scenarios: <see cref="ScenarioStandardError"/>² = max(0, s²_b − σ̂²_w/N)/S;</description></item>
/// <item><description>total: <see cref="StandardError"/>² = the sum of the two, i.e. max(s²_b, σ̂²_w/N)/S — the
/// unbiased s²_b/S except when the scenario means vary less than customer sampling alone explains (then the
/// scenario part is estimated as 0 and the total is the customer part). When σ̂²_w is unknown (for example for points
/// of a cumulative curve, whose per-customer spread the engine does not keep) the total is s²_b/S and both parts are NaN.</description></item>
/// </list>
/// <para>Assumptions: scenarios are independent draws from the rate model; given its scenario, customers are independent
/// and identically distributed; every scenario has the same N. With S = 1 the scenario part cannot be estimated
/// (<see cref="ScenarioStandardError"/> is NaN) and the total is the customer part: the error given that one rate path.</para>
/// <para>Interval: Mean ± q·SE, with q the Student-t quantile on S − 1 degrees of freedom when S ≥ 2 (the error is
/// estimated from S scenario means; exact when they are normal, and the same as the normal interval for many
/// scenarios) and the normal quantile when S = 1. See <c>docs/uncertainty.md</c>.</para>
/// <para>Thread safety: immutable; safe to share.</para>
/// </remarks>
public sealed class TwoLevelEstimate
{
    /// <summary>The confidence level used unless another is asked for: 0.95.</summary>
    public const double DefaultConfidenceLevel = 0.95;

    private readonly double _varianceOfScenarioMean;

    private TwoLevelEstimate(double mean, int scenarios, long customersPerScenario, double scenarioMeanVariance, double withinVariance,
        double scenarioVariance, double customerVariance, double totalVariance, double varianceOfScenarioMean, double confidenceLevel, double critical = double.NaN)
    {
        Mean = mean;
        Scenarios = scenarios;
        CustomersPerScenario = customersPerScenario;
        ScenarioMeanVariance = scenarioMeanVariance;
        WithinScenarioVariance = withinVariance;
        ScenarioStandardError = Math.Sqrt(scenarioVariance);
        CustomerStandardError = Math.Sqrt(customerVariance);
        StandardError = Math.Sqrt(totalVariance);
        ScenarioShare = scenarioVariance / totalVariance;
        _varianceOfScenarioMean = varianceOfScenarioMean;
        ConfidenceLevel = confidenceLevel;
        Method = scenarios >= 2 ? IntervalMethod.StudentT : IntervalMethod.Normal;
        DegreesOfFreedom = scenarios >= 2 ? scenarios - 1 : double.PositiveInfinity;
        CriticalValue = double.IsNaN(critical) ? Critical(confidenceLevel, scenarios) : critical;
        var half = CriticalValue * StandardError;
        CiLow = mean - half;
        CiHigh = mean + half;
    }

    /// <summary>The estimate Ȳ (value units, e.g. currency per customer).</summary>
    public double Mean { get; }

    /// <summary>Total standard error of <see cref="Mean"/>: √(scenario part² + customer part²); see the remarks. NaN when it cannot be estimated.</summary>
    public double StandardError { get; }

    /// <summary>Part of the standard error due to the rate scenarios (between scenarios): √(max(0, s²_b − σ̂²_w/N)/S). NaN with one scenario, or when σ̂²_w is unknown.</summary>
    public double ScenarioStandardError { get; }

    /// <summary>Part of the standard error due to sampling customers (within scenarios): √(σ̂²_w/(N·S)). NaN when σ̂²_w is unknown.</summary>
    public double CustomerStandardError { get; }

    /// <summary>Share of the total variance due to the scenarios, in [0, 1]; NaN when the parts are not known.</summary>
    public double ScenarioShare { get; }

    /// <summary>Scenarios S.</summary>
    public int Scenarios { get; }

    /// <summary>Customers N per scenario.</summary>
    public long CustomersPerScenario { get; }

    /// <summary>s²_b: the sample variance (S − 1 denominator) of the S scenario means; NaN when S = 1.</summary>
    public double ScenarioMeanVariance { get; }

    /// <summary>σ̂²_w: the pooled within-scenario sample variance of one customer's value; NaN when not known.</summary>
    public double WithinScenarioVariance { get; }

    /// <summary>The confidence level of <see cref="CiLow"/> and <see cref="CiHigh"/>, in (0, 1).</summary>
    public double ConfidenceLevel { get; }

    /// <summary>How the interval is formed: Student-t on S − 1 degrees of freedom when S ≥ 2, normal when S = 1.</summary>
    public IntervalMethod Method { get; }

    /// <summary>Degrees of freedom of the interval: S − 1, or +∞ for the normal interval.</summary>
    public double DegreesOfFreedom { get; }

    /// <summary>The quantile q of the interval Mean ± q·SE (1.96 for a 95 % normal interval).</summary>
    public double CriticalValue { get; }

    /// <summary>Lower end of the confidence interval at <see cref="ConfidenceLevel"/>.</summary>
    public double CiLow { get; }

    /// <summary>Upper end of the confidence interval at <see cref="ConfidenceLevel"/>.</summary>
    public double CiHigh { get; }

    /// <summary>Half the interval's width: q·SE.</summary>
    public double HalfWidth => CriticalValue * StandardError;

    /// <summary>Whether the interval lies strictly on one side of <paramref name="value"/> (false when it cannot be formed).</summary>
    /// <param name="value">The value to test, e.g. 0 for a difference.</param>
    /// <returns>True when <paramref name="value"/> is outside [<see cref="CiLow"/>, <see cref="CiHigh"/>].</returns>
    public bool Excludes(double value) => CiLow > value || CiHigh < value;

    /// <summary>The same estimate with an interval at another confidence level.</summary>
    /// <param name="confidenceLevel">Level in (0, 1), e.g. 0.9.</param>
    /// <returns>A new estimate.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The level is not in (0, 1).</exception>
    public TwoLevelEstimate WithConfidenceLevel(double confidenceLevel) =>
        new(Mean, Scenarios, CustomersPerScenario, ScenarioMeanVariance, WithinScenarioVariance,
            Square(ScenarioStandardError), Square(CustomerStandardError), Square(StandardError), _varianceOfScenarioMean, CheckLevel(confidenceLevel));

    /// <summary>The estimate of <paramref name="factor"/> × the quantity (for example a cohort's NPV from the CLV per customer):
    /// the mean, the errors and the variances scale exactly, the interval with it.</summary>
    /// <param name="factor">A finite factor; negative flips the interval.</param>
    /// <returns>A new estimate.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The factor is NaN or infinite.</exception>
    public TwoLevelEstimate Scale(double factor)
    {
        Guard.Finite(factor);
        var f2 = factor * factor;
        return new(factor * Mean, Scenarios, CustomersPerScenario, f2 * ScenarioMeanVariance, f2 * WithinScenarioVariance,
            f2 * Square(ScenarioStandardError), f2 * Square(CustomerStandardError), f2 * Square(StandardError), f2 * _varianceOfScenarioMean, ConfidenceLevel, CriticalValue);
    }

    /// <summary>
    /// The number of scenarios (with the same N customers each) for which the interval's half-width would be at most
    /// <paramref name="halfWidth"/>, if the variance of a scenario mean stays what this run estimated:
    /// the smallest S′ ≥ 2 with q(S′)·√(v/S′) ≤ h, where v = max(s²_b, σ̂²_w/N) (or s²_b when σ̂²_w is unknown) and
    /// q(S′) the Student-t quantile on S′ − 1 degrees of freedom.
    /// </summary>
    /// <param name="halfWidth">Target half-width h &gt; 0, in value units.</param>
    /// <returns>S′, or null with one scenario (the scenario variance is unknown) or when S′ would exceed 2⁶² .</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="halfWidth"/> is not a positive finite number.</exception>
    public long? ScenariosForHalfWidth(double halfWidth)
    {
        Guard.Positive(halfWidth);
        Guard.Finite(halfWidth);
        var v = _varianceOfScenarioMean;
        if (Scenarios < 2 || !double.IsFinite(v))
        {
            return null;
        }

        if (v == 0)
        {
            return 2;
        }

        // Start from the normal approximation, then step up while the t quantile is still too wide (it decreases with S′).
        var z = Normal.InvCDF(0, 1, 0.5 + (ConfidenceLevel / 2));
        var start = Math.Ceiling(z * z * v / (halfWidth * halfWidth));
        if (!(start < 4.6e18))
        {
            return null;
        }

        var s = Math.Max(2L, (long)start);
        for (var i = 0; i < 10_000 && Critical(ConfidenceLevel, s) * Math.Sqrt(v / s) > halfWidth; i++)
        {
            s = s < 1000 ? s + 1 : (long)Math.Ceiling(s * 1.001);
        }

        return s;
    }

    /// <summary>"889.05 ± 412.31 (95 % CI 476.74 to 1,301.36; SE 210.37: scenarios 210.33, customers 3.89; 50 scenarios × 20,000 customers)".</summary>
    /// <returns>The estimate in words, invariant culture.</returns>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{Mean:N2} ± {HalfWidth:N2} ({ConfidenceLevel * 100:0.##} % CI {CiLow:N2} to {CiHigh:N2}; SE {StandardError:N2}: scenarios {ScenarioStandardError:N2}, customers {CustomerStandardError:N2}; {Scenarios:N0} scenarios × {CustomersPerScenario:N0} customers)");

    /// <summary>
    /// Writes the value under <paramref name="name"/> and, beside it, its standard error (total, scenario and customer parts)
    /// and interval: <c>standardError</c>, <c>scenarioStandardError</c>, <c>customerStandardError</c>, <c>ciLow</c>,
    /// <c>ciHigh</c>, <c>ciLevel</c>, prefixed by <paramref name="prefix"/> (camel-cased) for values other than an object's
    /// headline one. Unknown figures are written as null.
    /// </summary>
    internal static void WriteJson(Utf8JsonWriter json, string name, TwoLevelEstimate estimate, string prefix)
    {
        string Key(string key) => prefix.Length == 0 ? key : prefix + char.ToUpperInvariant(key[0]) + key[1..];
        Number(json, name, estimate.Mean);
        Number(json, Key("standardError"), estimate.StandardError);
        Number(json, Key("scenarioStandardError"), estimate.ScenarioStandardError);
        Number(json, Key("customerStandardError"), estimate.CustomerStandardError);
        Number(json, Key("ciLow"), estimate.CiLow);
        Number(json, Key("ciHigh"), estimate.CiHigh);
        json.WriteNumber(Key("ciLevel"), estimate.ConfidenceLevel);
    }

    /// <summary>Builds the estimate from its sufficient statistics (see the class remarks).</summary>
    /// <param name="mean">Ȳ.</param>
    /// <param name="scenarios">S ≥ 1.</param>
    /// <param name="customersPerScenario">N ≥ 1.</param>
    /// <param name="scenarioMeanVariance">s²_b (ignored when S = 1).</param>
    /// <param name="withinVariance">σ̂²_w, or NaN when unknown.</param>
    /// <param name="confidenceLevel">Level in (0, 1).</param>
    /// <param name="critical">The quantile <see cref="Critical"/>(level, S) when the caller already has it (many estimates of one run), else NaN.</param>
    internal static TwoLevelEstimate Create(double mean, int scenarios, long customersPerScenario, double scenarioMeanVariance, double withinVariance, double confidenceLevel,
        double critical = double.NaN)
    {
        var n = (double)customersPerScenario;
        var s = (double)scenarios;
        var withinKnown = !double.IsNaN(withinVariance);
        var customer = withinKnown ? withinVariance / (n * s) : double.NaN;
        double scenario, total, perScenario;
        if (scenarios < 2)
        {
            scenarioMeanVariance = double.NaN;
            scenario = double.NaN;
            total = customer;
            perScenario = double.NaN;
        }
        else if (withinKnown)
        {
            perScenario = Math.Max(scenarioMeanVariance, withinVariance / n);
            scenario = Math.Max(0, scenarioMeanVariance - (withinVariance / n)) / s;
            total = scenario + customer;
        }
        else
        {
            perScenario = scenarioMeanVariance;
            scenario = double.NaN;
            total = scenarioMeanVariance / s;
        }

        return new TwoLevelEstimate(mean, scenarios, customersPerScenario, scenarioMeanVariance, withinVariance,
            scenario, customer, total, perScenario, confidenceLevel, critical);
    }

    /// <summary>Checks a confidence level: in (0, 1).</summary>
    internal static double CheckLevel(double confidenceLevel, [System.Runtime.CompilerServices.CallerArgumentExpression(nameof(confidenceLevel))] string? name = null)
    {
        if (!(confidenceLevel > 0 && confidenceLevel < 1))
        {
            throw new ArgumentOutOfRangeException(name, confidenceLevel,
                string.Create(CultureInfo.InvariantCulture, $"{name} must be in (0, 1), e.g. 0.95 (was {confidenceLevel})."));
        }

        return confidenceLevel;
    }

    /// <summary>The two-sided quantile: Student-t on S − 1 degrees of freedom for S ≥ 2, normal for S = 1.</summary>
    internal static double Critical(double confidenceLevel, long scenarios)
    {
        var p = 0.5 + (confidenceLevel / 2);
        return scenarios >= 2 ? StudentT.InvCDF(0, 1, scenarios - 1, p) : Normal.InvCDF(0, 1, p);
    }

    private static double Square(double x) => x * x;

    private static void Number(Utf8JsonWriter json, string name, double value)
    {
        if (double.IsFinite(value))
        {
            json.WriteNumber(name, value);
        }
        else
        {
            json.WriteNull(name);
        }
    }
}
