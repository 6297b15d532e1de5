namespace LifetimeValue.Discounting;

/// <summary>
/// How future cash flows are discounted. The cash flow of monthly period t is received at the end of
/// the month and discounted with <c>D_{t+1}</c>; the acquisition cost is paid at t = 0, undiscounted.
/// </summary>
/// <remarks>
/// <para>Three forms: a flat annual rate (<see cref="FlatAnnualDiscounting"/>), a zero curve
/// (<see cref="ZeroCurveDiscounting"/>), and the period's short rate plus a spread
/// (<see cref="ShortRateDiscounting"/>), which makes discounting follow each rate scenario.</para>
/// <para>Thread safety: immutable; safe to share.</para>
/// </remarks>
public abstract record Discount
{
    private protected Discount()
    {
    }

    /// <summary>Discount at a flat annual effective rate: <c>D_t = (1 + rate)^(−t/12)</c>.</summary>
    /// <param name="annualRate">Annual effective rate, finite and &gt; −1.</param>
    /// <returns>The discounting.</returns>
    /// <exception cref="ArgumentOutOfRangeException">Out of range.</exception>
    public static FlatAnnualDiscounting FlatAnnual(double annualRate) => new(annualRate);

    /// <summary>Discount at the path's short rate plus a spread: <c>D_{t+1} = D_t·exp(−(r_t + spread)/12)</c>.</summary>
    /// <param name="annualSpread">Annual spread over the short rate; finite.</param>
    /// <returns>The discounting.</returns>
    /// <exception cref="ArgumentOutOfRangeException">Not finite.</exception>
    public static ShortRateDiscounting ShortRatePlus(double annualSpread) => new(annualSpread);

    /// <summary>Whether the factors depend on the rate path (so must be recomputed per scenario).</summary>
    public abstract bool DependsOnRates { get; }

    /// <summary>
    /// Fills <paramref name="factors"/> with end-of-period discount factors: <c>factors[t] = D_{t+1}</c>
    /// for t = 0 … factors.Length − 1.
    /// </summary>
    /// <param name="rates">The rate path (used only when <see cref="DependsOnRates"/>).</param>
    /// <param name="factors">Destination, one element per period.</param>
    /// <exception cref="ArgumentException">The rate path is shorter than the destination.</exception>
    public void Fill(RatePath rates, Span<double> factors)
    {
        ArgumentNullException.ThrowIfNull(rates);
        if (DependsOnRates)
        {
            var buffer = new double[factors.Length];
            rates.CopyTo(buffer);
            FillCore(buffer, factors);
        }
        else
        {
            FillCore(ReadOnlySpan<double>.Empty, factors);
        }
    }

    /// <summary>
    /// Fills end-of-period discount factors from a span of annual rates (one per period; ignored when
    /// <see cref="DependsOnRates"/> is false). For engines that hold rates in their own buffers.
    /// </summary>
    /// <param name="annualRates">Rates per period (at least factors.Length when rate-dependent).</param>
    /// <param name="factors">Destination: <c>factors[t] = D_{t+1}</c>.</param>
    public void Fill(ReadOnlySpan<double> annualRates, Span<double> factors)
    {
        if (DependsOnRates && annualRates.Length < factors.Length)
        {
            throw new ArgumentException($"annualRates has {annualRates.Length} periods but {factors.Length} are needed.", nameof(annualRates));
        }

        FillCore(annualRates, factors);
    }

    private protected abstract void FillCore(ReadOnlySpan<double> annualRates, Span<double> factors);
}
