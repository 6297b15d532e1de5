using LifetimeValue.Discounting;
using LifetimeValue.Focused;
using LifetimeValue.Model;
using LifetimeValue.Projection;
using LifetimeValue.Scenarios;
using LifetimeValue.Simulation;

namespace LifetimeValue.Tests.Focused;

/// <summary>
/// Heterogeneity and the tenure attrition curve of the customer-focused model: closed forms on the hand-calculated base case
/// of <see cref="CustomerFocusedLeverTests"/> (contribution 40, π = 0.5, failure 0.2, churn 0.1 / 0.5, no discounting), quadrature
/// convergence by doubling the nodes, limits, and Monte Carlo within 4 SE of the exact engine.
/// </summary>
public sealed class CustomerHeterogeneityTests
{
    private static ProjectionResult Project(StrategyModel model) => ExpectedValueEngine.Project(model, RatePath.Constant(0.0));

    [TestCase(1.0)]
    [TestCase(0.3)]
    [TestCase(4.0)]
    public void Purchase_rate_multiplier_matches_the_gamma_laplace_transform(double k)
    {
        // Two months: CLV = 40 + 0.82·40·E[1 − (1 − π)^m] and E[(1/2)^m] = E[e^{−m ln 2}] = (k/(k + ln 2))^k for m ~ Gamma(k, k).
        // Tolerance 1e-8 absolute on ~53: the 32-node rule (measured error 2e-12 … 2e-10 for k = 0.3, 1, 4).
        var model = CustomerFocusedLeverTests.Base() with { Heterogeneity = CustomerHeterogeneity.PurchaseRate(k) };
        var expected = 40.0 + (0.82 * 40.0 * (1.0 - Math.Pow(k / (k + Math.Log(2.0)), k)));
        Project(model).Clv.Should().BeApproximately(expected, 1e-8, "closed form: Gamma Laplace transform");
    }

    [Test]
    public void Dropout_compounds_with_experience_churn_after_repeat_purchases_only()
    {
        // p ~ Beta(1, 3), E[p] = 0.25. Month 0 (acquisition) is unaffected: 40, S1 = 0.82. Month 1: 0.82·0.5·40 = 16.4.
        // After the month-1 purchase churn = 1 − (1 − p)(1 − c): mixed over experience 1 − (1 − p)·(0.8·0.9 + 0.2·0.5) = 1 − 0.82(1 − p);
        // E = 1 − 0.82·0.75 = 0.385; retention 1 − 0.5·0.385 = 0.8075; S2 = 0.66215; month 2: 0.66215·20 = 13.243. CLV = 69.643.
        // Tolerance 1e-9: E[p] by the 32-node rule on F⁻¹(u) = 1 − (1 − u)^{1/3}, whose endpoint singularity the substitution
        // tames (measured error 3e-13).
        var model = CustomerFocusedLeverTests.Base(3) with { Heterogeneity = new CustomerHeterogeneity { DropoutShapeA = 1.0, DropoutShapeB = 3.0 } };
        var p = Project(model);
        p.Rows[1].Survival.Should().BeApproximately(0.82, 1e-12, "no dropout after the acquisition purchase");
        p.Rows[2].Survival.Should().BeApproximately(0.66215, 1e-11, "hand calc");
        p.Clv.Should().BeApproximately(69.643, 1e-9, "hand calc");
    }

    [Test]
    public void Attrition_rate_multiplier_gives_the_pareto_survival()
    {
        // h = 1 − e^{−0.05}, g ~ Gamma(0.5, 0.5), no churn: survival after M months E[e^{−0.05 g M}] = (0.5/(0.5 + 0.05 M))^{0.5}
        // (the Pareto/NBD lifetime). Tolerance 1e-9: 32-node rule (measured error ≤ 4e-11).
        var model = new CustomerFocusedModel("pareto", new PurchaseProcess(0.3, 10.0, 0.0, 1.0 - Math.Exp(-0.05)), new ServiceQuality(0.0, 0.0, 0.0),
            36, 0.0, Discount.FlatAnnual(0.0)) { Heterogeneity = new CustomerHeterogeneity { AttritionRateShape = 0.5 } };
        var p = Project(model);
        foreach (var month in new[] { 1, 12, 24, 35 })
        {
            p.Rows[month].Survival.Should().BeApproximately(Math.Sqrt(0.5 / (0.5 + (0.05 * month))), 1e-9, "closed form: Gamma Laplace transform");
        }
    }

    [Test]
    public void Doubling_the_nodes_changes_the_hotel_value_by_less_than_one_in_a_hundred_thousand()
    {
        var mix = new CustomerHeterogeneity { PurchaseRateShape = 0.8, DropoutShapeA = 1.0, DropoutShapeB = 6.0, AttritionRateShape = 1.5, QuadratureNodes = 16 };
        var values = new[] { 16, 32 }.Select(n => Project(Presets.Hotel() with { Heterogeneity = mix with { QuadratureNodes = n } }).Clv).ToArray();
        var error = Math.Abs(values[1] - values[0]);
        error.Should().BeLessThan(1e-5 * Math.Abs(values[1]), "quadrature: the 16 → 32 node change (measured 1.1e-6 relative) bounds the 32-node error");
    }

    [Test]
    public void Cdnow_like_shapes_converge_when_the_nodes_double()
    {
        // The hardest published shapes (FHL 2005 CDNOW: r = 0.243, a = 0.793, b = 2.426) in the bridged form, 36 months:
        // 32 → 64 nodes moves the value by less than 1e-5 relative, which bounds the default rule's error.
        var mix = new CustomerHeterogeneity { PurchaseRateShape = 0.243, DropoutShapeA = 0.793, DropoutShapeB = 2.426 };
        var model = new CustomerFocusedModel("cdnow-like", new PurchaseProcess(1 - Math.Exp(-0.243 * 4.348125 / 4.414), 35.0, 25.0),
            new ServiceQuality(0.0, 0.0, 0.0), 36, 0.0, Discount.FlatAnnual(0.1)) { Heterogeneity = mix };
        var at32 = Project(model).Clv;
        var at64 = Project(model with { Heterogeneity = mix with { QuadratureNodes = 64 } }).Clv;
        TestContext.Out.WriteLine($"32 nodes {at32:R}, 64 nodes {at64:R}");
        Math.Abs(at64 - at32).Should().BeLessThan(1e-5 * Math.Abs(at64), "node doubling");
    }

    [Test]
    public void One_month_horizon_with_heterogeneity_is_the_acquisition_purchase()
    {
        // Month 0 always purchases: CLV = 40 whatever the mixing (hand calc), in both engines.
        var model = CustomerFocusedLeverTests.Base(1) with
        {
            Purchases = new PurchaseProcess(0.5, 100.0, 60.0, 0.1),
            Heterogeneity = new CustomerHeterogeneity { PurchaseRateShape = 0.5, DropoutShapeA = 1.0, DropoutShapeB = 2.0, AttritionRateShape = 2.0 },
        };
        Project(model).Clv.Should().BeApproximately(40.0, 1e-11, "rounding over 32³ normalised weights");
        MonteCarloEngine.Simulate(model, ScenarioSet.Constant(0.0, 1), new SimulationOptions { Seed = 1, Customers = 100 }).Clv.Mean.Should().BeApproximately(40.0, 1e-9);
    }

    [Test]
    public void Certain_purchases_and_certain_attrition_stay_certain_for_every_customer()
    {
        // π = 1 and h = 1 give 1 for every multiplier (no 0·∞ when a quantile underflows): CLV = 40 (month 0, then everybody leaves).
        var model = CustomerFocusedLeverTests.Base(3) with
        {
            Purchases = new PurchaseProcess(1.0, 100.0, 60.0, 1.0),
            Heterogeneity = new CustomerHeterogeneity { PurchaseRateShape = 0.01, AttritionRateShape = 0.01 },
        };
        Project(model).Clv.Should().BeApproximately(40.0, 1e-11, "hand calc");
        MonteCarloEngine.Simulate(model, ScenarioSet.Constant(0.0, 3), new SimulationOptions { Seed = 2, Customers = 2_000 }).Clv.Mean.Should().BeApproximately(40.0, 1e-9);
    }

    [TestCase(0.05)]
    [TestCase(0.243)]
    [TestCase(1.0)]
    [TestCase(50.0)]
    public void Inverse_cdfs_are_finite_at_the_extreme_uniforms_the_kernel_can_draw(double shape)
    {
        // OpenUnit gives u in [2⁻⁵³, 1 − 2⁻⁵³]; the per-customer draws must stay finite there (a NaN would stop the run).
        var lo = LifetimeValue.Random.RandomDraws.OpenUnit(0u, 0u);
        var hi = LifetimeValue.Random.RandomDraws.OpenUnit(uint.MaxValue, uint.MaxValue);
        foreach (var u in new[] { lo, hi })
        {
            var m = LifetimeValue.Focused.Internal.MixingQuantiles.GammaMeanOne(shape, u);
            double.IsFinite(m).Should().BeTrue($"Gamma({shape}) at u = {u:R}");
            var tail = MathNet.Numerics.SpecialFunctions.GammaUpperRegularized(shape, shape * m);
            (tail / (1.0 - u)).Should().BeApproximately(1.0, 1e-6, "upper tail Q(k, k·m) = 1 − u");
            MathNet.Numerics.Distributions.Gamma.CDF(shape, shape, m).Should().BeApproximately(u, 1e-12, "it is the u-quantile");
            var p = MathNet.Numerics.Distributions.Beta.InvCDF(shape, 2.426, u);
            (p >= 0.0 && p <= 1.0).Should().BeTrue($"Beta({shape}, 2.426) at u = {u:R} gave {p:R}");
        }
    }

    [Test]
    public void Large_shapes_recover_the_homogeneous_value()
    {
        // m ~ Gamma(k, k) has variance 1/k; at k = 10⁸ the value moves by O(1/k) · curvature: tolerance 1e-6 relative.
        var hotel = Presets.Hotel();
        var mixed = hotel with { Heterogeneity = new CustomerHeterogeneity { PurchaseRateShape = 1e8, AttritionRateShape = 1e8 } };
        var exact = Project(hotel).Clv;
        Project(mixed).Clv.Should().BeApproximately(exact, 1e-6 * Math.Abs(exact));
    }

    [Test]
    public void Projection_lines_add_up_to_the_value()
    {
        var model = Presets.Hotel() with { Heterogeneity = new CustomerHeterogeneity { PurchaseRateShape = 0.8, DropoutShapeA = 1.0, DropoutShapeB = 6.0 } };
        var p = ExpectedValueEngine.Project(model, RatePath.Constant(0.03));
        p.Rows[^1].CumulativePresentValue.Should().BeApproximately(p.Clv, 1e-9 * Math.Abs(p.Clv), "Σ D·E[CF] − A is the CLV");
    }

    [Test]
    public void Tenure_curve_matches_the_hand_calculation_and_extends_by_its_last_value()
    {
        // Curve [0.1, 0.2] (0.2 from month 1 on), no constant attrition, three months.
        // S1 = 0.82·0.9 = 0.738; month 1: 0.738·20 = 14.76; S2 = 0.738·(1 − 0.5·0.18)·0.8 = 0.537264; month 2: 10.74528.
        // CLV = 65.50528.
        var model = CustomerFocusedLeverTests.Base(3) with { TenureAttrition = new TenureAttritionCurve([0.1, 0.2]) };
        var p = Project(model);
        p.Rows[2].Survival.Should().BeApproximately(0.537264, 1e-12, "hand calc");
        p.Clv.Should().BeApproximately(65.50528, 1e-10, "hand calc");
        model.AttritionAt(7).Should().BeApproximately(0.2, 1e-15, "1 − (1 − 0)(1 − 0.2)");

        // Combined with a constant attrition of 0.1 as independent causes: month 0 attrition 1 − 0.9·0.9 = 0.19.
        (model with { Purchases = new PurchaseProcess(0.5, 100.0, 60.0, 0.1) }).AttritionAt(0).Should().BeApproximately(0.19, 1e-15);
    }

    [Test]
    public void Referred_customers_start_the_tenure_curve_at_month_zero()
    {
        // ρ_good = 0.2, reward 5, curve [0.5, 0], three months. Per month: flow 40π, referrals 0.16π, churn part 1 − 0.18π.
        // V_2 = 40 − 0.8 = 39.2; K_1 = 34.2. Customer acquired in month 1 (tenure 0 → hazard 0.5): 40 + 0.16·34.2 = 45.472,
        // S = 0.82·0.5 = 0.41, month 2: 0.41·(20 − 0.4) = 8.036; V_1 = 53.508; K_0 = 48.508.
        // Referrer: 40 + 0.16·48.508 = 47.76128; 0.41·(20 + 0.08·34.2) = 9.32176; S2 = 0.41·0.91 = 0.3731; 0.3731·19.6 = 7.31276.
        // CLV = 64.3958 (a calendar-indexed curve would give the referred customer no attrition in month 1).
        var model = CustomerFocusedLeverTests.Base(3) with
        {
            Referrals = new ReferralProgramme(0.2, 0.0, 5.0),
            TenureAttrition = new TenureAttritionCurve([0.5, 0.0]),
        };
        Project(model).Clv.Should().BeApproximately(64.3958, 1e-9, "hand calc");
    }

    [Test]
    public void Homogeneous_results_are_unchanged_bit_for_bit()
    {
        // Golden bits recorded from the code before heterogeneity existed (commit de283e4), exact and Monte Carlo.
        var model = Presets.Hotel() with { Heterogeneity = CustomerHeterogeneity.None };
        var exact = ExpectedValueEngine.Project(model, RatePath.Constant(0.03)).Clv;
        var mc = MonteCarloEngine.Simulate(model, ScenarioSet.Constant(0.03, 60), new SimulationOptions { Seed = 4, Customers = 4_000 }).Clv.Mean;
        BitConverter.DoubleToInt64Bits(exact).Should().Be(GoldenExact);
        BitConverter.DoubleToInt64Bits(mc).Should().Be(GoldenMonteCarlo);
    }

    private const long GoldenExact = 4645911943543560442;
    private const long GoldenMonteCarlo = 4646038511976110359;

    private static IEnumerable<TestCaseData> MixedCases()
    {
        var hotel = Presets.Hotel();
        yield return new TestCaseData(hotel with
        {
            Heterogeneity = new CustomerHeterogeneity { PurchaseRateShape = 0.8, DropoutShapeA = 1.0, DropoutShapeB = 6.0, AttritionRateShape = 1.5 },
        }).SetName("Hotel with all three mixing distributions");
        yield return new TestCaseData(CustomerFocusedLeverTests.Base(24) with
        {
            Purchases = new PurchaseProcess(0.4, 100.0, 60.0, 0.01),
            Referrals = new ReferralProgramme(0.1, 0.02, 3.0),
            Recovery = new ServiceRecovery(30.0, 40.0, 0.1, 0.3),
            TenureAttrition = new TenureAttritionCurve([0.2, 0.1, 0.05, 0.02]),
            Heterogeneity = new CustomerHeterogeneity { DropoutShapeA = 0.7, DropoutShapeB = 2.5 },
        }).SetName("Tenure curve, referrals and dropout");
        yield return new TestCaseData(CustomerFocusedLeverTests.Base(36) with
        {
            TenureAttrition = new TenureAttritionCurve([0.05, 0.03]),
            Heterogeneity = CustomerHeterogeneity.PurchaseRate(0.25),
        }).SetName("Tenure curve and a skewed purchase rate");
    }

    [TestCaseSource(nameof(MixedCases))]
    public void Monte_carlo_agrees_with_the_exact_value_within_four_standard_errors(CustomerFocusedModel model)
    {
        var result = MonteCarloEngine.Simulate(model, ScenarioSet.Constant(0.03, model.MaxPeriods), new SimulationOptions { Seed = 21, Customers = 100_000 });
        var exact = ExpectedValueEngine.Project(model, RatePath.Constant(0.03));
        Math.Abs(result.Clv.Mean - exact.Clv).Should().BeLessThan(4 * result.Clv.StandardError, "|MC − exact| < 4 SE");
    }

    [Test]
    public void Stochastic_rates_mixed_mean_agrees_with_the_average_of_exact_projections()
    {
        // The referral credit depends on the scenario's discount factors: per-scenario value tables, then |MC − exact| < 4 SE.
        var model = Presets.Hotel() with { Heterogeneity = new CustomerHeterogeneity { PurchaseRateShape = 0.6, DropoutShapeA = 1.0, DropoutShapeB = 5.0 } };
        var scenarios = ScenarioSet.Generate(new Vasicek(0.03, 0.2, 0.035, 0.02), 6, model.MaxPeriods, 5);
        var result = MonteCarloEngine.Simulate(model, scenarios, new SimulationOptions { Seed = 13, Customers = 60_000 });
        var exact = Enumerable.Range(0, 6).Average(s => ExpectedValueEngine.Project(model, RatePath.FromValues(scenarios.Path(s).ToArray())).Clv);
        Math.Abs(result.Clv.Mean - exact).Should().BeLessThan(4 * result.Clv.StandardError, "|MC − exact| < 4 SE");
    }

    [Test]
    public void Mixed_runs_are_bit_identical_at_one_and_two_threads()
    {
        var model = Presets.Hotel() with { Heterogeneity = new CustomerHeterogeneity { PurchaseRateShape = 0.8, DropoutShapeA = 1.0, DropoutShapeB = 6.0, AttritionRateShape = 1.5 } };
        var options = new SimulationOptions { Seed = 5, Customers = 6_000, ChunkSize = 1_024, MaxDegreeOfParallelism = 1 };
        var scenarios = ScenarioSet.Constant(0.03, 60);
        var one = MonteCarloEngine.Simulate(model, scenarios, options);
        var two = MonteCarloEngine.Simulate(model, scenarios, options with { MaxDegreeOfParallelism = 2 });
        BitConverter.DoubleToInt64Bits(two.Clv.Mean).Should().Be(BitConverter.DoubleToInt64Bits(one.Clv.Mean));
        two.MeanCumulativePresentValue.Should().Equal(one.MeanCumulativePresentValue);
    }

    [Test]
    public void Bad_input_is_refused_with_the_parameter_and_range()
    {
        ((Func<object>)(() => new CustomerHeterogeneity { PurchaseRateShape = 0.0 })).Should().Throw<ArgumentOutOfRangeException>()
            .WithMessage("*PurchaseRateShape must be a finite number > 0*0*");
        ((Func<object>)(() => new CustomerHeterogeneity { QuadratureNodes = 1 })).Should().Throw<ArgumentOutOfRangeException>()
            .WithMessage("*QuadratureNodes must be in [2, 256]*1*");
        var halfDropout = CustomerFocusedLeverTests.Base() with { Heterogeneity = new CustomerHeterogeneity { DropoutShapeA = 1.0 } };
        ((Func<object>)(() => Project(halfDropout))).Should().Throw<ArgumentException>().WithMessage("*DropoutShapeA and DropoutShapeB must be set together*");
        ((Func<object>)(() => new TenureAttritionCurve([0.1, 1.5]))).Should().Throw<ArgumentOutOfRangeException>()
            .WithMessage("*monthlyHazards[1] must be in [0, 1]*1.5*");
        ((Func<object>)(() => new TenureAttritionCurve([]))).Should().Throw<ArgumentException>().WithMessage("*must not be empty*");
        ((Func<object>)(() => new TenureAttritionCurve([double.NaN]))).Should().Throw<ArgumentOutOfRangeException>().WithMessage("*monthlyHazards[0]*NaN*");
    }
}
