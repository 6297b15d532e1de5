namespace LifetimeValue.Calibration.Panel.Internal;

/// <summary>
/// Finds stage boundaries from per-age statistics by binary segmentation (Scott and Knott 1974; Killick and Eckley 2014,
/// "changepoint: an R package for changepoint analysis", J. Stat. Software 58(3)): a stage is an age range in which the
/// monthly attrition hazard and each product's holding share are constant; the range is split at the age that most
/// raises the log-likelihood, as long as the gain exceeds the BIC penalty.
/// </summary>
/// <remarks>
/// <para>Log-likelihood of a range [s, e): attrition <c>D ln h + (E − D) ln(1 − h)</c> with h = D/E over exposure
/// months E and closures D; holdings <c>Σ_p H_p ln π_p + (N − H_p) ln(1 − π_p)</c> with π_p = H_p/N over the N customer-years
/// (a customer's first month at each age) of which H_p hold product p. A split is kept when its gain exceeds
/// ½ (1 + P) ln n (n = exposure months + customer-years, P products), and both parts span at least the minimum width;
/// splitting stops at the maximum number of stages.</para>
/// </remarks>
internal static class StageFinder
{
    public static int[] Find(long[] exposure, long[] closures, long[] entries, IReadOnlyList<long[]> entryHolders, int minimumYears, int maximumStages)
    {
        var first = Array.FindIndex(exposure, e => e > 0);
        var last = Array.FindLastIndex(exposure, e => e > 0);
        if (first < 0)
        {
            return [];
        }

        var start = first;
        var end = last + 1;
        double total = 0;
        for (var a = start; a < end; a++)
        {
            total += exposure[a] + entries[a];
        }

        var penalty = 0.5 * (1 + entryHolders.Count) * Math.Log(Math.Max(2.0, total));
        var cuts = new List<int> { start, end };
        while (cuts.Count - 1 < maximumStages)
        {
            double bestGain = 0;
            var bestCut = -1;
            for (var i = 0; i + 1 < cuts.Count; i++)
            {
                var s = cuts[i];
                var e = cuts[i + 1];
                var whole = LogLikelihood(s, e, exposure, closures, entries, entryHolders);
                for (var c = s + minimumYears; c <= e - minimumYears; c++)
                {
                    var gain = LogLikelihood(s, c, exposure, closures, entries, entryHolders) + LogLikelihood(c, e, exposure, closures, entries, entryHolders) - whole;
                    if (gain > bestGain)
                    {
                        bestGain = gain;
                        bestCut = c;
                    }
                }
            }

            if (bestCut < 0 || bestGain <= penalty)
            {
                break;
            }

            cuts.Add(bestCut);
            cuts.Sort();
        }

        return [.. cuts];
    }

    private static double LogLikelihood(int s, int e, long[] exposure, long[] closures, long[] entries, IReadOnlyList<long[]> holders)
    {
        double ex = 0, d = 0, n = 0;
        for (var a = s; a < e; a++)
        {
            ex += exposure[a];
            d += closures[a];
            n += entries[a];
        }

        var ll = Binomial(d, ex);
        foreach (var h in holders)
        {
            double x = 0;
            for (var a = s; a < e; a++)
            {
                x += h[a];
            }

            ll += Binomial(x, n);
        }

        return ll;
    }

    /// <summary>The maximised binomial log-likelihood x ln(x/n) + (n − x) ln(1 − x/n), with 0 ln 0 = 0.</summary>
    private static double Binomial(double x, double n)
    {
        if (n <= 0)
        {
            return 0;
        }

        var p = x / n;
        return (x > 0 ? x * Math.Log(p) : 0) + (n - x > 0 ? (n - x) * Math.Log(1 - p) : 0);
    }
}
