using LifetimeValue.Scenarios;
using MathNet.Numerics.Statistics;

namespace LifetimeValue.Tests.Scenarios;

/// <summary>
/// CIR with the Feller condition violated (2κθ = 0.018 &lt; σ² = 0.04, zero is reached): full truncation
/// (Lord, Koekkoek and van Dijk 2010) against the closed forms of Cox, Ingersoll and Ross (1985), and naive
/// fixes of the Euler step (flooring, reflection) shown to be biased. 20,000 paths, monthly steps.
/// </summary>
public sealed class CoxIngersollRossTests
{
    private const int Paths = 20_000;
    private const ulong Seed = 42;
    private const double Dt = 1.0 / 12.0;

    private static readonly CoxIngersollRoss FellerViolated = new(0.02, 0.3, 0.03, 0.2);

    private static readonly Lazy<ScenarioSet> FullTruncation = new(() => ScenarioSet.Generate(FellerViolated, Paths, 121, Seed));

    [Test]
    public void FellerViolatedModel_SatisfiesFellerCondition_IsFalse()
    {
        FellerViolated.SatisfiesFellerCondition.Should().BeFalse("2κθ = 0.018 < σ² = 0.04");
        new CoxIngersollRoss(0.03, 0.5, 0.04, 0.1).SatisfiesFellerCondition.Should().BeTrue("2κθ = 0.04 ≥ σ² = 0.01");
    }

    [TestCase(12)]
    [TestCase(60)]
    [TestCase(120)]
    public void Generate_FellerViolated_FullTruncationBondPriceWithin4Se(int period)
    {
        var bond = MonteCarloEstimate.DiscountFactor(FullTruncation.Value, period);
        double oracle = FellerViolated.ZeroCouponBondPrice(period * Dt);

        bond.ZScore(oracle).Should().BeLessThan(4.0,
            $"closed-form CIR bond price {oracle:G8} (Cox, Ingersoll and Ross 1985); full truncation {bond}; tolerance 4 SE");
    }

    [TestCase(12)]
    [TestCase(60)]
    [TestCase(120)]
    public void Generate_FellerViolated_FullTruncationMomentsWithin4Se(int period)
    {
        var (mean, variance) = MonteCarloEstimate.RateMoments(FullTruncation.Value, period);
        double t = period * Dt;

        using (new FluentAssertions.Execution.AssertionScope())
        {
            mean.ZScore(FellerViolated.ExpectedRate(t)).Should().BeLessThan(4.0,
                $"closed-form CIR mean {FellerViolated.ExpectedRate(t):G8}; simulated {mean}; tolerance 4 SE");
            variance.ZScore(FellerViolated.RateVariance(t)).Should().BeLessThan(4.0,
                $"closed-form CIR variance {FellerViolated.RateVariance(t):G8}; simulated {variance}; tolerance 4 SE");
        }
    }

    [Test]
    public void Generate_FellerViolated_RatesAreNeverNegativeAndSomeAreZero()
    {
        var rates = FullTruncation.Value.Rates;
        int zeros = 0;
        foreach (var rate in rates)
        {
            rate.Should().BeGreaterThanOrEqualTo(0.0);
            if (rate == 0.0)
            {
                zeros++;
                double.IsNegative(rate).Should().BeFalse("a truncated rate is +0.0, never −0.0");
            }
        }

        zeros.Should().BePositive("with the Feller condition violated the truncated state reaches zero");
    }

    [TestCase("floor")]
    [TestCase("reflect")]
    public void NaiveEuler_FellerViolated_BondPriceBiasedByOverOneHundredBasisPoints(string fix)
    {
        // Same shocks as the library's paths; only the treatment of a negative state differs.
        var naive = NaiveBond(fix, 120);
        var fullTruncation = MonteCarloEstimate.DiscountFactor(FullTruncation.Value, 120);
        double oracle = FellerViolated.ZeroCouponBondPrice(10.0);

        using (new FluentAssertions.Execution.AssertionScope())
        {
            (oracle - naive.Value).Should().BeGreaterThan(0.01,
                $"naive {fix} at 10 years prices the bond at {naive} vs closed form {oracle:G6}: > 100 bp of price too low");
            naive.ZScore(oracle).Should().BeGreaterThan(4.0, "the naive bias is far outside 4 SE");
            Math.Abs(fullTruncation.Value - oracle).Should().BeLessThan(0.2 * (oracle - naive.Value),
                "full truncation's error is a fraction of the naive scheme's on the same shocks");
        }
    }

    private static MonteCarloEstimate NaiveBond(string fix, int period)
    {
        var stats = new RunningStatistics();
        double kappa = FellerViolated.Kappa, theta = FellerViolated.Theta, sigma = FellerViolated.Sigma;
        for (var s = 0; s < Paths; s++)
        {
            double r = FellerViolated.InitialRate, integral = 0.0;
            for (var t = 0; t < period; t++)
            {
                integral += r * Dt;
                double next = r + kappa * (theta - r) * Dt + sigma * Math.Sqrt(r) * Math.Sqrt(Dt) * RateShocks.Shock(Seed, s, t);
                r = fix == "floor" ? Math.Max(next, 0.0) : Math.Abs(next);
            }

            stats.Push(Math.Exp(-integral));
        }

        return new MonteCarloEstimate(stats.Mean, stats.StandardDeviation / Math.Sqrt(stats.Count));
    }
}
