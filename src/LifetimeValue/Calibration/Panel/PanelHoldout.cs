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

    /// <summary>Mean of |actual − forecast| / |forecast| over the months of one quantity (months with a zero forecast left out).</summary>
    /// <param name="quantity">One of <see cref="Quantities"/>.</param>
    /// <returns>The mean absolute percentage error as a fraction; NaN when no month has a non-zero forecast.</returns>
    /// <exception cref="ArgumentException">Not one of the quantities.</exception>
    public double MeanAbsolutePercentageError(string quantity)
    {
        var rows = Rows.Where(r => r.Quantity == quantity).ToList();
        if (rows.Count == 0)
        {
            throw new ArgumentException($"quantity '{quantity}' is not one of: {string.Join(", ", Quantities)}.", nameof(quantity));
        }

        var relevant = rows.Where(r => r.Forecast != 0).Select(r => Math.Abs(r.RelativeError)).ToList();
        return relevant.Count == 0 ? double.NaN : relevant.Average();
    }
}
