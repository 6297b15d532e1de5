using LifetimeValue.Internal;

namespace LifetimeValue.Lifecycle;

/// <summary>
/// A monthly margin (currency units per month) that is linear in the period's annual short rate with
/// coefficients that may depend on age: <c>m(age, r) = Intercept(age) + RateSlope(age) · r</c>.
/// </summary>
/// <remarks>
/// <para>
/// Every product margin the library models reduces to this form: a fee is a constant; a loan of balance
/// B at customer rate c(age), funded at the short rate plus a spread s, earns
/// B·(c(age) − s)/12 − B/12 · r; a deposit paying c(age) earns B/12 · r − B·c(age)/12. Linearity in r
/// lets both engines precompute per-scenario margin series once and keeps the exact engine exact.
/// </para>
/// <para>Thread safety: immutable; safe to share.</para>
/// </remarks>
public sealed record MarginSchedule
{
    private readonly AgeSchedule _intercept = AgeSchedule.Constant(0);
    private readonly AgeSchedule _rateSlope = AgeSchedule.Constant(0);

    /// <summary>Creates a margin schedule.</summary>
    /// <param name="intercept">Monthly margin when the short rate is 0, by age (currency/month).</param>
    /// <param name="rateSlope">Change of the monthly margin per unit of annual short rate, by age (currency/month per 1.00 of rate).</param>
    /// <exception cref="ArgumentNullException">A schedule is null.</exception>
    public MarginSchedule(AgeSchedule intercept, AgeSchedule rateSlope)
    {
        Intercept = intercept;
        RateSlope = rateSlope;
    }

    /// <summary>Monthly margin when the short rate is 0, by age (currency/month).</summary>
    public AgeSchedule Intercept { get => _intercept; init => _intercept = value ?? throw new ArgumentNullException(nameof(Intercept)); }

    /// <summary>Change of the monthly margin per unit of annual short rate, by age.</summary>
    public AgeSchedule RateSlope { get => _rateSlope; init => _rateSlope = value ?? throw new ArgumentNullException(nameof(RateSlope)); }

    /// <summary>A margin of zero.</summary>
    public static MarginSchedule Zero { get; } = Fixed(0);

    /// <summary>A fixed monthly margin (e.g. an account fee net of running cost).</summary>
    /// <param name="monthlyMargin">Currency per month; finite, may be negative.</param>
    /// <returns>The schedule.</returns>
    /// <exception cref="ArgumentOutOfRangeException">Not finite.</exception>
    public static MarginSchedule Fixed(double monthlyMargin) =>
        new(AgeSchedule.Constant(Guard.Finite(monthlyMargin)), AgeSchedule.Constant(0));

    /// <summary>A margin <c>a + b·r</c> with age-independent coefficients (the W1 workload's form).</summary>
    /// <param name="intercept">a, currency per month; finite.</param>
    /// <param name="rateSlope">b, currency per month per unit of annual rate; finite.</param>
    /// <returns>The schedule.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A coefficient is not finite.</exception>
    public static MarginSchedule RateLinear(double intercept, double rateSlope) =>
        new(AgeSchedule.Constant(Guard.Finite(intercept)), AgeSchedule.Constant(Guard.Finite(rateSlope)));

    /// <summary>
    /// The net interest margin of a loan: <c>B·(c(age) − r − s)/12</c> per month, where the bank funds
    /// the balance at the short rate plus a funding spread.
    /// </summary>
    /// <param name="balance">Average outstanding balance B (currency), ≥ 0.</param>
    /// <param name="customerRate">Annual customer rate c by age (e.g. 0.02 = 2 %); low early in life, rising later.</param>
    /// <param name="fundingSpread">Annual funding spread s over the short rate; finite.</param>
    /// <returns>The schedule.</returns>
    /// <exception cref="ArgumentOutOfRangeException">Balance negative or a number not finite.</exception>
    /// <exception cref="ArgumentNullException"><paramref name="customerRate"/> is null.</exception>
    public static MarginSchedule Loan(double balance, AgeSchedule customerRate, double fundingSpread)
    {
        Guard.NonNegative(balance);
        ArgumentNullException.ThrowIfNull(customerRate);
        Guard.Finite(fundingSpread);
        return new MarginSchedule(
            Shift(customerRate, -fundingSpread).Scale(balance / 12.0),
            AgeSchedule.Constant(-balance / 12.0));
    }

    /// <summary>
    /// The margin of a deposit or savings balance: <c>B·(r − c(age))/12</c> per month — the bank earns
    /// the short rate on the balance and pays the customer rate.
    /// </summary>
    /// <param name="balance">Average balance B (currency), ≥ 0.</param>
    /// <param name="customerRate">Annual rate paid to the customer, by age.</param>
    /// <returns>The schedule.</returns>
    /// <exception cref="ArgumentOutOfRangeException">Balance negative or not finite.</exception>
    /// <exception cref="ArgumentNullException"><paramref name="customerRate"/> is null.</exception>
    public static MarginSchedule Deposit(double balance, AgeSchedule customerRate)
    {
        Guard.NonNegative(balance);
        ArgumentNullException.ThrowIfNull(customerRate);
        return new MarginSchedule(customerRate.Scale(-balance / 12.0), AgeSchedule.Constant(balance / 12.0));
    }

    /// <summary>The monthly margin at an age and annual short rate.</summary>
    /// <param name="ageYears">Age in whole years.</param>
    /// <param name="annualRate">Annual short rate of the period.</param>
    /// <returns>Currency per month.</returns>
    public double At(int ageYears, double annualRate) =>
        Intercept.ValueAt(ageYears) + (RateSlope.ValueAt(ageYears) * annualRate);

    private static AgeSchedule Shift(AgeSchedule schedule, double delta)
    {
        var steps = new (int, double)[schedule.Values.Count];
        for (var i = 0; i < steps.Length; i++)
        {
            steps[i] = (schedule.FromAges[i], schedule.Values[i] + delta);
        }

        return AgeSchedule.Steps(steps);
    }
}
