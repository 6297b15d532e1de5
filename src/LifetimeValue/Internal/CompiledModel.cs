using LifetimeValue.Model;
using LifetimeValue.Projection;
using LifetimeValue.Random;
using LifetimeValue.Scenarios;
using LifetimeValue.Simulation;
using LifetimeValue.Simulation.Internal;

namespace LifetimeValue.Internal;

/// <summary>
/// A <see cref="LifecycleModel"/> flattened for the engines: per acquisition cohort, the stage segments
/// it passes through (period ranges), hazards, adoption thresholds and per-period margin coefficients.
/// Built once per run; read-only afterwards, so safe to share across threads.
/// </summary>
internal sealed class CompiledModel : CompiledStrategy
{
    public const int BaseLine = 0;

    public CompiledModel(LifecycleModel model)
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

    public override ProjectionResult Project(RatePath rates, double[] r, double[] df) => ExpectedValueEngine.ProjectLifecycle(this, rates, r, df);

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

/// <summary>One acquisition age's path through the ladder.</summary>
internal sealed class CohortPlan
{
    public CohortPlan(LifecycleModel model, int age, double share, Dictionary<string, int> lineOf)
    {
        Age = age;
        Share = share;
        Periods = model.Horizon.PeriodsFor(age);
        BaseIntercept = new double[Periods];
        BaseSlope = new double[Periods];
        var segments = new List<Segment>();
        var ladder = model.Stages;
        var t = 0;
        while (t < Periods)
        {
            var ageNow = age + (t / 12);
            var k = ladder.IndexOf(ageNow);
            var stage = ladder.Stages[k];
            var end = Math.Min(Periods, 12 * (stage.EndAge - age));
            segments.Add(new Segment(k, stage, t, end, age, lineOf));
            for (var u = t; u < end; u++)
            {
                var a = age + (u / 12);
                BaseIntercept[u] = stage.BaseMargin.Intercept.ValueAt(a);
                BaseSlope[u] = stage.BaseMargin.RateSlope.ValueAt(a);
            }

            t = end;
        }

        Segments = [.. segments];

        // Layout of the per-scenario prefix-sum table (and of the per-chunk count table): the base column
        // over [0, Periods] first, then one column of Length + 1 entries per product slot.
        var offset = Periods + 1;
        foreach (var seg in Segments)
        {
            foreach (var slot in seg.Products)
            {
                slot.Offset = offset;
                offset += seg.Length + 1;
            }
        }

        TableLength = offset;
    }

    /// <summary>Entries of the per-scenario prefix table for this cohort.</summary>
    public int TableLength { get; }

    public int Age { get; }

    public double Share { get; }

    public int Periods { get; }

    public Segment[] Segments { get; }

    public double[] BaseIntercept { get; }

    public double[] BaseSlope { get; }
}

/// <summary>The periods [Start, End) a cohort spends in one stage.</summary>
internal sealed class Segment
{
    public Segment(int stageIndex, LifeStage stage, int start, int end, int acquisitionAge, Dictionary<string, int> lineOf)
    {
        StageIndex = stageIndex;
        Start = start;
        End = end;
        Hazard = stage.MonthlyHazard;
        HazardThreshold = RandomDraws.BernoulliThreshold(Hazard);
        LogRetention = Math.Log(1.0 - Hazard); // −∞ when the hazard is 1

        // Survival powers ρⁿ, n = 0..Length, computed once on the host: the event-time draw is defined by exact
        // comparisons against this table (see LifecycleKernel), so every device gets the same month.
        var rho = 1.0 - Hazard;
        SurvivalPowers = new double[Length + 1];
        SurvivalPowers[0] = 1.0;
        for (var n = 1; n <= Length; n++)
        {
            // Never increasing by construction (pow may round up by an ulp for ρ within 1e-15 of 1), so a binary search and
            // the linear correction in the kernel agree on every device.
            SurvivalPowers[n] = Math.Min(Math.Pow(rho, n), SurvivalPowers[n - 1]);
        }
        Products = new ProductSlot[stage.Products.Count];
        for (var j = 0; j < Products.Length; j++)
        {
            Products[j] = new ProductSlot(stage.Products[j], start, end, acquisitionAge, lineOf[stage.Products[j].Name]);
        }
    }

    public int StageIndex { get; }

    public int Start { get; }

    public int End { get; }

    public int Length => End - Start;

    public double Hazard { get; }

    public ulong HazardThreshold { get; }

    public double LogRetention { get; }

    /// <summary><c>SurvivalPowers[n] = ρⁿ</c> (ρ = 1 − h), n = 0..<see cref="Length"/>: P(surviving n months of the stage).</summary>
    public double[] SurvivalPowers { get; }

    public ProductSlot[] Products { get; }
}

/// <summary>A product as offered in one segment, with its gross margin coefficients per period.</summary>
internal sealed class ProductSlot
{
    public ProductSlot(Product product, int start, int end, int acquisitionAge, int line)
    {
        Line = line;
        Adoption = product.AdoptionProbability;
        AdoptionThreshold = RandomDraws.BernoulliThreshold(Adoption);
        Servicing = product.MonthlyServicingCost;
        Intercept = new double[end - start];
        Slope = new double[end - start];
        for (var u = start; u < end; u++)
        {
            var age = acquisitionAge + (u / 12);
            Intercept[u - start] = product.Margin.Intercept.ValueAt(age);
            Slope[u - start] = product.Margin.RateSlope.ValueAt(age);
        }
    }

    public int Line { get; }

    /// <summary>Where this slot's column starts in the cohort's table.</summary>
    public int Offset { get; set; }

    public double Adoption { get; }

    public ulong AdoptionThreshold { get; }

    public double Servicing { get; }

    /// <summary>Gross margin intercept per period of the segment (index u − Start).</summary>
    public double[] Intercept { get; }

    /// <summary>Gross margin rate slope per period of the segment.</summary>
    public double[] Slope { get; }
}
