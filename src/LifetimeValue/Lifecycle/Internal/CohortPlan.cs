namespace LifetimeValue.Lifecycle.Internal;

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
