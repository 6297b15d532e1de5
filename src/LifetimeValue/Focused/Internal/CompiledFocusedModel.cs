using LifetimeValue.Internal;
using LifetimeValue.Model;
using LifetimeValue.Random;
using LifetimeValue.Scenarios;
using LifetimeValue.Simulation;
using MathNet.Numerics.Distributions;

namespace LifetimeValue.Focused.Internal;

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
/// <para>Mixed models (heterogeneity or a tenure attrition curve): the same recursion per quadrature node θ_j = (m, p, g) with
/// weight w_j, run side by side so that the credit uses the population average <c>V̄_{t+1} = Σ_j w_j V_{t+1}(θ_j)</c>. With a
/// tenure curve the value of a customer acquired in month s depends on s and tenure, so <c>V̄_s</c> is computed by a forward pass
/// per start month (O(H² · nodes) when referrals are attributed, O(H · nodes) otherwise).</para>
/// </remarks>
internal sealed partial class CompiledFocusedModel : CompiledStrategy
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
        AttritionByTenure = new double[h];
        AttritionThresholds = new ulong[h];
        LogNoPurchase = new double[h];
        LogStay = new double[h];
        for (var t = 0; t < h; t++)
        {
            AttritionByTenure[t] = model.AttritionAt(t);
            AttritionThresholds[t] = RandomDraws.BernoulliThreshold(AttritionByTenure[t]);
            LogNoPurchase[t] = Math.Log(1.0 - Purchase[t]);
            LogStay[t] = Math.Log(1.0 - AttritionByTenure[t]);
        }

        var mix = model.Heterogeneity;
        IsMixed = !mix.IsNone || model.TenureAttrition is not null;
        HasTenureCurve = model.TenureAttrition is not null;
        PurchaseShape = mix.PurchaseRateShape;
        DropoutA = mix.DropoutShapeA;
        DropoutB = mix.DropoutShapeB;
        AttritionShape = mix.AttritionRateShape;
        Nodes = IsMixed ? QuadratureNodes.Build(mix) : QuadratureNodes.Single;

        // Per-axis tables (the exponentials depend on one mixing parameter each), so the tensor loops do no transcendentals.
        PurchaseByAxis = new double[checked(Nodes.MAxis.Length * h)];
        for (var i = 0; i < Nodes.MAxis.Length; i++)
        {
            for (var t = 0; t < h; t++)
            {
                PurchaseByAxis[(i * h) + t] = PurchaseFor(t, Nodes.MAxis[i]);
            }
        }

        AttritionByAxis = new double[checked(Nodes.GAxis.Length * h)];
        for (var i = 0; i < Nodes.GAxis.Length; i++)
        {
            for (var t = 0; t < h; t++)
            {
                AttritionByAxis[(i * h) + t] = AttritionFor(t, Nodes.GAxis[i]);
            }
        }
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

    /// <summary>Monthly attrition of a typical customer by tenure month (constant without a tenure curve).</summary>
    public double[] AttritionByTenure { get; }

    public ulong[] AttritionThresholds { get; }

    /// <summary>ln(1 − π(t)): the purchase probability of a customer with rate multiplier m is 1 − exp(m·ln(1 − π)).</summary>
    public double[] LogNoPurchase { get; }

    /// <summary>ln(1 − h_τ): the attrition of a customer with hazard multiplier g is 1 − exp(g·ln(1 − h_τ)).</summary>
    public double[] LogStay { get; }

    /// <summary>Heterogeneity or a tenure curve: the engines take the per-customer (quadrature / per-draw) path.</summary>
    public bool IsMixed { get; }

    public bool HasTenureCurve { get; }

    public double? PurchaseShape { get; }

    public double? DropoutA { get; }

    public double? DropoutB { get; }

    public double? AttritionShape { get; }

    public QuadratureNodes Nodes { get; }

    /// <summary>π for the m-axis node i in month t at [i·H + t].</summary>
    public double[] PurchaseByAxis { get; }

    /// <summary>Attrition for the g-axis node i in tenure month τ at [i·H + τ].</summary>
    public double[] AttritionByAxis { get; }

    /// <summary>Purchase probability of a returning customer with rate multiplier <paramref name="m"/> in month t.</summary>
    /// <remarks>π(t) = 1 stays 1 for every m (avoids 0·∞ when a Gamma quantile underflows to m = 0).</remarks>
    public double PurchaseFor(int t, double m) => PurchaseShape is null || Purchase[t] >= 1.0 ? Purchase[t] : 1.0 - Math.Exp(m * LogNoPurchase[t]);

    /// <summary>Attrition in tenure month τ of a customer with hazard multiplier <paramref name="g"/>.</summary>
    /// <remarks>Tenure beyond the horizon (a returning customer's month in a one-month horizon) uses the last month, which is
    /// the right value because the curve is extended by its last value and a constant attrition is the same every month.</remarks>
    public double AttritionFor(int tenure, double g)
    {
        var i = Math.Min(tenure, AttritionByTenure.Length - 1);
        return AttritionShape is null || AttritionByTenure[i] >= 1.0 ? AttritionByTenure[i] : 1.0 - Math.Exp(g * LogStay[i]);
    }

    /// <summary>Churn after a purchase with experience churn c, given the intrinsic dropout p (repeat purchases only).</summary>
    public static double ChurnFor(double c, double p, int tenure) => tenure == 0 || p == 0.0 ? c : 1.0 - ((1.0 - p) * (1.0 - c));

    /// <summary>Retention of a customer with parameters (p, g) in calendar month t, tenure τ, purchase probability pi.</summary>
    public double RetentionFor(int t, int tenure, double pi, double p, double g) => RetentionWith(t, tenure, pi, p, AttritionFor(tenure, g));

    /// <summary>Retention given the customer's attrition <paramref name="attrition"/> in this month.</summary>
    public double RetentionWith(int t, int tenure, double pi, double p, double attrition) =>
        (1.0 - attrition) * (1.0 - (pi * (((1.0 - Failure[t]) * ChurnFor(ChurnGood, p, tenure)) + (Failure[t] * ChurnFor(ChurnFailed, p, tenure)))));

    /// <summary>Draws one customer's (m, p, g) from its Heterogeneity blocks (index 0: X0X1 → m, X2X3 → p; index 1: X0X1 → g).</summary>
    public (double M, double P, double G) DrawCustomer(Philox4x32.Block first, Philox4x32.Block second)
    {
        var m = PurchaseShape is { } k ? MixingQuantiles.GammaMeanOne(k, RandomDraws.OpenUnit(first.X0, first.X1)) : 1.0;
        var p = DropoutA is { } a && DropoutB is { } b ? Beta.InvCDF(a, b, RandomDraws.OpenUnit(first.X2, first.X3)) : 0.0;
        var g = AttritionShape is { } s ? MixingQuantiles.GammaMeanOne(s, RandomDraws.OpenUnit(second.X0, second.X1)) : 1.0;
        return (m, p, g);
    }

    /// <summary>Expected cash flow of an active customer in month t given purchase probability <paramref name="pi"/>.</summary>
    public double ExpectedFlow(int t, double pi) => (pi * (Margin[t] - (Failure[t] * RecoverySpend))) - FeedbackCost;

    /// <summary>Expected referrals of an active customer in month t.</summary>
    public double ExpectedReferrals(int t, double pi) =>
        Attribute ? pi * (((1.0 - Failure[t]) * ReferralGood) + (Failure[t] * ReferralFailed)) : 0.0;

    /// <summary>Probability that an active customer is still active at the start of month t + 1.</summary>
    public double Retention(int t, double pi) =>
        (1.0 - Attrition) * (1.0 - (pi * (((1.0 - Failure[t]) * ChurnGood) + (Failure[t] * ChurnFailed))));


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

        if (IsMixed)
        {
            // Mixed models only, so the fingerprints of homogeneous models are unchanged.
            f.Text("mixed");
            foreach (var v in new[] { PurchaseShape ?? 0.0, DropoutA ?? 0.0, DropoutB ?? 0.0, AttritionShape ?? 0.0, Nodes.Count })
            {
                f.Double(v);
            }

            f.Doubles(AttritionByTenure);
        }
    }

    public override ChunkKernel CreateKernel(ScenarioSet scenarios, SimulationOptions options) => new FocusedChunkKernel(this, scenarios, options.Seed);
}
