using LifetimeValue.Model;
using LifetimeValue.Scenarios;
using LifetimeValue.Serialization;
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
        var document = job.ModelFile is null ? null : ParseModelFile(job);
        var model = document?.Model ?? resolver.ResolveModel(job.Model)
            ?? throw new InvalidOperationException($"The resolver returned no model for '{job.Model}'.");
        var minimumPeriods = Math.Clamp(model.MaxPeriods, 1, ScenarioSet.MaxPeriods);
        ScenarioSet scenarios;
        if (job.Scenarios.Source == ScenarioSource.ModelFile)
        {
            var spec = document?.Scenarios ?? throw new ArgumentException(document is null
                ? "The job's scenarios come from its model file, but the job carries none (SimulationJob.ModelFile is null)."
                : "The job's scenarios come from its model file, but the file has no scenarios section.", nameof(job));
            scenarios = spec.Create(minimumPeriods, null, maxDegreeOfParallelism == 0 ? -1 : maxDegreeOfParallelism);
        }
        else
        {
            scenarios = resolver.ResolveScenarios(job.Scenarios, minimumPeriods)
                ?? throw new InvalidOperationException($"The resolver returned no scenarios for {job.Scenarios}.");
        }

        return new ResolvedJob(model, scenarios, options,
            MonteCarloEngine.Fingerprint(model, scenarios, options), MonteCarloEngine.Plan(scenarios, options));
    }

    private static ModelDocument ParseModelFile(SimulationJob job)
    {
        try
        {
            return ModelFile.Parse(job.ModelFile!, job.Model);
        }
        catch (ModelFileException e)
        {
            throw new ArgumentException($"The job's model file is not valid: {e.Message}", nameof(job), e);
        }
    }
}
