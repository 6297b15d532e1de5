using LifetimeValue.Internal;

namespace LifetimeValue.Calibration;

/// <summary>
/// The Kaplan–Meier product-limit estimator of a retention (survival) curve from contractual data with right
/// censoring (Kaplan and Meier 1958, "Nonparametric estimation from incomplete observations", JASA 53(282), 457–481),
/// with Greenwood's (1926) variance.
/// </summary>
/// <remarks>
/// <para>Ŝ(t) = Π_{t_i ≤ t} (1 − d_i/n_i), with d_i churns at t_i and n_i customers at risk just before t_i. A customer
/// censored at the same time as churns is counted at risk at that time (the usual convention).</para>
/// <para>Thread safety: all members are pure.</para>
/// </remarks>
public static class KaplanMeier
{
    /// <summary>Estimates the curve.</summary>
    /// <param name="durations">Tenure of each customer (time to churn, or to the end of observation if still active), finite and ≥ 0.</param>
    /// <param name="churned">For each customer, true if the duration ends in churn (event), false if censored (still active).</param>
    /// <returns>The curve.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">The lists are empty or differ in length, or a duration is negative or not finite.</exception>
    public static SurvivalCurve Estimate(IReadOnlyList<double> durations, IReadOnlyList<bool> churned)
    {
        Guard.NotEmpty(durations);
        ArgumentNullException.ThrowIfNull(churned);
        if (churned.Count != durations.Count)
        {
            throw new ArgumentException(FormattableString.Invariant($"churned must have one entry per duration ({durations.Count}; was {churned.Count})."), nameof(churned));
        }

        var order = new int[durations.Count];
        for (var i = 0; i < order.Length; i++)
        {
            if (!(double.IsFinite(durations[i]) && durations[i] >= 0))
            {
                throw new ArgumentException(FormattableString.Invariant($"durations[{i}] must be a finite number ≥ 0 (was {durations[i]:R})."), nameof(durations));
            }

            order[i] = i;
        }

        Array.Sort(order, (x, y) => durations[x].CompareTo(durations[y]));
        var times = new List<double>();
        var atRisk = new List<int>();
        var events = new List<int>();
        var censored = new List<int>();
        var survival = new List<double>();
        var errors = new List<double>();
        int risk = durations.Count, k = 0;
        double s = 1.0, greenwood = 0.0;
        while (k < order.Length)
        {
            double t = durations[order[k]];
            int d = 0, c = 0;
            while (k < order.Length && durations[order[k]] == t)
            {
                if (churned[order[k]])
                {
                    d++;
                }
                else
                {
                    c++;
                }

                k++;
            }

            if (d > 0)
            {
                s *= 1.0 - (double)d / risk;
                greenwood += risk > d ? (double)d / ((double)risk * (risk - d)) : double.PositiveInfinity;
                times.Add(t);
                atRisk.Add(risk);
                events.Add(d);
                censored.Add(c);
                survival.Add(s);
                errors.Add(s > 0 ? s * Math.Sqrt(greenwood) : double.NaN);
            }
            else if (censored.Count > 0)
            {
                censored[^1] += c;
            }

            risk -= d + c;
        }

        return new SurvivalCurve([.. times], [.. atRisk], [.. events], [.. censored], [.. survival], [.. errors], durations.Count);
    }
}
