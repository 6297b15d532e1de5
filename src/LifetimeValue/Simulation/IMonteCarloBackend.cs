using LifetimeValue.Model;
using LifetimeValue.Scenarios;

namespace LifetimeValue.Simulation;

/// <summary>
/// An engine that computes canonical chunks elsewhere than on this process's CPU threads — e.g. the GPU engine of the
/// LifetimeValue.Gpu package. Selected with <see cref="SimulationOptions.Backend"/>; <see cref="MonteCarloEngine"/> hands
/// it the chunk ranges and turns its partials into results exactly as for the CPU engine.
/// </summary>
/// <remarks>
/// An implementation must return partials bit-identical to <see cref="MonteCarloEngine.SimulateChunks"/> (same draws,
/// same fingerprint), so that results do not depend on where chunks ran. The public contract in
/// <see cref="Backends"/> gives an implementation what it needs without access to internals: the run's draw layout
/// (<see cref="Backends.LifecycleDrawLayout"/>) and a builder that records chunks into a partial exactly as the CPU
/// engine does (<see cref="Backends.SimulationPartialBuilder"/>).
/// </remarks>
public interface IMonteCarloBackend
{
    /// <summary>A short description (e.g. the device name).</summary>
    string Name { get; }

    /// <summary>Simulates chunks [<paramref name="firstChunk"/>, <paramref name="firstChunk"/> + <paramref name="chunkCount"/>).</summary>
    /// <param name="model">The model.</param>
    /// <param name="scenarios">The scenarios.</param>
    /// <param name="options">The options (with <see cref="SimulationOptions.Backend"/> set to this backend).</param>
    /// <param name="firstChunk">First chunk index.</param>
    /// <param name="chunkCount">Number of chunks.</param>
    /// <param name="cancellationToken">Cancels the run.</param>
    /// <returns>The partial result.</returns>
    SimulationPartial SimulateChunks(StrategyModel model, ScenarioSet scenarios, SimulationOptions options, long firstChunk, long chunkCount, CancellationToken cancellationToken);
}
