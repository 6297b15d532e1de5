using System.Diagnostics;
using System.Globalization;
using LifetimeValue.Orleans.Tests.Processes;

namespace LifetimeValue.Orleans.Tests;

/// <summary>
/// The deployment as a platform engineer runs it: a real Redis membership store, three <c>lifetimevalue silo</c>
/// processes and a <c>lifetimevalue simulate … --cluster</c> client, all with default options; one silo is killed
/// with SIGKILL mid-run. Oracle: the same <c>simulate</c> without <c>--cluster</c> (one process), byte for byte.
/// </summary>
/// <remarks>
/// Category <c>Cluster</c> runs in the default run and in CI (two kills, about a minute each on the 2-core CI
/// machine); category <c>Soak</c> repeats each kill 10 times and is run by hand:
/// <c>dotnet test tests/LifetimeValue.Orleans.Tests --filter TestCategory=Soak</c>.
/// </remarks>
[Category("Cluster")]
[NonParallelizable]
public sealed class ClusterProcessTests
{
    /// <summary>W1, 4 Vasicek scenarios × 1.5 M customers: 6 M lifetimes in 23 calls of 2¹⁸ (default call size).</summary>
    private static readonly string[] Run =
        ["simulate", "w1", "--customers", "1500000", "--rate-model", "vasicek", "--sigma", "0.01", "--scenarios", "4", "--seed", "11", "--format", "json"];

    private static byte[]? _reference;

    public enum Victim
    {
        /// <summary>The silo started first (with localhost clustering it would be the primary: the single point of failure).</summary>
        First,

        /// <summary>The silo started last.</summary>
        Ordinary,
    }

    [TestCase(Victim.Ordinary)]
    [TestCase(Victim.First)]
    public async Task Simulate_SiloKilledMidRun_FinishesBitIdentical(Victim victim)
    {
        using var redis = await RedisServer.StartOrSkip();
        var outcome = await KillOneSiloAsync(redis, victim);
        TestContext.Out.WriteLine(outcome.ToString());
    }

    [Test]
    [Category("Soak")]
    public async Task Simulate_SiloKilledMidRun_TenOfTenTries([Values] Victim victim)
    {
        // One cluster of three, ten runs; each run loses a silo (the oldest alive, or the newest) and a replacement
        // joins before the next run, as a Deployment would replace a lost pod.
        using var redis = await RedisServer.StartOrSkip();
        var folder = Directory.CreateDirectory(Path.Combine(redis.Folder, "soak")).FullName;
        _reference ??= await ReferenceAsync(folder);
        using var silos = await SiloProcesses.StartAsync(redis.Connection, 3, folder);
        var outcomes = new List<Outcome>();
        for (var i = 0; i < 10; i++)
        {
            var alive = silos.Silos.Where(s => !s.HasExited).ToList();
            outcomes.Add(await KillDuringRunAsync(silos, victim == Victim.First ? alive[0] : alive[^1], victim));
            TestContext.Out.WriteLine($"try {i + 1}: {outcomes[^1]}");
            await silos.AddAsync();
        }

        var recoveries = outcomes.Select(o => o.KillToExitSeconds).Order().ToArray();
        TestContext.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{victim}: 10 of 10 finished bit-identical; kill to exit {recoveries[0]:0.0}–{recoveries[^1]:0.0} s (median {(recoveries[4] + recoveries[5]) / 2:0.0} s); " +
            $"retried calls {outcomes.Sum(o => o.Retries)}; longest recovery of a call {outcomes.Max(o => o.LongestRecoverySeconds):0.0} s"));
    }

    private static async Task<Outcome> KillOneSiloAsync(RedisServer redis, Victim victim)
    {
        var folder = Path.Combine(redis.Folder, Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        _reference ??= await ReferenceAsync(folder);
        using var silos = await SiloProcesses.StartAsync(redis.Connection, 3, folder);
        return await KillDuringRunAsync(silos, silos.Silos[victim == Victim.First ? 0 : 2], victim);
    }

    private static async Task<Outcome> KillDuringRunAsync(SiloProcesses silos, ChildProcess target, Victim victim)
    {
        using var client = ChildProcess.Tool("client", silos.Folder, [.. Run, .. silos.ClientArguments]);
        var watch = Stopwatch.StartNew();

        // Kill it while it works: once it has computed a range of this run, it holds the next (2 calls in flight per silo).
        var before = target.CountLines("computed chunks");
        while (target.CountLines("computed chunks") == before)
        {
            watch.Elapsed.Should().BeLessThan(TimeSpan.FromMinutes(5), "the victim should get work:\n{0}", client.Log);
            client.HasExited.Should().BeFalse("the run must still be going when the victim is killed:\n{0}", client.Log);
            await Task.Delay(50);
        }

        var computedBefore = target.CountLines("computed chunks") - before;
        target.Kill();
        var killedAt = watch.Elapsed;
        client.HasExited.Should().BeFalse("the silo must die mid-run for this test to mean anything");

        var (code, output, log) = await client.WaitForExitAsync(TimeSpan.FromMinutes(10));
        var total = watch.Elapsed;
        code.Should().Be(0, "losing one silo of three must not fail the run with default options:\n{0}\n{1}", log, silos.Logs);
        output.Should().Equal(_reference, "oracle: the same simulate in one process, byte for byte");
        var recovered = log.Split('\n').FirstOrDefault(l => l.Contains("recovered:", StringComparison.Ordinal));
        var longest = recovered is null ? 0 : double.Parse(recovered[(recovered.IndexOf("took ", StringComparison.Ordinal) + 5)..].Split(' ')[0], CultureInfo.InvariantCulture);
        return new Outcome(victim, computedBefore, killedAt.TotalSeconds, (total - killedAt).TotalSeconds, total.TotalSeconds,
            log.Split('\n').Count(l => l.Contains("retrying chunks", StringComparison.Ordinal)), longest);
    }

    private static async Task<byte[]> ReferenceAsync(string folder)
    {
        using var local = ChildProcess.Tool("in-process", folder, Run);
        var (code, output, log) = await local.WaitForExitAsync(TimeSpan.FromMinutes(5));
        code.Should().Be(0, log);
        return output;
    }

    private sealed record Outcome(Victim Victim, int RangesComputedByVictim, double KilledAtSeconds, double KillToExitSeconds, double TotalSeconds,
        int Retries, double LongestRecoverySeconds)
    {
        public override string ToString() => string.Create(CultureInfo.InvariantCulture,
            $"{Victim} silo killed at {KilledAtSeconds:0.0} s after computing {RangesComputedByVictim} range(s); run finished {KillToExitSeconds:0.0} s later " +
            $"({TotalSeconds:0.0} s in all), bit-identical; {Retries} call(s) retried, longest recovery {LongestRecoverySeconds:0.0} s");
    }
}
