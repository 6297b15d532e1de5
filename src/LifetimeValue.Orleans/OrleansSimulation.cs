namespace LifetimeValue.Orleans;

/// <summary>Runs a Monte Carlo simulation across an Orleans cluster.</summary>
public static class OrleansSimulation
{
}
