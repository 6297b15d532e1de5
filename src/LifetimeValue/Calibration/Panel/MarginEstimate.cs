namespace LifetimeValue.Calibration.Panel;

/// <summary>
/// The monthly margin of one product (or the base margin every customer earns) over one age band: least squares of the
/// month's net revenue on (1, r) — or its mean when no rate series is given — with cluster-robust standard errors.
/// </summary>
/// <param name="Product">Product name, or <see cref="PanelFit.BaseMarginName"/> for the base margin.</param>
/// <param name="IsBase">Whether this is the base margin (relationship-level revenue per customer-month, zero when a month has none).</param>
/// <param name="Stage">Stage name.</param>
/// <param name="FromAge">First age of the band (years).</param>
/// <param name="ToAge">First age after the band (years).</param>
/// <param name="Months">Observations: months the product is held in the band (customer-months for the base margin).</param>
/// <param name="Clusters">Clusters: customers holding the product in the band.</param>
/// <param name="Intercept">a: the monthly margin at a zero short rate (the mean monthly margin without rates), currency/month.</param>
/// <param name="InterceptStandardError">Cluster-robust standard error of a.</param>
/// <param name="RateSlope">b: change of the monthly margin per unit of annual short rate; null without a rate series or when the rate does not vary.</param>
/// <param name="RateSlopeStandardError">Cluster-robust standard error of b; null with <paramref name="RateSlope"/>.</param>
/// <param name="Covariance">Cluster-robust covariance of a and b; null with <paramref name="RateSlope"/>.</param>
/// <param name="RSquared">R² of the fit with a slope; NaN for a mean.</param>
/// <param name="ResidualStandardDeviation">Standard deviation of the monthly revenue around the fit.</param>
/// <param name="BorrowedFrom">Null when estimated from the band's own data; otherwise the band (e.g. "35-39") whose estimate
/// the model uses because the product is offered in the stage but never held in this band.</param>
/// <remarks>
/// <para>Standard errors are clustered by customer (a customer's months of a product in a band are one cluster), because
/// balances and hence margins persist from month to month: the sandwich covariance <c>G/(G − 1) · B M B</c>.</para>
/// <para>Thread safety: an immutable value.</para>
/// </remarks>
public readonly record struct MarginEstimate(string Product, bool IsBase, string Stage, int FromAge, int ToAge, long Months, long Clusters, double Intercept,
    double InterceptStandardError, double? RateSlope, double? RateSlopeStandardError, double? Covariance, double RSquared, double ResidualStandardDeviation,
    string? BorrowedFrom);
