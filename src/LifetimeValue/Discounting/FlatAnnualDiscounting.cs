using LifetimeValue.Internal;

namespace LifetimeValue.Discounting;

/// <summary>Discounting at a flat annual effective rate: <c>D_t = (1 + rate)^(−t/12)</c> for month t.</summary>
/// <remarks>Thread safety: immutable; safe to share.</remarks>
public sealed record FlatAnnualDiscounting : Discount
{
    private readonly double _annualRate;

    /// <summary>Creates the discounting.</summary>
    /// <param name="annualRate">Annual effective rate, finite and &gt; −1.</param>
    /// <exception cref="ArgumentOutOfRangeException">Out of range.</exception>
    public FlatAnnualDiscounting(double annualRate) => AnnualRate = annualRate;

    /// <summary>Annual effective rate.</summary>
    public double AnnualRate
    {
        get => _annualRate;
        init
        {
            if (!(double.IsFinite(value) && value > -1.0))
            {
                Guard.Throw(nameof(AnnualRate), value, "must be a finite number > -1");
            }

            _annualRate = value;
        }
    }

    /// <inheritdoc/>
    public override bool DependsOnRates => false;

    private protected override void FillCore(ReadOnlySpan<double> annualRates, Span<double> factors)
    {
        // Monthly factor v = (1 + R)^(-1/12); D_{t+1} = v^(t+1) computed directly (no error build-up).
        var logV = -double.LogP1(AnnualRate) / 12.0;
        for (var t = 0; t < factors.Length; t++)
        {
            factors[t] = Math.Exp(logV * (t + 1));
        }
    }
}
