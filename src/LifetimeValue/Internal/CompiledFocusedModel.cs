using LifetimeValue.Model;
using LifetimeValue.Projection;
using LifetimeValue.Random;
using LifetimeValue.Scenarios;
using LifetimeValue.Simulation;
using LifetimeValue.Simulation.Internal;

namespace LifetimeValue.Internal;

/// <summary>
/// A <see cref="CustomerFocusedModel"/> flattened for the engines: per-month purchase and failure probabilities,
/// margins and lever costs (scenario-independent), and the per-scenario value tables built from discount factors.
/// </summary>
/// <remarks>
/// <para>Value recursion (months t = H − 1 … 0, <c>d_t = D_{t+1}</c>): for a customer active at the start of month t,
/// <c>W_t = d_t·F_t + R_t·K_t + ρ_t·W_{t+1}</c> (returning customer) and <c>V_t</c> the same with the first-month
/// purchase probability 1 (a customer acquired in month t), where F is the expected cash flow, R the expected number of
/// referrals, ρ the probability of staying, and <c>K_t = V_{t+1} − d_t·reward</c> the credit per referral (referred
/// customers start next month; <c>V_H = W_H = 0</c>). The CLV is <c>−A + V_0</c>. O(H) per scenario.</para>
/// </remarks>
internal sealed class CompiledFocusedModel : CompiledStrategy
{
    public static readonly string[] Lines =
        ["Purchase contribution", "Employee rewards", "Service recovery", "Feedback programme", "Referral rewards", "Referred customers"];

    public CompiledFocusedModel(CustomerFocusedModel model)
    {
        model.Validate();
        Model = model;
        var h = model.HorizonMonths;
        Purchase = new double[h];
        Failure = new double[h];
        Margin = new double[h];
        PurchaseThreshold = new ulong[h];
        FailureThreshold = new ulong[h];
        for (var t = 0; t < h; t++)
        {
            Purchase[t] = model.PurchaseProbabilityAt(t);
            Failure[t] = model.FailureProbabilityAt(t);
            Margin[t] = model.PriceAt(t) - model.UnitCostAt(t) - model.Employees.RewardPerPurchase;
            PurchaseThreshold[t] = RandomDraws.BernoulliThreshold(Purchase[t]);
            FailureThreshold[t] = RandomDraws.BernoulliThreshold(Failure[t]);
        }

        RecoverySpend = model.Recovery.SpendPerIncident;
        FeedbackCost = model.Feedback.MonthlyCostPerCustomer;
        ChurnGood = model.Service.ChurnAfterGoodExperience;
        ChurnFailed = model.ChurnAfterRecoveredFailure;
        var referrals = model.Referrals;
        ReferralGood = referrals.ReferralAfterGoodExperience;
        ReferralFailed = model.ReferralAfterRecoveredFailure;
        Attribute = referrals.AttributeToReferrer;
        Reward = Attribute ? referrals.RewardPerReferral : 0.0;
        Attrition = model.Purchases.MonthlyAttrition;
        ChurnGoodThreshold = RandomDraws.BernoulliThreshold(ChurnGood);
        ChurnFailedThreshold = RandomDraws.BernoulliThreshold(ChurnFailed);
        ReferralGoodThreshold = RandomDraws.BernoulliThreshold(ReferralGood);
        ReferralFailedThreshold = RandomDraws.BernoulliThreshold(ReferralFailed);
        AttritionThreshold = RandomDraws.BernoulliThreshold(Attrition);
    }

    public CustomerFocusedModel Model { get; }

    public override StrategyModel Source => Model;

    public override int MaxPeriods => Model.HorizonMonths;

    public double[] Purchase { get; }

    public double[] Failure { get; }

    /// <summary>Price − unit cost − employee reward per purchase, by month.</summary>
    public double[] Margin { get; }

    public ulong[] PurchaseThreshold { get; }

    public ulong[] FailureThreshold { get; }

    public double RecoverySpend { get; }

    public double FeedbackCost { get; }

    public double ChurnGood { get; }

    public double ChurnFailed { get; }

    public double ReferralGood { get; }

    public double ReferralFailed { get; }

    public bool Attribute { get; }

    public double Reward { get; }

    public double Attrition { get; }

    public ulong ChurnGoodThreshold { get; }

    public ulong ChurnFailedThreshold { get; }

    public ulong ReferralGoodThreshold { get; }

    public ulong ReferralFailedThreshold { get; }

    public ulong AttritionThreshold { get; }

    /// <summary>Expected cash flow of an active customer in month t given purchase probability <paramref name="pi"/>.</summary>
    public double ExpectedFlow(int t, double pi) => (pi * (Margin[t] - (Failure[t] * RecoverySpend))) - FeedbackCost;

    /// <summary>Expected referrals of an active customer in month t.</summary>
    public double ExpectedReferrals(int t, double pi) =>
        Attribute ? pi * (((1.0 - Failure[t]) * ReferralGood) + (Failure[t] * ReferralFailed)) : 0.0;

    /// <summary>Probability that an active customer is still active at the start of month t + 1.</summary>
    public double Retention(int t, double pi) =>
        (1.0 - Attrition) * (1.0 - (pi * (((1.0 - Failure[t]) * ChurnGood) + (Failure[t] * ChurnFailed))));

    /// <summary>
    /// Fills the referral credit <paramref name="credit"/>[t] = K_t (time-0 money) and the value <paramref name="newValue"/>[t] = V_t of a
    /// customer acquired in month t (time-0 money, no acquisition cost; length H + 1).
    /// </summary>
    public void ValueTables(ReadOnlySpan<double> df, Span<double> credit, Span<double> newValue)
    {
        var h = MaxPeriods;
        newValue[h] = 0.0;
        var w = 0.0;
        for (var t = h - 1; t >= 0; t--)
        {
            var k = Attribute ? newValue[t + 1] - (df[t] * Reward) : 0.0;
            credit[t] = k;
            var pi = Purchase[t];
            var next = w;
            w = (df[t] * ExpectedFlow(t, pi)) + (ExpectedReferrals(t, pi) * k) + (Retention(t, pi) * next);
            newValue[t] = (df[t] * ExpectedFlow(t, 1.0)) + (ExpectedReferrals(t, 1.0) * k) + (Retention(t, 1.0) * next);
        }
    }

    public override void AppendFingerprint(FingerprintBuilder f)
    {
        f.Text("customer-focused");
        f.Double(AcquisitionCost);
        f.Doubles(Purchase);
        f.Doubles(Failure);
        f.Doubles(Margin);
        foreach (var v in new[] { RecoverySpend, FeedbackCost, ChurnGood, ChurnFailed, ReferralGood, ReferralFailed, Reward, Attrition, Attribute ? 1.0 : 0.0 })
        {
            f.Double(v);
        }
    }

    public override ChunkKernel CreateKernel(ScenarioSet scenarios, SimulationOptions options) => new FocusedChunkKernel(this, scenarios, options.Seed);

    public override ProjectionResult Project(RatePath rates, double[] r, double[] df)
    {
        var h = MaxPeriods;
        var credit = new double[h];
        var value = new double[h + 1];
        ValueTables(df, credit, value);

        var lines = new double[Lines.Length][];
        for (var i = 0; i < lines.Length; i++)
        {
            lines[i] = new double[h];
        }

        var rows = new ProjectionRow[h];
        var s = 1.0;
        var cumulative = -AcquisitionCost;
        for (var t = 0; t < h; t++)
        {
            var pi = t == 0 ? 1.0 : Purchase[t];
            var referrals = ExpectedReferrals(t, pi);
            lines[0][t] = s * pi * (Margin[t] + Model.Employees.RewardPerPurchase);
            lines[1][t] = -s * pi * Model.Employees.RewardPerPurchase;
            lines[2][t] = -s * pi * Failure[t] * RecoverySpend;
            lines[3][t] = -s * FeedbackCost;
            lines[4][t] = -s * referrals * Reward;
            lines[5][t] = Attribute ? s * referrals * value[t + 1] / df[t] : 0.0;
            var cf = 0.0;
            foreach (var line in lines)
            {
                cf += line[t];
            }

            var pv = df[t] * cf;
            cumulative += pv;
            rows[t] = new ProjectionRow(t, s, cf, df[t], pv, cumulative);
            s *= Retention(t, pi);
        }

        var clv = -AcquisitionCost + value[0];
        return new ProjectionResult(Model, rates, rows, Lines, lines, [new CohortValue(0, 1.0, h, clv)]);
    }
}
