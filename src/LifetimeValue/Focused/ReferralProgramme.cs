using LifetimeValue.Internal;

namespace LifetimeValue.Focused;

/// <summary>
/// Referrals: a satisfied (or well-recovered) customer brings a new customer, whose value can be attributed
/// to the referrer.
/// </summary>
/// <remarks>
/// <para>Effect: after each purchase the customer refers one new customer with probability
/// <see cref="ReferralAfterGoodExperience"/> (good purchase), <see cref="ReferralAfterFailure"/> (unrecovered failure) or
/// the recovered value (see <see cref="ServiceRecovery"/>). The new customer is acquired the next month without
/// acquisition cost (a <see cref="RewardPerReferral"/> is paid instead) and follows the same model until the horizon,
/// including its own referrals. When <see cref="AttributeToReferrer"/> is on, the referrer is credited with the
/// referred customer's expected present value given the scenario (a conditional expectation: the mean CLV is exact,
/// while the spread of the referrer's CLV leaves out the referred customer's own uncertainty); when off, referrals
/// earn the referrer nothing and cost nothing.</para>
/// <para>Thread safety: immutable; safe to share.</para>
/// </remarks>
public sealed record ReferralProgramme
{
    private readonly double _good;
    private readonly double _failure;
    private readonly double _reward;

    /// <summary>Creates a referral programme.</summary>
    /// <param name="referralAfterGoodExperience">Probability of one referral after a good purchase, in [0, 1].</param>
    /// <param name="referralAfterFailure">Probability of one referral after an unrecovered failure, in [0, 1].</param>
    /// <param name="rewardPerReferral">Reward paid to the referrer per referral (currency, ≥ 0).</param>
    /// <param name="attributeToReferrer">Whether referred customers' value is credited to the referrer.</param>
    /// <exception cref="ArgumentOutOfRangeException">A value out of range (the message names it).</exception>
    public ReferralProgramme(double referralAfterGoodExperience, double referralAfterFailure, double rewardPerReferral = 0.0, bool attributeToReferrer = true)
    {
        ReferralAfterGoodExperience = referralAfterGoodExperience;
        ReferralAfterFailure = referralAfterFailure;
        RewardPerReferral = rewardPerReferral;
        AttributeToReferrer = attributeToReferrer;
    }

    /// <summary>No referrals credited.</summary>
    public static ReferralProgramme None { get; } = new(0.0, 0.0, 0.0, false);

    /// <summary>Probability of one referral after a good purchase, in [0, 1].</summary>
    public double ReferralAfterGoodExperience { get => _good; init => _good = Guard.Probability(value, nameof(ReferralAfterGoodExperience)); }

    /// <summary>Probability of one referral after an unrecovered failure, in [0, 1].</summary>
    public double ReferralAfterFailure { get => _failure; init => _failure = Guard.Probability(value, nameof(ReferralAfterFailure)); }

    /// <summary>Reward paid per referral (currency, ≥ 0).</summary>
    public double RewardPerReferral { get => _reward; init => _reward = Guard.NonNegative(value, nameof(RewardPerReferral)); }

    /// <summary>Whether referred customers' value is credited to the referrer.</summary>
    public bool AttributeToReferrer { get; init; }
}
