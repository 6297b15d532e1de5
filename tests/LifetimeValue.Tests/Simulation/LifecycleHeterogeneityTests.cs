using LifetimeValue.Discounting;
using LifetimeValue.Lifecycle;
using LifetimeValue.Projection;
using LifetimeValue.Scenarios;
using LifetimeValue.Simulation;
using MathNet.Numerics;
using MathNet.Numerics.Distributions;

namespace LifetimeValue.Tests.Simulation;

/// <summary>Customer heterogeneity in the life-cycle model: frailty survival against numerical integration, MC convergence, validation.</summary>
public sealed class LifecycleHeterogeneityTests
{
    /// <summary>One stage, 20 % annual attrition, base margin 1 a month, no products, no discounting, 24 months.</summary>
    private static LifecycleModel Simple(LifecycleHeterogeneity? h) =>
        new LifecycleModel("simple", new StageLadder([new LifeStage("Adult", 30, 40, 0.2, [], MarginSchedule.Fixed(1.0))]),
            AcquisitionProfile.SingleAge(30), 0.0, Horizon.Months(24), Discount.FlatAnnual(0.0)) { Heterogeneity = h };

    [Test]
    public void Frailty_survival_matches_numerical_integration_over_the_gamma()
    {
        // Independent figure: S_t = ∫ Gamma(m; k, k) · ρ^{m t} dm by double-exponential quadrature, with m = v² to remove the
        // m^{k−1} singularity at 0 (dm = 2v dv); CLV = Σ_{t<24} S_t (margin 1, no discounting).
        const double K = 0.5;
        var rho = Math.Pow(0.8, 1.0 / 12.0);
        var expected = 0.0;
        for (var t = 0; t < 24; t++)
        {
            var tt = t;
            expected += Integrate.DoubleExponential(v => Gamma.PDF(K, K, v * v) * 2 * v * Math.Pow(rho, v * v * tt), 0.0, Math.Sqrt(400.0), 1e-12);
        }

        var exact = ExpectedValueEngine.Project(Simple(new LifecycleHeterogeneity(K)), RatePath.Constant(0.0)).Clv;
        exact.Should().BeApproximately(expected, 1e-9 * expected, "the smooth integrand integrates to ~1e-12; the Gamma tail beyond 400 is below e^(−200)");
        exact.Should().BeGreaterThan(ExpectedValueEngine.Project(Simple(null), RatePath.Constant(0.0)).Clv,
            "with the same mean hazard, frailty keeps the loyal customers longer (Jensen)");
    }

    [Test]
    public void Very_large_shape_recovers_identical_customers()
    {
        // (1 + L/k)^(−k) → e^(−L) as k → ∞; at k = 10⁶ the difference is O(L²/k) ≈ 1e-7 relative here.
        var homogeneous = ExpectedValueEngine.Project(Simple(null), RatePath.Constant(0.0)).Clv;
        ExpectedValueEngine.Project(Simple(new LifecycleHeterogeneity(1e6)), RatePath.Constant(0.0)).Clv.Should().BeApproximately(homogeneous, 1e-6 * homogeneous);
    }

    [TestCase(SimulationMethod.EventTime)]
    [TestCase(SimulationMethod.Stepping)]
    public void Monte_Carlo_mean_converges_with_frailty_and_balance_dispersion(SimulationMethod method)
    {
        var model = Presets.Bank() with { Heterogeneity = new LifecycleHeterogeneity(0.7, 0.6) };
        var scenarios = ScenarioSet.Constant(0.03, model.MaxPeriods);
        var result = MonteCarloEngine.Simulate(model, scenarios, new SimulationOptions { Seed = 12, Customers = 60_000, Method = method });
        var exact = ExpectedValueEngine.Project(model, RatePath.Constant(0.03)).Clv;
        Math.Abs(result.Clv.Mean - exact).Should().BeLessThan(4 * result.Clv.StandardError);
    }

    [Test]
    public void Balance_dispersion_keeps_the_mean_and_widens_the_distribution()
    {
        var plain = Presets.Bank() with { Heterogeneity = new LifecycleHeterogeneity(null, 0.0) };
        var dispersed = Presets.Bank() with { Heterogeneity = new LifecycleHeterogeneity(null, 0.8) };
        ExpectedValueEngine.Project(dispersed, Presets.BankRates()).Clv.Should().Be(ExpectedValueEngine.Project(Presets.Bank(), Presets.BankRates()).Clv);
        var scenarios = ScenarioSet.Constant(0.03, Presets.Bank().MaxPeriods);
        var options = new SimulationOptions { Seed = 5, Customers = 20_000 };
        var a = MonteCarloEngine.Simulate(plain, scenarios, options);
        var b = MonteCarloEngine.Simulate(dispersed, scenarios, options);
        b.Clv.StandardDeviation.Should().BeGreaterThan(1.2 * a.Clv.StandardDeviation);
    }

    [Test]
    public void Out_of_range_parameters_are_refused()
    {
        var shape = () => new LifecycleHeterogeneity(0.0);
        shape.Should().Throw<ArgumentOutOfRangeException>().WithMessage("*AttritionFrailtyShape must be in [0.01, 1000000]*");
        var sigma = () => new LifecycleHeterogeneity(null, 5.0);
        sigma.Should().Throw<ArgumentOutOfRangeException>().WithMessage("*MarginLogSigma must be in [0, 3]*");
    }
}
