using LifetimeValue.Serialization;
using LifetimeValue.Simulation;
using Orleans.Configuration;
using Orleans.Serialization;
using Microsoft.Extensions.DependencyInjection;

namespace LifetimeValue.Orleans.Tests;

/// <summary>The retry window and its derivation from membership options; jobs that carry their model file (issue 17).</summary>
public sealed class RetryAndModelFileTests
{
    [Test]
    public void FailureDetectionPeriod_OrleansDefaults_TwentySeconds_WindowSixty()
    {
        // Hand calculation: ProbeTimeout 5 s × (NumMissedProbesLimit 3 + 1) = 20 s; window = 3 × 20 s = 60 s.
        var defaults = new ClusterMembershipOptions();
        defaults.ProbeTimeout.Should().Be(TimeSpan.FromSeconds(5), "Orleans' default, which the tool keeps");
        defaults.NumMissedProbesLimit.Should().Be(3);

        OrleansSimulation.FailureDetectionPeriod(defaults).Should().Be(TimeSpan.FromSeconds(20));
        OrleansSimulation.DefaultRetryWindow(defaults).Should().Be(TimeSpan.FromSeconds(60));
    }

    [Test]
    public void DefaultRetryWindow_FollowsTheMembershipOptions()
    {
        // Hand calculation: 2 s × (5 + 1) = 12 s, × 3 = 36 s.
        var fast = new ClusterMembershipOptions { ProbeTimeout = TimeSpan.FromSeconds(2), NumMissedProbesLimit = 5 };

        OrleansSimulation.DefaultRetryWindow(fast).Should().Be(TimeSpan.FromSeconds(36));
        OrleansSimulation.DefaultRetryWindow(fast).Should().BeGreaterThan(OrleansSimulation.FailureDetectionPeriod(fast));
    }

    [Test]
    public void Options_Defaults_AreBoundedByTimeNotCount()
    {
        var options = new OrleansSimulationOptions();

        options.RetryWindow.Should().BeNull("null means: derived from the cluster's membership options");
        options.MaxAttempts.Should().Be(0, "no count limit by default");
        options.MaxRetryDelay.Should().Be(TimeSpan.FromSeconds(2));
    }

    [Test]
    public void Options_BadValues_Throw()
    {
        FluentActions.Invoking(() => new OrleansSimulationOptions { RetryWindow = TimeSpan.Zero }).Should().Throw<ArgumentOutOfRangeException>().WithMessage("*RetryWindow must be positive*");
        FluentActions.Invoking(() => new OrleansSimulationOptions { MaxAttempts = -1 }).Should().Throw<ArgumentOutOfRangeException>().WithMessage("*[0, 1000]*");
        FluentActions.Invoking(() => new OrleansSimulationOptions { MaxRetryDelay = TimeSpan.FromSeconds(-1) }).Should().Throw<ArgumentOutOfRangeException>();
    }

    [Test]
    public async Task RunAsync_NoSiloLeft_FailsAfterTheRetryWindow()
    {
        // Every silo gone: a range keeps failing, and the run fails once the window (here 3 s) has passed — not before.
        await using var cluster = await TestInputs.StartClusterAsync(1);
        var client = cluster.Client;
        await cluster.KillSiloAsync(cluster.Primary!);
        var options = TestInputs.Scheduling() with { RetryWindow = TimeSpan.FromSeconds(3), CallTimeout = TimeSpan.FromSeconds(1) };
        var watch = System.Diagnostics.Stopwatch.StartNew();

        var run = () => OrleansSimulation.RunAsync(client, TestInputs.W1Job(customers: 1_000, scenarios: 1), options);

        (await run.Should().ThrowAsync<TimeoutException>()).WithMessage("*retry window 3 s*the cluster did not recover*");
        watch.Elapsed.Should().BeGreaterThan(TimeSpan.FromSeconds(2), "retried until the window was nearly spent");
    }

    [Test]
    public async Task FromModelFile_OnACluster_BitIdenticalToInProcess_WithoutRegisteringTheModel()
    {
        // A model no silo knows by name, with its scenarios, carried in the job. Oracle: the same document in process.
        var model = Presets.Hotel() with { Name = "resort" };
        var document = new ModelDocument(model, new ShortRateScenarioSpec(new LifetimeValue.Scenarios.Vasicek(0.02, 0.2, 0.03, 0.01), 3, 17));
        var options = new SimulationOptions { Customers = 4_000, ChunkSize = 500, Seed = 23 };
        var job = SimulationJob.FromModelFile(ModelFile.ToJson(document), options, "resort.json");
        var expected = MonteCarloEngine.Simulate(model, document.Scenarios!.Create(model.MaxPeriods), options);
        await using var cluster = await TestInputs.StartClusterAsync(2);

        var result = await OrleansSimulation.RunAsync(cluster.Client, job, TestInputs.Scheduling());

        TestInputs.Json(result).Should().Equal(TestInputs.Json(expected), "oracle: MonteCarloEngine.Simulate on the same document, byte for byte");
        await cluster.StopAllSilosAsync();
    }

    [Test]
    public void FromModelFile_BadText_Throws()
    {
        var options = new SimulationOptions();
        FluentActions.Invoking(() => SimulationJob.FromModelFile("{ not json", options)).Should().Throw<ArgumentException>().WithMessage("*not a valid model file*");
        FluentActions.Invoking(() => SimulationJob.FromModelFile(ModelFile.ToJson(Presets.W1()), options)).Should().Throw<ArgumentException>().WithMessage("*no scenarios section*");
    }

    [Test]
    public void ModelFileScenarios_WithoutAModelFile_Refused()
    {
        var job = TestInputs.W1Job() with { Scenarios = ScenarioSpec.FromModelFile() };

        FluentActions.Invoking(() => SimulationInputResolver.WithPresets().ResolveScenarios(job.Scenarios, 100)).Should().Throw<ArgumentException>();
    }

    [Test]
    public void FromModelFile_RoundTripsThroughOrleansSerializer()
    {
        var serializer = new ServiceCollection().AddSerializer(b => b.AddAssembly(typeof(SimulationJob).Assembly)).BuildServiceProvider().GetRequiredService<Serializer>();
        var document = new ModelDocument(Presets.Bank(), new ConstantRateScenarioSpec(0.03));
        var job = SimulationJob.FromModelFile(ModelFile.ToJson(document), new SimulationOptions { Customers = 100 }, "bank.json");

        serializer.Deserialize<SimulationJob>(serializer.SerializeToArray(job)).Should().Be(job);
    }
}
