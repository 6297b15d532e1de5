namespace LifetimeValue.Calibration;

/// <summary>
/// How a maximum-likelihood fit went: optimiser path, convergence, first- and second-order (KKT) checks.
/// Every fit in this namespace returns one; a fit whose checks fail throws <see cref="ModelFitException"/>
/// carrying it instead of returning a silent "success".
/// </summary>
/// <remarks>
/// <para>The optimiser works on log-parameters (so every parameter stays positive) with time rescaled to
/// T_max = 1. BG/NBD, MBG/NBD, Pareto/NBD and Gamma-Gamma use a quasi-Newton (BFGS) method from each start on the
/// analytic gradient of the log-likelihood (Pareto/NBD: a central-difference gradient), then Newton steps on the Hessian
/// (central differences of the gradient) until the Newton decrement is negligible; if that path cannot verify an optimum
/// they fall back to the derivative-free path the other models use: MathNet's Nelder–Mead simplex from each start, a warm
/// restart, a BFGS polish on a central-difference gradient and Newton steps on the numerical Hessian. Standard errors and
/// <see cref="Covariance"/> come from the inverse Hessian of −LL in log-parameters by the delta method.</para>
/// <para>Thread safety: an immutable record.</para>
/// </remarks>
public sealed record FitDiagnostics
{
    /// <summary>True when the Hessian is positive definite and either the gradient norm is within <see cref="GradientTolerance"/>
    /// or the <see cref="NewtonDecrement"/> is at most 10⁻⁶.</summary>
    public required bool Converged { get; init; }

    /// <summary>Optimiser iterations over all starts and stages.</summary>
    public required int Iterations { get; init; }

    /// <summary>Negative-log-likelihood evaluations.</summary>
    public required long FunctionEvaluations { get; init; }

    /// <summary>Number of starting points tried.</summary>
    public required int Starts { get; init; }

    /// <summary>Largest difference (≥ 0) between the best log-likelihood and the one reached from any other start after the
    /// first, loose Nelder–Mead stage (relative tolerance 10⁻⁴); a screening figure, not a proof of a unique optimum.</summary>
    public required double StartSpread { get; init; }

    /// <summary>Max-norm of the gradient of the log-likelihood with respect to the log-parameters at the optimum (first-order KKT check).</summary>
    public required double GradientNorm { get; init; }

    /// <summary>½ gᵀH⁻¹g at the optimum: the log-likelihood a further Newton step could gain (scale-free first-order check;
    /// ∞ when the Hessian is not positive definite).</summary>
    public required double NewtonDecrement { get; init; }

    /// <summary>The tolerance applied to <see cref="GradientNorm"/>.</summary>
    public required double GradientTolerance { get; init; }

    /// <summary>True when the Hessian of −LL in log-parameters is positive definite (second-order KKT check; the model is locally identified).</summary>
    public required bool HessianPositiveDefinite { get; init; }

    /// <summary>Ratio of largest to smallest Hessian eigenvalue (∞ when not positive definite); above ~10¹⁰ the
    /// standard errors are unreliable.</summary>
    public required double HessianConditionNumber { get; init; }

    /// <summary>The factor by which time was divided internally (the largest age T, or 1).</summary>
    public required double TimeScale { get; init; }

    /// <summary>Number of distinct likelihood terms after collapsing identical inputs.</summary>
    public required int DistinctInputs { get; init; }

    /// <summary>Wall-clock time of the fit.</summary>
    public required TimeSpan Elapsed { get; init; }

    /// <summary>A one-line human-readable summary (why it converged or why not).</summary>
    public required string Message { get; init; }

    /// <summary>The estimates' covariance (inverse observed information); null when the Hessian is not positive definite.</summary>
    public ParameterCovariance? Covariance { get; init; }
}
