using System.Collections.Concurrent;
using LifetimeValue.Simulation;
using Orleans.TestingHost;

namespace LifetimeValue.Orleans.Tests;

/// <summary>Runs on in-process test clusters of 1 and 3 silos; the oracle is <see cref="MonteCarloEngine.Simulate"/>
/// on the same inputs, compared byte for byte (tolerance: none).</summary>
[TestFixture(1)]
[TestFixture(3)]
public sealed class OrleansSimulationTests(int silos)
{
    private TestCluster _cluster = null!;

    [OneTimeSetUp]
    public async Task StartCluster() => _cluster = await TestInputs.StartClusterAsync((short)silos);

    [OneTimeTearDown]
    public async Task StopCluster()
    {
        await _cluster.StopAllSilosAsync();
        await _cluster.DisposeAsync();
    }

    [Test]
    public async Task RunAsync_SmallW1_JsonBitIdenticalToInProcess()
    {
        var job = TestInputs.W1Job();

        var distributed = await OrleansSimulation.RunAsync(_cluster.Client, job, TestInputs.Scheduling());

        TestInputs.Json(distributed).Should().Equal(TestInputs.Json(TestInputs.InProcess(job)), "oracle: MonteCarloEngine.Simulate, byte for byte");
        distributed.Fingerprint.Should().Be(TestInputs.InProcess(job).Fingerprint);
    }

    [Test]
    public async Task SimulateChunksAsync_WholeRun_PartialBytesIdenticalToEngine()
    {
        var job = TestInputs.W1Job(customers: 4_000, scenarios: 2, chunkSize: 300);
        var resolver = TestInputs.ClientResolver();
        var model = resolver.ResolveModel(job.Model);
        var scenarios = resolver.ResolveScenarios(job.Scenarios, model.MaxPeriods);
        var chunks = MonteCarloEngine.Plan(scenarios, job.ToOptions()).ChunkCount;

        var distributed = await OrleansSimulation.SimulateChunksAsync(_cluster.Client, job, 0, chunks, TestInputs.Scheduling(chunksPerCall: 3));

        TestInputs.Bytes(distributed).Should().Equal(
            TestInputs.Bytes(MonteCarloEngine.SimulateChunks(model, scenarios, job.ToOptions(), 0, chunks)),
            "oracle: the engine's partial of the whole run, byte for byte");
    }

    [Test]
    public async Task SimulateChunksAsync_PartOfRun_CombinesWithLocalRest()
    {
        // A hybrid run: the cluster computes part 1 of 2, this process part 0.
        var job = TestInputs.W1Job(customers: 3_000, scenarios: 2, chunkSize: 400);
        var resolver = TestInputs.ClientResolver();
        var model = resolver.ResolveModel(job.Model);
        var scenarios = resolver.ResolveScenarios(job.Scenarios, model.MaxPeriods);
        var plan = MonteCarloEngine.Plan(scenarios, job.ToOptions());
        var (first0, count0) = plan.Part(0, 2);
        var (first1, count1) = plan.Part(1, 2);

        var remote = await OrleansSimulation.SimulateChunksAsync(_cluster.Client, job, first1, count1, TestInputs.Scheduling(chunksPerCall: 1));
        var local = MonteCarloEngine.SimulateChunks(model, scenarios, job.ToOptions(), first0, count0);
        var combined = MonteCarloEngine.Combine(model, scenarios, job.ToOptions(), [local, remote]);

        TestInputs.Json(combined).Should().Equal(TestInputs.Json(TestInputs.InProcess(job)), "oracle: MonteCarloEngine.Simulate, byte for byte");
    }

    [Test]
    public async Task RunAsync_ManySilos_WorkSpreadAcrossSilos()
    {
        var job = TestInputs.W1Job(customers: 4_000, scenarios: 2, chunkSize: 100);
        var where = new ConcurrentBag<string>();

        await OrleansSimulation.RunAsync(_cluster.Client, job, TestInputs.Scheduling(chunksPerCall: 1) with { CallCompleted = r => where.Add(r.Silo) });

        where.Should().HaveCount(80, "one call per chunk: 2 scenarios × 4,000 / 100");
        where.Distinct().Should().HaveCount(silos, "random placement over 80 calls reaches every silo (miss probability < 3·(2/3)^80)");
    }

    [Test]
    public async Task RunAsync_Progress_ReportsEveryCallUpToTotal()
    {
        var job = TestInputs.W1Job(customers: 5_000, scenarios: 2, chunkSize: 1_000);
        var reports = new ConcurrentQueue<SimulationProgress>();

        await OrleansSimulation.RunAsync(_cluster.Client, job, TestInputs.Scheduling(chunksPerCall: 2), new SynchronousProgress<SimulationProgress>(reports.Enqueue));

        // 10 chunks (ranges may straddle scenarios) in calls of 2: 5 calls.
        reports.Should().HaveCount(5);
        reports.Select(r => r.TotalChunks).Should().AllBeEquivalentTo(10L);
        reports.Select(r => r.CompletedChunks).Order().Should().Equal(reports.Select(r => r.CompletedChunks).Distinct().Order(), "each report counts one more call");
        reports.Max(r => r.CompletedChunks).Should().Be(10);
        reports.Max(r => r.CompletedLifetimes).Should().Be(10_000, "N·S = 5,000 × 2");
        reports.Max(r => r.Fraction).Should().Be(1.0);
    }

    [Test]
    public async Task RunAsync_Cancelled_ThrowsAndNothingIsMerged()
    {
        var job = TestInputs.W1Job(customers: 200_000, scenarios: 4, chunkSize: 500);
        using var cts = new CancellationTokenSource();
        var reports = 0;
        var progress = new SynchronousProgress<SimulationProgress>(_ =>
        {
            if (Interlocked.Increment(ref reports) == 3)
            {
                cts.Cancel();
            }
        });

        var act = () => OrleansSimulation.RunAsync(_cluster.Client, job, TestInputs.Scheduling(chunksPerCall: 1) with { MaxConcurrentCalls = 4 }, progress, cts.Token);

        await act.Should().ThrowAsync<OperationCanceledException>();
        var seen = Volatile.Read(ref reports);
        seen.Should().BeLessThan(1_600, "1,600 calls in the run; cancellation stops issuing calls");
        await Task.Delay(200);
        Volatile.Read(ref reports).Should().Be(seen, "no call completes or reports after the run has thrown");

        // The cluster is unaffected: a later run of a small job is still exact.
        var small = TestInputs.W1Job(customers: 2_000, scenarios: 2);
        TestInputs.Json(await OrleansSimulation.RunAsync(_cluster.Client, small, TestInputs.Scheduling()))
            .Should().Equal(TestInputs.Json(TestInputs.InProcess(small)));
    }

    [Test]
    public async Task RunAsync_AlreadyCancelled_ThrowsWithoutCalls()
    {
        var calls = 0;
        var options = TestInputs.Scheduling() with { CallCompleted = _ => Interlocked.Increment(ref calls) };

        var act = () => OrleansSimulation.RunAsync(_cluster.Client, TestInputs.W1Job(), options, null, new CancellationToken(canceled: true));

        await act.Should().ThrowAsync<OperationCanceledException>();
        calls.Should().Be(0);
    }

    [Test]
    public async Task RunAsync_SiloResolvesOtherInputs_RefusedWithMismatch()
    {
        var job = TestInputs.W1Job() with { Model = TestInputs.DriftedModel };

        var act = () => OrleansSimulation.RunAsync(_cluster.Client, job, TestInputs.Scheduling());

        (await act.Should().ThrowAsync<SimulationInputMismatchException>())
            .WithMessage("*fingerprint*coordinator*w1-drifted*");
    }

    [Test]
    public async Task RunAsync_ModelUnknownToSilos_FailsWithoutRetrying()
    {
        var job = TestInputs.W1Job() with { Model = TestInputs.ClientOnlyModel };
        var retries = 0;

        var act = () => OrleansSimulation.RunAsync(_cluster.Client, job, TestInputs.Scheduling() with { CallRetrying = _ => Interlocked.Increment(ref retries) });

        (await act.Should().ThrowAsync<KeyNotFoundException>()).WithMessage("*w1-client-only*");
        retries.Should().Be(0, "a refusal is not transient");
    }

    [Test]
    public async Task RunAsync_ModelUnknownToClient_ThrowsBeforeCalls()
    {
        var act = () => OrleansSimulation.RunAsync(_cluster.Client, TestInputs.W1Job() with { Model = "nope" }, TestInputs.Scheduling());

        (await act.Should().ThrowAsync<KeyNotFoundException>()).WithMessage("Unknown model 'nope'*bank*w1*");
    }
}
