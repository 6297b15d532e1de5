using LifetimeValue.Internal;
using LifetimeValue.Simulation;

namespace LifetimeValue.Comparison;

/// <summary>Settings of a strategy comparison.</summary>
/// <remarks>Thread safety: immutable; safe to share.</remarks>
public sealed record ComparisonOptions
{
    private readonly SimulationOptions _simulation = new();
    private readonly long _cohortSize = 10_000;
    private readonly double _capital = 5_000_000;
    private readonly IReadOnlyList<int> _years = [1, 3, 5, 10, 20];

    /// <summary>Monte Carlo settings shared by every strategy (seed, customers per scenario, threads, progress).</summary>
    public SimulationOptions Simulation { get => _simulation; init => _simulation = value ?? throw new ArgumentNullException(nameof(Simulation)); }

    /// <summary>Customers acquired in the cohort whose funding is tested, in [1, 10¹²] (default 10,000).</summary>
    public long CohortSize { get => _cohortSize; init => _cohortSize = Guard.InRange(value, 1, 1_000_000_000_000, nameof(CohortSize)); }

    /// <summary>Capital available to fund the cohort (currency, ≥ 0; default 5,000,000).</summary>
    public double AvailableCapital { get => _capital; init => _capital = Guard.NonNegative(value, nameof(AvailableCapital)); }

    /// <summary>Years at which the accumulated value is reported (each in [1, 100]; default 1, 3, 5, 10, 20); the full horizon is always added.</summary>
    public IReadOnlyList<int> ValueYears
    {
        get => _years;
        init
        {
            ArgumentNullException.ThrowIfNull(value);
            for (var i = 0; i < value.Count; i++)
            {
                Guard.InRange(value[i], 1, 100, $"{nameof(ValueYears)}[{i}]");
            }

            _years = [.. value];
        }
    }
}
