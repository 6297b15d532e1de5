using LifetimeValue.Internal;

namespace LifetimeValue.Focused;

/// <summary>
/// Lever — continuous business improvement: removing waste lowers the unit operating cost over time; the saving
/// can be kept as margin or passed on as a lower price, which raises the purchase rate.
/// </summary>
/// <remarks>
/// <para>Effect in month t: unit cost <c>c(t) = c₀·(1 − κ)^{t/12}</c>; price <c>p(t) = p₀ − ψ·(c₀ − c(t))</c> (pass-through ψ
/// of the saving); purchase probability <c>π(t) = π₀·(p(t)/p₀)^{−ε}</c> (constant price elasticity ε). Margin per purchase
/// <c>p(t) − c(t) = p₀ − c₀ + (1 − ψ)(c₀ − c(t))</c>. The model refuses parameters that would push π(t) above 1 within the
/// horizon (nothing is clamped).</para>
/// <para>Thread safety: immutable; safe to share.</para>
/// </remarks>
public sealed record CostImprovement
{
    private readonly double _reduction;
    private readonly double _passThrough;
    private readonly double _elasticity;

    /// <summary>Creates a cost-improvement lever.</summary>
    /// <param name="annualUnitCostReduction">Share κ of the unit cost removed each year, in [0, 1).</param>
    /// <param name="passThrough">Share ψ of the saving passed on as a lower price, in [0, 1].</param>
    /// <param name="priceElasticity">Constant price elasticity ε of the purchase probability (≥ 0).</param>
    /// <exception cref="ArgumentOutOfRangeException">A value out of range (the message names it).</exception>
    public CostImprovement(double annualUnitCostReduction, double passThrough = 0.0, double priceElasticity = 0.0)
    {
        AnnualUnitCostReduction = annualUnitCostReduction;
        PassThrough = passThrough;
        PriceElasticity = priceElasticity;
    }

    /// <summary>No improvement programme.</summary>
    public static CostImprovement None { get; } = new(0.0);

    /// <summary>Share of the unit cost removed each year, in [0, 1).</summary>
    public double AnnualUnitCostReduction
    {
        get => _reduction;
        init
        {
            if (!(value >= 0.0 && value < 1.0))
            {
                Guard.Throw(nameof(AnnualUnitCostReduction), value, "must be in [0, 1)");
            }

            _reduction = value;
        }
    }

    /// <summary>Share of the saving passed on as a lower price, in [0, 1].</summary>
    public double PassThrough { get => _passThrough; init => _passThrough = Guard.Probability(value, nameof(PassThrough)); }

    /// <summary>Constant price elasticity of the purchase probability (≥ 0).</summary>
    public double PriceElasticity { get => _elasticity; init => _elasticity = Guard.NonNegative(value, nameof(PriceElasticity)); }
}
