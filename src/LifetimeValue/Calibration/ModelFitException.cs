namespace LifetimeValue.Calibration;

/// <summary>
/// Thrown when a maximum-likelihood fit does not reach a verified optimum: the gradient is not zero, the
/// Hessian is not positive definite (the data do not identify the model) or the likelihood is not finite.
/// </summary>
/// <remarks>Thread safety: instances are immutable after construction.</remarks>
public sealed class ModelFitException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ModelFitException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">What went wrong.</param>
    public ModelFitException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and an inner exception.</summary>
    /// <param name="message">What went wrong.</param>
    /// <param name="innerException">The cause.</param>
    public ModelFitException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception with the diagnostics of the failed fit.</summary>
    /// <param name="message">What went wrong.</param>
    /// <param name="diagnostics">The optimiser report.</param>
    public ModelFitException(string message, FitDiagnostics diagnostics)
        : base(message) => Diagnostics = diagnostics;

    /// <summary>The optimiser report, when the failure happened after optimisation.</summary>
    public FitDiagnostics? Diagnostics { get; }
}
