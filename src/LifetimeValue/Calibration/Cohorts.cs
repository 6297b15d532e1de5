namespace LifetimeValue.Calibration;

/// <summary>Fits a model separately to each acquisition cohort of an <see cref="RfmSummary"/>.</summary>
/// <remarks>
/// Cohorts differ in size and behaviour; a small cohort may not identify the model. Each cohort's failure
/// (<see cref="ModelFitException"/> or <see cref="ArgumentException"/>) is captured in its <see cref="CohortFit{TModel}"/>
/// instead of aborting the others. Thread safety: all members are pure; cohorts are fitted sequentially in key order of
/// first appearance.
/// </remarks>
public static class Cohorts
{
    /// <summary>Splits by <paramref name="cohortOf"/> and fits each cohort.</summary>
    /// <typeparam name="TModel">The model type, e.g. <see cref="BgNbdModel"/>.</typeparam>
    /// <param name="summary">All customers.</param>
    /// <param name="cohortOf">Maps a first-purchase date to a cohort key, e.g. <see cref="RfmSummary.QuarterOf"/>.</param>
    /// <param name="fit">Fits one cohort, e.g. <c>s =&gt; BgNbdModel.Fit(s.Histories())</c>.</param>
    /// <returns>One result per cohort, in order of first appearance.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static IReadOnlyList<CohortFit<TModel>> Fit<TModel>(RfmSummary summary, Func<DateOnly, string> cohortOf, Func<RfmSummary, TModel> fit)
        where TModel : class
    {
        ArgumentNullException.ThrowIfNull(summary);
        ArgumentNullException.ThrowIfNull(fit);
        var results = new List<CohortFit<TModel>>();
        foreach (var (key, cohort) in summary.ByCohort(cohortOf))
        {
            try
            {
                results.Add(new CohortFit<TModel>(key, cohort, fit(cohort), null));
            }
            catch (Exception e) when (e is ModelFitException or ArgumentException)
            {
                results.Add(new CohortFit<TModel>(key, cohort, null, e));
            }
        }

        return results;
    }
}
