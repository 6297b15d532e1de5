namespace LifetimeValue.Calibration.Panel;

/// <summary>The adoption of one product in one stage, on both bases, with the one the fitted model uses.</summary>
/// <param name="Stage">Stage name.</param>
/// <param name="Product">Product name.</param>
/// <param name="StageEntries">Customers seen in the stage: one per customer and stage, at its first month there.</param>
/// <param name="EntryHolders">Of those, how many hold the product in that first month.</param>
/// <param name="EntryProbability">EntryHolders / StageEntries: the model's adoption probability (<see cref="AdoptionBasis.StageEntry"/>).</param>
/// <param name="EntryStandardError">Binomial √(p(1 − p)/n).</param>
/// <param name="CustomerMonths">Customer-months in the stage.</param>
/// <param name="HoldingMonths">Of those, months in which the product is held.</param>
/// <param name="HoldingShare">HoldingMonths / CustomerMonths (<see cref="AdoptionBasis.MonthlyHolding"/>).</param>
/// <param name="HoldingShareStandardError">Clustered by customer and stage: √(Σ_i (h_i − π n_i)² · G/(G − 1)) / Σ n_i.</param>
/// <param name="Probability">The adoption probability put in the fitted model (the basis chosen in the options).</param>
/// <param name="StandardError">Its standard error.</param>
/// <remarks>Thread safety: an immutable value.</remarks>
public readonly record struct AdoptionEstimate(string Stage, string Product, long StageEntries, long EntryHolders, double EntryProbability, double EntryStandardError,
    long CustomerMonths, long HoldingMonths, double HoldingShare, double HoldingShareStandardError, double Probability, double StandardError);
