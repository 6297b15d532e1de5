namespace LifetimeValue.Calibration;

/// <summary>
/// A fitted non-contractual repeat-purchase ("buy till you die") model: the predictions shared by BG/NBD
/// and Pareto/NBD, used by <see cref="RepeatPurchaseDiagnostics"/> and <see cref="FitReport"/>.
/// </summary>
/// <remarks>
/// Times are in the unit of the histories the model was fitted on (see <see cref="RepeatHistory"/>).
/// Thread safety: implementations are immutable and safe to share.
/// </remarks>
public interface IRepeatPurchaseModel
{
    /// <summary>The maximised log-likelihood (in the units of the fitted histories); NaN for a model built from parameters.</summary>
    double LogLikelihood { get; }

    /// <summary>The parameter estimates with standard errors.</summary>
    IReadOnlyList<ParameterEstimate> Estimates { get; }

    /// <summary>The optimiser report; null for a model built from parameters.</summary>
    FitDiagnostics? Diagnostics { get; }

    /// <summary>E[X(t)]: expected repeat purchases of a new customer in (0, t].</summary>
    /// <param name="t">Time since the first purchase, ≥ 0.</param>
    /// <returns>The expectation, ≥ 0.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="t"/> is negative or not finite.</exception>
    double ExpectedPurchases(double t);

    /// <summary>P(alive at T | x, t_x, T).</summary>
    /// <param name="history">The customer's calibration history.</param>
    /// <returns>A probability in [0, 1].</returns>
    /// <exception cref="ArgumentException">The history breaks the invariants of <see cref="RepeatHistory"/>.</exception>
    double ProbabilityAlive(RepeatHistory history);

    /// <summary>E[Y(t) | x, t_x, T]: expected purchases in (T, T + t] given the history.</summary>
    /// <param name="t">Length of the future window, ≥ 0.</param>
    /// <param name="history">The customer's calibration history.</param>
    /// <returns>The expectation, ≥ 0.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="t"/> is negative or not finite.</exception>
    /// <exception cref="ArgumentException">The history breaks the invariants of <see cref="RepeatHistory"/>.</exception>
    double ConditionalExpectedPurchases(double t, RepeatHistory history);
}
