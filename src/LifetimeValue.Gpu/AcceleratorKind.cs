namespace LifetimeValue.Gpu;

/// <summary>Which ILGPU accelerator runs the Monte Carlo kernels.</summary>
public enum AcceleratorKind
{
    /// <summary>An NVIDIA GPU through CUDA (the default). Fails with <see cref="GpuUnavailableException"/> when none is present.</summary>
    Cuda = 0,

    /// <summary>ILGPU's CPU accelerator, which emulates a GPU on the host's cores: slow, for tests and for
    /// machines without a GPU that must still exercise the kernel code. Used only when asked for explicitly.</summary>
    Cpu = 1,
}
