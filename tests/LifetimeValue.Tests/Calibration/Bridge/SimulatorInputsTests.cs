using LifetimeValue.Calibration;
using LifetimeValue.Calibration.Bridge;
using LifetimeValue.Discounting;
using LifetimeValue.Focused;
using LifetimeValue.Lifecycle;
using LifetimeValue.Model;
using LifetimeValue.Projection;
using LifetimeValue.Scenarios;
using LifetimeValue.Simulation;
using LifetimeValue.Tests.Focused;

namespace LifetimeValue.Tests.Calibration.Bridge;

/// <summary>
/// The bridge from calibration models to simulator models: sBG and Kaplan–Meier hazards by hand, sBG survival at every
/// anniversary of a life-cycle model, BG/NBD and Pareto/NBD expected purchases and survival against the calibration models' own
/// closed forms (within the stated discretisation bound), Monte Carlo within 4 SE, and the parameter-uncertainty interval.
/// </summary>
public sealed class SimulatorInputsTests
{
    [Test]
    public void Sbg_curve_reproduces_the_cohort_survival()
    {
        // γ = 1, δ = 2: h_k = γ/(γ + δ + k) = 1/3, 1/4, 1/5, …; S(3) = (2/3)(3/4)(4/5) = 2/5.
        var sbg = ShiftedBetaGeometricModel.FromParameters(1.0, 2.0);
        var curve = sbg.TenureAttrition(24);
        curve.MonthlyHazards.Take(3).Should().Equal([1.0 / 3, 0.25, 0.2], (a, b) => Math.Abs(a - b) < 1e-15);
        for (var t = 0; t <= 24; t++)
        {
            curve.Survival(t).Should().BeApproximately(sbg.Survival(t), 1e-12, "S(t) = B(γ, δ + t)/B(γ, δ)");
        }

        // Annual periods spread over 12 months: exact at anniversaries.
        var annual = sbg.TenureAttrition(36, monthsPerPeriod: 12);
        annual.Survival(12).Should().BeApproximately(2.0 / 3, 1e-12);
        annual.Survival(24).Should().BeApproximately(0.5, 1e-12);
        annual.Survival(6).Should().BeApproximately(Math.Sqrt(2.0 / 3), 1e-12, "geometric within the year");

        // In a customer-focused model without churn the cohort survival is S(t).
        var model = CustomerFocusedLeverTests.Base(24) with { Service = new ServiceQuality(0.2, 0.0, 0.0), TenureAttrition = curve };
        ExpectedValueEngine.Project(model, RatePath.Constant(0.0)).Rows[20].Survival.Should().BeApproximately(sbg.Survival(20), 1e-12);
    }

    [TestCase(TimeUnit.GregorianMonth)]
    [TestCase(TimeUnit.Week)]
    [TestCase(TimeUnit.Day)]
    public void Kaplan_meier_curve_uses_explicit_units_and_extends_the_tail(TimeUnit unit)
    {
        // Durations in months 1, 1, 2, 3 (churned), 4, 5 (censored): Ŝ(1) = 4/6, Ŝ(2) = 1/2, Ŝ(3) = 1/3.
        // h_0 = 1/3, h_1 = 1 − (1/2)/(2/3) = 1/4, h_2 = 1 − (1/3)/(1/2) = 1/3; tail = last (1/3) or the given value.
        var u = SimulatorInputs.UnitsPerMonth(unit);
        var durations = new[] { 1.0, 1.0, 2.0, 3.0, 4.0, 5.0 }.Select(m => m * u).ToArray();
        var km = KaplanMeier.Estimate(durations, [true, true, true, true, false, false]);
        var curve = km.TenureAttrition(unit, 6);
        curve.MonthlyHazards.Should().Equal([1.0 / 3, 0.25, 1.0 / 3, 1.0 / 3, 1.0 / 3, 1.0 / 3], (a, b) => Math.Abs(a - b) < 1e-12);
        km.TenureAttrition(unit, 5, tailMonthlyHazard: 0.05).MonthlyHazards.Skip(3).Should().Equal([0.05, 0.05]);
    }

    [Test]
    public void Kaplan_meier_bad_input_is_refused()
    {
        var none = KaplanMeier.Estimate([3.0, 4.0], [false, false]);
        ((Func<object>)(() => none.TenureAttrition(TimeUnit.Week, 12))).Should().Throw<ArgumentException>().WithMessage("*no churn event*tailMonthlyHazard*");
        ((Func<object>)(() => none.TenureAttrition(TimeUnit.Week, 12, 1.5))).Should().Throw<ArgumentOutOfRangeException>().WithMessage("*tailMonthlyHazard must be in [0, 1]*1.5*");
        ((Func<object>)(() => none.TenureAttrition(TimeUnit.Week, 0, 0.1))).Should().Throw<ArgumentOutOfRangeException>().WithMessage("*months must be in [1, 1200]*");
    }

    private static LifecycleModel Template(AcquisitionProfile acquisition) =>
        new("template", new StageLadder([new LifeStage("Adult", 30, 45, 0.1, [new Product("Card", 1.0, MarginSchedule.Fixed(10.0))], MarginSchedule.Fixed(2.0))]),
            acquisition, 0.0, Horizon.Years(3), Discount.FlatAnnual(0.0));

    [Test]
    public void Sbg_stage_attrition_is_exact_at_every_anniversary()
    {
        // γ = 1, δ = 2 per year: S(1) = 2/3, S(2) = 1/2, S(3) = 2/5; one stage per tenure year keeping the products and margins.
        var model = Template(AcquisitionProfile.SingleAge(30)).WithTenureAttrition(ShiftedBetaGeometricModel.FromParameters(1.0, 2.0));
        model.Stages.Stages.Should().HaveCount(3);
        model.Stages.Stages[1].AnnualAttrition.Should().BeApproximately(0.25, 1e-13, "1 − S(2)/S(1) from Beta functions");
        model.Stages.Stages[2].Products.Should().ContainSingle().Which.Name.Should().Be("Card");
        var p = ExpectedValueEngine.Project(model, RatePath.Constant(0.0));
        p.Rows[12].Survival.Should().BeApproximately(2.0 / 3, 1e-12);
        p.Rows[24].Survival.Should().BeApproximately(0.5, 1e-12);

        // Monthly sBG periods: year y retains S(12(y + 1))/S(12y).
        var monthly = ShiftedBetaGeometricModel.FromParameters(0.5, 4.0);
        var m12 = Template(AcquisitionProfile.SingleAge(30)).WithTenureAttrition(monthly, 12);
        ExpectedValueEngine.Project(m12, RatePath.Constant(0.0)).Rows[24].Survival.Should().BeApproximately(monthly.Survival(24), 1e-12);

        var twoAges = () => Template(AcquisitionProfile.Uniform(30, 31)).WithTenureAttrition(monthly);
        twoAges.Should().Throw<ArgumentException>().WithMessage("*single age*was 2 ages*");
    }

    // Light buyers so that λu is small: r = 2, α = 100 per Gregorian month (mean 0.02 purchases a month), u = 1.
    private static readonly GammaGammaModel UnitSpend = GammaGammaModel.FromParameters(1.0, 2.0, 1.0); // mean pγ/(q − 1) = 1

    private static double SecondOrderBound(double r, double alpha, int months) => months * r * (r + 1) / (2 * alpha * alpha);

    [Test]
    public void Bgnbd_bridge_matches_the_expected_purchases_within_the_discretisation_bound()
    {
        // Price 1, no cost, no discounting: CLV = 1 (acquisition purchase) + expected repeat purchases in months 1 … H − 1,
        // which stand for (0, H − 1] months. Bound: (H − 1)·r(r + 1)/(2α²) = 35·6/20000 = 0.0105 (second order in λu), plus
        // 1e-5 for the quadrature.
        var bgnbd = BgNbdModel.FromParameters(2.0, 100.0, 1.0, 3.0);
        var model = bgnbd.ToCustomerFocusedModel(UnitSpend, TimeUnit.GregorianMonth, SpendMargin.FromRate(1.0), 36, 0.0, Discount.FlatAnnual(0.0));
        model.Purchases.Price.Should().BeApproximately(1.0, 1e-15);
        model.Purchases.MonthlyPurchaseProbability.Should().BeApproximately(1 - Math.Exp(-0.02), 1e-15);
        var exact = ExpectedValueEngine.Project(model, RatePath.Constant(0.0)).Clv - 1.0;
        var target = bgnbd.ExpectedPurchases(35.0);
        TestContext.Out.WriteLine($"bridged {exact:F6} vs BG/NBD E[X(35)] {target:F6}");
        exact.Should().BeApproximately(target, SecondOrderBound(2.0, 100.0, 35) + 1e-5, "FHL 2005 eq. 9 within the discretisation bound");

        var mc = MonteCarloEngine.Simulate(model, ScenarioSet.Constant(0.0, 36), new SimulationOptions { Seed = 3, Customers = 100_000 });
        Math.Abs(mc.Clv.Mean - 1.0 - exact).Should().BeLessThan(4 * mc.Clv.StandardError, "|MC − exact| < 4 SE");
    }

    [Test]
    public void Bgnbd_bridge_keeps_the_share_of_customers_alive()
    {
        // BG/NBD: a new customer is alive at t with probability E[(1 − p)^{N(t)}] = E_p[(α/(α + t·p))^r] (Poisson thinning, then the
        // Gamma Laplace transform), integrated over p ~ Beta(1, 3) here with MathNet's adaptive rule. The simulator's share alive
        // at the start of month M is E[Π_{t=1}^{M−1} (1 − p(1 − e^{−λ}))]; each factor is within (λu)²/8 of e^{−λp} (convexity),
        // so |difference| ≤ (M − 1)·E[(λu)²]/8 = (M − 1)·r(r + 1)/(8α²), plus 1e-6 for the quadratures.
        var bgnbd = BgNbdModel.FromParameters(2.0, 100.0, 1.0, 3.0);
        var model = bgnbd.ToCustomerFocusedModel(UnitSpend, TimeUnit.GregorianMonth, SpendMargin.FromRate(1.0), 36, 0.0, Discount.FlatAnnual(0.0));
        var rows = ExpectedValueEngine.Project(model, RatePath.Constant(0.0)).Rows;
        foreach (var month in new[] { 2, 12, 35 })
        {
            double t = month - 1;
            var alive = MathNet.Numerics.Integrate.OnClosedInterval(
                p => MathNet.Numerics.Distributions.Beta.PDF(1.0, 3.0, p) * Math.Pow(100.0 / (100.0 + (t * p)), 2.0), 0.0, 1.0, 1e-12);
            rows[month].Survival.Should().BeApproximately(alive, (t * 6.0 / (8 * 10_000)) + 1e-6, "BG/NBD P(alive at t) of a new customer");
        }
    }

    [Test]
    public void Weekly_units_are_converted_with_the_gregorian_month()
    {
        // α = 70 per week is 70/4.348125 per month: the monthly mean rate is r·u/α with u = 30.436875/7.
        var bgnbd = BgNbdModel.FromParameters(0.5, 70.0, 1.0, 3.0);
        var model = bgnbd.ToCustomerFocusedModel(UnitSpend, TimeUnit.Week, SpendMargin.FromUnitCost(0.25), 12, 0.0, Discount.FlatAnnual(0.0));
        model.Purchases.MonthlyPurchaseProbability.Should().BeApproximately(1 - Math.Exp(-0.5 * 4.348125 / 70.0), 1e-15);
        model.Purchases.UnitCost.Should().Be(0.25);
        model.Heterogeneity.PurchaseRateShape.Should().Be(0.5);
        model.Heterogeneity.DropoutShapeA.Should().Be(1.0);
    }

    [Test]
    public void Pareto_bridge_matches_survival_exactly_and_purchases_within_the_bound()
    {
        // r = 2, α = 100, s = 1, β = 50 per month. Share alive after M months (β/(β + M))^s exactly (monthly survival e^{−μ}).
        // Purchases: bound (H − 1)·[r(r + 1)/(2α²) + (r/α)(s/β)] = 35·(3e-4 + 4e-4) = 0.0245.
        var pareto = ParetoNbdModel.FromParameters(2.0, 100.0, 1.0, 50.0);
        var model = pareto.ToCustomerFocusedModel(UnitSpend, TimeUnit.GregorianMonth, SpendMargin.FromRate(1.0), 36, 0.0, Discount.FlatAnnual(0.0));
        var p = ExpectedValueEngine.Project(model, RatePath.Constant(0.0));
        foreach (var month in new[] { 1, 12, 35 })
        {
            p.Rows[month].Survival.Should().BeApproximately(50.0 / (50.0 + month), 1e-6, "Pareto/NBD: P(τ > M) = (β/(β + M))^s; quadrature");
        }

        var target = pareto.ExpectedPurchases(35.0);
        TestContext.Out.WriteLine($"bridged {p.Clv - 1:F6} vs Pareto/NBD E[X(35)] {target:F6}");
        (p.Clv - 1.0).Should().BeApproximately(target, (35 * ((6.0 / 20000) + (0.02 * 0.02))) + 1e-5, "SMC 1987 E[X(t)] within the bound");

        var mc = MonteCarloEngine.Simulate(model, ScenarioSet.Constant(0.0, 36), new SimulationOptions { Seed = 8, Customers = 100_000 });
        Math.Abs(mc.Clv.Mean - p.Clv).Should().BeLessThan(4 * mc.Clv.StandardError, "|MC − exact| < 4 SE");
    }

    [Test]
    public void Cdnow_bgnbd_and_gamma_gamma_run_through_both_engines()
    {
        var (histories, spend) = CdnowData.Summary();
        var bgnbd = BgNbdModel.Fit(histories);
        var gg = GammaGammaModel.Fit(histories.Select((h, i) => new SpendHistory(h.Frequency, spend[i])).ToList());
        var model = bgnbd.ToCustomerFocusedModel(gg, TimeUnit.Week, SpendMargin.FromRate(0.3), 36, 5.0, Discount.FlatAnnual(0.1));
        var exact = ExpectedValueEngine.Project(model, RatePath.Constant(0.0));
        var mc = MonteCarloEngine.Simulate(model, ScenarioSet.Constant(0.0, 36), new SimulationOptions { Seed = 1, Customers = 50_000 });
        TestContext.Out.WriteLine($"CDNOW bridged CLV exact {exact.Clv:F4}, MC {mc.Clv.Mean:F4} ± {mc.Clv.StandardError:F4}; {bgnbd}");
        Math.Abs(mc.Clv.Mean - exact.Clv).Should().BeLessThan(4 * mc.Clv.StandardError, "|MC − exact| < 4 SE");

        // Expected repeat purchases over 35 months against FHL eq. 9; CDNOW buyers are heavy enough (E[(λu)²] ≈ 0.29) that the
        // monthly simulator undercounts (at most one purchase a month): the bridged count lies below E[X] and above 60 % of it.
        var counting = bgnbd.ToCustomerFocusedModel(UnitSpend, TimeUnit.Week, SpendMargin.FromRate(1.0), 36, 0.0, Discount.FlatAnnual(0.0));
        var bridged = ExpectedValueEngine.Project(counting, RatePath.Constant(0.0)).Clv - 1.0;
        var target = bgnbd.ExpectedPurchases(35 * SimulatorInputs.UnitsPerMonth(TimeUnit.Week));
        TestContext.Out.WriteLine($"CDNOW repeat purchases over 35 months: bridged {bridged:F4}, BG/NBD {target:F4}");
        bridged.Should().BeLessThan(target).And.BeGreaterThan(0.6 * target);

        // Parameter uncertainty from the fit's marginal standard errors: 200 exact valuations.
        var interval = SimulatorInputs.ParameterUncertainty(bgnbd.Estimates,
            θ => BgNbdModel.FromParameters(θ[0], θ[1], θ[2], θ[3]).ToCustomerFocusedModel(gg, TimeUnit.Week, SpendMargin.FromRate(0.3), 36, 5.0, Discount.FlatAnnual(0.1)),
            RatePath.Constant(0.0), 200, 11);
        TestContext.Out.WriteLine($"CDNOW CLV {interval.PointEstimate:F3}, 5–95 % [{interval.Lower:F3}, {interval.Upper:F3}]");
        interval.PointEstimate.Should().BeApproximately(exact.Clv, 1e-9);
        interval.Lower.Should().BeLessThan(interval.PointEstimate);
        interval.Upper.Should().BeGreaterThan(interval.PointEstimate);
    }

    [Test]
    public void Parameter_uncertainty_interval_has_the_lognormal_quantiles_and_is_reproducible()
    {
        // Price θ ~ 100·exp(0.1 z): CLV = 1.41·(θ − 60) (two months: 1 + 0.82·0.5), monotone, so the 5 % quantile of the CLV is
        // 1.41·(100·e^{−0.1·1.6449} − 60). Check by the empirical CDF: the share of draws below it is 0.05 ± 4·√(0.05·0.95/2000).
        StrategyModel Build(IReadOnlyList<double> theta) => CustomerFocusedLeverTests.Base() with { Purchases = new PurchaseProcess(0.5, theta[0], 60.0) };
        var estimates = new[] { new ParameterEstimate("price", 100.0, 10.0) };
        var interval = SimulatorInputs.ParameterUncertainty(estimates, Build, RatePath.Constant(0.0), 2000, 42);
        interval.PointEstimate.Should().BeApproximately(1.41 * 40.0, 1e-9);
        var q05 = 1.41 * ((100.0 * Math.Exp(-0.1 * 1.6448536269514722)) - 60.0);
        var q95 = 1.41 * ((100.0 * Math.Exp(0.1 * 1.6448536269514722)) - 60.0);
        var band = 4 * Math.Sqrt(0.05 * 0.95 / 2000);
        interval.Draws.Count(v => v < q05).Should().BeInRange((int)((0.05 - band) * 2000), (int)((0.05 + band) * 2000));
        interval.Draws.Count(v => v > q95).Should().BeInRange((int)((0.05 - band) * 2000), (int)((0.05 + band) * 2000));
        interval.Lower.Should().BeLessThan(interval.PointEstimate).And.BeGreaterThan(interval.Draws.Min());
        interval.Upper.Should().BeGreaterThan(interval.PointEstimate);

        var again = SimulatorInputs.ParameterUncertainty(estimates, Build, RatePath.Constant(0.0), 2000, 42);
        again.Draws.Should().Equal(interval.Draws);
        SimulatorInputs.ParameterUncertainty(estimates, Build, RatePath.Constant(0.0), 2000, 43).Lower.Should().NotBe(interval.Lower);
    }

    [Test]
    public void Parameter_uncertainty_refuses_missing_standard_errors()
    {
        var fixedModel = BgNbdModel.FromParameters(0.5, 10.0, 1.0, 3.0);
        var act = () => SimulatorInputs.ParameterUncertainty(fixedModel.Estimates, _ => CustomerFocusedLeverTests.Base(), RatePath.Constant(0.0), 10, 1);
        act.Should().Throw<ArgumentException>().WithMessage("*estimates[0].StandardError (r) must be a finite number ≥ 0 (was NaN)*");
        var levels = () => SimulatorInputs.ParameterUncertainty([new ParameterEstimate("x", 1.0, 0.1)], _ => CustomerFocusedLeverTests.Base(), RatePath.Constant(0.0), 10, 1, 0.9, 0.1);
        levels.Should().Throw<ArgumentOutOfRangeException>().WithMessage("*0 < lowerLevel < upperLevel < 1*");
        ((Func<object>)(() => SpendMargin.FromRate(1.5))).Should().Throw<ArgumentOutOfRangeException>().WithMessage("*rate must be a finite number in (−∞, 1]*1.5*");
    }

    [Test]
    public void Parameter_uncertainty_with_covariance_uses_the_correlation()
    {
        // Price = θ₀θ₁/100 (100 at θ̂ = (100, 100)), so ln price = ln θ₀ + ln θ₁ with variance σ₀² + σ₁² + 2ρσ₀σ₁. Perfect negative correlation
        // (ρ = −1, σ₀ = σ₁ = 0.1) leaves the price fixed: every draw equals the point estimate. With ρ = 0.5 the price is
        // lognormal with σ = √0.03, and the share of CLV draws below its 5 % quantile is 0.05 ± 4·√(0.05·0.95/2000).
        StrategyModel Build(IReadOnlyList<double> theta) => CustomerFocusedLeverTests.Base() with { Purchases = new PurchaseProcess(0.5, theta[0] * theta[1] / 100.0, 60.0) };
        var opposite = new ParameterCovariance(["u", "v"], [100.0, 100.0], new[,] { { 0.01, -0.01 }, { -0.01, 0.01 } });
        var fixedPrice = SimulatorInputs.ParameterUncertainty(opposite, Build, RatePath.Constant(0.0), 200, 42);
        fixedPrice.Draws.Should().OnlyContain(v => Math.Abs(v - fixedPrice.PointEstimate) < 1e-6, "ln θ₀ + ln θ₁ is constant (to exp rounding)");
        var marginal = SimulatorInputs.ParameterUncertainty([new ParameterEstimate("u", 100.0, 10.0), new ParameterEstimate("v", 100.0, 10.0)], Build, RatePath.Constant(0.0), 200, 42);
        (marginal.Upper - marginal.Lower).Should().BeGreaterThan(10, "ignoring the correlation spreads the CLV");

        var half = new ParameterCovariance(["u", "v"], [100.0, 100.0], new[,] { { 0.01, 0.005 }, { 0.005, 0.01 } });
        var interval = SimulatorInputs.ParameterUncertainty(half, Build, RatePath.Constant(0.0), 2000, 42);
        interval.PointEstimate.Should().BeApproximately(1.41 * 40.0, 1e-9);
        var q05 = 1.41 * ((100.0 * Math.Exp(-Math.Sqrt(0.03) * 1.6448536269514722)) - 60.0);
        var q95 = 1.41 * ((100.0 * Math.Exp(Math.Sqrt(0.03) * 1.6448536269514722)) - 60.0);
        var band = 4 * Math.Sqrt(0.05 * 0.95 / 2000);
        interval.Draws.Count(v => v < q05).Should().BeInRange((int)((0.05 - band) * 2000), (int)((0.05 + band) * 2000));
        interval.Draws.Count(v => v > q95).Should().BeInRange((int)((0.05 - band) * 2000), (int)((0.05 + band) * 2000));

        // A diagonal covariance reproduces the marginal overload draw for draw (same z blocks).
        var diagonal = new ParameterCovariance(["u", "v"], [100.0, 100.0], new[,] { { 0.01, 0.0 }, { 0.0, 0.01 } });
        SimulatorInputs.ParameterUncertainty(diagonal, Build, RatePath.Constant(0.0), 50, 7).Draws
            .Should().Equal(SimulatorInputs.ParameterUncertainty([new ParameterEstimate("u", 100.0, 10.0), new ParameterEstimate("v", 100.0, 10.0)], Build, RatePath.Constant(0.0), 50, 7).Draws,
                (x, y) => Math.Abs(x - y) < 1e-9);
    }
}
