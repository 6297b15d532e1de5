// LocalCluster: a three-silo Orleans cluster on this machine (localhost clustering, free ports), a client, and
// one simulation run across it, checked byte for byte against the same run in process.
//
//   dotnet run --project samples/LocalCluster -- [--customers N] [--scenarios S] [--model w1|bank] [--silos K]
//   dotnet run -c Release --project samples/LocalCluster -- --bench [--customers N] [--scenarios S] [--repeat R]
//   dotnet run -c Release --project samples/LocalCluster -- --sizes
//
// Exit code 0 when the distributed result equals the in-process one, 1 when it differs, 2 on bad arguments.
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using LifetimeValue;
using LifetimeValue.Orleans;
using LifetimeValue.Scenarios;
using LifetimeValue.Simulation;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;

var settings = Settings.Parse(args);
if (settings is null)
{
    Console.Error.WriteLine("usage: LocalCluster [--customers N] [--scenarios S] [--model w1|bank] [--silos K] [--seed X] [--chunk-size C] [--chunks-per-call K] [--bench [--repeat R]] [--sizes]");
    return 2;
}

if (settings.Sizes)
{
    PartialSizes.Print();
    return 0;
}

var job = SimulationJob.Create(settings.Model,
    ScenarioSpec.FromVasicek(new Vasicek(0.03, 0.15, 0.035, 0.01, RateScheme.Euler), settings.Scenarios, seed: 2026),
    new SimulationOptions { Customers = settings.Customers, Seed = settings.Seed, ChunkSize = settings.ChunkSize });
Console.WriteLine($"job: {job}");

var total = Stopwatch.StartNew();
await using var cluster = await LocalCluster.StartAsync(settings.Silos);
Console.WriteLine($"cluster: {settings.Silos} silos up in {total.Elapsed.TotalSeconds:0.0} s (silo ports {string.Join(", ", cluster.SiloPorts)})");

var callsPerSilo = new ConcurrentDictionary<string, int>();
double maxComputeMs = 0;
long maxPartialBytes = 0;
var scheduling = new OrleansSimulationOptions
{
    ChunksPerCall = settings.ChunksPerCall,
    CallCompleted = r =>
    {
        // Called under the coordinator's lock: plain updates are safe.
        callsPerSilo.AddOrUpdate(r.Silo, 1, (_, n) => n + 1);
        maxComputeMs = Math.Max(maxComputeMs, r.ComputeMilliseconds);
        maxPartialBytes = Math.Max(maxPartialBytes, r.Partial.Length);
    },
    CallRetrying = r => Console.WriteLine($"  retrying chunks [{r.FirstChunk}, {r.FirstChunk + r.ChunkCount}) after {r.Failure.GetType().Name}"),
};

var resolver = SimulationInputResolver.WithPresets();
var model = resolver.ResolveModel(job.Model);
var scenarios = resolver.ResolveScenarios(job.Scenarios, model.MaxPeriods);
var lifetimes = (double)job.Customers * scenarios.ScenarioCount;

if (settings.Bench)
{
    // Warm up both paths (JIT, connections, activations), then alternate timed runs.
    MonteCarloEngine.Simulate(model, scenarios, job.ToOptions() with { Customers = Math.Min(job.Customers, 20_000) });
    await OrleansSimulation.RunAsync(cluster.Client, job with { Customers = Math.Min(job.Customers, 20_000) }, scheduling);
    var perCall = settings.ChunksPerCall > 0 ? settings.ChunksPerCall : OrleansSimulation.DefaultChunksPerCall(job.ChunkSize);
    var local = new List<double>();
    var sliced = new List<double>();
    var remote = new List<double>();
    for (var i = 0; i < settings.Repeat; i++)
    {
        var w = Stopwatch.StartNew();
        MonteCarloEngine.Simulate(model, scenarios, job.ToOptions());
        local.Add(w.Elapsed.TotalSeconds);
        w.Restart();
        SlicedInProcess(model, scenarios, job.ToOptions(), perCall);
        sliced.Add(w.Elapsed.TotalSeconds);
        w.Restart();
        await OrleansSimulation.RunAsync(cluster.Client, job, scheduling);
        remote.Add(w.Elapsed.TotalSeconds);
    }

    var l = local.Min();
    var sl = sliced.Min();
    var r = remote.Min();
    var calls = (MonteCarloEngine.Plan(scenarios, job.ToOptions()).ChunkCount + perCall - 1) / perCall;
    var prepare = Stopwatch.StartNew();
    for (var i = 0; i < 20; i++)
    {
        MonteCarloEngine.Fingerprint(model, scenarios, job.ToOptions());
    }

    var prepareMs = prepare.Elapsed.TotalMilliseconds / 20;
    Console.WriteLine($"bench ({Environment.ProcessorCount} cores, best of {settings.Repeat}; N·S = {lifetimes:N0} lifetimes, chunks of {job.ChunkSize}, {perCall} chunks per call):");
    Console.WriteLine($"  in process          {l,8:0.000} s  {lifetimes / l / 1e6,7:0.00} M lifetimes/s   (all runs: {string.Join(" ", local.Select(x => x.ToString("0.000", CultureInfo.InvariantCulture)))})");
    Console.WriteLine($"  in process, sliced  {sl,8:0.000} s  {lifetimes / sl / 1e6,7:0.00} M lifetimes/s   (all runs: {string.Join(" ", sliced.Select(x => x.ToString("0.000", CultureInfo.InvariantCulture)))})");
    Console.WriteLine($"  {settings.Silos} local silos       {r,8:0.000} s  {lifetimes / r / 1e6,7:0.00} M lifetimes/s   (all runs: {string.Join(" ", remote.Select(x => x.ToString("0.000", CultureInfo.InvariantCulture)))})");
    Console.WriteLine($"  overhead            {(r / l - 1) * 100,7:0.0} % ({calls} calls, {(r - l) / calls * 1e3:0.00} ms per call; slicing alone {(sl / l - 1) * 100:0.0} %, Orleans over slicing {(r / sl - 1) * 100:0.0} %)");
    Console.WriteLine($"  per call, the engine re-prepares the run (compile + fingerprint over S·T rates): {prepareMs:0.00} ms");
}

var watch = Stopwatch.StartNew();
var distributed = await OrleansSimulation.RunAsync(cluster.Client, job, scheduling);
var distributedSeconds = watch.Elapsed.TotalSeconds;
watch.Restart();
var inProcess = MonteCarloEngine.Simulate(model, scenarios, job.ToOptions());
var inProcessSeconds = watch.Elapsed.TotalSeconds;

Console.WriteLine($"model {distributed.Model.Name}: N = {job.Customers:N0} customers × S = {scenarios.ScenarioCount} scenarios, seed {job.Seed}");
Console.WriteLine($"  mean CLV {distributed.Clv.Mean:N2}  sd {distributed.Clv.StandardDeviation:N2}  P5 {distributed.Percentile(0.05):N2}  P50 {distributed.Percentile(0.5):N2}  P95 {distributed.Percentile(0.95):N2}");
Console.WriteLine($"  break-even year {distributed.BreakEvenYear?.ToString(CultureInfo.InvariantCulture) ?? "never"}  peak funding per customer {distributed.PeakFundingPerCustomer:N2}");
Console.WriteLine($"  calls per silo: {string.Join(", ", callsPerSilo.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => $"{kv.Key} {kv.Value}"))}");
Console.WriteLine($"  longest call computed {maxComputeMs:0} ms (response timeout 30 s); largest partial returned {maxPartialBytes:N0} bytes");
Console.WriteLine($"  cluster {distributedSeconds:0.000} s, in process {inProcessSeconds:0.000} s; fingerprint {distributed.Fingerprint}");

var same = Json(distributed).AsSpan().SequenceEqual(Json(inProcess));
Console.WriteLine(same ? "identical: the cluster's result equals the in-process result byte for byte" : "DIFFERENT: the cluster's result differs from the in-process result");
await cluster.DisposeAsync();
Console.WriteLine($"done in {total.Elapsed.TotalSeconds:0.0} s (cluster stopped)");
return same ? 0 : 1;

// The coordinator's work without Orleans: the same ranges, as many at once as there are cores (each on one
// thread), each through a partial's bytes, merged at the end.
static SimulationResult SlicedInProcess(LifetimeValue.Model.StrategyModel model, ScenarioSet scenarios, SimulationOptions options, int perCall)
{
    var chunks = MonteCarloEngine.Plan(scenarios, options).ChunkCount;
    var partials = new SimulationPartial[(chunks + perCall - 1) / perCall];
    var single = options with { MaxDegreeOfParallelism = 1 };
    Parallel.For(0, partials.Length, r =>
    {
        using var stream = new MemoryStream();
        var first = r * (long)perCall;
        MonteCarloEngine.SimulateChunks(model, scenarios, single, first, Math.Min(perCall, chunks - first)).WriteTo(stream);
        stream.Position = 0;
        partials[r] = SimulationPartial.ReadFrom(stream);
    });

    return MonteCarloEngine.Combine(model, scenarios, options, partials);
}

static byte[] Json(SimulationResult result)
{
    using var stream = new MemoryStream();
    result.WriteJson(stream);
    return stream.ToArray();
}

/// <summary>Command-line settings.</summary>
internal sealed record Settings(long Customers, int Scenarios, string Model, int Silos, ulong Seed, int ChunkSize, int ChunksPerCall, bool Bench, int Repeat, bool Sizes)
{
    public static Settings? Parse(string[] args)
    {
        // Demo defaults: small chunks, one per call, so 40 calls spread over the silos in well under a second.
        var s = new Settings(20_000, 4, "w1", 3, 1, 2_000, 1, false, 3, false);
        var chunkSizeGiven = false;
        var chunksPerCallGiven = false;
        var customersGiven = false;
        var scenariosGiven = false;
        try
        {
            for (var i = 0; i < args.Length; i++)
            {
                string Next() => i + 1 < args.Length ? args[++i] : throw new FormatException($"{args[i]} needs a value");
                switch (args[i])
                {
                    case "--customers": s = s with { Customers = long.Parse(Next(), CultureInfo.InvariantCulture) }; customersGiven = true; break;
                    case "--scenarios": s = s with { Scenarios = int.Parse(Next(), CultureInfo.InvariantCulture) }; scenariosGiven = true; break;
                    case "--model": s = s with { Model = Next() }; break;
                    case "--silos": s = s with { Silos = int.Parse(Next(), CultureInfo.InvariantCulture) }; break;
                    case "--seed": s = s with { Seed = ulong.Parse(Next(), CultureInfo.InvariantCulture) }; break;
                    case "--chunk-size": s = s with { ChunkSize = int.Parse(Next(), CultureInfo.InvariantCulture) }; chunkSizeGiven = true; break;
                    case "--chunks-per-call": s = s with { ChunksPerCall = int.Parse(Next(), CultureInfo.InvariantCulture) }; chunksPerCallGiven = true; break;
                    case "--repeat": s = s with { Repeat = int.Parse(Next(), CultureInfo.InvariantCulture) }; break;
                    case "--bench": s = s with { Bench = true }; break;
                    case "--sizes": s = s with { Sizes = true }; break;
                    default: throw new FormatException($"unknown option {args[i]}");
                }
            }
        }
        catch (FormatException e)
        {
            Console.Error.WriteLine(e.Message);
            return null;
        }

        // --bench defaults to W1-M (N = 100,000, S = 100) with the library's defaults (chunks of 16,384, automatic
        // chunks per call); the options override.
        if (s.Bench)
        {
            s = s with
            {
                Customers = customersGiven ? s.Customers : 100_000,
                Scenarios = scenariosGiven ? s.Scenarios : 100,
                ChunkSize = chunkSizeGiven ? s.ChunkSize : SimulationOptions.DefaultChunkSize,
                ChunksPerCall = chunksPerCallGiven ? s.ChunksPerCall : 0,
            };
        }

        return s.Customers >= 1 && s.Scenarios >= 1 && s.Silos >= 1 && s.Repeat >= 1 ? s : null;
    }
}

/// <summary>K silos and a client in this process, on free localhost ports; the first silo is the primary.</summary>
internal sealed class LocalCluster : IAsyncDisposable
{
    private readonly List<IHost> _silos;
    private readonly IHost _client;
    private bool _disposed;

    private LocalCluster(List<IHost> silos, IHost client, int[] siloPorts)
    {
        _silos = silos;
        _client = client;
        SiloPorts = siloPorts;
        Client = client.Services.GetRequiredService<IClusterClient>();
    }

    public IClusterClient Client { get; }

    public IReadOnlyList<int> SiloPorts { get; }

    public static async Task<LocalCluster> StartAsync(int silos)
    {
        var siloPorts = FreePorts(silos);
        var gatewayPorts = FreePorts(silos);
        var primary = new IPEndPoint(IPAddress.Loopback, siloPorts[0]);
        async Task<IHost> StartSiloAsync(int i)
        {
            var builder = Host.CreateApplicationBuilder();
            builder.Logging.SetMinimumLevel(LogLevel.Error); // start-up notes (ServerGC, watchdog) would drown the output
            builder.UseOrleans(silo => silo
                .UseLocalhostClustering(siloPorts[i], gatewayPorts[i], primary)
                .Configure<SiloOptions>(o => o.SiloName = $"silo{i}")
                .AddLifetimeValueSimulation());
            var host = builder.Build();
            await host.StartAsync();
            return host;
        }

        // The primary first (it seeds membership), then the others together.
        var hosts = new List<IHost> { await StartSiloAsync(0) };
        hosts.AddRange(await Task.WhenAll(Enumerable.Range(1, silos - 1).Select(StartSiloAsync)));

        var clientBuilder = Host.CreateApplicationBuilder();
        clientBuilder.Logging.SetMinimumLevel(LogLevel.Error);
        clientBuilder.UseOrleansClient(client => client.UseLocalhostClustering(gatewayPorts));
        var clientHost = clientBuilder.Build();
        await clientHost.StartAsync();
        return new LocalCluster(hosts, clientHost, siloPorts);
    }

    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await _client.StopAsync(timeout.Token);
        _client.Dispose();

        // Secondaries together, the primary (membership's seed) last.
        await Task.WhenAll(_silos.Skip(1).Select(h => h.StopAsync(timeout.Token)));
        await _silos[0].StopAsync(timeout.Token);
        foreach (var host in _silos)
        {
            host.Dispose();
        }
    }

    private static int[] FreePorts(int count)
    {
        var listeners = new TcpListener[count];
        try
        {
            for (var i = 0; i < count; i++)
            {
                listeners[i] = new TcpListener(IPAddress.Loopback, 0);
                listeners[i].Start();
            }

            return [.. listeners.Select(l => ((IPEndPoint)l.LocalEndpoint).Port)];
        }
        finally
        {
            foreach (var l in listeners)
            {
                l?.Stop();
            }
        }
    }
}

/// <summary>How a partial result's size scales with N (constant) and S (linear).</summary>
internal static class PartialSizes
{
    public static void Print()
    {
        var model = Presets.W1();
        Console.WriteLine("W1, Vasicek σ = 0.01 scenarios, default chunk size 16,384 and sketch accuracy; bytes of SimulationPartial.WriteTo");
        Console.WriteLine("| S | N | chunks | whole-run partial | part 0 of 40 | part 0 of 40 (gzip) |");
        Console.WriteLine("|---:|---:|---:|---:|---:|---:|");
        foreach (var s in new[] { 1, 100 })
        {
            var scenarios = ScenarioSet.Generate(new Vasicek(0.03, 0.15, 0.035, 0.01, RateScheme.Euler), s, Presets.W1MaxPeriods, 2026);
            foreach (var n in new long[] { 1_000, 10_000, 100_000, 1_000_000, 10_000_000 })
            {
                if ((double)n * s > 2e7)
                {
                    continue;
                }

                var options = new SimulationOptions { Customers = n };
                var plan = MonteCarloEngine.Plan(scenarios, options);
                var whole = MonteCarloEngine.SimulateChunks(model, scenarios, options, 0, plan.ChunkCount);
                var parts = (int)Math.Min(40, plan.ChunkCount);
                var (first, count) = plan.Part(0, parts);
                var part = MonteCarloEngine.SimulateChunks(model, scenarios, options, first, count);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"| {s} | {n:N0} | {plan.ChunkCount:N0} | {Size(whole, false):N0} | {Size(part, false):N0} (of {parts}) | {Size(part, true):N0} |"));
            }
        }
    }

    private static long Size(SimulationPartial partial, bool gzip)
    {
        using var stream = new MemoryStream();
        if (gzip)
        {
            using var z = new System.IO.Compression.GZipStream(stream, System.IO.Compression.CompressionLevel.Optimal, leaveOpen: true);
            partial.WriteTo(z);
        }
        else
        {
            partial.WriteTo(stream);
        }

        return stream.Length;
    }
}
