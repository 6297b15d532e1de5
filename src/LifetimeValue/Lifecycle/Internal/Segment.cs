using LifetimeValue.Random;

namespace LifetimeValue.Lifecycle.Internal;

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
