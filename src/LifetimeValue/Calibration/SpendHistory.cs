namespace LifetimeValue.Calibration;

/// <summary>One customer's repeat-purchase spend: the number of repeat purchases and their mean value.</summary>
/// <param name="Frequency">x: number of repeat purchases whose values are averaged, ≥ 0 (customers with x = 0 carry no spend information).</param>
/// <param name="MeanSpend">z̄: mean value of those purchases in currency units; must be &gt; 0 when x &gt; 0 for the Gamma-Gamma model.</param>
/// <remarks>Thread safety: an immutable value.</remarks>
public readonly record struct SpendHistory(int Frequency, double MeanSpend);
