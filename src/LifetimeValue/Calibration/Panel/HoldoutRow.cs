namespace LifetimeValue.Calibration.Panel;

/// <summary>One month and quantity of the holdout check: what the cohort did against the exact engine's forecast.</summary>
/// <param name="Month">The calendar month (its first day).</param>
/// <param name="Quantity">"customers" (survivors), "holders: &lt;product&gt;" or "revenue" (net revenue, all lines).</param>
/// <param name="Actual">What the panel shows for the cohort.</param>
/// <param name="Forecast">The fitted model's expectation for the cohort (exact engine).</param>
/// <param name="StandardError">Standard deviation of the actual figure around the forecast from the customers' own randomness under the
/// fitted model (binomial: √(Σ π(1 − π)) over the cohort, π the forecast probability); null for revenue. Parameter uncertainty is not included.</param>
/// <remarks>Thread safety: an immutable value.</remarks>
public readonly record struct HoldoutRow(DateOnly Month, string Quantity, double Actual, double Forecast, double? StandardError)
{
    /// <summary>Actual − forecast.</summary>
    public double Error => Actual - Forecast;

    /// <summary>(Actual − forecast) / forecast; NaN when the forecast is 0.</summary>
    public double RelativeError => Forecast != 0 ? (Actual - Forecast) / Forecast : double.NaN;

    /// <summary>(Actual − forecast) / standard error; null without a standard error or when it is 0.</summary>
    public double? Z => StandardError is { } se && se > 0 ? (Actual - Forecast) / se : null;
}
