using LifetimeValue.Internal;

namespace LifetimeValue.Simulation;

/// <summary>One round of a run extended to a target precision: the scenarios simulated so far and the half-width they gave.</summary>
/// <param name="Scenarios">Scenarios S after the round.</param>
/// <param name="HalfWidth">Half-width of the interval the target applies to, after the round.</param>
public readonly record struct PrecisionRound(int Scenarios, double HalfWidth);

/// <summary>How a run extended to a target precision chose its scenario count (see <see cref="PrecisionOptions"/>).</summary>
/// <remarks>Thread safety: immutable.</remarks>
public sealed record PrecisionRun
{
    private readonly IReadOnlyList<PrecisionRound> _rounds = [];

    /// <summary>Creates the record.</summary>
    /// <param name="targetHalfWidth">The target half-width.</param>
    /// <param name="reached">Whether the last round's half-width is at most the target (false when the cap stopped the run).</param>
    /// <param name="rounds">Every round, in order; the last is the result's scenario count (copied).</param>
    public PrecisionRun(double targetHalfWidth, bool reached, IReadOnlyList<PrecisionRound> rounds)
    {
        TargetHalfWidth = targetHalfWidth;
        Reached = reached;
        Rounds = rounds;
    }

    /// <summary>The target half-width.</summary>
    public double TargetHalfWidth { get; init; }

    /// <summary>Whether the last round's half-width is at most the target (false when the cap stopped the run).</summary>
    public bool Reached { get; init; }

    /// <summary>Every round, in order; the last is the result's scenario count.</summary>
    public IReadOnlyList<PrecisionRound> Rounds { get => _rounds; init => _rounds = ReadOnly.Copy(value ?? throw new ArgumentNullException(nameof(Rounds))); }
}
