using LifetimeValue.Internal;

namespace LifetimeValue.Focused;

/// <summary>
/// Lever — investment in employees: reward spending raises staff retention, and experienced staff make fewer
/// service failures.
/// </summary>
/// <remarks>
/// <para>Effect: with reward spend E per purchase, annual staff turnover falls from τ₀ to <c>τ(E) = τ₀·2^{−E/H}</c>
/// (halved every H of spend). The share w of service failures that staff turnover causes falls in proportion,
/// so failure probabilities are multiplied by <c>M(E) = 1 − w·(1 − 2^{−E/H})</c>. Cost: E per purchase.</para>
/// <para>Thread safety: immutable; safe to share.</para>
/// </remarks>
public sealed record EmployeeInvestment
{
    private readonly double _reward;
    private readonly double _halving = 1.0;
    private readonly double _share;
    private readonly double _turnover;

    /// <summary>Creates an employee-investment lever.</summary>
    /// <param name="rewardPerPurchase">Reward spending per purchase served (currency, ≥ 0).</param>
    /// <param name="halvingSpend">Reward spend per purchase that halves staff turnover (currency, &gt; 0).</param>
    /// <param name="staffShareOfFailures">Share of failures caused by staff turnover, in [0, 1].</param>
    /// <param name="baseAnnualStaffTurnover">Annual staff turnover without rewards, in [0, 1] (reported only).</param>
    /// <exception cref="ArgumentOutOfRangeException">A value out of range (the message names it).</exception>
    public EmployeeInvestment(double rewardPerPurchase, double halvingSpend, double staffShareOfFailures, double baseAnnualStaffTurnover)
    {
        RewardPerPurchase = rewardPerPurchase;
        HalvingSpend = halvingSpend;
        StaffShareOfFailures = staffShareOfFailures;
        BaseAnnualStaffTurnover = baseAnnualStaffTurnover;
    }

    /// <summary>No reward spending.</summary>
    public static EmployeeInvestment None { get; } = new(0.0, 1.0, 0.0, 0.0);

    /// <summary>Reward spending per purchase served (currency, ≥ 0).</summary>
    public double RewardPerPurchase { get => _reward; init => _reward = Guard.NonNegative(value, nameof(RewardPerPurchase)); }

    /// <summary>Reward spend per purchase that halves staff turnover (currency, &gt; 0).</summary>
    public double HalvingSpend { get => _halving; init => _halving = Guard.Positive(value, nameof(HalvingSpend)); }

    /// <summary>Share of failures caused by staff turnover, in [0, 1].</summary>
    public double StaffShareOfFailures { get => _share; init => _share = Guard.Probability(value, nameof(StaffShareOfFailures)); }

    /// <summary>Annual staff turnover without rewards, in [0, 1].</summary>
    public double BaseAnnualStaffTurnover { get => _turnover; init => _turnover = Guard.Probability(value, nameof(BaseAnnualStaffTurnover)); }

    /// <summary>Annual staff turnover with the rewards: <c>τ₀·2^{−E/H}</c>.</summary>
    public double StaffTurnover => BaseAnnualStaffTurnover * Math.Pow(2.0, -RewardPerPurchase / HalvingSpend);

    /// <summary>The failure multiplier <c>1 − w·(1 − 2^{−E/H})</c>, in [0, 1].</summary>
    public double FailureMultiplier => 1.0 - (StaffShareOfFailures * (1.0 - Math.Pow(2.0, -RewardPerPurchase / HalvingSpend)));
}
