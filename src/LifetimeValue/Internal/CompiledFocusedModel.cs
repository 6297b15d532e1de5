using MathNet.Numerics.Distributions;
using MathNet.Numerics.Integration;
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
/// <para>Mixed models (heterogeneity or a tenure attrition curve): the same recursion per quadrature node θ_j = (m, p, g) with
/// weight w_j, run side by side so that the credit uses the population average <c>V̄_{t+1} = Σ_j w_j V_{t+1}(θ_j)</c>. With a
/// tenure curve the value of a customer acquired in month s depends on s and tenure, so <c>V̄_s</c> is computed by a forward pass
/// per start month (O(H² · nodes) when referrals are attributed, O(H · nodes) otherwise).</para>
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

    /// <summary>
    /// Fills the referral credit <paramref name="credit"/>[t] = K_t (time-0 money) and the value <paramref name="newValue"/>[t] = V_t of a
    /// customer acquired in month t (time-0 money, no acquisition cost; length H + 1).
    /// </summary>
    public void ValueTables(ReadOnlySpan<double> df, Span<double> credit, Span<double> newValue)
    {
        if (IsMixed)
        {
            MixedValueTables(df, credit, newValue);
            return;
        }

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

    /// <summary>The mixed-model counterpart of <see cref="ValueTables"/>: <paramref name="newValue"/> holds population averages.</summary>
    private void MixedValueTables(ReadOnlySpan<double> df, Span<double> credit, Span<double> newValue)
    {
        var h = MaxPeriods;
        var nodes = Nodes;
        newValue[h] = 0.0;
        if (!HasTenureCurve)
        {
            // Attrition does not depend on tenure: W_j(t) (returning) and V_j(t) (new in month t) per node, backwards.
            var w = new double[nodes.Count];
            for (var t = h - 1; t >= 0; t--)
            {
                var k = Attribute ? newValue[t + 1] - (df[t] * Reward) : 0.0;
                credit[t] = k;
                var fresh = (df[t] * ExpectedFlow(t, 1.0)) + (ExpectedReferrals(t, 1.0) * k);
                var vbar = 0.0;
                for (var j = 0; j < nodes.Count; j++)
                {
                    var pi = PurchaseByAxis[(nodes.IM[j] * h) + t];
                    var attrition = AttritionByAxis[(nodes.IG[j] * h) + Math.Min(1, h - 1)]; // constant in tenure without a curve
                    var next = w[j];
                    w[j] = (df[t] * ExpectedFlow(t, pi)) + (ExpectedReferrals(t, pi) * k) + (RetentionWith(t, 1, pi, nodes.P[j], attrition) * next);
                    vbar += nodes.W[j] * (fresh + (RetentionWith(t, 0, 1.0, nodes.P[j], attrition) * next));
                }

                newValue[t] = vbar;
            }

            return;
        }

        // Tenure-dependent attrition: the value of a customer acquired in month s needs its own pass over t = s … H − 1.
        for (var s = h - 1; s >= 0; s--)
        {
            credit[s] = Attribute ? newValue[s + 1] - (df[s] * Reward) : 0.0;
            if (!Attribute && s > 0)
            {
                newValue[s] = 0.0;
                continue;
            }

            var vbar = 0.0;
            for (var j = 0; j < nodes.Count; j++)
            {
                vbar += nodes.W[j] * Forward(j, s, df, credit, null, null);
            }

            newValue[s] = vbar;
        }
    }

    /// <summary>Expected PV (time-0 money) of node j's customer acquired in month s; optionally accumulates w_j·S_t and w_j·S_t·π_t.</summary>
    private double Forward(int j, int s, ReadOnlySpan<double> df, ReadOnlySpan<double> credit, double[]? alive, double[]? buying)
    {
        var nodes = Nodes;
        double p = nodes.P[j], weight = nodes.W[j];
        int purchaseRow = nodes.IM[j] * MaxPeriods, attritionRow = nodes.IG[j] * MaxPeriods;
        var survival = 1.0;
        var sum = 0.0;
        for (var t = s; t < MaxPeriods; t++)
        {
            var tenure = t - s;
            var pi = tenure == 0 ? 1.0 : PurchaseByAxis[purchaseRow + t];
            sum += survival * ((df[t] * ExpectedFlow(t, pi)) + (ExpectedReferrals(t, pi) * credit[t]));
            if (alive is not null)
            {
                alive[t] += weight * survival;
                buying![t] += weight * survival * pi;
            }

            survival *= RetentionWith(t, tenure, pi, p, AttritionByAxis[attritionRow + tenure]);
        }

        return sum;
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

    public override ProjectionResult Project(RatePath rates, double[] r, double[] df)
    {
        if (IsMixed)
        {
            return ProjectMixed(rates, df);
        }

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

    private ProjectionResult ProjectMixed(RatePath rates, double[] df)
    {
        var h = MaxPeriods;
        var credit = new double[h];
        var value = new double[h + 1];
        ValueTables(df, credit, value);

        // Population averages: alive[t] = E[S_t], buying[t] = E[S_t · π_t] over the quadrature nodes.
        var alive = new double[h];
        var buying = new double[h];
        var clv = -AcquisitionCost;
        for (var j = 0; j < Nodes.Count; j++)
        {
            clv += Nodes.W[j] * Forward(j, 0, df, credit, alive, buying);
        }

        var lines = new double[Lines.Length][];
        for (var i = 0; i < lines.Length; i++)
        {
            lines[i] = new double[h];
        }

        var rows = new ProjectionRow[h];
        var cumulative = -AcquisitionCost;
        for (var t = 0; t < h; t++)
        {
            var referrals = ExpectedReferrals(t, 1.0);
            var reward = Model.Employees.RewardPerPurchase;
            lines[0][t] = buying[t] * (Margin[t] + reward);
            lines[1][t] = -buying[t] * reward;
            lines[2][t] = -buying[t] * Failure[t] * RecoverySpend;
            lines[3][t] = -alive[t] * FeedbackCost;
            lines[4][t] = -buying[t] * referrals * Reward;
            lines[5][t] = Attribute ? buying[t] * referrals * value[t + 1] / df[t] : 0.0;
            var cf = 0.0;
            foreach (var line in lines)
            {
                cf += line[t];
            }

            var pv = df[t] * cf;
            cumulative += pv;
            rows[t] = new ProjectionRow(t, alive[t], cf, df[t], pv, cumulative);
        }

        return new ProjectionResult(Model, rates, rows, Lines, lines, [new CohortValue(0, 1.0, h, clv)]);
    }
}

/// <summary>
/// A tensor Gauss–Legendre rule on the probability scale over the active mixing dimensions of a
/// <see cref="CustomerHeterogeneity"/>: θ = F⁻¹(u) at nodes u = v³/(v³ + (1 − v)³) for the Gauss–Legendre nodes v on (0, 1)
/// (MathNet), weights times du/dv, multiplied across dimensions.
/// An inactive dimension contributes the single node m = 1, p = 0 or g = 1 with weight 1.
/// </summary>
internal sealed class QuadratureNodes
{
    private QuadratureNodes(double[] mAxis, double[] gAxis, int[] im, int[] ig, double[] p, double[] w)
    {
        MAxis = mAxis;
        GAxis = gAxis;
        IM = im;
        IG = ig;
        P = p;
        W = w;
    }

    public static QuadratureNodes Single { get; } = new([1.0], [1.0], [0], [0], [0.0], [1.0]);

    /// <summary>The purchase-rate multipliers of the m axis.</summary>
    public double[] MAxis { get; }

    /// <summary>The attrition-rate multipliers of the g axis.</summary>
    public double[] GAxis { get; }

    /// <summary>Per node, its index on the m axis.</summary>
    public int[] IM { get; }

    /// <summary>Per node, its index on the g axis.</summary>
    public int[] IG { get; }

    public double[] P { get; }

    public double[] W { get; }

    public int Count => W.Length;

    public static QuadratureNodes Build(CustomerHeterogeneity mix)
    {
        // Gauss–Legendre in v on (0, 1) with the sigmoidal substitution u = v³/(v³ + (1 − v)³): quantile integrands behave like
        // powers of u and 1 − u at the ends (e.g. (1 − u)^{c/k} for a Gamma multiplier), which the substitution raises to the
        // cube, so the rule converges fast instead of algebraically slowly.
        var rule = new GaussLegendreRule(0.0, 1.0, mix.QuadratureNodes);
        var u = new double[rule.Order];
        var uw = new double[rule.Order];
        for (var i = 0; i < u.Length; i++)
        {
            double v = rule.Abscissas[i], a3 = v * v * v, b3 = (1.0 - v) * (1.0 - v) * (1.0 - v), d = a3 + b3;
            u[i] = a3 / d;
            uw[i] = rule.Weights[i] * 3.0 * v * v * (1.0 - v) * (1.0 - v) / (d * d);
        }

        // Normalise so that each dimension's weights sum to 1 exactly (the rule integrates du/dv to ~1e-13): constants, and
        // so models whose cash flows do not depend on the mixed parameter, come out exactly.
        var total = uw.Sum();
        for (var i = 0; i < uw.Length; i++)
        {
            uw[i] /= total;
        }
        (double[] X, double[] W) Axis(Func<double, double>? inverse, double off)
        {
            if (inverse is null)
            {
                return ([off], [1.0]);
            }

            var x = new double[u.Length];
            for (var i = 0; i < u.Length; i++)
            {
                x[i] = inverse(u[i]);
            }

            return (x, uw);
        }

        var (ms, mw) = Axis(mix.PurchaseRateShape is { } k ? v => MixingQuantiles.GammaMeanOne(k, v) : null, 1.0);
        var (ps, pw) = Axis(mix.DropoutShapeA is { } a && mix.DropoutShapeB is { } b ? v => Beta.InvCDF(a, b, v) : null, 0.0);
        var (gs, gw) = Axis(mix.AttritionRateShape is { } s ? v => MixingQuantiles.GammaMeanOne(s, v) : null, 1.0);
        var n = checked(ms.Length * ps.Length * gs.Length);
        var im = new int[n];
        var ig = new int[n];
        var p = new double[n];
        var w = new double[n];
        var j = 0;
        for (var i1 = 0; i1 < ms.Length; i1++)
        {
            for (var i2 = 0; i2 < ps.Length; i2++)
            {
                for (var i3 = 0; i3 < gs.Length; i3++)
                {
                    im[j] = i1;
                    ig[j] = i3;
                    p[j] = ps[i2];
                    w[j] = mw[i1] * pw[i2] * gw[i3];
                    j++;
                }
            }
        }

        return new QuadratureNodes(ms, gs, im, ig, p, w);
    }
}

/// <summary>Quantiles of the mixing distributions, finite over the whole open unit interval the draws can produce.</summary>
internal static class MixingQuantiles
{
    /// <summary>
    /// The u-quantile of Gamma(k, rate k): MathNet's <c>Gamma.InvCDF</c>, except in the far upper tail where it returns a
    /// non-finite value (u within ~10⁻¹³ of 1); there the upper tail Q(k, k·x) = 1 − u (exact for u ≥ ½) is solved on
    /// ln Q by MathNet's Brent root finder on a doubling bracket.
    /// </summary>
    public static double GammaMeanOne(double shape, double u)
    {
        var x = Gamma.InvCDF(shape, shape, u);
        if (double.IsFinite(x))
        {
            return x;
        }

        var logTail = Math.Log(1.0 - u);
        double LogUpper(double y) => Math.Log(MathNet.Numerics.SpecialFunctions.GammaUpperRegularized(shape, shape * y)) - logTail;
        double lo = 0.0, hi = 1.0;
        while (LogUpper(hi) > 0.0)
        {
            lo = hi;
            hi *= 2.0;
        }

        return MathNet.Numerics.RootFinding.Brent.FindRoot(LogUpper, lo, hi, 1e-12, 500);
    }
}
