namespace LifetimeValue.Simulation;

/// <summary>A percentile of the CLV distribution.</summary>
/// <param name="Level">Probability level in [0, 1] (0.05 = P5).</param>
/// <param name="Value">CLV at that level.</param>
public readonly record struct PercentilePoint(double Level, double Value);
