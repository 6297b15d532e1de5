namespace LifetimeValue.Simulation;

/// <summary>A range of months since acquisition, either end open (null) when it is not reached within the horizon.</summary>
/// <param name="Earliest">The first month of the range; null when not reached.</param>
/// <param name="Latest">The last month of the range; null when not reached within the horizon.</param>
public readonly record struct MonthRange(int? Earliest, int? Latest);
