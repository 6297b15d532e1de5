using System.Globalization;
using LifetimeValue.Internal;
using LifetimeValue.Lifecycle;

namespace LifetimeValue.Calibration.Panel;

/// <summary>
/// One row of a customer-month panel (long format): one customer, one calendar month and one product — or the
/// relationship itself when <see cref="Product"/> is empty — with the month's net revenue and whether the customer
/// closed the relationship in that month.
/// </summary>
/// <remarks>
/// <para>Conventions (the model's, see <see cref="LifecycleModel"/>): a customer is a customer in every month for which the
/// panel has at least one of its rows; the month marked <see cref="Closed"/> is the customer's last month (its revenue
/// is earned, then the customer leaves at the end of the month). A product row means the product is held in that
/// month; its <see cref="NetRevenue"/> is the month's margin net of servicing cost. A row with an empty product carries
/// relationship-level revenue (account fees, the base margin) and may be the only row of a month.</para>
/// <para>Age: from <see cref="DateOfBirth"/> when given (whole months since the month of birth; the age in years
/// changes in the month of the birthday), otherwise <see cref="AgeYears"/>.</para>
/// <para>Thread safety: an immutable value.</para>
/// </remarks>
public readonly record struct PanelRow
{
    /// <summary>Creates a row.</summary>
    /// <param name="customerId">Customer identifier; not blank.</param>
    /// <param name="month">Any day of the calendar month (stored as the first day).</param>
    /// <param name="dateOfBirth">Date of birth, or null when <paramref name="ageYears"/> is given.</param>
    /// <param name="ageYears">Age in whole years in the month, in [0, 129], or null when <paramref name="dateOfBirth"/> is given.</param>
    /// <param name="product">Product name; empty for a relationship-level row.</param>
    /// <param name="netRevenue">Net revenue of the month (currency, finite, may be negative).</param>
    /// <param name="closed">Whether the customer closed the relationship in this month.</param>
    /// <param name="balance">Average balance of the month (currency, finite), or null when unknown.</param>
    /// <param name="acquisitionCost">The customer's acquisition cost (currency, finite, ≥ 0), or null when not given.</param>
    /// <exception cref="ArgumentException">A blank id, neither age nor date of birth, an age out of range, or a number not finite.</exception>
    public PanelRow(string customerId, DateOnly month, DateOnly? dateOfBirth, int? ageYears, string? product, double netRevenue, bool closed,
        double? balance = null, double? acquisitionCost = null)
    {
        CustomerId = Guard.NotBlank(customerId);
        Month = new DateOnly(month.Year, month.Month, 1);
        if (dateOfBirth is null && ageYears is null)
        {
            throw new ArgumentException("A panel row needs a date of birth or an age (both were null).", nameof(ageYears));
        }

        if (ageYears is { } age)
        {
            Guard.InRange(age, 0, AgeSchedule.MaxAge - 1, nameof(ageYears));
        }

        DateOfBirth = dateOfBirth;
        AgeYears = ageYears;
        Product = product?.Trim() ?? string.Empty;
        NetRevenue = Guard.Finite(netRevenue);
        Closed = closed;
        if (balance is { } b)
        {
            Guard.Finite(b, nameof(balance));
        }

        if (acquisitionCost is { } c)
        {
            Guard.NonNegative(c, nameof(acquisitionCost));
        }

        Balance = balance;
        AcquisitionCost = acquisitionCost;
    }

    /// <summary>Customer identifier.</summary>
    public string CustomerId { get; }

    /// <summary>The calendar month (its first day).</summary>
    public DateOnly Month { get; }

    /// <summary>Date of birth, or null.</summary>
    public DateOnly? DateOfBirth { get; }

    /// <summary>Age in whole years in the month, or null (then <see cref="DateOfBirth"/> gives it).</summary>
    public int? AgeYears { get; }

    /// <summary>Product name; empty for a relationship-level row.</summary>
    public string Product { get; }

    /// <summary>Net revenue of the month (currency).</summary>
    public double NetRevenue { get; }

    /// <summary>Whether the customer closed the relationship in this month (its last month).</summary>
    public bool Closed { get; }

    /// <summary>Average balance of the month, or null (reported, not used by the estimators).</summary>
    public double? Balance { get; }

    /// <summary>The customer's acquisition cost, or null.</summary>
    public double? AcquisitionCost { get; }

    /// <summary>
    /// The 1-based line of the source file the row was read from (set by <see cref="PanelCsvReader"/>), or 0 when the row
    /// does not come from a file (error messages then give the row's 1-based position in the sequence).
    /// </summary>
    public long Line { get; init; }

    /// <summary>The month as a count of months since year 0 (year · 12 + month − 1).</summary>
    internal int MonthIndex => (Month.Year * 12) + Month.Month - 1;

    /// <inheritdoc/>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{CustomerId} {Month:yyyy-MM} {(DateOfBirth is { } d ? d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : AgeYears?.ToString(CultureInfo.InvariantCulture))} '{Product}' {NetRevenue:R}{(Closed ? " closed" : string.Empty)}");
}
