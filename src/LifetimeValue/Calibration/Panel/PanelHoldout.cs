namespace LifetimeValue.Calibration.Panel;

/// <summary>
/// The holdout check: the customers present and open in the last calibration month, projected forward month by month with the
/// fitted model on the exact engine and compared with what the panel shows for them afterwards.
/// </summary>
/// <remarks>
/// <para>Customers are grouped by their age in months at the cut-off; for a group aged a years and k months the fitted model is
/// projected (<see cref="Projection.ExpectedValueEngine"/>) from acquisition at age a, with the observed short rates, and
/// its periods after period k are divided by the survival through period k — the forecast conditional on being a customer
/// at the cut-off. Holders are survivors times the adoption probability of the stage of the month. Ages outside the
/// ladder are left out on both sides; customers acquired after the cut-off are not part of the cohort.</para>
/// <para>Thread safety: immutable.</para>
/// </remarks>
public sealed class PanelHoldout
{
    internal PanelHoldout(DateOnly from, long cohortSize, HoldoutRow[] rows)
    {
        From = from;
        CohortSize = cohortSize;
        Rows = rows;
    }

    /// <summary>The first holdout month.</summary>
    public DateOnly From { get; }

    /// <summary>Customers in the cohort (present, open and inside the ladder in the month before <see cref="From"/>).</summary>
    public long CohortSize { get; }

    /// <summary>Every month and quantity, month by month.</summary>
    public IReadOnlyList<HoldoutRow> Rows { get; }

    /// <summary>The quantities compared: "customers", one "holders: …" per product, "revenue".</summary>
    public IReadOnlyList<string> Quantities => [.. Rows.Select(r => r.Quantity).Distinct()];

    /// <summary>
    /// The weighted absolute percentage error of one quantity over the holdout months: Σ |actual − forecast| / Σ |forecast|. Unlike
    /// the mean of monthly percentage errors it stays meaningful when a series passes near zero (net revenue can).
    /// </summary>
    /// <param name="quantity">One of <see cref="Quantities"/>.</param>
    /// <returns>The error as a fraction; NaN when every forecast is 0.</returns>
    /// <exception cref="ArgumentException">Not one of the quantities.</exception>
    public double WeightedAbsolutePercentageError(string quantity)
    {
        var rows = Rows.Where(r => r.Quantity == quantity).ToList();
        if (rows.Count == 0)
        {
            throw new ArgumentException($"quantity '{quantity}' is not one of: {string.Join(", ", Quantities)}.", nameof(quantity));
        }

        var scale = rows.Sum(r => Math.Abs(r.Forecast));
        return scale > 0 ? rows.Sum(r => Math.Abs(r.Actual - r.Forecast)) / scale : double.NaN;
    }
}
