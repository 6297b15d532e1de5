using LifetimeValue.Internal;

namespace LifetimeValue.Discounting;

/// <summary>
/// Discounting at the scenario's short rate plus a spread:
/// <c>D_0 = 1, D_{t+1} = D_t · exp(−(r_t + spread)·Δ)</c>, Δ = 1/12 — the left-point value of
/// exp(−∫(r + s)), positive whatever the sign of the rates.
/// </summary>
/// <remarks>Thread safety: immutable; safe to share.</remarks>
public sealed record ShortRateDiscounting : Discount
{
    private readonly double _annualSpread;

    /// <summary>Creates the discounting.</summary>
    /// <param name="annualSpread">Annual spread over the short rate; finite (W1 uses 0.03).</param>
    /// <exception cref="ArgumentOutOfRangeException">Not finite.</exception>
    public ShortRateDiscounting(double annualSpread) => AnnualSpread = annualSpread;

    /// <summary>Annual spread over the short rate.</summary>
    public double AnnualSpread { get => _annualSpread; init => _annualSpread = Guard.Finite(value, nameof(AnnualSpread)); }

    /// <inheritdoc/>
    public override bool DependsOnRates => true;

    private protected override void FillCore(ReadOnlySpan<double> annualRates, Span<double> factors)
    {
        // Accumulate the integral and exponentiate once per period (as numpy's exp(-cumsum(...)) does),
        // rather than multiplying factors, so long horizons lose no precision.
        const double Dt = 1.0 / 12.0;
        var integral = 0.0;
        for (var t = 0; t < factors.Length; t++)
        {
            integral += (annualRates[t] + AnnualSpread) * Dt;
            factors[t] = Math.Exp(-integral);
        }
    }
}
