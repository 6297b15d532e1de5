using LifetimeValue.Internal;
using LifetimeValue.Scenarios;

namespace LifetimeValue.Serialization;

/// <summary>One scenario with the same annual short rate in every period (<c>"kind": "constant"</c>).</summary>
/// <remarks>Thread safety: immutable; safe to share.</remarks>
public sealed record ConstantRateScenarioSpec : ScenarioSpec
{
    private readonly double _annualRate;
    private readonly int? _periods;

    /// <summary>Creates the specification.</summary>
    /// <param name="annualRate">Annual short rate (e.g. 0.03); finite, may be negative.</param>
    /// <param name="periods">Periods, in [1, 1200], or null for the model's longest horizon.</param>
    /// <exception cref="ArgumentOutOfRangeException">Out of range.</exception>
    public ConstantRateScenarioSpec(double annualRate, int? periods = null)
    {
        AnnualRate = annualRate;
        Periods = periods;
    }

    /// <summary>Annual short rate; finite.</summary>
    public double AnnualRate { get => _annualRate; init => _annualRate = Guard.Finite(value, nameof(AnnualRate)); }

    /// <summary>Periods, in [1, 1200], or null for the model's longest horizon.</summary>
    public int? Periods { get => _periods; init => _periods = value is { } p ? Guard.InRange(p, 1, ScenarioSet.MaxPeriods, nameof(Periods)) : null; }

    /// <inheritdoc/>
    public override ScenarioSet Create(int minimumPeriods, string? baseDirectory = null, int maxDegreeOfParallelism = -1, CancellationToken cancellationToken = default) =>
        ScenarioSet.Constant(AnnualRate, Periods ?? minimumPeriods);

    /// <inheritdoc/>
    public override RatePath MeanPath(int periods, string? baseDirectory = null) => RatePath.Constant(AnnualRate);
}
