namespace LifetimeValue.Finance;

/// <summary>How many internal rates of return a cash-flow series has (roots of its NPV in rate &gt; −1).</summary>
public enum IrrStatus
{
    /// <summary>
    /// No root was found: the flows do not change sign (all inflows, all outflows or all zero), or no
    /// sign change of the NPV was found in the searched domain and Newton's method did not converge.
    /// </summary>
    None = 0,

    /// <summary>Exactly one root was found; with exactly one sign change in the flows it is provably the only one.</summary>
    Unique = 1,

    /// <summary>Two or more roots were found; the IRR is ambiguous and <see cref="IrrResult.Rate"/> is the one closest to the guess.</summary>
    Several = 2,
}
