namespace LifetimeValue.Calibration;

/// <summary>
/// Distinct (x, t_x, T) triples with multiplicities, time divided by a scale. The likelihood is summed over
/// distinct triples times their counts, which is exact and makes a fit cost O(distinct) instead of O(customers).
/// </summary>
internal sealed class CollapsedHistories
{
    private CollapsedHistories(int[] x, double[] tx, double[] t, double[] weight, double scale, long totalFrequency)
    {
        X = x;
        Tx = tx;
        T = t;
        Weight = weight;
        Scale = scale;
        TotalFrequency = totalFrequency;
    }

    public int[] X { get; }

    public double[] Tx { get; }

    public double[] T { get; }

    public double[] Weight { get; }

    public double Scale { get; }

    public long TotalFrequency { get; }

    public int Count => X.Length;

    public static CollapsedHistories Create(IReadOnlyList<RepeatHistory> histories, bool rescale)
    {
        double scale = 1.0;
        if (rescale)
        {
            scale = 0;
            foreach (var h in histories)
            {
                scale = Math.Max(scale, h.Age);
            }
        }

        var index = new Dictionary<RepeatHistory, int>();
        var counts = new List<double>();
        var keys = new List<RepeatHistory>();
        long total = 0;
        foreach (var h in histories)
        {
            total += h.Frequency;
            if (index.TryGetValue(h, out var k))
            {
                counts[k] += 1;
            }
            else
            {
                index[h] = keys.Count;
                keys.Add(h);
                counts.Add(1);
            }
        }

        var n = keys.Count;
        var x = new int[n];
        var tx = new double[n];
        var t = new double[n];
        for (var i = 0; i < n; i++)
        {
            x[i] = keys[i].Frequency;
            tx[i] = keys[i].Recency / scale;
            t[i] = keys[i].Age / scale;
        }

        return new CollapsedHistories(x, tx, t, counts.ToArray(), scale, total);
    }
}
