namespace LifetimeValue.Gpu;

/// <summary>The GPU Monte Carlo engine (work in progress).</summary>
public static class GpuEngine
{
}
