using LifetimeValue.Internal;
using LifetimeValue.Model;
using LifetimeValue.Scenarios;
using LifetimeValue.Simulation;

namespace LifetimeValue.Lifecycle.Internal;

/// <summary>
/// A <see cref="LifecycleModel"/> flattened for the engines: per acquisition cohort, the stage segments
/// it passes through (period ranges), hazards, adoption thresholds and per-period margin coefficients.
/// Built once per run; read-only afterwards, so safe to share across threads.
/// </summary>
internal sealed partial class CompiledLifecycleModel : CompiledStrategy
{
    public const int BaseLine = 0;

    public CompiledLifecycleModel(LifecycleModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        model.Validate();
        Model = model;

        var lineNames = new List<string> { "Base margin" };
        var lineOf = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var stage in model.Stages.Stages)
        {
            foreach (var product in stage.Products)
            {
                if (!lineOf.ContainsKey(product.Name))
                {
                    lineOf[product.Name] = lineNames.Count;
                    lineNames.Add(product.Name);
                }
            }
        }

        ServicingLine = lineNames.Count;
        lineNames.Add("Servicing cost");
        LineNames = [.. lineNames];

        var ages = model.Acquisition.Ages;
        Cohorts = new CohortPlan[ages.Count];
        for (var c = 0; c < ages.Count; c++)
        {
            Cohorts[c] = new CohortPlan(model, ages[c], model.Acquisition.Share(c), lineOf);
            MaxPeriods = Math.Max(MaxPeriods, Cohorts[c].Periods);
        }
    }

    public LifecycleModel Model { get; }

    public override StrategyModel Source => Model;

    public CohortPlan[] Cohorts { get; }

    public override int MaxPeriods { get; }

    public string[] LineNames { get; }

    public int ServicingLine { get; }

    public override ChunkKernel CreateKernel(ScenarioSet scenarios, SimulationOptions options) =>
        Model.States is null && Model.Heterogeneity is null ? new LifecycleChunkKernel(this, scenarios, options) : new MarkovLifecycleChunkKernel(this, scenarios, options);


    public override void AppendFingerprint(FingerprintBuilder f)
    {
        f.Text("lifecycle");
        f.Double(AcquisitionCost);
        f.Long(Model.Acquisition.TotalWeight);
        foreach (var w in Model.Acquisition.Weights)
        {
            f.Long(w);
        }

        if (Model.States is { } states)
        {
            f.Text("states");
            for (var i = 0; i < states.States.Count; i++)
            {
                f.Double(states.States[i].MarginFactor);
                for (var j = 0; j < states.States.Count; j++)
                {
                    f.Double(states.Transition(i, j));
                }
            }
        }

        if (Model.Heterogeneity is { } heterogeneity)
        {
            f.Text("heterogeneity");
            f.Double(heterogeneity.AttritionFrailtyShape ?? -1.0);
            f.Double(heterogeneity.MarginLogSigma);
        }

        foreach (var plan in Cohorts)
        {
            f.Long(plan.Age);
            f.Long(plan.Periods);
            f.Doubles(plan.BaseIntercept);
            f.Doubles(plan.BaseSlope);
            foreach (var seg in plan.Segments)
            {
                f.Long(seg.StageIndex);
                f.Long(seg.Start);
                f.Long(seg.End);
                f.Double(seg.Hazard);
                foreach (var slot in seg.Products)
                {
                    f.Double(slot.Adoption);
                    f.Double(slot.Servicing);
                    f.Doubles(slot.Intercept);
                    f.Doubles(slot.Slope);
                }
            }
        }
    }
}
