namespace LifetimeValue.Simulation;

/// <summary>One round of a run extended to a target precision: the scenarios simulated so far and the half-width they gave.</summary>
/// <param name="Scenarios">Scenarios S after the round.</param>
/// <param name="HalfWidth">Half-width of the interval the target applies to, after the round.</param>
public readonly record struct PrecisionRound(int Scenarios, double HalfWidth);

/// <summary>How a run extended to a target precision chose its scenario count (see <see cref="PrecisionOptions"/>).</summary>
/// <param name="TargetHalfWidth">The target half-width.</param>
/// <param name="Reached">Whether the last round's half-width is at most the target (false when the cap stopped the run).</param>
/// <param name="Rounds">Every round, in order; the last is the result's scenario count.</param>
/// <remarks>Thread safety: immutable.</remarks>
public sealed record PrecisionRun(double TargetHalfWidth, bool Reached, IReadOnlyList<PrecisionRound> Rounds);
