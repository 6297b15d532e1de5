using LifetimeValue.Lifecycle;
using LifetimeValue.Model;
using LifetimeValue.Scenarios;
using LifetimeValue.Simulation;

namespace LifetimeValue.Gpu;

/// <summary>
/// One-call facade over <see cref="GpuMonteCarloEngine"/>: opens the accelerator, simulates, releases it. For repeated
/// runs keep a <see cref="GpuMonteCarloEngine"/> instead (opening a device and compiling the kernel takes time).
/// </summary>
/// <remarks>Thread safety: stateless; each call owns its engine.</remarks>
public static class GpuEngine
{
    /// <summary>Simulates a whole run on the GPU; the result is bit-identical to <see cref="MonteCarloEngine.Simulate"/>.</summary>
    /// <param name="model">A <see cref="LifecycleModel"/>.</param>
    /// <param name="scenarios">Economic scenarios covering the model's longest horizon.</param>
    /// <param name="options">The run's options (as for the CPU engine).</param>
    /// <param name="gpuOptions">Accelerator and launch settings; null for CUDA device 0.</param>
    /// <param name="cancellationToken">Cancels between kernel launches.</param>
    /// <returns>The result.</returns>
    /// <exception cref="GpuUnavailableException">No CUDA device (and the CPU accelerator was not requested).</exception>
    /// <exception cref="NotSupportedException">The model is not a <see cref="LifecycleModel"/>.</exception>
    /// <exception cref="ArgumentException">Invalid model or scenarios.</exception>
    /// <exception cref="OperationCanceledException">Cancelled.</exception>
    public static SimulationResult Simulate(StrategyModel model, ScenarioSet scenarios, SimulationOptions options,
        GpuEngineOptions? gpuOptions = null, CancellationToken cancellationToken = default)
    {
        using var engine = new GpuMonteCarloEngine(gpuOptions);
        return engine.Simulate(model, scenarios, options, cancellationToken);
    }
}
