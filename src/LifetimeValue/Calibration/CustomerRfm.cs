namespace LifetimeValue.Calibration;

/// <summary>
/// One customer's recency-frequency-monetary summary at a calibration cut-off, with the holdout-period outcome.
/// Purchases on the same calendar day are merged into one purchase (their amounts summed), as in Fader, Hardie and
/// Lee (2005) and the lifetimes/BTYD summaries of CDNOW.
/// </summary>
/// <param name="CustomerId">The customer's identifier.</param>
/// <param name="FirstPurchase">Date of the first purchase (acquisition; defines the cohort).</param>
/// <param name="Frequency">x: number of repeat purchase days in the calibration period (the first purchase is not counted).</param>
/// <param name="Recency">t_x: time from the first purchase to the last repeat purchase, in <see cref="RfmSummary.Unit"/>; 0 if x = 0.</param>
/// <param name="Age">T: time from the first purchase to the calibration end, in <see cref="RfmSummary.Unit"/>.</param>
/// <param name="MeanRepeatValue">z̄: mean value of the repeat purchase days in calibration; 0 if x = 0 (the lifetimes/BTYD convention).</param>
/// <param name="FirstPurchaseValue">Value of the first purchase day.</param>
/// <param name="HoldoutFrequency">x*: purchase days after the calibration end up to the holdout end (0 without a holdout).</param>
/// <param name="HoldoutValue">Total value of the holdout purchases.</param>
/// <remarks>Thread safety: an immutable record.</remarks>
public sealed record CustomerRfm(
    string CustomerId,
    DateOnly FirstPurchase,
    int Frequency,
    double Recency,
    double Age,
    double MeanRepeatValue,
    double FirstPurchaseValue,
    int HoldoutFrequency,
    double HoldoutValue)
{
    /// <summary>The model input (x, t_x, T).</summary>
    public RepeatHistory ToRepeatHistory() => new(Frequency, Recency, Age);

    /// <summary>The Gamma-Gamma input (x, z̄).</summary>
    public SpendHistory ToSpendHistory() => new(Frequency, MeanRepeatValue);
}
