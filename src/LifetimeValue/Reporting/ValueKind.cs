namespace LifetimeValue.Reporting;

/// <summary>
/// What a number in a <see cref="ResultTable"/> is, which decides how every writer shows it: currency with two
/// decimals and thousands separators, percents from fractions, months and counts as whole numbers, years with one
/// decimal. Machine formats (CSV, JSON) keep the value itself; spreadsheets apply the matching number format.
/// </summary>
public enum ValueKind
{
    /// <summary>Text (labels, names, statuses).</summary>
    Text,

    /// <summary>A plain number (rates per month, survival probabilities, parameters): four decimals.</summary>
    Number,

    /// <summary>Money per customer or per cohort: two decimals with thousands separators.</summary>
    Currency,

    /// <summary>A fraction shown as a percent (0.78 shows as 78.0 %): shares, rates, IRRs.</summary>
    Percent,

    /// <summary>A month count or month index: a whole number.</summary>
    Months,

    /// <summary>A year index or a duration in years: whole years as integers, fractions with one decimal.</summary>
    Years,

    /// <summary>A count (customers, scenarios, lifetimes): a whole number with thousands separators.</summary>
    Count,
}
