using LifetimeValue.Internal;

namespace LifetimeValue.Calibration;

/// <summary>A Kaplan–Meier survival (retention) curve: one row per distinct event time.</summary>
/// <remarks>Thread safety: immutable.</remarks>
public sealed class SurvivalCurve
{
    internal SurvivalCurve(double[] times, int[] atRisk, int[] events, int[] censored, double[] survival, double[] standardError, int subjects)
    {
        Times = ReadOnly.Of(times);
        AtRisk = ReadOnly.Of(atRisk);
        Events = ReadOnly.Of(events);
        Censored = ReadOnly.Of(censored);
        Survival = ReadOnly.Of(survival);
        StandardError = ReadOnly.Of(standardError);
        Subjects = subjects;
    }

    /// <summary>Distinct times with at least one event (churn), ascending, in the caller's unit.</summary>
    public IReadOnlyList<double> Times { get; }

    /// <summary>n_i: subjects at risk just before <see cref="Times"/>[i].</summary>
    public IReadOnlyList<int> AtRisk { get; }

    /// <summary>d_i: events at <see cref="Times"/>[i].</summary>
    public IReadOnlyList<int> Events { get; }

    /// <summary>Subjects censored in [Times[i], Times[i+1]) (censored at an event time count as still at risk at it).</summary>
    public IReadOnlyList<int> Censored { get; }

    /// <summary>Ŝ(Times[i]) = Π_{j ≤ i} (1 − d_j/n_j).</summary>
    public IReadOnlyList<double> Survival { get; }

    /// <summary>Greenwood standard error of Ŝ: Ŝ·√(Σ_{j ≤ i} d_j/(n_j(n_j − d_j))); NaN once Ŝ = 0.</summary>
    public IReadOnlyList<double> StandardError { get; }

    /// <summary>Number of subjects.</summary>
    public int Subjects { get; }

    /// <summary>Ŝ(t), the right-continuous step function (1 before the first event time).</summary>
    /// <param name="t">Time in the caller's unit (any finite number).</param>
    /// <returns>The estimated probability of surviving beyond <paramref name="t"/>.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="t"/> is not finite.</exception>
    public double At(double t)
    {
        Guard.Finite(t);
        int lo = 0, hi = Times.Count - 1, found = -1;
        while (lo <= hi)
        {
            int mid = (lo + hi) / 2;
            if (Times[mid] <= t)
            {
                found = mid;
                lo = mid + 1;
            }
            else
            {
                hi = mid - 1;
            }
        }

        return found < 0 ? 1.0 : Survival[found];
    }
}
