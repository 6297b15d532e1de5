namespace LifetimeValue.Calibration;

/// <summary>
/// The unit in which recency, age and forecast horizons are expressed. Every unit is a fixed number of
/// days, stated here, so no month of hidden length enters a model.
/// </summary>
/// <remarks>Thread safety: an enum; immutable.</remarks>
public enum TimeUnit
{
    /// <summary>One calendar day.</summary>
    Day = 0,

    /// <summary>Seven days (the unit of the CDNOW literature: Fader, Hardie and Lee 2005).</summary>
    Week = 1,

    /// <summary>The mean Gregorian month: 365.2425 / 12 = 30.436875 days (not a calendar month).</summary>
    GregorianMonth = 2,
}
