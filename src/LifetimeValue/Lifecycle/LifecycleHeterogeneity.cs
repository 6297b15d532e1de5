using LifetimeValue.Internal;

namespace LifetimeValue.Lifecycle;

/// <summary>
/// Customer heterogeneity of a <see cref="LifecycleModel"/>: parameters drawn once per customer from a distribution.
/// </summary>
/// <remarks>
/// <para><b>Attrition frailty</b> (shape k): each customer's monthly hazard rates are multiplied by m ~ Gamma(k, rate k)
/// (mean 1, variance 1/k): monthly retention becomes ρ^m. The population survival is then the Gamma Laplace transform
/// <c>S_t = (1 + L_t/k)^{−k}</c> with <c>L_t = −Σ_{u&lt;t} ln ρ_u</c> — exact in the expected-value engine. Small k: very
/// unequal customers (some leave fast, some never); k → ∞: everyone alike.</para>
/// <para><b>Balance (margin) dispersion</b> (σ): each customer's margins (base and products; not servicing costs) are
/// multiplied by a log-normal M = exp(σZ − σ²/2), mean 1 — larger and smaller balances around the preset's. Independent
/// of everything else, so expected values are unchanged; the CLV distribution widens.</para>
/// <para>Draws: block (purpose Heterogeneity, index 0) of the customer: words X0, X1 → the frailty's uniform, X2, X3 →
/// the dispersion's uniform, through MathNet's inverse CDFs.</para>
/// <para>Thread safety: immutable; safe to share.</para>
/// </remarks>
public sealed record LifecycleHeterogeneity
{
    private readonly double? _shape;
    private readonly double _sigma;

    /// <summary>Creates a heterogeneity description.</summary>
    /// <param name="attritionFrailtyShape">Gamma shape k of the hazard multiplier, in [0.01, 10⁶], or null for none.</param>
    /// <param name="marginLogSigma">σ of the log-normal margin multiplier, in [0, 3] (0 for none).</param>
    /// <exception cref="ArgumentOutOfRangeException">A value out of range.</exception>
    public LifecycleHeterogeneity(double? attritionFrailtyShape, double marginLogSigma = 0.0)
    {
        AttritionFrailtyShape = attritionFrailtyShape;
        MarginLogSigma = marginLogSigma;
    }

    /// <summary>Gamma shape k of the hazard multiplier (mean 1, variance 1/k), in [0.01, 10⁶]; null for none.</summary>
    public double? AttritionFrailtyShape
    {
        get => _shape;
        init => _shape = value is { } k ? Guard.InRange(k, 0.01, 1e6, nameof(AttritionFrailtyShape)) : null;
    }

    /// <summary>σ of the log-normal margin multiplier exp(σZ − σ²/2), in [0, 3].</summary>
    public double MarginLogSigma { get => _sigma; init => _sigma = Guard.InRange(value, 0.0, 3.0, nameof(MarginLogSigma)); }

    /// <summary>Population survival after cumulative hazard <paramref name="cumulativeHazard"/> (−Σ ln ρ): (1 + L/k)^{−k}, or e^{−L} without frailty.</summary>
    /// <param name="cumulativeHazard">L ≥ 0 (may be +∞).</param>
    /// <returns>The survival probability.</returns>
    public double Survival(double cumulativeHazard) =>
        AttritionFrailtyShape is { } k ? Math.Pow(1.0 + (cumulativeHazard / k), -k) : Math.Exp(-cumulativeHazard);
}
