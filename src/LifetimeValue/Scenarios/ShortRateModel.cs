using System.Globalization;
using LifetimeValue.Internal;

namespace LifetimeValue.Scenarios;

/// <summary>
/// A one-factor short-rate model for economic scenarios: <see cref="Vasicek"/>, <see cref="CoxIngersollRoss"/>
/// or <see cref="HullWhite"/>. The rate is an annual, continuously compounded short rate; paths are generated
/// on a monthly grid (Δ = <see cref="ScenarioSet.PeriodYears"/>) by <see cref="ScenarioSet.Generate"/>.
/// </summary>
/// <remarks>
/// <para>
/// Grid convention: a path is r_0 … r_{T−1}, r_t being the rate in force during period t
/// (from t·Δ to (t + 1)·Δ) and r_0 the model's initial rate (each model's <c>InitialRate</c>). Discount factors use the left-point
/// integral D_{t+1} = exp(−Σ_{j≤t} r_j·Δ) (see <see cref="DiscountFactors"/>).
/// </para>
/// <para>
/// The closed forms (<see cref="ExpectedRate"/>, <see cref="RateVariance"/>, <see cref="ZeroCouponBondPrice"/>)
/// are those of the continuous-time model; they are the oracles of the simulation tests. With
/// <see cref="RateScheme.Exact"/> the simulated rates at grid points have exactly these moments; with
/// <see cref="RateScheme.Euler"/> they carry an O(κΔ) bias (W1: 1.2 % of the one-year variance). The left-point
/// discounting adds an O(Δ) bias of about P·Δ·(E[r(t)] − r₀)/2 to bond prices: negligible for W1 (under 1.5·10⁻⁴),
/// but 9·10⁻⁴ at one year for a rate falling from 6 % to 2 % (κ = 0.8). <see cref="HullWhite"/> has none: its drift
/// is fitted on the grid itself.
/// </para>
/// <para>The hierarchy is closed: only the models of this library derive from it.</para>
/// <para>Thread safety: immutable; all members are safe to call concurrently.</para>
/// </remarks>
public abstract record ShortRateModel
{
    private protected ShortRateModel()
    {
    }

    /// <summary>The time-stepping scheme; which schemes a model supports is listed on <see cref="RateScheme"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The model does not support the scheme.</exception>
    public abstract RateScheme Scheme { get; init; }

    /// <summary>E[r(t)], the mean of the short rate at time <paramref name="years"/> (closed form).</summary>
    /// <param name="years">Time t in years, finite and ≥ 0.</param>
    /// <returns>The expected annual short rate.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="years"/> is negative or not finite.</exception>
    public abstract double ExpectedRate(double years);

    /// <summary>Var[r(t)], the variance of the short rate at time <paramref name="years"/> (closed form).</summary>
    /// <param name="years">Time t in years, finite and ≥ 0.</param>
    /// <returns>The variance, in (annual rate)².</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="years"/> is negative or not finite.</exception>
    public abstract double RateVariance(double years);

    /// <summary>P(0, t) = E[exp(−∫₀ᵗ r(u) du)], the price of a zero-coupon bond paying 1 at <paramref name="maturityYears"/> (closed form).</summary>
    /// <param name="maturityYears">Maturity t in years, finite and ≥ 0.</param>
    /// <returns>The bond price, &gt; 0.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maturityYears"/> is negative or not finite.</exception>
    public abstract double ZeroCouponBondPrice(double maturityYears);

    /// <summary>Prepares the per-path stepper for paths of <paramref name="periods"/> periods.</summary>
    internal abstract RatePathGenerator CreateGenerator(int periods);

    /// <summary>Validates a time argument of the closed forms.</summary>
    private protected static double CheckTime(double value, string name) => Guard.NonNegative(value, name);

    /// <summary>Validates a scheme: Euler always, Exact only where <paramref name="exactSupported"/>.</summary>
    private protected static RateScheme CheckScheme(RateScheme value, bool exactSupported, string model, string name = "scheme")
    {
        if (value == RateScheme.Euler || (exactSupported && value == RateScheme.Exact))
        {
            return value;
        }

        string allowed = exactSupported
            ? "Euler or Exact"
            : "Euler (full truncation); the exact non-central chi-squared transition is not supported";
        throw new ArgumentOutOfRangeException(name, value,
            string.Create(CultureInfo.InvariantCulture, $"{name} must be {allowed} for {model} (was {value})."));
    }
}
