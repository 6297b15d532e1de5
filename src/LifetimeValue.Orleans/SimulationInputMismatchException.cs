namespace LifetimeValue.Orleans;

/// <summary>
/// A silo resolved a job to different inputs than the coordinator did (its run fingerprint differs): a model,
/// preset version or scenario file differs between processes. The work is refused rather than merged wrongly.
/// </summary>
/// <remarks>Not retried: the same silo would refuse again. Thread safety: immutable once thrown.</remarks>
[GenerateSerializer]
[Alias("LifetimeValue.Orleans.SimulationInputMismatchException")]
public sealed class SimulationInputMismatchException : Exception
{
    /// <summary>Creates the exception with a default message.</summary>
    public SimulationInputMismatchException()
        : base("A silo resolved the job to different inputs than the coordinator.")
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">What differs.</param>
    public SimulationInputMismatchException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">What differs.</param>
    /// <param name="innerException">The cause.</param>
    public SimulationInputMismatchException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
