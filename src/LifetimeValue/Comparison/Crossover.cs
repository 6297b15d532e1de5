namespace LifetimeValue.Comparison;

/// <summary>
/// Where two strategies' mean cumulative PV curves cross. A strategy's curve is extended flat beyond its horizon
/// (it earns nothing more), so curves of different lengths compare month by month.
/// </summary>
/// <param name="First">Name of the first strategy.</param>
/// <param name="Second">Name of the second strategy.</param>
/// <param name="LeaderAtEnd">Name of the strategy ahead at the end (the longer horizon); null when equal.</param>
/// <param name="OvertakingMonth">The month from which <see cref="LeaderAtEnd"/> stays strictly ahead to the end, when the lead changed
/// hands at least once; null when one strategy is never behind (no crossover) or they end level.</param>
/// <param name="FirstCrossingMonth">The first month at which the strategy behind at month 1 catches up (≥); null if it never does.</param>
public readonly record struct Crossover(string First, string Second, string? LeaderAtEnd, int? OvertakingMonth, int? FirstCrossingMonth)
{
    /// <summary><see cref="OvertakingMonth"/> in years (month / 12); null when there is none.</summary>
    public double? OvertakingYears => OvertakingMonth / 12.0;

    internal static Crossover Between(string first, string second, IReadOnlyList<double> a, IReadOnlyList<double> b)
    {
        var n = Math.Max(a.Count, b.Count);
        double D(int k) => a[Math.Min(k, a.Count - 1)] - b[Math.Min(k, b.Count - 1)];
        var end = D(n - 1);
        string? leader = end > 0 ? first : end < 0 ? second : null;
        int? overtaking = null;
        if (leader is not null)
        {
            var sign = Math.Sign(end);
            var k = n - 1;
            while (k > 0 && Math.Sign(D(k - 1)) == sign)
            {
                k--;
            }

            // k is the start of the final run where the end leader is strictly ahead; a lead change happened if k > 1
            // (month 0 is the acquisition cost alone, where the cheaper acquisition leads by construction).
            overtaking = k > 1 ? k : null;
        }

        int? firstCrossing = null;
        var start = Math.Sign(D(Math.Min(1, n - 1)));
        if (start != 0)
        {
            for (var k = 2; k < n; k++)
            {
                if (Math.Sign(D(k)) != start)
                {
                    firstCrossing = k;
                    break;
                }
            }
        }

        return new Crossover(first, second, leader, overtaking, firstCrossing);
    }
}
