namespace LifetimeValue.Calibration.Panel;

/// <summary>One age of the fit report's attrition table: the one-year observed hazard against the stage's fitted one.</summary>
/// <param name="Age">Age in whole years.</param>
/// <param name="ExposureMonths">Customer-months at this age.</param>
/// <param name="Closures">Closures at this age.</param>
/// <param name="ObservedAnnualAttrition">1 − (1 − D/E)¹² from this age alone; NaN without exposure.</param>
/// <param name="FittedAnnualAttrition">The stage's fitted annual attrition.</param>
/// <param name="StandardError">Standard error of the observed figure (binomial, delta method).</param>
/// <remarks>Thread safety: an immutable value.</remarks>
public readonly record struct AttritionByAge(int Age, long ExposureMonths, long Closures, double ObservedAnnualAttrition, double FittedAnnualAttrition, double StandardError);
