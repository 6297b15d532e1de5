using System.Collections.Concurrent;

namespace LifetimeValue.Orleans.Tests;

/// <summary>A silo dies while chunks are in flight; the oracle is the in-process run, byte for byte.</summary>
public sealed class SiloFailureTests
{
    [Test]
    public async Task RunAsync_SecondarySiloKilledMidRun_StillBitIdentical()
    {
        await using var cluster = await TestInputs.StartClusterAsync(3);
        var victim = cluster.SecondarySilos[^1];
        var victimPort = string.Create(System.Globalization.CultureInfo.InvariantCulture, $":{victim.SiloAddress.Endpoint.Port}:"); // RuntimeIdentity: S{ip}:{port}:{generation}
        var victimWorking = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var retries = new ConcurrentQueue<ChunkRetry>();
        var silos = new ConcurrentDictionary<string, int>();
        var job = TestInputs.W1Job(customers: 60_000, scenarios: 4, chunkSize: 500);
        var options = TestInputs.Scheduling(chunksPerCall: 1) with
        {
            CallTimeout = TimeSpan.FromSeconds(5),
            MaxConcurrentCalls = 12, // retries: the defaults (a window of three failure-detection periods)
            CallCompleted = r =>
            {
                silos.AddOrUpdate(r.Silo, 1, (_, n) => n + 1);
                if (r.Silo.Contains(victimPort, StringComparison.Ordinal))
                {
                    victimWorking.TrySetResult();
                }
            },
            CallRetrying = retries.Enqueue,
        };

        var run = OrleansSimulation.RunAsync(cluster.Client, job, options);
        await victimWorking.Task.WaitAsync(TimeSpan.FromSeconds(30));
        await cluster.KillSiloAsync(victim);
        var result = await run.WaitAsync(TimeSpan.FromMinutes(2));

        TestInputs.Json(result).Should().Equal(TestInputs.Json(TestInputs.InProcess(job)), "oracle: MonteCarloEngine.Simulate, byte for byte");
        TestContext.Out.WriteLine($"calls per silo: {string.Join(", ", silos.Select(kv => $"{kv.Key}: {kv.Value}"))}; retries: {retries.Count} ({string.Join(", ", retries.Select(r => r.Failure.GetType().Name).Distinct())})");
        retries.Should().NotBeEmpty("calls queued on the killed silo were in flight when it died and had to be re-issued");
        await cluster.StopAllSilosAsync();
    }

    [Test]
    [Category("Slow")]
    public async Task RunAsync_ChurningCluster_BankModel_StillBitIdentical()
    {
        // Bank model, 8 scenarios × 100,000 customers in 400 one-chunk calls; while it runs: a silo is killed at
        // 25 %, a new silo joins at 50 %, another original silo is killed at 75 %.
        await using var cluster = await TestInputs.StartClusterAsync(3);
        var job = SimulationJob.Create("bank",
            ScenarioSpec.FromVasicek(new LifetimeValue.Scenarios.Vasicek(0.03, 0.3, 0.03, 0.01), 8, seed: 11),
            new LifetimeValue.Simulation.SimulationOptions { Customers = 100_000, ChunkSize = 2_000, Seed = 3 });
        var milestones = new[] { new TaskCompletionSource(), new TaskCompletionSource(), new TaskCompletionSource() };
        var done = 0;
        var options = TestInputs.Scheduling(chunksPerCall: 1) with
        {
            CallTimeout = TimeSpan.FromSeconds(5),
            MaxAttempts = 20,
            CallCompleted = _ =>
            {
                var n = ++done; // under the coordinator's lock
                for (var m = 0; m < milestones.Length; m++)
                {
                    if (n == 100 * (m + 1))
                    {
                        milestones[m].TrySetResult();
                    }
                }
            },
        };

        var run = OrleansSimulation.RunAsync(cluster.Client, job, options);
        await milestones[0].Task.WaitAsync(TimeSpan.FromMinutes(2));
        await cluster.KillSiloAsync(cluster.SecondarySilos[0]);
        await milestones[1].Task.WaitAsync(TimeSpan.FromMinutes(2));
        await cluster.StartAdditionalSiloAsync();
        await milestones[2].Task.WaitAsync(TimeSpan.FromMinutes(2));
        await cluster.KillSiloAsync(cluster.SecondarySilos[0]);
        var result = await run.WaitAsync(TimeSpan.FromMinutes(5));

        TestInputs.Json(result).Should().Equal(TestInputs.Json(TestInputs.InProcess(job)), "oracle: MonteCarloEngine.Simulate, byte for byte");
        await cluster.StopAllSilosAsync();
    }
}
