using System.Globalization;
using LifetimeValue.Discounting;
using LifetimeValue.Internal;
using LifetimeValue.Model;

namespace LifetimeValue.Focused;

/// <summary>
/// A customer-focused (needs-focused) model: one or a few products serving today's need superbly over a short
/// horizon (typically 1–5 years), with the service firm's levers modelled explicitly — purchases, service
/// recovery, customer feedback, employee investment, cost improvement and referrals.
/// </summary>
/// <remarks>
/// <para>Each month t = 0 … H − 1 (months since the cohort was acquired) a customer still active:</para>
/// <list type="number">
/// <item><description>purchases — with probability 1 in its first month (acquisition is the first purchase), otherwise π(t)
/// (<see cref="PurchaseProcess"/>, <see cref="CostImprovement"/>);</description></item>
/// <item><description>if it purchased, the purchase fails with probability <c>f(t) = FeedbackProgramme.FailureAt(f₀, t) · EmployeeInvestment.FailureMultiplier</c>;
/// the purchase earns <c>p(t) − c(t) − E</c> (price, unit cost, employee reward), less the recovery spend R if it failed;</description></item>
/// <item><description>after the purchase the customer refers one new customer with a probability that depends on the
/// experience, and decides whether to return (churn) likewise (<see cref="ServiceQuality"/>, <see cref="ServiceRecovery"/>,
/// <see cref="ReferralProgramme"/>);</description></item>
/// <item><description>the feedback programme costs its monthly fee; independently the customer leaves with
/// <see cref="PurchaseProcess.MonthlyAttrition"/>.</description></item>
/// </list>
/// <para>Optional: a <see cref="TenureAttrition"/> curve (attrition by months since acquisition, combined with
/// <see cref="PurchaseProcess.MonthlyAttrition"/> as independent causes), and <see cref="Heterogeneity"/> (per-customer purchase
/// rate, dropout and attrition rate; see <see cref="CustomerHeterogeneity"/> for the formulas). A referred customer is a random new
/// customer: the referral credit uses the population-average value of a customer acquired the next month, while the referrer's
/// own months use its own parameters.</para>
/// <para>Cash flows are received at the end of the month and discounted with <c>D_{t+1}</c>; the acquisition cost is paid at t = 0.
/// Discounting (e.g. <see cref="Discount.ShortRatePlus"/>) makes the value respond to the rate scenario.</para>
/// <para>Thread safety: immutable; safe to share.</para>
/// </remarks>
public sealed record CustomerFocusedModel : StrategyModel
{
    private readonly string _name = "model";
    private readonly PurchaseProcess _purchases = null!;
    private readonly ServiceQuality _service = null!;
    private readonly int _horizonMonths;
    private readonly double _acquisitionCost;
    private readonly Discount _discounting = null!;
    private readonly ServiceRecovery _recovery = ServiceRecovery.None;
    private readonly FeedbackProgramme _feedback = FeedbackProgramme.None;
    private readonly EmployeeInvestment _employees = EmployeeInvestment.None;
    private readonly CostImprovement _improvement = CostImprovement.None;
    private readonly ReferralProgramme _referrals = ReferralProgramme.None;
    private readonly CustomerHeterogeneity _heterogeneity = CustomerHeterogeneity.None;

    /// <summary>Creates a model without levers (set them with an object initializer); checks that the parts fit.</summary>
    /// <param name="name">Display name; not blank.</param>
    /// <param name="purchases">The purchase process.</param>
    /// <param name="service">Service quality.</param>
    /// <param name="horizonMonths">Months followed, in [1, 1200].</param>
    /// <param name="acquisitionCost">Cost of acquiring one customer, paid at t = 0 (currency, ≥ 0).</param>
    /// <param name="discounting">How cash flows are discounted.</param>
    /// <exception cref="ArgumentException">A value out of range or parts that do not fit (the message says which).</exception>
    public CustomerFocusedModel(string name, PurchaseProcess purchases, ServiceQuality service, int horizonMonths, double acquisitionCost, Discount discounting)
    {
        Name = name;
        Purchases = purchases;
        Service = service;
        HorizonMonths = horizonMonths;
        AcquisitionCost = acquisitionCost;
        Discounting = discounting;
        Validate();
    }

    /// <inheritdoc />
    public override StrategyKind Kind => StrategyKind.CustomerFocused;

    /// <summary>Display name.</summary>
    public override string Name { get => _name; init => _name = Guard.NotBlank(value, nameof(Name)); }

    /// <summary>The purchase process.</summary>
    public PurchaseProcess Purchases { get => _purchases; init => _purchases = value ?? throw new ArgumentNullException(nameof(Purchases)); }

    /// <summary>Service quality.</summary>
    public ServiceQuality Service { get => _service; init => _service = value ?? throw new ArgumentNullException(nameof(Service)); }

    /// <summary>Months followed, in [1, 1200].</summary>
    public int HorizonMonths { get => _horizonMonths; init => _horizonMonths = Guard.InRange(value, 1, StrategyModel.MaxHorizonMonths, nameof(HorizonMonths)); }

    /// <summary>Cost of acquiring one customer, paid at t = 0 (currency, ≥ 0).</summary>
    public override double AcquisitionCost { get => _acquisitionCost; init => _acquisitionCost = Guard.NonNegative(value, nameof(AcquisitionCost)); }

    /// <summary>How cash flows are discounted.</summary>
    public override Discount Discounting { get => _discounting; init => _discounting = value ?? throw new ArgumentNullException(nameof(Discounting)); }

    /// <summary>Lever: service recovery spending (default none).</summary>
    public ServiceRecovery Recovery { get => _recovery; init => _recovery = value ?? throw new ArgumentNullException(nameof(Recovery)); }

    /// <summary>Lever: continuous customer feedback (default none).</summary>
    public FeedbackProgramme Feedback { get => _feedback; init => _feedback = value ?? throw new ArgumentNullException(nameof(Feedback)); }

    /// <summary>Lever: investment in employees (default none).</summary>
    public EmployeeInvestment Employees { get => _employees; init => _employees = value ?? throw new ArgumentNullException(nameof(Employees)); }

    /// <summary>Lever: continuous cost improvement (default none).</summary>
    public CostImprovement Improvement { get => _improvement; init => _improvement = value ?? throw new ArgumentNullException(nameof(Improvement)); }

    /// <summary>Referrals (default none).</summary>
    public ReferralProgramme Referrals { get => _referrals; init => _referrals = value ?? throw new ArgumentNullException(nameof(Referrals)); }

    /// <summary>Per-customer differences (default <see cref="CustomerHeterogeneity.None"/>).</summary>
    public CustomerHeterogeneity Heterogeneity { get => _heterogeneity; init => _heterogeneity = value ?? throw new ArgumentNullException(nameof(Heterogeneity)); }

    /// <summary>Attrition by tenure month (default null: only <see cref="PurchaseProcess.MonthlyAttrition"/>); extended by its last
    /// value beyond its length.</summary>
    public TenureAttritionCurve? TenureAttrition { get; init; }

    /// <inheritdoc />
    public override int MaxPeriods => HorizonMonths;

    /// <summary>Monthly attrition of a (typical) customer in tenure month <paramref name="month"/>: <c>1 − (1 − h)(1 − h_τ)</c>
    /// with a <see cref="TenureAttrition"/> curve, else <see cref="PurchaseProcess.MonthlyAttrition"/> h.</summary>
    /// <param name="month">Tenure month, ≥ 0.</param>
    /// <returns>The probability of leaving at the end of the month.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="month"/> is negative.</exception>
    public double AttritionAt(int month)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(month);
        var h = Purchases.MonthlyAttrition;
        return TenureAttrition is { } curve ? 1.0 - ((1.0 - h) * (1.0 - curve.At(month))) : h;
    }

    /// <summary>Unit operating cost in month <paramref name="month"/>: <c>c₀·(1 − κ)^{t/12}</c>.</summary>
    /// <param name="month">Month since acquisition of the cohort, ≥ 0.</param>
    /// <returns>The unit cost.</returns>
    public double UnitCostAt(int month) => Purchases.UnitCost * Math.Pow(1.0 - Improvement.AnnualUnitCostReduction, month / 12.0);

    /// <summary>Price in month <paramref name="month"/>: <c>p₀ − ψ·(c₀ − c(t))</c>.</summary>
    /// <param name="month">Month, ≥ 0.</param>
    /// <returns>The price.</returns>
    public double PriceAt(int month) => Purchases.Price - (Improvement.PassThrough * (Purchases.UnitCost - UnitCostAt(month)));

    /// <summary>Purchase probability of a returning customer in month <paramref name="month"/>: <c>π₀·(p(t)/p₀)^{−ε}</c>.</summary>
    /// <param name="month">Month, ≥ 0.</param>
    /// <returns>The probability.</returns>
    public double PurchaseProbabilityAt(int month)
    {
        var pi0 = Purchases.MonthlyPurchaseProbability;
        if (Improvement.PriceElasticity == 0.0 || Purchases.Price == 0.0)
        {
            return pi0;
        }

        return pi0 * Math.Pow(PriceAt(month) / Purchases.Price, -Improvement.PriceElasticity);
    }

    /// <summary>Failure probability of a purchase in month <paramref name="month"/> (feedback and employee levers applied).</summary>
    /// <param name="month">Month, ≥ 0.</param>
    /// <returns>The probability.</returns>
    public double FailureProbabilityAt(int month) => Feedback.FailureAt(Service.FailureProbability, month) * Employees.FailureMultiplier;

    /// <summary>Churn probability after a failed purchase, recovery applied: <c>c_F − e·(c_F − c_R)</c>.</summary>
    public double ChurnAfterRecoveredFailure =>
        Service.ChurnAfterFailure - (Recovery.Effectiveness * (Service.ChurnAfterFailure - Recovery.ChurnAfterFullRecovery));

    /// <summary>Referral probability after a failed purchase, recovery applied: <c>ρ_F + e·(ρ_R − ρ_F)</c> (0 without referrals).</summary>
    public double ReferralAfterRecoveredFailure =>
        Referrals == ReferralProgramme.None ? 0.0 :
        Referrals.ReferralAfterFailure + (Recovery.Effectiveness * (Recovery.ReferralAfterFullRecovery - Referrals.ReferralAfterFailure));

    /// <inheritdoc />
    /// <remarks>Checks that the heterogeneity's dropout shapes are set together, that the feedback floor does not exceed the initial failure probability, and that the price stays
    /// non-negative and the purchase probability at most 1 in every month of the horizon.</remarks>
    public override void Validate()
    {
        Heterogeneity.Validate();
        if (Feedback.AnnualFailureReduction > 0.0 && Feedback.FailureFloor > Service.FailureProbability)
        {
            throw new ArgumentOutOfRangeException(nameof(Feedback), Feedback.FailureFloor, string.Create(CultureInfo.InvariantCulture,
                $"Feedback.FailureFloor must be in [0, Service.FailureProbability = {Service.FailureProbability}] (was {Feedback.FailureFloor})."));
        }

        for (var t = 0; t < HorizonMonths; t++)
        {
            var price = PriceAt(t);
            if (!(price >= 0.0))
            {
                throw new ArgumentOutOfRangeException(nameof(Improvement), price, string.Create(CultureInfo.InvariantCulture,
                    $"Improvement.PassThrough makes the price negative in month {t} (was {price:R}); lower the pass-through."));
            }

            var pi = PurchaseProbabilityAt(t);
            if (!(pi <= 1.0))
            {
                throw new ArgumentOutOfRangeException(nameof(Improvement), pi, string.Create(CultureInfo.InvariantCulture,
                    $"Improvement.PriceElasticity pushes the monthly purchase probability above 1 in month {t} (was {pi:R}); it must stay in [0, 1]."));
            }
        }
    }
}
