namespace LifetimeValue.Focused.Internal;

/// <summary>The value recursion of the exact engine (see the class remarks).</summary>
internal sealed partial class CompiledFocusedModel
{
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
}
