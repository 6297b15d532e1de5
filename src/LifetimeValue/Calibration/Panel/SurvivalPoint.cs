namespace LifetimeValue.Calibration.Panel;

/// <summary>Survival on the age scale at the end of one month of age: the panel's Kaplan–Meier estimate and the fitted model's.</summary>
/// <param name="Age">Age in years at the end of the month (age in months + 1, divided by 12).</param>
/// <param name="AtRisk">Customers seen at this month of age (the risk set with left truncation: entered before, not yet gone).</param>
/// <param name="Closures">Of those, how many closed in the month.</param>
/// <param name="Observed">Product-limit Ŝ = Π (1 − d/n) from the ladder's first age.</param>
/// <param name="StandardError">Greenwood: Ŝ √(Σ d/(n(n − d))).</param>
/// <param name="Fitted">The fitted model's Π (1 − h_stage) over the same months.</param>
/// <remarks>Thread safety: an immutable value.</remarks>
public readonly record struct SurvivalPoint(double Age, long AtRisk, long Closures, double Observed, double StandardError, double Fitted);
