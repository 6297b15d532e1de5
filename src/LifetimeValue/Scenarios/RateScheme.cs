namespace LifetimeValue.Scenarios;

/// <summary>How a <see cref="ShortRateModel"/> steps its short rate from one monthly period to the next.</summary>
/// <remarks>
/// <para>Supported schemes per model:</para>
/// <list type="table">
/// <listheader><term>Model</term><description>Schemes</description></listheader>
/// <item><term><see cref="Vasicek"/></term><description><see cref="Euler"/>, <see cref="Exact"/> (exact Ornstein–Uhlenbeck transition).</description></item>
/// <item><term><see cref="HullWhite"/></term><description><see cref="Euler"/>, <see cref="Exact"/> (exact Ornstein–Uhlenbeck transition of the centred factor).</description></item>
/// <item><term><see cref="CoxIngersollRoss"/></term><description><see cref="Euler"/> only, with full truncation (Lord, Koekkoek and van Dijk 2010).</description></item>
/// </list>
/// <para>Thread safety: an enumeration value.</para>
/// </remarks>
public enum RateScheme
{
    /// <summary>
    /// Euler–Maruyama: r_{t+1} = r_t + drift(r_t)·Δ + diffusion(r_t)·√Δ·Z_t with Δ = 1/12 year. The moments
    /// carry an O(Δ) discretisation bias (for Vasicek, a relative variance bias of about κΔ/2).
    /// </summary>
    Euler = 0,

    /// <summary>
    /// The exact Gaussian transition of an Ornstein–Uhlenbeck process over Δ: the rates at the monthly grid
    /// points have exactly the continuous-time distribution.
    /// </summary>
    Exact = 1,
}
