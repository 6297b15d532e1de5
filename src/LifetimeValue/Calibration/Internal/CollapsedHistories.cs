namespace LifetimeValue.Calibration.Internal;

/// <summary>
/// Distinct (x, t_x, T) triples with multiplicities, time divided by a scale. The likelihood is summed over
/// distinct triples times their counts, which is exact and makes a fit cost O(distinct) instead of O(customers).
/// </summary>
internal sealed class CollapsedHistories
{
    private readonly Lazy<Points> _points;

    private CollapsedHistories(int[] x, double[] tx, double[] t, double[] weight, double scale, long totalFrequency)
    {
        var distinct = new SortedSet<int>(x);
        DistinctX = [.. distinct];
        var position = new Dictionary<int, int>();
        for (var k = 0; k < DistinctX.Length; k++)
        {
            position[DistinctX[k]] = k;
        }

        XIndex = new int[x.Length];
        for (var i = 0; i < x.Length; i++)
        {
            XIndex[i] = position[x[i]];
        }

        X = x;
        Tx = tx;
        T = t;
        Weight = weight;
        Scale = scale;
        TotalFrequency = totalFrequency;
        _points = new Lazy<Points>(BuildPoints);
    }

    /// <summary>Distinct (x, time) points, built on first use (only Pareto/NBD's I(t) terms need them).</summary>
    private Points BuildPoints()
    {
        var points = new Dictionary<(int, double), int>();
        var pointX = new List<int>();
        var pointTime = new List<double>();
        int Point(int xi, double time)
        {
            if (!points.TryGetValue((xi, time), out var k))
            {
                k = pointX.Count;
                points[(xi, time)] = k;
                pointX.Add(xi);
                pointTime.Add(time);
            }

            return k;
        }

        var recency = new int[X.Length];
        var age = new int[X.Length];
        for (var i = 0; i < X.Length; i++)
        {
            recency[i] = Point(X[i], Tx[i]);
            age[i] = Point(X[i], T[i]);
        }

        return new Points([.. pointX], [.. pointTime], recency, age);
    }

    public int[] X { get; }

    /// <summary>Frequency of each distinct (x, time) point.</summary>
    public int[] PointX => _points.Value.PointX;

    /// <summary>Time of each distinct (x, time) point.</summary>
    public double[] PointTime => _points.Value.PointTime;

    /// <summary>For each triple, the index of (x, t_x) among the points.</summary>
    public int[] RecencyPoint => _points.Value.RecencyPoint;

    /// <summary>For each triple, the index of (x, T) among the points.</summary>
    public int[] AgePoint => _points.Value.AgePoint;

    /// <summary>The distinct frequencies, ascending (x-only terms such as ln Γ(r + x) are computed once per value).</summary>
    public int[] DistinctX { get; }

    /// <summary>For each triple, the index of its x in <see cref="DistinctX"/>.</summary>
    public int[] XIndex { get; }

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

    private sealed record Points(int[] PointX, double[] PointTime, int[] RecencyPoint, int[] AgePoint);
}
