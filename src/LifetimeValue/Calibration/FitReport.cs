using System.Globalization;

namespace LifetimeValue.Calibration;

/// <summary>
/// Everything a report or a plotting package needs about one fitted repeat-purchase model, as numbers: estimates with
/// standard errors, log-likelihood and information criteria, the optimiser report, frequency–recency matrices of
/// expected purchases and P(alive), the calibration frequency histogram, holdout conditional expectations and the
/// cumulative tracking series.
/// </summary>
/// <remarks>
/// AIC = 2k − 2LL and BIC = k ln n − 2LL (k parameters, n customers). Thread safety: immutable.
/// </remarks>
public sealed class FitReport
{
    private FitReport(IRepeatPurchaseModel model, int customers, ModelGrid expected, ModelGrid alive, HoldoutComparison? holdout, TrackingSeries? tracking, FrequencyHistogram? frequencies)
    {
        Frequencies = frequencies;
        Model = model;
        Customers = customers;
        ExpectedPurchases = expected;
        ProbabilityAlive = alive;
        Holdout = holdout;
        Tracking = tracking;
        int k = model.Estimates.Count;
        Aic = (2 * k) - (2 * model.LogLikelihood);
        Bic = (k * Math.Log(customers)) - (2 * model.LogLikelihood);
    }

    /// <summary>The fitted model (parameters, standard errors, diagnostics, predictions).</summary>
    public IRepeatPurchaseModel Model { get; }

    /// <summary>Number of customers n used for the BIC.</summary>
    public int Customers { get; }

    /// <summary>Akaike information criterion 2k − 2LL.</summary>
    public double Aic { get; }

    /// <summary>Bayesian information criterion k ln n − 2LL.</summary>
    public double Bic { get; }

    /// <summary>E[Y(t) | x, t_x, T] over x and t_x at the summary's largest T, t = the holdout length (or T if none).</summary>
    public ModelGrid ExpectedPurchases { get; }

    /// <summary>P(alive | x, t_x, T) over x and t_x at the summary's largest T.</summary>
    public ModelGrid ProbabilityAlive { get; }

    /// <summary>Holdout actual versus expected by calibration frequency; null when the summary has no holdout.</summary>
    public HoldoutComparison? Holdout { get; }

    /// <summary>Calibration frequency histogram with χ², for models with a closed-form count distribution
    /// (<see cref="IPurchaseCountDistribution"/>); null otherwise.</summary>
    public FrequencyHistogram? Frequencies { get; }

    /// <summary>Cumulative repeat transactions actual versus model; null when no transactions were given.</summary>
    public TrackingSeries? Tracking { get; }

    /// <summary>Builds the report.</summary>
    /// <param name="model">A model fitted on <paramref name="summary"/>'s histories.</param>
    /// <param name="summary">The calibration (and holdout) summary.</param>
    /// <param name="transactions">The transaction log, for the tracking series; null to skip it.</param>
    /// <param name="maxFrequency">Largest x in the matrices and holdout groups, 1 … 10,000. Default 10.</param>
    /// <param name="recencySteps">Recency intervals of the matrices, 1 … 10,000. Default 20.</param>
    /// <returns>The report.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="model"/> or <paramref name="summary"/> is null.</exception>
    /// <exception cref="ArgumentException">The summary has no customer with positive age.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A size is out of range.</exception>
    public static FitReport Create(IRepeatPurchaseModel model, RfmSummary summary, IEnumerable<Transaction>? transactions = null, int maxFrequency = 10, int recencySteps = 20)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(summary);
        var histories = summary.Histories();
        if (histories.Count == 0)
        {
            throw new ArgumentException("summary has no customer with a positive age T.", nameof(summary));
        }

        double age = histories.Max(h => h.Age);
        double window = summary.HoldoutEnd is null ? age : summary.HoldoutLength;
        var expected = RepeatPurchaseDiagnostics.ExpectedPurchasesMatrix(model, window, age, maxFrequency, recencySteps);
        var alive = RepeatPurchaseDiagnostics.ProbabilityAliveMatrix(model, age, maxFrequency, recencySteps);
        var holdout = summary.HoldoutEnd is null ? null : RepeatPurchaseDiagnostics.ConditionalExpectations(model, summary, maxFrequency);
        TrackingSeries? tracking = null;
        if (transactions is not null)
        {
            var start = summary.Customers.Min(c => c.FirstPurchase);
            tracking = RepeatPurchaseDiagnostics.CumulativeRepeatTransactions(model, summary, transactions, start, summary.HoldoutEnd ?? summary.CalibrationEnd);
        }

        var frequencies = model is IPurchaseCountDistribution counts
            ? RepeatPurchaseDiagnostics.CalibrationFrequencies(counts, histories, Math.Min(maxFrequency, 1000), model.Estimates.Count)
            : null;
        return new FitReport(model, histories.Count, expected, alive, holdout, tracking, frequencies);
    }

    /// <inheritdoc/>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{Model} n={Customers} AIC={Aic:F2} BIC={Bic:F2}; {Model.Diagnostics?.Message ?? "not fitted"}");
}
