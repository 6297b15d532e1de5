namespace LifetimeValue.Calibration.Panel;

/// <summary>One age of the fitted acquisition profile.</summary>
/// <param name="Age">Age at acquisition (years).</param>
/// <param name="Customers">Customers acquired at that age in the calibration months.</param>
/// <param name="Share">Their share of all acquisitions.</param>
/// <param name="Weight">The integer weight in the model's <see cref="Lifecycle.AcquisitionProfile"/> (the count, scaled down when the total exceeds 1,000,000).</param>
/// <remarks>Thread safety: an immutable value.</remarks>
public readonly record struct AcquisitionAge(int Age, long Customers, double Share, int Weight);
