namespace LifetimeValue.Calibration;

/// <summary>
/// The sufficient statistics of one customer's repeat-purchase history in a calibration period:
/// frequency x, recency t_x and age T (Fader, Hardie and Lee 2005).
/// </summary>
/// <param name="Frequency">x: number of repeat purchases (purchase days after the first), ≥ 0.</param>
/// <param name="Recency">t_x: time from the first purchase to the last repeat purchase, in the caller's time
/// unit; 0 when x = 0; 0 ≤ t_x ≤ T.</param>
/// <param name="Age">T: time from the first purchase to the end of the calibration period, in the same unit, &gt; 0.</param>
/// <remarks>
/// <para>The models never convert units: the parameters α (BG/NBD, Pareto/NBD) and β (Pareto/NBD) come out in
/// the unit of <paramref name="Recency"/> and <paramref name="Age"/>.</para>
/// <para>Thread safety: an immutable value.</para>
/// </remarks>
public readonly record struct RepeatHistory(int Frequency, double Recency, double Age)
{
    /// <summary>Checks the invariants 0 ≤ x, 0 ≤ t_x ≤ T, T &gt; 0, t_x = 0 when x = 0, all finite.</summary>
    /// <param name="histories">The histories to check.</param>
    /// <param name="paramName">The argument name used in the exception.</param>
    /// <exception cref="ArgumentNullException"><paramref name="histories"/> is null.</exception>
    /// <exception cref="ArgumentException">The list is empty or an element breaks an invariant; the message names the index.</exception>
    public static void Validate(IReadOnlyList<RepeatHistory> histories, string paramName = "histories")
    {
        ArgumentNullException.ThrowIfNull(histories, paramName);
        if (histories.Count == 0)
        {
            throw new ArgumentException($"{paramName} must not be empty.", paramName);
        }

        for (var i = 0; i < histories.Count; i++)
        {
            var h = histories[i];
            var problem =
                h.Frequency < 0 ? "frequency must be ≥ 0" :
                !(double.IsFinite(h.Age) && h.Age > 0) ? "age T must be a finite number > 0" :
                !(double.IsFinite(h.Recency) && h.Recency >= 0 && h.Recency <= h.Age) ? "recency must be in [0, T]" :
                h.Frequency == 0 && h.Recency != 0 ? "recency must be 0 when frequency is 0" :
                null;
            if (problem is not null)
            {
                throw new ArgumentException(
                    FormattableString.Invariant($"{paramName}[{i}] = (x={h.Frequency}, t_x={h.Recency:R}, T={h.Age:R}): {problem}."),
                    paramName);
            }
        }
    }
}
