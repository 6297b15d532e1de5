namespace LifetimeValue.Calibration;

/// <summary>The outcome of fitting one acquisition cohort: the model, or the reason it could not be fitted.</summary>
/// <typeparam name="TModel">The fitted model type.</typeparam>
/// <param name="Key">The cohort key (e.g. <c>1997-Q1</c>).</param>
/// <param name="Summary">The cohort's customers.</param>
/// <param name="Model">The fitted model, or null when the fit failed.</param>
/// <param name="Error">Why the fit failed (a <see cref="ModelFitException"/> or an <see cref="ArgumentException"/> for
/// unidentifiable data), or null.</param>
/// <remarks>Thread safety: an immutable record.</remarks>
public sealed record CohortFit<TModel>(string Key, RfmSummary Summary, TModel? Model, Exception? Error)
    where TModel : class;
