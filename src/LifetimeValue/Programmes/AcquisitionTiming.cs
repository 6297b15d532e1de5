namespace LifetimeValue.Programmes;

/// <summary>When within a year the customers of a yearly acquisition figure arrive.</summary>
public enum AcquisitionTiming
{
    /// <summary>Spread evenly: a twelfth of the year's customers at the start of each month.</summary>
    SpreadMonthly = 0,

    /// <summary>All of the year's customers at the start of the year (month 12·y).</summary>
    StartOfYear = 1,
}
