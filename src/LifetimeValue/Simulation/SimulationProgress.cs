namespace LifetimeValue.Simulation;

/// <summary>Progress of a Monte Carlo run, reported after chunks complete.</summary>
/// <param name="CompletedChunks">Chunks finished so far.</param>
/// <param name="TotalChunks">Chunks in the run.</param>
/// <param name="CompletedLifetimes">Customer lifetimes (customer × scenario pairs) simulated so far.</param>
public readonly record struct SimulationProgress(long CompletedChunks, long TotalChunks, long CompletedLifetimes)
{
    /// <summary>Fraction done, in [0, 1].</summary>
    public double Fraction => TotalChunks == 0 ? 1.0 : (double)CompletedChunks / TotalChunks;
}
