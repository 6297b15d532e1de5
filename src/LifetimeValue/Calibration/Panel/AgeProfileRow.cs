namespace LifetimeValue.Calibration.Panel;

/// <summary>One age-by-product cell of the fit report: observed against fitted holding share and monthly margin.</summary>
/// <param name="Age">Age in whole years.</param>
/// <param name="Product">Product name, or <see cref="PanelFit.BaseMarginName"/> for the base margin (whose holding share is 1).</param>
/// <param name="CustomerMonths">Customer-months at this age.</param>
/// <param name="HoldingMonths">Months at this age in which the product is held.</param>
/// <param name="ObservedShare">HoldingMonths / CustomerMonths.</param>
/// <param name="FittedShare">The fitted model's adoption probability of the product in the age's stage (0 where not offered).</param>
/// <param name="ObservedMargin">Mean net revenue per holding month; NaN when never held.</param>
/// <param name="FittedMargin">The fitted margin a + b·r̄ at the age, at the mean rate r̄ of those months; NaN when never held.</param>
/// <remarks>Thread safety: an immutable value.</remarks>
public readonly record struct AgeProfileRow(int Age, string Product, long CustomerMonths, long HoldingMonths, double ObservedShare, double FittedShare,
    double ObservedMargin, double FittedMargin);
