namespace LifetimeValue.Gpu;

/// <summary>
/// Thrown when the requested accelerator is not present (no CUDA driver or no CUDA device, or a device index out of
/// range). Callers that want a fallback catch it and use <see cref="Simulation.MonteCarloEngine"/> instead.
/// </summary>
/// <remarks>Thread safety: immutable once thrown.</remarks>
public sealed class GpuUnavailableException : InvalidOperationException
{
    /// <summary>Creates the exception with a default message.</summary>
    public GpuUnavailableException()
        : base("No CUDA device found.")
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">What is missing and what to do instead.</param>
    public GpuUnavailableException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with its cause.</summary>
    /// <param name="message">What is missing and what to do instead.</param>
    /// <param name="innerException">The driver or ILGPU error.</param>
    public GpuUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
