namespace LifetimeValue.Cli.Common;

/// <summary>
/// The plausible ranges of the tool's number options, in one place (documented in docs/cli.md, "Ranges of number options").
/// They are narrower than the library's finiteness checks where a value inside the library's range would give an absurd
/// result (a −99 % short rate discounts 70 years of cash flows into a CLV of 1e41) or exhaust memory.
/// </summary>
internal static class OptionRanges
{
    /// <summary>Annual short rates (<c>--rate</c>, <c>--r0</c>, <c>--theta</c>, <c>--clv-rate</c>): −10 % to +100 % a year.</summary>
    public static NumberRange ShortRate { get; } = new(-0.1, 1, Note: " (an annual rate: 0.03 is 3 %)");

    /// <summary>Mean-reversion speed κ per year: (0, 10].</summary>
    public static NumberRange Kappa { get; } = new(0, 10, MinOpen: true);

    /// <summary>Rate volatility σ per √year: [0, 0.2].</summary>
    public static NumberRange Sigma { get; } = new(0, 0.2);

    /// <summary>A spread over the short rate, or a flat discount rate, per year: [0, 1].</summary>
    public static NumberRange DiscountRate { get; } = new(0, 1, Note: " (an annual rate: 0.05 is 5 %)");

    /// <summary>Money amounts per customer (acquisition cost): [0, 1e9].</summary>
    public static NumberRange CostPerCustomer { get; } = new(0, 1e9);

    /// <summary>Money amounts of a whole cohort (capital): [0, 1e15].</summary>
    public static NumberRange Capital { get; } = new(0, 1e15);

    /// <summary>Customers a programme acquires in its first year: (0, 1e12].</summary>
    public static NumberRange CustomersPerYear { get; } = new(0, 1e12, MinOpen: true);

    /// <summary>Annual growth of a programme's yearly acquisitions: −50 % to +100 %.</summary>
    public static NumberRange Growth { get; } = new(-0.5, 1, Note: " (an annual growth rate: 0.05 is 5 %)");

    /// <summary>A target half-width in the model's currency per customer: (0, 1e9].</summary>
    public static NumberRange HalfWidth { get; } = new(0, 1e9, MinOpen: true, Note: " (in the model's currency per customer)");

    /// <summary>A probability strictly between 0 and 1 (confidence level).</summary>
    public static NumberRange OpenUnit { get; } = new(0, 1, MinOpen: true, MaxOpen: true);

    /// <summary>A relative move in (0, 1] (the tornado's shift).</summary>
    public static NumberRange Shift { get; } = new(0, 1, MinOpen: true);

    /// <summary>Relative revenue noise of synthetic panels: [0, 5].</summary>
    public static NumberRange Noise { get; } = new(0, 5);

    /// <summary>Customers per scenario: [1, 2^40] (the engine's limit).</summary>
    public const long MaxCustomers = 1L << 40;

    /// <summary>Customers in a funding cohort or a synthetic panel: [1, 1e12].</summary>
    public const long MaxCohort = 1_000_000_000_000;

    /// <summary>Rate values (scenarios × months) generated or read at once: 1e8, about 800 MB.</summary>
    public const long MaxRateValues = 100_000_000;

    /// <summary>Customer-months (customers × (burn-in + panel months)) of a synthetic panel: 1e9.</summary>
    public const long MaxCustomerMonths = 1_000_000_000;

    /// <summary>Months of a scenario path or panel: 1200 (100 years).</summary>
    public const int MaxMonths = 1200;

    /// <summary>1-based CSV columns: up to 10,000.</summary>
    public const int MaxColumn = 10_000;
}
