using LifetimeValue.Projection;

namespace LifetimeValue.Lifecycle.Internal;

/// <summary>
/// The exact projection of a lifecycle model along one rate path (see <see cref="ExpectedValueEngine"/> for the formula).
/// </summary>
internal sealed partial class CompiledLifecycleModel
{
    public override ProjectionResult Project(RatePath rates, double[] r, double[] df)
    {
        var model = Model;
        var periods = MaxPeriods;

        // Relationship states scale margins (not servicing) by E[f(s_t)], independent of attrition and adoption.
        var factors = model.States?.ExpectedMarginFactors(periods);

        // Attrition frailty: S_t = (1 + L_t/k)^(−k), the Gamma Laplace transform of the cumulative hazard (margin dispersion has mean 1).
        var frailty = model.Heterogeneity?.AttritionFrailtyShape is null ? null : model.Heterogeneity;

        var lines = new double[LineNames.Length][];
        for (var i = 0; i < lines.Length; i++)
        {
            lines[i] = new double[periods];
        }

        var survival = new double[periods];
        var cohorts = new CohortValue[Cohorts.Length];
        for (var c = 0; c < Cohorts.Length; c++)
        {
            var plan = Cohorts[c];
            var w = plan.Share;
            var s = 1.0;
            var cumulativeHazard = 0.0;
            var pv = -AcquisitionCost;
            foreach (var seg in plan.Segments)
            {
                for (var t = seg.Start; t < seg.End; t++)
                {
                    var rate = r[t];
                    var f = factors?[t] ?? 1.0;
                    var cf = f * (plan.BaseIntercept[t] + (plan.BaseSlope[t] * rate));
                    lines[BaseLine][t] += w * s * cf;
                    foreach (var slot in seg.Products)
                    {
                        var u = t - seg.Start;
                        var margin = f * (slot.Intercept[u] + (slot.Slope[u] * rate));
                        lines[slot.Line][t] += w * s * slot.Adoption * margin;
                        lines[ServicingLine][t] -= w * s * slot.Adoption * slot.Servicing;
                        cf += slot.Adoption * (margin - slot.Servicing);
                    }

                    pv += df[t] * s * cf;
                    survival[t] += w * s;
                    if (frailty is null)
                    {
                        s *= 1.0 - seg.Hazard;
                    }
                    else
                    {
                        cumulativeHazard -= seg.LogRetention;
                        s = frailty.Survival(cumulativeHazard);
                    }
                }
            }

            cohorts[c] = new CohortValue(plan.Age, w, plan.Periods, pv);
        }

        var rows = new ProjectionRow[periods];
        var cumulative = -AcquisitionCost;
        for (var t = 0; t < periods; t++)
        {
            var cf = 0.0;
            for (var i = 0; i < lines.Length; i++)
            {
                cf += lines[i][t];
            }

            var pv = cf * df[t];
            cumulative += pv;
            rows[t] = new ProjectionRow(t, survival[t], cf, df[t], pv, cumulative);
        }

        return new ProjectionResult(model, rates, rows, LineNames, lines, cohorts);
    }
}
