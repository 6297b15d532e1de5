using LifetimeValue.Scenarios;
using MathNet.Numerics.Statistics;

namespace LifetimeValue.Tests.Scenarios;

/// <summary>A Monte Carlo estimate with its standard error.</summary>
internal readonly record struct MonteCarloEstimate(double Value, double StandardError)
{
    /// <summary>|Value − oracle| in standard errors.</summary>
    public double ZScore(double oracle) => Math.Abs(Value - oracle) / StandardError;

    public override string ToString() => FormattableString.Invariant($"{Value:G8} ± {StandardError:G3}");

    /// <summary>Sample mean and variance of r_k across scenarios; SE(var) = s²·√((excess kurtosis + 2)/n).</summary>
    public static (MonteCarloEstimate Mean, MonteCarloEstimate Variance) RateMoments(ScenarioSet set, int period)
    {
        var stats = new RunningStatistics();
        for (var s = 0; s < set.ScenarioCount; s++)
        {
            stats.Push(set[s, period]);
        }

        double n = stats.Count;
        double variance = stats.Variance;
        double kurtosis = double.IsFinite(stats.Kurtosis) ? stats.Kurtosis : 0.0;
        return (new MonteCarloEstimate(stats.Mean, Math.Sqrt(variance / n)),
            new MonteCarloEstimate(variance, variance * Math.Sqrt((kurtosis + 2.0) / n)));
    }

    /// <summary>E[D_k] = E[exp(−Δ·Σ_{j&lt;k} r_j)] across scenarios, D from <see cref="ScenarioSet.FillDiscountFactors"/>.</summary>
    public static MonteCarloEstimate DiscountFactor(ScenarioSet set, int period)
    {
        var stats = new RunningStatistics();
        var factors = new double[set.PeriodCount];
        for (var s = 0; s < set.ScenarioCount; s++)
        {
            set.FillDiscountFactors(s, 0.0, factors);
            stats.Push(factors[period - 1]);
        }

        return new MonteCarloEstimate(stats.Mean, stats.StandardDeviation / Math.Sqrt(stats.Count));
    }
}
