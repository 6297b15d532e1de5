using System.Globalization;
using LifetimeValue.Internal;
using LifetimeValue.Scenarios;

namespace LifetimeValue.Simulation;

/// <summary>
/// Settings of a run extended until an interval is narrow enough (<see cref="MonteCarloEngine.SimulateToPrecision"/>,
/// <see cref="Comparison.StrategyComparison.CompareToPrecision"/>): the target half-width, the first scenario count,
/// the block in which scenarios are added, and the cap.
/// </summary>
/// <remarks>
/// <para>Schedule (a deterministic function of the results, hence of the seeds and these settings): start with
/// <see cref="InitialScenarios"/>; after each round, if the half-width h_k of S_k scenarios exceeds the target h, ask
/// the estimate for the count S* that would reach h (<see cref="Statistics.TwoLevelEstimate.ScenariosForHalfWidth"/>) and
/// continue with S_{k+1} = min(cap, max(S_k + B, ⌈min(S*, 4·S_k)/B⌉·B)), B = <see cref="BlockSize"/>: at least one more
/// block, at most four times as many scenarios per round (so that an early, noisy variance estimate cannot overshoot far).
/// Scenario s is the same path whatever the count, so earlier scenarios are kept, only the new ones are simulated, and
/// the final result is bit-identical to a plain run with the final count.</para>
/// <para>Thread safety: immutable; safe to share.</para>
/// </remarks>
public sealed record PrecisionOptions
{
    /// <summary>The default cap on the scenario count: 10,000.</summary>
    public const int DefaultMaxScenarios = 10_000;

    private readonly double _target;
    private readonly int _initial = 50;
    private readonly int _block;
    private readonly int _max = DefaultMaxScenarios;

    /// <summary>Creates the settings.</summary>
    /// <param name="targetHalfWidth">The target half-width of the interval, &gt; 0, in value units (currency per customer).</param>
    /// <exception cref="ArgumentOutOfRangeException">Not a positive finite number.</exception>
    public PrecisionOptions(double targetHalfWidth) => TargetHalfWidth = targetHalfWidth;

    /// <summary>The target half-width of the interval (at <see cref="SimulationOptions.ConfidenceLevel"/>), &gt; 0 and finite, in value units.</summary>
    public double TargetHalfWidth
    {
        get => _target;
        init => _target = Guard.Finite(Guard.Positive(value, nameof(TargetHalfWidth)), nameof(TargetHalfWidth));
    }

    /// <summary>Scenarios of the first round, in [2, <see cref="MaxScenarios"/>] (default 50).</summary>
    public int InitialScenarios { get => _initial; init => _initial = Guard.InRange(value, 2, ScenarioSet.MaxScenarios, nameof(InitialScenarios)); }

    /// <summary>Scenario counts after the first round are multiples of this, in [1, 10⁶]; 0 (the default) uses <see cref="InitialScenarios"/>.</summary>
    public int BlockSize { get => _block; init => _block = Guard.InRange(value, 0, ScenarioSet.MaxScenarios, nameof(BlockSize)); }

    /// <summary>The most scenarios to simulate, in [2, 10⁶] (default 10,000): the run stops there even if the target is not reached.</summary>
    public int MaxScenarios { get => _max; init => _max = Guard.InRange(value, 2, ScenarioSet.MaxScenarios, nameof(MaxScenarios)); }

    /// <summary>Receives each round's scenario count and half-width as it completes.</summary>
    public IProgress<PrecisionRound>? Progress { get; init; }

    /// <summary>Checks the settings that depend on each other (before any work is done).</summary>
    /// <exception cref="ArgumentException"><see cref="InitialScenarios"/> exceeds <see cref="MaxScenarios"/>.</exception>
    internal void Validate()
    {
        if (_initial > _max)
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                $"precision.InitialScenarios ({_initial}) must not exceed precision.MaxScenarios ({_max})."), "precision");
        }
    }

    /// <summary>The scenario count of the next round, or null to stop.</summary>
    internal int? Next(int scenarios, double halfWidth, long? needed)
    {
        if (halfWidth <= _target || scenarios >= _max)
        {
            return null;
        }

        var block = (long)(_block == 0 ? _initial : _block);
        var want = Math.Min(needed ?? 4L * scenarios, 4L * scenarios);
        var rounded = (want + block - 1) / block * block;
        return (int)Math.Min(_max, Math.Max(scenarios + block, rounded));
    }
}
