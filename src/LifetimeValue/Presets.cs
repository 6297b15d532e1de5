using LifetimeValue.Discounting;
using LifetimeValue.Focused;
using LifetimeValue.Lifecycle;
using LifetimeValue.Model;

namespace LifetimeValue;

/// <summary>
/// Bundled models: the W1 benchmark workload (fully specified in the project's benchmark docs) and the
/// customer-centric "bank" preset. Presets are ordinary data built from the public model types; copy
/// and change them with <c>with</c> expressions.
/// </summary>
/// <remarks>
/// The bank preset's numbers are illustrative assumptions chosen to show the shape of a customer-centric
/// strategy (early losses, late profits); they are not calibrated to any bank. Thread safety: every
/// member returns a new immutable object.
/// </remarks>
public static class Presets
{
    /// <summary>W1's final period count: customers acquired at 11 are followed to age 80.</summary>
    public const int W1MaxPeriods = 12 * (80 - 11);

    /// <summary>
    /// The W1 "lifecycle bank" workload: acquisition at 11–15 (customer i at 11 + i mod 5), seven stages to
    /// age 80, one product per stage with margin <c>a_k + b_k·r</c> when adopted and <c>c_k</c> otherwise,
    /// acquisition cost 150, discounting at the short rate plus 3 %.
    /// </summary>
    /// <returns>The model.</returns>
    /// <remarks>
    /// W1 pays <c>a + b·r</c> if the stage's product is adopted and <c>c</c> otherwise; here that is a base
    /// margin c with a product whose margin is the increment <c>(a − c) + b·r</c>, which has the same
    /// distribution of cash flows.
    /// </remarks>
    public static LifecycleModel W1()
    {
        (string Name, int From, int To, double Q, double P, double A, double B, double C)[] table =
        [
            ("Youth", 11, 18, 0.02, 1.00, -4, 20, 0),
            ("Student", 18, 23, 0.05, 0.60, -6, -100, -1),
            ("Early career", 23, 30, 0.06, 0.50, 25, -400, 2),
            ("Family", 30, 45, 0.04, 0.45, 120, -1500, 5),
            ("Mid-life", 45, 60, 0.03, 0.50, 160, 1000, 8),
            ("Pre-retirement", 60, 67, 0.02, 0.50, 90, 600, 6),
            ("Retired", 67, 80, 0.04, 0.40, 60, 800, 4),
        ];
        var stages = new LifeStage[table.Length];
        for (var k = 0; k < table.Length; k++)
        {
            var s = table[k];
            stages[k] = new LifeStage(s.Name, s.From, s.To, s.Q,
                [new Product($"{s.Name} product", s.P, MarginSchedule.RateLinear(s.A - s.C, s.B))],
                MarginSchedule.Fixed(s.C));
        }

        return new LifecycleModel("W1", new StageLadder(stages), AcquisitionProfile.Uniform(11, 15), 150.0,
            Horizon.ToAge(80), Discount.ShortRatePlus(0.03));
    }

    /// <summary>
    /// W1-det's rate path: Vasicek under Euler with no shocks, <c>r_0 = 0.03</c>, κ = 0.15, θ = 0.035,
    /// over 828 months.
    /// </summary>
    /// <returns>The deterministic path.</returns>
    public static RatePath W1DeterministicRates() => RatePath.VasicekEulerMean(0.03, 0.15, 0.035, W1MaxPeriods);

    /// <summary>
    /// The customer-centric "bank" preset: customers acquired at 11–15 with a youth account, then student
    /// account and a low-rate student loan, a first card, car loan, mortgage, savings and investments, and
    /// pension products, to age 85. Loan rates are kept low early in life and rise with age; early years
    /// lose money and later years repay it.
    /// </summary>
    /// <returns>The model (illustrative assumptions; see remarks of <see cref="Presets"/>).</returns>
    public static LifecycleModel Bank()
    {
        const double Funding = 0.005; // funding spread over the short rate
        var card = new Product("Credit card", 0.45, MarginSchedule.Loan(1_500, AgeSchedule.Ramp(20, 0.12, 35, 0.19), Funding), 2.0);
        var savings = new Product("Savings", 0.50, MarginSchedule.Deposit(8_000, AgeSchedule.Constant(0.01)), 1.0);
        LifeStage[] stages =
        [
            new("Youth", 11, 18, 0.02,
                [new Product("Youth savings", 0.70, MarginSchedule.Deposit(400, AgeSchedule.Constant(0.02)), 0.5)],
                MarginSchedule.Fixed(-3.0)),
            new("Student", 18, 23, 0.06,
                [
                    new Product("Student loan", 0.35, MarginSchedule.Loan(9_000, AgeSchedule.Constant(0.01), Funding), 2.0),
                    new Product("Student overdraft", 0.50, MarginSchedule.Loan(1_200, AgeSchedule.Constant(0.0), Funding), 0.5),
                    card with { AdoptionProbability = 0.30 },
                ],
                MarginSchedule.Fixed(-2.5)),
            new("Early career", 23, 30, 0.07,
                [
                    card,
                    new Product("Car loan", 0.35, MarginSchedule.Loan(14_000, AgeSchedule.Ramp(23, 0.045, 30, 0.065), Funding), 3.0),
                    savings with { AdoptionProbability = 0.35, Margin = MarginSchedule.Deposit(4_000, AgeSchedule.Constant(0.01)) },
                ],
                MarginSchedule.Fixed(2.0)),
            new("Family", 30, 45, 0.04,
                [
                    card,
                    new Product("Mortgage", 0.55, MarginSchedule.Loan(180_000, AgeSchedule.Ramp(30, 0.040, 44, 0.047), Funding), 15.0),
                    new Product("Car loan", 0.30, MarginSchedule.Loan(18_000, AgeSchedule.Constant(0.065), Funding), 3.0),
                    savings,
                ],
                MarginSchedule.Fixed(5.0)),
            new("Mid-life", 45, 60, 0.03,
                [
                    card,
                    new Product("Mortgage", 0.45, MarginSchedule.Loan(110_000, AgeSchedule.Constant(0.048), Funding), 12.0),
                    new Product("Investments", 0.40, MarginSchedule.Fixed(35.0), 5.0),
                    savings with { Margin = MarginSchedule.Deposit(25_000, AgeSchedule.Constant(0.012)) },
                ],
                MarginSchedule.Fixed(7.0)),
            new("Pre-retirement", 60, 67, 0.02,
                [
                    new Product("Pension", 0.55, MarginSchedule.Fixed(45.0), 5.0),
                    new Product("Investments", 0.45, MarginSchedule.Fixed(40.0), 5.0),
                    savings with { AdoptionProbability = 0.60, Margin = MarginSchedule.Deposit(40_000, AgeSchedule.Constant(0.015)) },
                ],
                MarginSchedule.Fixed(6.0)),
            new("Retired", 67, 85, 0.04,
                [
                    new Product("Annuity", 0.30, MarginSchedule.Fixed(30.0), 3.0),
                    savings with { AdoptionProbability = 0.60, Margin = MarginSchedule.Deposit(35_000, AgeSchedule.Constant(0.015)) },
                ],
                MarginSchedule.Fixed(4.0)),
        ];
        return new LifecycleModel("bank", new StageLadder(stages), AcquisitionProfile.Uniform(11, 15), 250.0,
            Horizon.ToAge(85), Discount.ShortRatePlus(0.05));
    }

    /// <summary>
    /// The customer-focused "hotel" preset: a luxury hotel over a five-year horizon. Guests stay about once every
    /// 15 months; 8 % of stays go wrong at first; every employee may spend up to $2,000 to put a stay right (the
    /// preset spends $300 per incident); a feedback programme closes 25 % of the gap to a 3 % failure floor each
    /// year; staff rewards of $15 per stay halve turnover every $20; waste removal cuts unit cost 3 % a year, half
    /// of it passed on in price; happy guests refer others, whose value is attributed to them.
    /// </summary>
    /// <returns>The model (illustrative assumptions; see remarks of <see cref="Presets"/>).</returns>
    public static CustomerFocusedModel Hotel() =>
        new("hotel",
            new PurchaseProcess(monthlyPurchaseProbability: 0.065, price: 480.0, unitCost: 310.0, monthlyAttrition: 0.008),
            new ServiceQuality(failureProbability: 0.08, churnAfterGoodExperience: 0.10, churnAfterFailure: 0.45),
            horizonMonths: 60, acquisitionCost: 90.0, Discount.ShortRatePlus(0.05))
        {
            Recovery = new ServiceRecovery(spendPerIncident: 300.0, effectScale: 250.0, churnAfterFullRecovery: 0.06, referralAfterFullRecovery: 0.25, cap: 2000.0),
            Feedback = new FeedbackProgramme(annualFailureReduction: 0.25, failureFloor: 0.03, monthlyCostPerCustomer: 0.40),
            Employees = new EmployeeInvestment(rewardPerPurchase: 15.0, halvingSpend: 20.0, staffShareOfFailures: 0.6, baseAnnualStaffTurnover: 0.6),
            Improvement = new CostImprovement(annualUnitCostReduction: 0.03, passThrough: 0.5, priceElasticity: 1.2),
            Referrals = new ReferralProgramme(referralAfterGoodExperience: 0.06, referralAfterFailure: 0.01, rewardPerReferral: 25.0, attributeToReferrer: true),
        };

    /// <summary>The names of the bundled presets: "bank", "hotel", "w1".</summary>
    public static IReadOnlyList<string> Names { get; } = ["bank", "hotel", "w1"];

    /// <summary>A bundled preset by name (case-insensitive).</summary>
    /// <param name="name">"bank", "hotel" or "w1".</param>
    /// <returns>The model.</returns>
    /// <exception cref="ArgumentException">Unknown name (the message lists the presets).</exception>
    public static StrategyModel ByName(string name) => name?.Trim().ToUpperInvariant() switch
    {
        "BANK" => Bank(),
        "HOTEL" => Hotel(),
        "W1" => W1(),
        _ => throw new ArgumentException($"Unknown preset '{name}': expected one of {string.Join(", ", Names)}.", nameof(name)),
    };

    /// <summary>The bank preset's default rate path: a flat 3 % short rate.</summary>
    /// <returns>The path.</returns>
    public static RatePath BankRates() => RatePath.Constant(0.03);
}
