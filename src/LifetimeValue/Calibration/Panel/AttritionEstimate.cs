namespace LifetimeValue.Calibration.Panel;

/// <summary>
/// The attrition hazard of one stage: the exposure-based maximum-likelihood estimate with left truncation and right censoring.
/// </summary>
/// <param name="Stage">Stage name.</param>
/// <param name="StartAge">First age of the stage (years).</param>
/// <param name="EndAge">First age after the stage (years).</param>
/// <param name="ExposureMonths">E: customer-months observed in the stage (the months a customer is seen, whenever it entered the panel).</param>
/// <param name="Closures">D: months with an account-closed marker in the stage.</param>
/// <param name="MonthlyHazard">ĥ = D/E, the probability of leaving at the end of a month (the model's monthly hazard).</param>
/// <param name="MonthlyHazardStandardError">√(ĥ(1 − ĥ)/E), from the binomial information (0 when ĥ is 0 or 1; see <see cref="UpperBound95"/>).</param>
/// <param name="AnnualAttrition">q̂ = 1 − (1 − ĥ)¹², the stage's <see cref="Lifecycle.LifeStage.AnnualAttrition"/>.</param>
/// <param name="AnnualAttritionStandardError">12 (1 − ĥ)¹¹ · SE(ĥ), by the delta method.</param>
/// <param name="UpperBound95">One-sided 95 % upper bound of the monthly hazard, the exact Poisson (Garwood) bound Γ⁻¹(0.95; D + 1)/E (≈ 3/E when D = 0, the "rule of three"): informative when no one closed.</param>
/// <remarks>
/// <para>Each month a customer is seen is a Bernoulli trial "leaves at the end of this month" with the stage's hazard h, so
/// the likelihood is <c>h^D (1 − h)^(E − D)</c> whatever the months at which customers entered (left truncation) or stopped
/// being observed (right censoring): the MLE is D/E with information E/(h(1 − h)).</para>
/// <para>Thread safety: an immutable value.</para>
/// </remarks>
public readonly record struct AttritionEstimate(string Stage, int StartAge, int EndAge, long ExposureMonths, long Closures, double MonthlyHazard,
    double MonthlyHazardStandardError, double AnnualAttrition, double AnnualAttritionStandardError, double UpperBound95);
