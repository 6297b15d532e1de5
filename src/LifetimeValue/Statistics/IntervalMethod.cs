namespace LifetimeValue.Statistics;

/// <summary>How a <see cref="TwoLevelEstimate"/>'s confidence interval is formed.</summary>
public enum IntervalMethod
{
    /// <summary>Mean ± z·SE with the standard normal quantile z: used with one scenario, where the error is customer sampling only.</summary>
    Normal,

    /// <summary>Mean ± t·SE with the Student-t quantile on S − 1 degrees of freedom: used whenever there are S ≥ 2 scenarios, since the
    /// standard error is estimated from the S scenario means (it equals the normal interval in the limit of many scenarios).</summary>
    StudentT,
}
