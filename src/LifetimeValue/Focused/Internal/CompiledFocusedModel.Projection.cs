using LifetimeValue.Projection;

namespace LifetimeValue.Focused.Internal;

/// <summary>The exact projection: expected cash flows by line and month.</summary>
internal sealed partial class CompiledFocusedModel
{
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
