using LifetimeValue.Discounting;
using LifetimeValue.Focused;
using LifetimeValue.Model;
using LifetimeValue.Projection;

namespace LifetimeValue.Tests.Focused;

/// <summary>
/// Each lever of the customer-focused model moves the exact expected value in its documented direction and by the
/// documented amount, on small cases computed by hand in the comments (no discounting, no acquisition cost, so the
/// CLV is the plain sum of expected monthly flows). Tolerance 1e-12 relative: only a handful of double operations.
/// </summary>
/// <remarks>
/// Base case: price 100, unit cost 60 (contribution 40), returning-purchase probability 0.5, failure 0.2,
/// churn after a good stay 0.1, after a failure 0.5, horizon 2 months.
/// Month 0 (the acquisition purchase, probability 1): flow 40; retention 1 − (0.8·0.1 + 0.2·0.5) = 0.82.
/// Month 1: 0.82 · 0.5 · 40 = 16.4. CLV = 56.4.
/// </remarks>
public sealed class CustomerFocusedLeverTests
{
    private const double Tol = 1e-12;

    internal static CustomerFocusedModel Base(int months = 2) =>
        new("base", new PurchaseProcess(0.5, 100.0, 60.0), new ServiceQuality(0.2, 0.1, 0.5), months, 0.0, Discount.FlatAnnual(0.0));

    private static ProjectionResult Project(CustomerFocusedModel model) => ExpectedValueEngine.Project(model, RatePath.Constant(0.0));

    [Test]
    public void Base_case_matches_the_hand_calculation()
    {
        var p = Project(Base());
        p.Clv.Should().BeApproximately(56.4, 56.4 * Tol);
        p.Rows[1].Survival.Should().BeApproximately(0.82, Tol);
        p.Cohorts.Should().ContainSingle().Which.Clv.Should().BeApproximately(56.4, 56.4 * Tol);
        p.Model.Kind.Should().Be(StrategyKind.CustomerFocused);
    }

    [Test]
    public void Purchase_rate_raises_value_by_the_extra_purchases()
    {
        // π from 0.5 to 0.6: month 1 becomes 0.82 · 0.6 · 40 = 19.68, so CLV = 59.68 (+3.28).
        var m = Base() with { Purchases = new PurchaseProcess(0.6, 100.0, 60.0) };
        Project(m).Clv.Should().BeApproximately(59.68, 59.68 * Tol);
    }

    [Test]
    public void Monthly_attrition_lowers_survival()
    {
        // h = 0.1: retention after month 0 is 0.9 · 0.82 = 0.738; CLV = 40 + 0.738 · 20 = 54.76.
        var m = Base() with { Purchases = new PurchaseProcess(0.5, 100.0, 60.0, 0.1) };
        var p = Project(m);
        p.Rows[1].Survival.Should().BeApproximately(0.738, Tol);
        p.Clv.Should().BeApproximately(54.76, 54.76 * Tol);
    }

    [Test]
    public void Service_recovery_raises_retention_at_its_cost()
    {
        // R = 100, k = 100: e = 1 − e^{−1} = 0.6321205588; churn after a failure 0.5 − e·(0.5 − 0.1) = 0.2471517765.
        // Retention 1 − (0.08 + 0.2·0.2471517765) = 0.8705696447 (up from 0.82).
        // Flows: month 0: 40 − 0.2·100 = 20; month 1: 0.8705696447 · 0.5 · (40 − 20) = 8.705696447; CLV = 28.705696447.
        var m = Base() with { Recovery = new ServiceRecovery(100.0, 100.0, 0.1, 0.0) };
        var p = Project(m);
        m.Recovery.Effectiveness.Should().BeApproximately(0.6321205588285577, Tol);
        m.ChurnAfterRecoveredFailure.Should().BeApproximately(0.24715177646857694, Tol);
        p.Rows[1].Survival.Should().BeApproximately(0.8705696447062846, Tol).And.BeGreaterThan(0.82);
        p.Clv.Should().BeApproximately(28.70569644706285, 28.7 * Tol);
        p.LineCashFlows("Service recovery")[0].Should().BeApproximately(-20.0, Tol);
    }

    [Test]
    public void Service_recovery_pays_back_when_guests_return_often_enough()
    {
        // Documented direction on a longer horizon: with 5 years of frequent stays the retained guests repay the spend.
        var longer = Base(60) with { Purchases = new PurchaseProcess(0.5, 100.0, 60.0) };
        var with = longer with { Recovery = new ServiceRecovery(20.0, 20.0, 0.05, 0.0) };
        Project(with).Clv.Should().BeGreaterThan(Project(longer).Clv);
    }

    [Test]
    public void Recovery_spend_above_the_cap_is_refused_not_clamped()
    {
        var act = () => new ServiceRecovery(2_500.0, 100.0, 0.1, 0.2);
        act.Should().Throw<ArgumentOutOfRangeException>().WithMessage("*SpendPerIncident must be in [0, 2000]*2500*");
        var lowered = () => new ServiceRecovery(300.0, 100.0, 0.1, 0.2) with { Cap = 100.0 };
        lowered.Should().Throw<ArgumentOutOfRangeException>().WithMessage("*SpendPerIncident*Cap = 100*");
    }

    [Test]
    public void Feedback_lowers_failures_over_time()
    {
        // φ = 0.5, floor 0, cost 1 per active month, horizon 3: f(t) = 0.2 · 0.5^{t/12}: f(1) = 0.1887748625, f(2) = 0.1781797436.
        // Retention after month 1: 1 − 0.5·(0.8112251375·0.1 + 0.1887748625·0.5) = 0.9122450275; S2 = 0.82 · that = 0.7480409225
        // (0.7462 without the programme). CLV = 39 + 0.82·19 + 0.7480409225·19 = 68.7927775283.
        var m = Base(3) with { Feedback = new FeedbackProgramme(0.5, 0.0, 1.0) };
        m.FailureProbabilityAt(12).Should().BeApproximately(0.1, Tol);
        m.FailureProbabilityAt(1).Should().BeApproximately(0.1887748625363387, Tol);
        var p = Project(m);
        p.Rows[2].Survival.Should().BeApproximately(0.7480409225440404, Tol).And.BeGreaterThan(Project(Base(3)).Rows[2].Survival);
        p.Clv.Should().BeApproximately(68.79277752833677, 68.8 * Tol);
    }

    [Test]
    public void Feedback_floor_above_the_initial_failure_rate_is_refused()
    {
        var act = () => Base() with { Feedback = new FeedbackProgramme(0.5, 0.3, 0.0) };
        act.Should().NotThrow("with-expressions validate only when an engine runs");
        var model = act();
        var run = () => ExpectedValueEngine.Project(model, RatePath.Constant(0.0));
        run.Should().Throw<ArgumentOutOfRangeException>().WithMessage("*Feedback.FailureFloor must be in [0, Service.FailureProbability = 0.2]*0.3*");
    }

    [Test]
    public void Employee_rewards_cut_turnover_and_failures()
    {
        // E = 10, H = 10, w = 0.5: turnover 0.6 → 0.3; M = 1 − 0.5·(1 − 0.5) = 0.75, f = 0.15.
        // Month 0: 40 − 10 = 30; retention 1 − (0.85·0.1 + 0.15·0.5) = 0.84; month 1: 0.84·0.5·30 = 12.6; CLV = 42.6.
        var m = Base() with { Employees = new EmployeeInvestment(10.0, 10.0, 0.5, 0.6) };
        m.Employees.StaffTurnover.Should().BeApproximately(0.3, Tol);
        m.Employees.FailureMultiplier.Should().BeApproximately(0.75, Tol);
        var p = Project(m);
        p.Rows[1].Survival.Should().BeApproximately(0.84, Tol);
        p.Clv.Should().BeApproximately(42.6, 42.6 * Tol);
        p.LineCashFlows("Employee rewards")[0].Should().BeApproximately(-10.0, Tol);
    }

    [Test]
    public void Cost_improvement_lowers_cost_and_price_and_raises_purchases()
    {
        // κ = 0.5, ψ = 0.5, ε = 1. Month 12: c = 30, p = 100 − 0.5·30 = 85, π = 0.5·(85/100)^{−1} = 0.5882352941.
        // Month 1: c = 60·0.5^{1/12} = 56.6324587609, p = 98.3162293805, π = 0.5085630350, margin 41.6837706195;
        // CLV = 40 + 0.82·0.5085630350·41.6837706195 = 57.3830364139 (56.4 without the lever).
        var m = Base() with { Improvement = new CostImprovement(0.5, 0.5, 1.0) };
        m.UnitCostAt(12).Should().BeApproximately(30.0, Tol);
        m.PriceAt(12).Should().BeApproximately(85.0, Tol);
        m.PurchaseProbabilityAt(12).Should().BeApproximately(0.5 / 0.85, Tol);
        Project(m).Clv.Should().BeApproximately(57.3830364139386, 57.4 * Tol);
    }

    [Test]
    public void Elasticity_that_pushes_purchases_above_one_is_refused()
    {
        var m = Base(120) with { Purchases = new PurchaseProcess(0.9, 100.0, 90.0), Improvement = new CostImprovement(0.5, 1.0, 3.0) };
        var run = () => ExpectedValueEngine.Project(m, RatePath.Constant(0.0));
        run.Should().Throw<ArgumentOutOfRangeException>().WithMessage("*purchase probability above 1*");
    }

    [Test]
    public void Referrals_credit_the_referred_customers_value()
    {
        // ρ_good = 0.2, ρ_fail = 0, reward 5. A customer acquired in month 1 (last month): V(1) = 40 + 0.16·(0 − 5) = 39.2.
        // Month 0: credit per referral K0 = V(1) − 5 = 34.2; expected referrals 0.8·0.2 = 0.16 → 5.472.
        // Month 1: 0.82·(0.5·40 + 0.5·0.16·(−5)) = 16.072. CLV = 40 + 5.472 + 16.072 = 61.544.
        var m = Base() with { Referrals = new ReferralProgramme(0.2, 0.0, 5.0) };
        var p = Project(m);
        p.Clv.Should().BeApproximately(61.544, 61.544 * Tol);
        p.LineCashFlows("Referred customers")[0].Should().BeApproximately(0.16 * 39.2, Tol);
        p.LineCashFlows("Referral rewards")[0].Should().BeApproximately(-0.8, Tol);

        // Attribution off: the referrer gets neither the value nor the reward: back to 56.4.
        Project(m with { Referrals = m.Referrals with { AttributeToReferrer = false } }).Clv.Should().BeApproximately(56.4, 56.4 * Tol);
    }

    [Test]
    public void Recovery_raises_referrals_after_failures()
    {
        // e = 1 − e^{−1}; referral after a recovered failure 0 + e·(0.5 − 0) = 0.3160602794.
        var m = Base() with { Referrals = new ReferralProgramme(0.2, 0.0), Recovery = new ServiceRecovery(100.0, 100.0, 0.5, 0.5) };
        m.ReferralAfterRecoveredFailure.Should().BeApproximately(0.5 * 0.6321205588285577, Tol);
    }

    [Test]
    public void Discounting_and_acquisition_cost_apply_like_the_lifecycle_model()
    {
        // 12 % a year flat: D_1 = 1.12^{−1/12}, D_2 = 1.12^{−2/12}; A = 10: CLV = −10 + 40·D_1 + 16.4·D_2.
        var m = Base() with { AcquisitionCost = 10.0, Discounting = Discount.FlatAnnual(0.12) };
        var expected = -10.0 + (40.0 * Math.Pow(1.12, -1.0 / 12)) + (16.4 * Math.Pow(1.12, -2.0 / 12));
        Project(m).Clv.Should().BeApproximately(expected, Math.Abs(expected) * Tol);
    }

    [Test]
    public void Invalid_parameters_name_the_parameter_and_range()
    {
        ((Func<object>)(() => new PurchaseProcess(1.5, 100, 60))).Should().Throw<ArgumentOutOfRangeException>().WithMessage("*MonthlyPurchaseProbability must be in [0, 1]*1.5*");
        ((Func<object>)(() => new ServiceQuality(0.1, -0.1, 0.5))).Should().Throw<ArgumentOutOfRangeException>().WithMessage("*ChurnAfterGoodExperience*");
        ((Func<object>)(() => new FeedbackProgramme(1.0, 0.0, 0.0))).Should().Throw<ArgumentOutOfRangeException>().WithMessage("*AnnualFailureReduction must be in [0, 1)*");
        ((Func<object>)(() => new CostImprovement(0.1, 1.5))).Should().Throw<ArgumentOutOfRangeException>().WithMessage("*PassThrough*");
        ((Func<object>)(() => new EmployeeInvestment(1, 0, 0.5, 0.5))).Should().Throw<ArgumentOutOfRangeException>().WithMessage("*HalvingSpend*");
        ((Func<object>)(() => Base(0))).Should().Throw<ArgumentOutOfRangeException>().WithMessage("*HorizonMonths must be in [1, 1200]*");
        ((Func<object>)(() => new ReferralProgramme(double.NaN, 0))).Should().Throw<ArgumentOutOfRangeException>().WithMessage("*ReferralAfterGoodExperience*");
    }
}
