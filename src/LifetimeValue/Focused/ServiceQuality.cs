using LifetimeValue.Internal;

namespace LifetimeValue.Focused;

/// <summary>
/// Service quality of a customer-focused model: the chance a purchase goes wrong, and how likely the customer
/// is never to come back after a good or a failed experience.
/// </summary>
/// <remarks>
/// <para>After each purchase the customer decides once whether to return: with probability
/// <see cref="ChurnAfterGoodExperience"/> after a good one, <see cref="ChurnAfterFailure"/> after an
/// unrecovered failure (a recovered failure: see <see cref="ServiceRecovery"/>).</para>
/// <para>Thread safety: immutable; safe to share.</para>
/// </remarks>
public sealed record ServiceQuality
{
    private readonly double _failure;
    private readonly double _churnGood;
    private readonly double _churnFailure;

    /// <summary>Creates a service-quality description.</summary>
    /// <param name="failureProbability">Probability a purchase goes wrong at the start of the horizon (before levers), in [0, 1].</param>
    /// <param name="churnAfterGoodExperience">Probability of never returning after a good purchase, in [0, 1].</param>
    /// <param name="churnAfterFailure">Probability of never returning after an unrecovered failure, in [0, 1].</param>
    /// <exception cref="ArgumentOutOfRangeException">A value out of range (the message names it).</exception>
    public ServiceQuality(double failureProbability, double churnAfterGoodExperience, double churnAfterFailure)
    {
        FailureProbability = failureProbability;
        ChurnAfterGoodExperience = churnAfterGoodExperience;
        ChurnAfterFailure = churnAfterFailure;
    }

    /// <summary>Probability a purchase goes wrong at the start of the horizon (before levers), in [0, 1].</summary>
    public double FailureProbability { get => _failure; init => _failure = Guard.Probability(value, nameof(FailureProbability)); }

    /// <summary>Probability of never returning after a good purchase, in [0, 1].</summary>
    public double ChurnAfterGoodExperience { get => _churnGood; init => _churnGood = Guard.Probability(value, nameof(ChurnAfterGoodExperience)); }

    /// <summary>Probability of never returning after an unrecovered failure, in [0, 1].</summary>
    public double ChurnAfterFailure { get => _churnFailure; init => _churnFailure = Guard.Probability(value, nameof(ChurnAfterFailure)); }
}
