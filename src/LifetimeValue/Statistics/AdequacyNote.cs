using System.Globalization;

namespace LifetimeValue.Statistics;

/// <summary>What an <see cref="AdequacyNote"/> is about.</summary>
public enum AdequacyIssue
{
    /// <summary>One rate scenario: the interval covers customer sampling only, given that rate path.</summary>
    SingleScenario,

    /// <summary>The rate scenarios make up at least half of the error's variance: more customers per scenario will not help.</summary>
    ScenariosDominate,

    /// <summary>A target half-width was set and the interval is still wider.</summary>
    TargetNotReached,
}

/// <summary>
/// Whether a run is large enough for one of its estimates, in words and in numbers: which level dominates the error,
/// and how many scenarios (with the same customers each) would halve the interval or reach a target half-width.
/// </summary>
/// <remarks>Thread safety: immutable.</remarks>
public sealed class AdequacyNote
{
    /// <summary>At this share of the variance or more, the scenario part is said to dominate: 0.5.</summary>
    public const double DominantShare = 0.5;

    private AdequacyNote(string quantity, AdequacyIssue issue, double scenarioShare, long? scenariosToHalve, double? targetHalfWidth, long? scenariosForTarget, string message)
    {
        Quantity = quantity;
        Issue = issue;
        ScenarioShare = scenarioShare;
        ScenariosToHalve = scenariosToHalve;
        TargetHalfWidth = targetHalfWidth;
        ScenariosForTarget = scenariosForTarget;
        Message = message;
    }

    /// <summary>The estimate the note is about, e.g. "expected CLV".</summary>
    public string Quantity { get; }

    /// <summary>What the note is about.</summary>
    public AdequacyIssue Issue { get; }

    /// <summary>Share of the error's variance due to the scenarios, in [0, 1]; NaN when unknown.</summary>
    public double ScenarioShare { get; }

    /// <summary>Scenarios that would halve the interval (at the same customers per scenario); null when not estimable.</summary>
    public long? ScenariosToHalve { get; }

    /// <summary>The target half-width, when one was set.</summary>
    public double? TargetHalfWidth { get; }

    /// <summary>Scenarios that would reach <see cref="TargetHalfWidth"/>; null without a target or when not estimable.</summary>
    public long? ScenariosForTarget { get; }

    /// <summary>The note in one sentence or two.</summary>
    public string Message { get; }

    /// <inheritdoc/>
    public override string ToString() => Message;

    /// <summary>
    /// The notes for one estimate: one scenario; the scenario part dominating (≥ <see cref="DominantShare"/> of the
    /// variance); a target half-width not reached. Empty when none applies.
    /// </summary>
    /// <param name="estimate">The estimate.</param>
    /// <param name="quantity">Its name in the message, e.g. "expected CLV".</param>
    /// <param name="targetHalfWidth">A target half-width, or null.</param>
    /// <returns>The notes (at most one).</returns>
    public static AdequacyNote[] Assess(TwoLevelEstimate estimate, string quantity, double? targetHalfWidth = null)
    {
        ArgumentNullException.ThrowIfNull(estimate);
        ArgumentException.ThrowIfNullOrWhiteSpace(quantity);
        var c = CultureInfo.InvariantCulture;
        var level = estimate.ConfidenceLevel * 100;
        if (estimate.Scenarios < 2)
        {
            return
            [
                new(quantity, AdequacyIssue.SingleScenario, double.NaN, null, targetHalfWidth, null, string.Create(c,
                    $"One rate scenario: the {level:0.##} % interval of the {quantity} (±{estimate.HalfWidth:N2}) covers customer sampling only, given that rate path; simulate many scenarios from a rate model to include the rate uncertainty.")),
            ];
        }

        if (!double.IsFinite(estimate.HalfWidth) || estimate.HalfWidth == 0)
        {
            return [];
        }

        var halve = estimate.ScenariosForHalfWidth(estimate.HalfWidth / 2);
        long? forTarget = targetHalfWidth is { } t ? estimate.ScenariosForHalfWidth(t) : null;
        var missed = targetHalfWidth is { } target && estimate.HalfWidth > target;
        var targetText = missed ? string.Create(c, $"; {Count(forTarget)} would give ±{targetHalfWidth:N2}") : string.Empty;
        if (estimate.ScenarioShare >= DominantShare)
        {
            var floor = estimate.CriticalValue * estimate.ScenarioStandardError;
            return
            [
                new(quantity, AdequacyIssue.ScenariosDominate, estimate.ScenarioShare, halve, targetHalfWidth, forTarget, string.Create(c,
                    $"The rate scenarios dominate the error of the {quantity} ({estimate.ScenarioShare * 100:0.#} % of its variance with {estimate.Scenarios:N0} scenarios): more customers per scenario cannot narrow its ±{estimate.HalfWidth:N2} interval below ±{floor:N2}; {Count(halve)} scenarios would halve it{targetText}.")),
            ];
        }

        if (missed)
        {
            return
            [
                new(quantity, AdequacyIssue.TargetNotReached, estimate.ScenarioShare, halve, targetHalfWidth, forTarget, string.Create(c,
                    $"The {level:0.##} % interval of the {quantity} (±{estimate.HalfWidth:N2} with {estimate.Scenarios:N0} scenarios) is wider than the target ±{targetHalfWidth:N2}: {Count(forTarget)} scenarios would reach it.")),
            ];
        }

        return [];
    }

    /// <summary>"about 1,234", or "more than 1,000,000" beyond what a scenario set holds.</summary>
    internal static string Count(long? scenarios) => scenarios switch
    {
        null => "an unknown number of",
        > 1_000_000 => "more than 1,000,000",
        { } n => "about " + n.ToString("N0", CultureInfo.InvariantCulture),
    };
}
