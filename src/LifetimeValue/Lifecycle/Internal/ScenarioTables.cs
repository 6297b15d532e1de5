using LifetimeValue.Scenarios;

namespace LifetimeValue.Lifecycle.Internal;

/// <summary>
/// Per-scenario precomputation shared by every customer of a scenario: the rate path, discount factors
/// and, per cohort, prefix sums of discounted flows (base column and one column per product slot).
/// A customer's PV is then a handful of table look-ups. One instance per worker thread, rebuilt when
/// the worker moves to another scenario.
/// </summary>
internal sealed class ScenarioTables
{
    private readonly CompiledLifecycleModel _model;

    public ScenarioTables(CompiledLifecycleModel model)
    {
        _model = model;
        Rates = new double[model.MaxPeriods];
        DiscountFactors = new double[model.MaxPeriods];
        Prefix = new double[model.Cohorts.Length][];
        for (var c = 0; c < Prefix.Length; c++)
        {
            Prefix[c] = new double[model.Cohorts[c].TableLength];
        }
    }

    public int Scenario { get; private set; } = -1;

    public double[] Rates { get; }

    public double[] DiscountFactors { get; }

    /// <summary>Per cohort: prefix sums of discounted flows, laid out as <see cref="CohortPlan.TableLength"/> says.</summary>
    public double[][] Prefix { get; }

    public void Build(ScenarioSet scenarios, int scenario)
    {
        if (scenario == Scenario)
        {
            return;
        }

        scenarios.Path(scenario)[..Rates.Length].CopyTo(Rates);
        _model.Model.Discounting.Fill(Rates, DiscountFactors);
        for (var c = 0; c < _model.Cohorts.Length; c++)
        {
            FillCohort(_model.Cohorts[c], Rates, DiscountFactors, Prefix[c]);
        }

        Scenario = scenario;
    }

    /// <summary>
    /// Fills one cohort's prefix table (<see cref="CohortPlan.TableLength"/> entries) from a scenario's rates and discount
    /// factors: the base column over [0, Periods], then one column per product slot. The one place these sums are formed,
    /// so every engine and backend that reads them sees the same bits.
    /// </summary>
    public static void FillCohort(CohortPlan plan, ReadOnlySpan<double> r, ReadOnlySpan<double> df, Span<double> p)
    {
        p[0] = 0.0;
        for (var t = 0; t < plan.Periods; t++)
        {
            p[t + 1] = p[t] + (df[t] * (plan.BaseIntercept[t] + (plan.BaseSlope[t] * r[t])));
        }

        foreach (var seg in plan.Segments)
        {
            foreach (var slot in seg.Products)
            {
                var o = slot.Offset;
                p[o] = 0.0;
                for (var u = 0; u < seg.Length; u++)
                {
                    var t = seg.Start + u;
                    p[o + u + 1] = p[o + u] + (df[t] * (slot.Intercept[u] + (slot.Slope[u] * r[t]) - slot.Servicing));
                }
            }
        }
    }
}
