using LifetimeValue.Scenarios;
using LifetimeValue.Simulation;
using Orleans.TestingHost;

namespace LifetimeValue.Orleans.Tests;

/// <summary>Small W1 runs (seconds) and the resolvers of the test clusters.</summary>
internal static class TestInputs
{
    /// <summary>A model every silo resolves differently from the client (acquisition cost 151 instead of 150).</summary>
    public const string DriftedModel = "w1-drifted";

    /// <summary>A model only the client knows.</summary>
    public const string ClientOnlyModel = "w1-client-only";

    public static readonly Vasicek W1Rates = new(0.03, 0.15, 0.035, 0.01, RateScheme.Euler);

    public static SimulationJob W1Job(long customers = 6_000, int scenarios = 3, int chunkSize = 500, ulong seed = 5) =>
        SimulationJob.Create("w1", ScenarioSpec.FromVasicek(W1Rates, scenarios, seed: 42),
            new SimulationOptions { Customers = customers, ChunkSize = chunkSize, Seed = seed });

    /// <summary>The same run in process, through the same resolver.</summary>
    public static SimulationResult InProcess(SimulationJob job)
    {
        var resolver = ClientResolver();
        var model = resolver.ResolveModel(job.Model);
        return MonteCarloEngine.Simulate(model, resolver.ResolveScenarios(job.Scenarios, model.MaxPeriods), job.ToOptions());
    }

    public static SimulationInputResolver ClientResolver() => SimulationInputResolver.WithPresets()
        .AddModel(DriftedModel, Presets.W1)
        .AddModel(ClientOnlyModel, Presets.W1);

    public static SimulationInputResolver SiloResolver() => SimulationInputResolver.WithPresets()
        .AddModel(DriftedModel, () => Presets.W1() with { AcquisitionCost = 151 });

    public static OrleansSimulationOptions Scheduling(int chunksPerCall = 2) =>
        new() { Resolver = ClientResolver(), ChunksPerCall = chunksPerCall, RetryDelay = TimeSpan.FromMilliseconds(100) };

    public static byte[] Json(SimulationResult result)
    {
        using var stream = new MemoryStream();
        result.WriteJson(stream);
        return stream.ToArray();
    }

    public static byte[] Bytes(SimulationPartial partial)
    {
        using var stream = new MemoryStream();
        partial.WriteTo(stream);
        return stream.ToArray();
    }

    public static async Task<TestCluster> StartClusterAsync(short silos)
    {
        var cluster = new TestClusterBuilder(silos).AddSiloBuilderConfigurator<SiloConfigurator>().Build();
        await cluster.DeployAsync();
        return cluster;
    }

    public sealed class SiloConfigurator : ISiloConfigurator
    {
        public void Configure(ISiloBuilder siloBuilder) => siloBuilder.AddLifetimeValueSimulation(SiloResolver());
    }
}
