using LifetimeValue.Internal;
using LifetimeValue.Model;

namespace LifetimeValue.Projection;

/// <summary>
/// The exact expected-value engine: computes, without sampling, the expected cash flows of a
/// <see cref="LifecycleModel"/> period by period, conditional on one rate path.
/// </summary>
/// <remarks>
/// <para>For a customer acquired at age a, let <c>S_t = Π_{u&lt;t}(1 − h_u)</c> be the probability of still
/// being a customer at the start of period t. Adoption is drawn at stage entry independently of
/// attrition, so the expected cash flow of period t is
/// <c>S_t · [b_t + Σ_j p_j · (m_{j,t} − c_j)]</c> (base margin b, product adoption p, margin m, servicing c; with
/// <see cref="LifecycleModel.States"/> the margins b and m are multiplied by the expected state factor <c>E[f(s_t)]</c>)
/// and <c>CLV = −A + Σ_t D_{t+1} · E[CF_t]</c>, averaged over acquisition ages with their shares.</para>
/// <para>Cost: O(cohorts × periods × products). Thread safety: stateless; safe to call concurrently.</para>
/// </remarks>
public static class ExpectedValueEngine
{
    /// <summary>Projects a model along one rate path.</summary>
    /// <param name="model">The model.</param>
    /// <param name="rates">The annual short-rate path (must cover the longest horizon unless constant).</param>
    /// <returns>The projection table and its summary metrics.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">The model's parts do not fit, or the rate path is too short.</exception>
    public static ProjectionResult Project(StrategyModel model, RatePath rates)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(rates);
        var compiled = CompiledStrategy.Compile(model);
        var periods = compiled.MaxPeriods;
        var r = new double[periods];
        rates.CopyTo(r);
        var df = new double[periods];
        model.Discounting.Fill(r, df);
        return compiled.Project(rates, r, df);
    }

    internal static ProjectionResult ProjectLifecycle(CompiledModel compiled, RatePath rates, double[] r, double[] df)
    {
        var model = compiled.Model;
        var periods = compiled.MaxPeriods;

        // Relationship states scale margins (not servicing) by E[f(s_t)], independent of attrition and adoption.
        var factors = model.States?.ExpectedMarginFactors(periods);

        // Attrition frailty: S_t = (1 + L_t/k)^(−k), the Gamma Laplace transform of the cumulative hazard (margin dispersion has mean 1).
        var frailty = model.Heterogeneity?.AttritionFrailtyShape is null ? null : model.Heterogeneity;

        var lines = new double[compiled.LineNames.Length][];
        for (var i = 0; i < lines.Length; i++)
        {
            lines[i] = new double[periods];
        }

        var survival = new double[periods];
        var cohorts = new CohortValue[compiled.Cohorts.Length];
        for (var c = 0; c < compiled.Cohorts.Length; c++)
        {
            var plan = compiled.Cohorts[c];
            var w = plan.Share;
            var s = 1.0;
            var cumulativeHazard = 0.0;
            var pv = -compiled.AcquisitionCost;
            foreach (var seg in plan.Segments)
            {
                for (var t = seg.Start; t < seg.End; t++)
                {
                    var rate = r[t];
                    var f = factors?[t] ?? 1.0;
                    var cf = f * (plan.BaseIntercept[t] + (plan.BaseSlope[t] * rate));
                    lines[CompiledModel.BaseLine][t] += w * s * cf;
                    foreach (var slot in seg.Products)
                    {
                        var u = t - seg.Start;
                        var margin = f * (slot.Intercept[u] + (slot.Slope[u] * rate));
                        lines[slot.Line][t] += w * s * slot.Adoption * margin;
                        lines[compiled.ServicingLine][t] -= w * s * slot.Adoption * slot.Servicing;
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
        var cumulative = -compiled.AcquisitionCost;
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

        return new ProjectionResult(model, rates, rows, compiled.LineNames, lines, cohorts);
    }
}
