using System.Globalization;
using LifetimeValue.Internal;

namespace LifetimeValue.Focused;

/// <summary>
/// Lever — service recovery ("delight"): when a purchase goes wrong, an employee may spend up to a cap to put
/// it right. Spending raises the probability that the guest returns and that they refer others.
/// </summary>
/// <remarks>
/// <para>Effect: with spend R per incident and effect scale k, the recovery's effectiveness is
/// <c>e = 1 − exp(−R/k)</c> (e = 0 with no spend; 63 % at R = k). After a recovered failure the churn probability is
/// <c>c_F − e·(c_F − c_R)</c> and the referral probability <c>ρ_F + e·(ρ_R − ρ_F)</c>, where c_F, ρ_F are the values after
/// an unrecovered failure (<see cref="ServiceQuality.ChurnAfterFailure"/>, <see cref="ReferralProgramme.ReferralAfterFailure"/>)
/// and c_R, ρ_R (<see cref="ChurnAfterFullRecovery"/>, <see cref="ReferralAfterFullRecovery"/>) the values a fully effective
/// recovery reaches (the "service recovery paradox": they may beat a good stay). Cost: R per failed purchase.</para>
/// <para>The spend must not exceed <see cref="Cap"/> (the preset's $2,000 per employee per guest): nothing is clamped.</para>
/// <para>Thread safety: immutable; safe to share.</para>
/// </remarks>
public sealed record ServiceRecovery
{
    private readonly double _spend;
    private readonly double _cap = 2000.0;
    private readonly double _scale = 1.0;
    private readonly double _churn;
    private readonly double _referral;

    /// <summary>Creates a service-recovery lever.</summary>
    /// <param name="spendPerIncident">Spend per failed purchase (currency, in [0, <paramref name="cap"/>]).</param>
    /// <param name="effectScale">Spend at which 63 % of the possible effect is reached (currency, &gt; 0).</param>
    /// <param name="churnAfterFullRecovery">Churn probability after a fully effective recovery, in [0, 1].</param>
    /// <param name="referralAfterFullRecovery">Referral probability after a fully effective recovery, in [0, 1].</param>
    /// <param name="cap">The most an employee may spend per incident (currency, ≥ 0; default 2,000).</param>
    /// <exception cref="ArgumentOutOfRangeException">A value out of range, or the spend above the cap.</exception>
    public ServiceRecovery(double spendPerIncident, double effectScale, double churnAfterFullRecovery, double referralAfterFullRecovery, double cap = 2000.0)
    {
        Cap = cap;
        SpendPerIncident = spendPerIncident;
        EffectScale = effectScale;
        ChurnAfterFullRecovery = churnAfterFullRecovery;
        ReferralAfterFullRecovery = referralAfterFullRecovery;
    }

    /// <summary>No recovery spending (effectiveness 0).</summary>
    public static ServiceRecovery None { get; } = new(0.0, 1.0, 0.0, 0.0);

    /// <summary>The most an employee may spend per incident (currency, ≥ 0).</summary>
    public double Cap
    {
        get => _cap;
        init
        {
            _cap = Guard.NonNegative(value, nameof(Cap));
            if (_spend > _cap)
            {
                Guard.Throw(nameof(SpendPerIncident), _spend, string.Create(CultureInfo.InvariantCulture, $"must be in [0, Cap = {_cap}]"), nameof(SpendPerIncident));
            }
        }
    }

    /// <summary>Spend per failed purchase (currency, in [0, <see cref="Cap"/>]).</summary>
    public double SpendPerIncident { get => _spend; init => _spend = Guard.InRange(value, 0.0, _cap, nameof(SpendPerIncident)); }

    /// <summary>Spend at which 63 % of the possible effect is reached (currency, &gt; 0).</summary>
    public double EffectScale { get => _scale; init => _scale = Guard.Positive(value, nameof(EffectScale)); }

    /// <summary>Churn probability after a fully effective recovery, in [0, 1].</summary>
    public double ChurnAfterFullRecovery { get => _churn; init => _churn = Guard.Probability(value, nameof(ChurnAfterFullRecovery)); }

    /// <summary>Referral probability after a fully effective recovery, in [0, 1].</summary>
    public double ReferralAfterFullRecovery { get => _referral; init => _referral = Guard.Probability(value, nameof(ReferralAfterFullRecovery)); }

    /// <summary>Effectiveness <c>1 − exp(−R/k)</c> in [0, 1).</summary>
    public double Effectiveness => 1.0 - Math.Exp(-SpendPerIncident / EffectScale);
}
