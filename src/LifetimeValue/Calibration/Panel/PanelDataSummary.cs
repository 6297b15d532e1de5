namespace LifetimeValue.Calibration.Panel;

/// <summary>What the calibration read: counts of rows, customers and months, and how customers entered and left.</summary>
/// <param name="Rows">Rows read.</param>
/// <param name="Customers">Distinct customers.</param>
/// <param name="CustomerMonths">Customer-months (all months).</param>
/// <param name="CalibrationCustomerMonths">Customer-months before the holdout (all of them without one).</param>
/// <param name="FirstMonth">The panel's first month.</param>
/// <param name="LastMonth">The panel's last month.</param>
/// <param name="HoldoutFrom">The first holdout month, or null.</param>
/// <param name="AcquiredCustomers">Customers first seen after the panel's first month (and before the holdout): acquisitions, whose ages make the acquisition profile.</param>
/// <param name="ExistingCustomers">Customers seen in the panel's first month: already customers, entering the estimates at their age then (left truncation).</param>
/// <param name="Closures">Account closures in the calibration months.</param>
/// <param name="OpenAtLastMonth">Customers still open in the last calibration month (right-censored there).</param>
/// <param name="LeftWithoutClosing">Customers whose rows stop before the last calibration month without a closed marker (right-censored at their last month).</param>
/// <param name="MonthsOutsideLadder">Calibration customer-months at ages outside the stage ladder (not used).</param>
/// <param name="CustomersWithAgesOnly">Customers whose age came from an age column rather than a date of birth.</param>
/// <param name="CustomersWithoutAgeChange">Of those, customers whose age never changes in the panel, so their month of birth is unknown (placed mid-range).</param>
/// <param name="MeanBalance">Mean of the balance column where given, or null.</param>
/// <remarks>Thread safety: an immutable record.</remarks>
public sealed record PanelDataSummary(long Rows, long Customers, long CustomerMonths, long CalibrationCustomerMonths, DateOnly FirstMonth, DateOnly LastMonth,
    DateOnly? HoldoutFrom, long AcquiredCustomers, long ExistingCustomers, long Closures, long OpenAtLastMonth, long LeftWithoutClosing, long MonthsOutsideLadder,
    long CustomersWithAgesOnly, long CustomersWithoutAgeChange, double? MeanBalance);
