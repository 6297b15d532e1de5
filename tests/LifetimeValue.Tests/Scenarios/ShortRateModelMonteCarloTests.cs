using System.Collections.Concurrent;
using LifetimeValue.Scenarios;
using MathNet.Numerics.Integration;

namespace LifetimeValue.Tests.Scenarios;

/// <summary>
/// Each generator's simulated mean and variance of r and E[exp(−∫r)] against the model's closed form,
/// within 4 standard errors, at monthly steps: 20,000 paths over 10 years, horizons 1, 5 and 10 years.
/// </summary>
/// <remarks>
/// Discretisation bias: for the Gaussian models the exact grid moments of the scheme (<see cref="GaussianAr1"/>)
/// are computed and <see cref="ClosedForm_DiscretisationBias_IsBelowHalfTheTolerance"/> checks that the gap between
/// them and the continuous closed form (Euler's O(κΔ) drift and variance terms, at most 1.2 SE for the W1
/// variance at 1 year; the left-point discount sum's O(Δ) term) is under 2 SE, half the tolerance. Where the
/// bias is larger (the fast case, rates falling from 6 % to 2 %) the bond oracle is the grid-exact expectation
/// and a separate test shows the continuous form failing. For CIR (Feller satisfied) the Euler mean recursion m_{k+1} = m_k + κ(θ − m_k)Δ is exact
/// while truncation is inactive, which moves the 10-year mean by under 10⁻⁵ (0.05 SE). Hull–White is fitted on
/// the grid, so its bond prices carry no discretisation bias at all; its grid rate r_k is the period average of
/// the continuous mean (see <see cref="HullWhite"/>), which is the oracle used for it.
/// </remarks>
public sealed class ShortRateModelMonteCarloTests
{
    private const int Paths = 20_000;
    private const int Periods = 121;          // r_0 … r_120: 10 years monthly
    private const double Dt = 1.0 / 12.0;
    private const double Tolerance = 4.0;     // standard errors
    private const double BiasBudget = 2.0;    // standard errors: at most half the tolerance
    private const string FastCase = "Vasicek Exact fast";

    private static readonly ZeroCurve SlopedCurve = ZeroCurve.FromZeroRates(
        [0.25, 1.0, 2.0, 5.0, 10.0, 30.0], [0.010, 0.015, 0.020, 0.028, 0.033, 0.036]);

    private static readonly Dictionary<string, ShortRateModel> Models = new()
    {
        ["Vasicek Euler (W1)"] = new Vasicek(0.03, 0.15, 0.035, 0.01, RateScheme.Euler),
        ["Vasicek Exact (W1)"] = new Vasicek(0.03, 0.15, 0.035, 0.01, RateScheme.Exact),
        [FastCase] = new Vasicek(0.06, 0.8, 0.02, 0.02, RateScheme.Exact),
        ["CIR Feller holds"] = new CoxIngersollRoss(0.03, 0.5, 0.04, 0.1),
        ["HW Exact flat"] = new HullWhite(0.1, 0.01, ZeroCurve.Flat(0.03), RateScheme.Exact),
        ["HW Euler flat"] = new HullWhite(0.1, 0.01, ZeroCurve.Flat(0.03), RateScheme.Euler),
        ["HW Exact sloped"] = new HullWhite(0.05, 0.012, SlopedCurve, RateScheme.Exact),
        ["HW Euler sloped"] = new HullWhite(0.05, 0.012, SlopedCurve, RateScheme.Euler),
    };

    private static readonly ConcurrentDictionary<string, ScenarioSet> Generated = new();

    private static IEnumerable<TestCaseData> Cases()
    {
        foreach (var name in Models.Keys)
        {
            foreach (var period in new[] { 12, 60, 120 })
            {
                yield return new TestCaseData(name, period).SetArgDisplayNames(name, FormattableString.Invariant($"{period / 12}y"));
            }
        }
    }

    private static IEnumerable<TestCaseData> GaussianCases()
    {
        foreach (var name in new[] { "Vasicek Euler (W1)", "Vasicek Exact (W1)" })
        {
            foreach (var period in new[] { 12, 60, 120 })
            {
                yield return new TestCaseData(name, period).SetArgDisplayNames(name, FormattableString.Invariant($"{period / 12}y"));
            }
        }
    }

    [TestCaseSource(nameof(Cases))]
    public void Generate_MeanOfRate_MatchesClosedFormWithin4Se(string name, int period)
    {
        var (mean, _) = MonteCarloEstimate.RateMoments(Sets(name), period);
        double oracle = MeanOracle(Models[name], period);

        mean.ZScore(oracle).Should().BeLessThan(Tolerance,
            $"closed-form E[r] = {oracle:G8} ({OracleName(Models[name])}); simulated {mean}; tolerance 4 SE");
    }

    [TestCaseSource(nameof(Cases))]
    public void Generate_VarianceOfRate_MatchesClosedFormWithin4Se(string name, int period)
    {
        var (_, variance) = MonteCarloEstimate.RateMoments(Sets(name), period);
        double oracle = Models[name].RateVariance(period * Dt);

        variance.ZScore(oracle).Should().BeLessThan(Tolerance,
            $"closed-form Var[r] = {oracle:G8}; simulated {variance}; tolerance 4 SE (SE from the sample kurtosis)");
    }

    [TestCaseSource(nameof(Cases))]
    public void Generate_DiscountFactor_MatchesClosedFormBondPriceWithin4Se(string name, int period)
    {
        var bond = MonteCarloEstimate.DiscountFactor(Sets(name), period);
        if (name == FastCase)
        {
            // Rates falling fast (6 % → 2 %, κ = 0.8): the left-point sum's O(Δ) bias (≈ 9·10⁻⁴ at 1 year, 17 SE)
            // is larger than the tolerance, so the oracle is the grid-exact lognormal expectation of the scheme.
            double gridOracle = GridMoments((Vasicek)Models[name], period).BondPrice[period];
            bond.ZScore(gridOracle).Should().BeLessThan(Tolerance,
                $"grid-exact E[exp(−Σ r Δ)] = {gridOracle:G8} (Gaussian sum); simulated {bond}; tolerance 4 SE");
            return;
        }

        double oracle = Models[name].ZeroCouponBondPrice(period * Dt);
        bond.ZScore(oracle).Should().BeLessThan(Tolerance,
            $"closed-form P(0, {period * Dt:G4}) = {oracle:G8}; simulated E[exp(−Σ r Δ)] = {bond}; tolerance 4 SE");
    }

    [Test]
    public void Generate_FastFallingRates_LeftPointDiscountBiasIsVisibleAtOneYear()
    {
        var bond = MonteCarloEstimate.DiscountFactor(Sets(FastCase), 12);
        double continuous = Models[FastCase].ZeroCouponBondPrice(1.0);

        bond.ZScore(continuous).Should().BeGreaterThan(Tolerance,
            "the left-point discount sum over-counts a falling rate by ≈ Δ(r₀ − r₁ᵧ)/2 per year (Vasicek 1977 closed form vs grid)");
    }

    [TestCaseSource(nameof(GaussianCases))]
    public void ClosedForm_DiscretisationBias_IsBelowHalfTheTolerance(string name, int period)
    {
        var model = (Vasicek)Models[name];
        var set = Sets(name);
        var (mean, variance) = MonteCarloEstimate.RateMoments(set, period);
        var bond = MonteCarloEstimate.DiscountFactor(set, period);
        var grid = GridMoments(model, period);
        double t = period * Dt;

        using (new FluentAssertions.Execution.AssertionScope())
        {
            Math.Abs(grid.Mean[period] - model.ExpectedRate(t)).Should().BeLessThan(BiasBudget * mean.StandardError,
                "the scheme's exact grid mean (AR(1) recursion) is within 2 SE (half the tolerance) of the continuous closed form");
            Math.Abs(grid.Variance[period] - model.RateVariance(t)).Should().BeLessThan(BiasBudget * variance.StandardError,
                "the scheme's exact grid variance (AR(1) recursion) is within 2 SE (half the tolerance) of the continuous closed form");
            Math.Abs(grid.BondPrice[period] - model.ZeroCouponBondPrice(t)).Should().BeLessThan(BiasBudget * bond.StandardError,
                "the left-point discount sum's exact expectation (lognormal) is within 2 SE (half the tolerance) of the continuous bond price");
        }
    }

    [Test]
    public void Generate_VasicekEulerFastReversion_MatchesEulerConsistentVarianceNotContinuous()
    {
        // κ = 3: Euler's grid variance σ²Δ/(1 − (1 − κΔ)²) exceeds σ²/(2κ) by κΔ/(2 − κΔ) ≈ 14 %, far beyond 4 SE (≈ 4 %).
        var model = new Vasicek(0.03, 3.0, 0.035, 0.01, RateScheme.Euler);
        var set = ScenarioSet.Generate(model, Paths, 61, seed: 77);
        var (_, variance) = MonteCarloEstimate.RateMoments(set, 60);
        var grid = GridMoments(model, 60);

        variance.ZScore(grid.Variance[60]).Should().BeLessThan(Tolerance, "Euler-consistent AR(1) variance, 4 SE");
        variance.ZScore(model.RateVariance(5.0)).Should().BeGreaterThan(Tolerance,
            "the continuous closed form does not hold for Euler at κΔ = 0.25 (bias ≈ 14 %)");
    }

    private static ScenarioSet Sets(string name) =>
        Generated.GetOrAdd(name, n => ScenarioSet.Generate(Models[n], Paths, Periods, seed: 20240601));

    private static double MeanOracle(ShortRateModel model, int period) => model is HullWhite
        ? GaussLegendreRule.Integrate(model.ExpectedRate, period * Dt, (period + 1) * Dt, 16) / Dt
        : model.ExpectedRate(period * Dt);

    private static string OracleName(ShortRateModel model) => model switch
    {
        Vasicek => "Vasicek 1977",
        CoxIngersollRoss => "Cox-Ingersoll-Ross 1985",
        _ => "Hull-White 1990, averaged over the period",
    };

    private static (double[] Mean, double[] Variance, double[] BondPrice) GridMoments(Vasicek model, int periods)
    {
        if (model.Scheme == RateScheme.Euler)
        {
            double phi = 1.0 - model.Kappa * Dt;
            return GaussianAr1.Moments(model.InitialRate, model.Kappa * model.Theta * Dt, phi, model.Sigma * Math.Sqrt(Dt), periods);
        }

        double decay = Math.Exp(-model.Kappa * Dt);
        double sd = model.Sigma * Math.Sqrt((1.0 - Math.Exp(-2.0 * model.Kappa * Dt)) / (2.0 * model.Kappa));
        return GaussianAr1.Moments(model.InitialRate, model.Theta * (1.0 - decay), decay, sd, periods);
    }
}
