using LifetimeValue.Internal;
using LifetimeValue.Model;

namespace LifetimeValue.Focused;

/// <summary>
/// An empirical attrition curve: the probability h_τ that a customer active in tenure month τ (months since its own
/// acquisition, 0 = the acquisition month) leaves at the end of that month.
/// </summary>
/// <remarks>
/// <para>The curve has at least one month; beyond its last month it is extended by its last value (so a one-element curve is
/// a constant hazard). Survival to the start of tenure month τ is <c>Π_{u&lt;τ} (1 − h_u)</c>. In a
/// <see cref="CustomerFocusedModel"/> the curve combines with the constant <see cref="PurchaseProcess.MonthlyAttrition"/> h as
/// independent causes: <c>1 − (1 − h)(1 − h_τ)</c> (set h = 0 to replace it). Curves from calibration models:
/// <c>LifetimeValue.Calibration.Bridge.SimulatorInputs</c>.</para>
/// <para>Thread safety: immutable; safe to share.</para>
/// </remarks>
public sealed class TenureAttritionCurve : IEquatable<TenureAttritionCurve>
{
    private readonly double[] _hazards;

    /// <summary>Creates a curve.</summary>
    /// <param name="monthlyHazards">h_0, h_1, …: 1 to 1200 probabilities, each in [0, 1].</param>
    /// <exception cref="ArgumentNullException"><paramref name="monthlyHazards"/> is null.</exception>
    /// <exception cref="ArgumentException">Empty, longer than 1200 months, or a value outside [0, 1] (the message names its index).</exception>
    public TenureAttritionCurve(IReadOnlyList<double> monthlyHazards)
    {
        Guard.NotEmpty(monthlyHazards);
        Guard.InRange(monthlyHazards.Count, 1, StrategyModel.MaxHorizonMonths, "monthlyHazards.Count");
        _hazards = new double[monthlyHazards.Count];
        MonthlyHazards = ReadOnly.Wrap(_hazards);
        for (var i = 0; i < _hazards.Length; i++)
        {
            var h = monthlyHazards[i];
            if (!(h >= 0.0 && h <= 1.0))
            {
                Guard.Throw($"monthlyHazards[{i}]", h, "must be in [0, 1]", nameof(monthlyHazards));
            }

            _hazards[i] = h;
        }
    }

    /// <summary>The hazards as given, h_0 … h_{n−1}.</summary>
    public IReadOnlyList<double> MonthlyHazards { get; }

    /// <summary>The hazard in tenure month <paramref name="month"/>; the last value beyond the curve.</summary>
    /// <param name="month">Tenure month, ≥ 0.</param>
    /// <returns>h_month, in [0, 1].</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="month"/> is negative.</exception>
    public double At(int month)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(month);
        return _hazards[Math.Min(month, _hazards.Length - 1)];
    }

    /// <summary>Survival to the start of tenure month <paramref name="month"/>: <c>Π_{u&lt;month} (1 − h_u)</c>.</summary>
    /// <param name="month">Tenure month, ≥ 0.</param>
    /// <returns>A probability; 1 at month 0.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="month"/> is negative.</exception>
    public double Survival(int month)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(month);
        var s = 1.0;
        for (var u = 0; u < month; u++)
        {
            s *= 1.0 - At(u);
        }

        return s;
    }

    /// <inheritdoc/>
    public bool Equals(TenureAttritionCurve? other) => other is not null && _hazards.AsSpan().SequenceEqual(other._hazards);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as TenureAttritionCurve);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(_hazards.Length, _hazards[0], _hazards[^1]);
}
