using LifetimeValue.Model;
using LifetimeValue.Scenarios;
using LifetimeValue.Simulation;

namespace LifetimeValue.Orleans.Internal;

/// <summary>A job's inputs as one process resolved them, with the run's fingerprint and plan.</summary>
internal sealed record ResolvedJob(StrategyModel Model, ScenarioSet Scenarios, SimulationOptions Options, string Fingerprint, SimulationPlan Plan)
{
    public static ResolvedJob Resolve(ISimulationInputResolver resolver, SimulationJob job, int maxDegreeOfParallelism = 0)
    {
        ArgumentNullException.ThrowIfNull(job);
        ArgumentException.ThrowIfNullOrWhiteSpace(job.Model, "job.Model");
        ArgumentNullException.ThrowIfNull(job.Scenarios, "job.Scenarios");
        var options = job.ToOptions(maxDegreeOfParallelism);
        var model = resolver.ResolveModel(job.Model)
            ?? throw new InvalidOperationException($"The resolver returned no model for '{job.Model}'.");
        var scenarios = resolver.ResolveScenarios(job.Scenarios, Math.Clamp(model.MaxPeriods, 1, ScenarioSet.MaxPeriods))
            ?? throw new InvalidOperationException($"The resolver returned no scenarios for {job.Scenarios}.");
        return new ResolvedJob(model, scenarios, options,
            MonteCarloEngine.Fingerprint(model, scenarios, options), MonteCarloEngine.Plan(scenarios, options));
    }
}
