using System.Globalization;
using System.Reflection;
using System.Text;
using System.Text.RegularExpressions;
using LifetimeValue.Orleans.Tests.Processes;

namespace LifetimeValue.Orleans.Tests;

/// <summary>
/// Every command line of docs/scale-out.md runs on this machine as written (see the page's last section): the
/// <c>--save-run</c> line with a small run size, everything else verbatim, paths under /model, /out, /shared and
/// /scratch mapped into a temporary folder and <c>redis.internal:6379</c> to a throwaway Redis. Oracle for every merge
/// and cluster run: <c>lifetimevalue simulate model.json --format json</c> in one process, byte for byte.
/// </summary>
[NonParallelizable]
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")] // sh, bash and the page's POSIX paths
public sealed partial class ScaleOutDocsTests
{
    private const int Parts = 40;

    /// <summary>The one change to the page's commands: N = 10⁷ in chunks of 16,384 becomes N = 2,000 in chunks of 50
    /// (100 scenarios × 40 chunks: still ≥ 40 parts, seconds instead of hours).</summary>
    private const string DocumentedSize = "--customers 10000000";
    private const string TestSize = "--customers 2000 --chunk-size 50";

    /// <summary>The indices whose commands each non-Kubernetes variant runs itself (first, second, last); the other
    /// parts of its merge are the Kubernetes job's, which the variant's own parts must equal byte for byte.</summary>
    private static readonly int[] Sampled = [0, 1, Parts - 1];

    private IReadOnlyList<Markdown.Block> _blocks = null!;
    private string _root = null!;
    private string _shim = null!;
    private string _runFile = null!;
    private byte[] _reference = null!;
    private readonly Dictionary<int, byte[]> _kubernetesParts = [];

    [OneTimeSetUp]
    public async Task SetUp()
    {
        _blocks = Markdown.Blocks(await File.ReadAllTextAsync(Path.Combine(Repository.Root, "docs", "scale-out.md")));
        _root = Path.Combine(Path.GetTempPath(), $"lv-docs-{Guid.NewGuid():N}");
        _shim = Directory.CreateDirectory(Path.Combine(_root, "bin")).FullName;
        var tool = Path.Combine(_shim, "lifetimevalue");
        await File.WriteAllTextAsync(tool, $"#!/bin/sh\nexec dotnet '{Repository.ToolAssembly}' \"$@\"\n");
        File.SetUnixFileMode(tool, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.GroupExecute);

        var saveRun = ShellCommands().Single(c => c.Contains("--save-run", StringComparison.Ordinal));
        saveRun.Should().Contain(DocumentedSize);
        var run = Directory.CreateDirectory(Path.Combine(_root, "run")).FullName;
        await ShAsync(saveRun.Replace(DocumentedSize, TestSize, StringComparison.Ordinal), run);
        _runFile = Path.Combine(run, "model.json");
        var (code, output, log) = await RunAsync("reference", run, "lifetimevalue", ["simulate", "model.json", "--format", "json"]);
        code.Should().Be(0, log);
        _reference = output;
    }

    [OneTimeTearDown]
    public void TearDown()
    {
        if (_root is not null && Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }

    [Test]
    public async Task SaveRun_AsWritten_WritesTheDocumentedRun()
    {
        var saveRun = ShellCommands().Single(c => c.Contains("--save-run", StringComparison.Ordinal));
        var folder = Directory.CreateDirectory(Path.Combine(_root, "full")).FullName;

        var output = await ShAsync(saveRun, folder);

        // Oracle: 100 scenarios × ⌈10⁷ / 16,384⌉ = 100 × 611 chunks, the figure the page states.
        output.Should().Contain("10000000 customers × 100 scenario(s), 61100 chunk(s)");
        Page.Should().Contain("61,100 chunks (100 scenarios × ⌈10⁷ / 16,384⌉)");
        File.Exists(Path.Combine(folder, "model.json")).Should().BeTrue();
    }

    [Test]
    public async Task BatchExamples_AsWritten_MergeToTheInProcessResult()
    {
        // Kubernetes Indexed Job: the container's "sh -c" script, once per completion index, as the pods run it.
        var job = Yaml("name: clv-simulate", "completionMode: Indexed");
        var (command, args) = ContainerSpec.Read(job.Text);
        command.Should().Equal("sh", "-c");
        var kubernetes = Mount("kubernetes");
        await Parallel.ForEachAsync(Enumerable.Range(0, Parts), new ParallelOptions { MaxDegreeOfParallelism = 2 }, async (k, _) =>
            await RunAsync($"pod {k}", kubernetes, "sh", ["-c", MapPaths(args.Single(), kubernetes)],
                new() { ["JOB_COMPLETION_INDEX"] = k.ToString(CultureInfo.InvariantCulture) }, expectSuccess: true));
        for (var k = 0; k < Parts; k++)
        {
            _kubernetesParts[k] = await File.ReadAllBytesAsync(Path.Combine(kubernetes, "out", $"{k}.bin"));
        }

        // The distroless variant: no shell; the kubelet expands $(PART) from the downward API.
        var distroless = ContainerSpec.Read(Yaml("command: [\"lifetimevalue\"]", "$(PART)").Text);
        distroless.Command.Should().Equal("lifetimevalue");
        var shellless = Mount("distroless");
        foreach (var k in Sampled)
        {
            var argv = distroless.Args.Select(a => MapPaths(a.Replace("$(PART)", k.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal), shellless)).ToArray();
            await RunAsync($"distroless pod {k}", shellless, "lifetimevalue", argv, expectSuccess: true);
        }

        SameParts(Path.Combine(shellless, "out"), "distroless");

        // The merge Job: its log (the cat) is the result.
        var merge = ContainerSpec.Read(Yaml("name: clv-merge").Text);
        merge.Command.Should().Equal("sh", "-c");
        var (_, log, _) = await RunAsync("merge job", kubernetes, "sh", ["-c", MapPaths(merge.Args.Single(), kubernetes)], expectSuccess: true);
        log.Should().Equal(_reference, "oracle: simulate model.json in one process; the merge Job's log is its result");
        (await File.ReadAllBytesAsync(Path.Combine(kubernetes, "out", "result.json"))).Should().Equal(_reference);

        // Slurm: the batch script through bash, with the array index set as sbatch does.
        var script = _blocks.Single(b => b.Text.StartsWith("#!/bin/bash", StringComparison.Ordinal));
        var slurm = Mount("slurm");
        await File.WriteAllTextAsync(Path.Combine(slurm, "simulate.sh"), MapPaths(script.Text, slurm));
        foreach (var k in Sampled)
        {
            await RunAsync($"slurm task {k}", slurm, "bash", ["simulate.sh"], new() { ["SLURM_ARRAY_TASK_ID"] = k.ToString(CultureInfo.InvariantCulture) }, expectSuccess: true);
        }

        SameParts(Path.Combine(slurm, "scratch", "clv"), "slurm");
        CompleteWithKubernetesParts(Path.Combine(slurm, "scratch", "clv"));
        var wrap = ShellCommands().Single(c => c.StartsWith("sbatch --dependency", StringComparison.Ordinal));
        await ShAsync(MapPaths(Markdown.Words(wrap)[^1], slurm), slurm);
        (await File.ReadAllBytesAsync(Path.Combine(slurm, "result.json"))).Should().Equal(_reference, "oracle: simulate model.json in one process");

        // Azure Batch: each task's command line without a shell, in its own working directory with model.json.
        var azure = Directory.CreateDirectory(Path.Combine(_root, "azure")).FullName;
        var merged = Directory.CreateDirectory(Path.Combine(azure, "merge")).FullName;
        var tasks = ShellCommands().Where(c => c.StartsWith("lifetimevalue simulate model.json --chunks", StringComparison.Ordinal)).ToList();
        tasks.Select(t => Markdown.Words(t)[4]).Should().Equal(Sampled.Select(k => $"{k}/{Parts}"), "the page lists the first, second and last task");
        foreach (var task in tasks)
        {
            var words = Markdown.Words(task);
            var k = int.Parse(words[4].Split('/')[0], CultureInfo.InvariantCulture);
            var folder = Directory.CreateDirectory(Path.Combine(azure, $"task{k}")).FullName;
            File.Copy(_runFile, Path.Combine(folder, "model.json"));
            await RunAsync($"azure task {k}", folder, words[0], [.. words.Skip(1)], expectSuccess: true);
            File.Copy(Path.Combine(folder, $"{k}.bin"), Path.Combine(merged, $"{k}.bin"));
        }

        SameParts(merged, "azure batch");
        CompleteWithKubernetesParts(merged);
        var mergeTask = Markdown.Words(ShellCommands().Single(c => c.StartsWith("/bin/sh -c", StringComparison.Ordinal)));
        await RunAsync("azure merge task", merged, mergeTask[0], [.. mergeTask.Skip(1)], expectSuccess: true);
        (await File.ReadAllBytesAsync(Path.Combine(merged, "result.json"))).Should().Equal(_reference, "oracle: simulate model.json in one process");
    }

    [Test]
    public async Task OrleansCommands_AsWritten_RunOnARedisStore()
    {
        if (RedisServer.Binary is null)
        {
            using var _ = await RedisServer.StartOrSkip(); // skips (or fails under CI) with the reason
        }

        var lines = ShellCommands();
        var server = lines.Single(c => c.StartsWith("redis-server ", StringComparison.Ordinal));
        var silo = lines.Single(c => c.StartsWith("lifetimevalue silo ", StringComparison.Ordinal));
        var client = lines.Single(c => c.Contains("--cluster", StringComparison.Ordinal) && c.StartsWith("lifetimevalue simulate", StringComparison.Ordinal));
        var folder = Directory.CreateDirectory(Path.Combine(_root, "orleans")).FullName;
        File.Copy(_runFile, Path.Combine(folder, "model.json"));
        var port = FreePort.Next().ToString(CultureInfo.InvariantCulture);
        var environment = new Dictionary<string, string> { ["REDIS_PASSWORD"] = Guid.NewGuid().ToString("N"), ["PATH"] = _shim + ":" + Environment.GetEnvironmentVariable("PATH") };

        using var redis = ChildProcess.Start("redis", "sh", ["-c", server.Replace("--port 6379", $"--port {port}", StringComparison.Ordinal)], folder, environment);
        await redis.WaitForLineAsync("Ready to accept connections", TimeSpan.FromSeconds(30));
        using var siloProcess = ChildProcess.Start("silo", "sh", ["-c", "exec " + silo.Replace("redis.internal:6379", $"127.0.0.1:{port}", StringComparison.Ordinal)], folder, environment);
        await siloProcess.WaitForLineAsync(" ready: ", TimeSpan.FromMinutes(3));
        using var clientProcess = ChildProcess.Start("client", "sh", ["-c", "exec " + client.Replace("redis.internal:6379", $"127.0.0.1:{port}", StringComparison.Ordinal)], folder, environment);
        var (code, output, log) = await clientProcess.WaitForExitAsync(TimeSpan.FromMinutes(5));

        code.Should().Be(0, "{0}\n{1}", log, siloProcess.Log);
        output.Should().Equal(_reference, "oracle: simulate model.json in one process, byte for byte");
        siloProcess.CountLines("computed chunks").Should().BeGreaterThan(0, "the one silo computed the run");
        siloProcess.Terminate();
        await siloProcess.WaitForLineAsync(" stopped.", TimeSpan.FromSeconds(60));

        // The silo Deployment's container: no shell, the kubelet expands $(POD_IP) and $(REDIS_PASSWORD).
        var deployment = ContainerSpec.Read(Yaml("kind: Deployment", "name: clv-silo").Text);
        deployment.Command.Should().Equal("lifetimevalue");
        var argv = deployment.Args.Select(a => a.Replace("$(POD_IP)", "127.0.0.1", StringComparison.Ordinal)
            .Replace("$(REDIS_PASSWORD)", environment["REDIS_PASSWORD"], StringComparison.Ordinal)
            .Replace("redis.internal:6379", $"127.0.0.1:{port}", StringComparison.Ordinal)).ToArray();
        using var pod = ChildProcess.Start("silo pod", Path.Combine(_shim, "lifetimevalue"), argv, folder, environment);
        await pod.WaitForLineAsync(" ready: ", TimeSpan.FromMinutes(3));
        using var second = ChildProcess.Start("client", "sh", ["-c", "exec " + client.Replace("redis.internal:6379", $"127.0.0.1:{port}", StringComparison.Ordinal)], folder, environment);
        var (again, bytes, secondLog) = await second.WaitForExitAsync(TimeSpan.FromMinutes(5));
        again.Should().Be(0, "{0}\n{1}", secondLog, pod.Log);
        bytes.Should().Equal(_reference, "oracle: simulate model.json in one process, byte for byte");
        pod.Terminate();
        await pod.WaitForLineAsync(" stopped.", TimeSpan.FromSeconds(60));
    }

    [Test]
    public async Task LocalClusterSample_QuickLines_RunAndFindTheResultIdentical()
    {
        foreach (var line in SampleLines().Where(l => !l.Contains("--bench", StringComparison.Ordinal) && !l.Contains("--sizes", StringComparison.Ordinal)))
        {
            (await RunSample(line)).Should().Be(0, $"'{line}' exits 0 when the 3-silo result equals the in-process one");
        }
    }

    [Test]
    [Category("Slow")]
    public async Task LocalClusterSample_BenchAndSizes_Run()
    {
        foreach (var line in SampleLines().Where(l => l.Contains("--bench", StringComparison.Ordinal) || l.Contains("--sizes", StringComparison.Ordinal)))
        {
            (await RunSample(line)).Should().Be(0, line);
        }
    }

    [Test]
    public void EveryCommandLine_IsRunOrNeedsWhatThisMachineLacks()
    {
        // What cannot run here: these need a Kubernetes cluster or a Docker engine (the commands they would start are
        // run by the tests above; the Dockerfile's steps by Dockerfile_PublishStep_GivesAWorkingTool).
        string[] needElsewhere =
        [
            "kubectl create configmap clv-model --from-file=model.json",
            "kubectl apply -f clv-simulate.yaml",
            "kubectl get job clv-simulate -w",
            "kubectl wait --for=condition=complete --timeout=4h job/clv-simulate",
            "kubectl apply -f clv-merge.yaml",
            "kubectl wait --for=condition=complete --timeout=10m job/clv-merge",
            "kubectl logs job/clv-merge > result.json",
            "kubectl delete job clv-simulate clv-merge",
            "docker build -f deploy/Dockerfile -t ghcr.io/your-org/lifetimevalue-cli .",
            "docker build -f deploy/Dockerfile --target distroless -t ghcr.io/your-org/lifetimevalue-cli:distroless .",
        ];
        string[] executed =
        [
            .. ShellCommands().Where(c => c.Contains("--save-run", StringComparison.Ordinal)),
            .. ShellCommands().Where(c => c.StartsWith("lifetimevalue simulate model.json --chunks", StringComparison.Ordinal)),
            .. ShellCommands().Where(c => c.StartsWith("/bin/sh -c", StringComparison.Ordinal) || c.StartsWith("jid=", StringComparison.Ordinal) || c.StartsWith("sbatch ", StringComparison.Ordinal)),
            .. ShellCommands().Where(c => c.StartsWith("redis-server", StringComparison.Ordinal) || c.StartsWith("lifetimevalue silo", StringComparison.Ordinal) || c.Contains("--cluster", StringComparison.Ordinal)),
            .. SampleLines(),
            .. _blocks.Where(b => b.Text.StartsWith("#!/bin/bash", StringComparison.Ordinal)).SelectMany(Markdown.Commands),
        ];

        ShellCommands().Except(executed).Except(needElsewhere).Should().BeEmpty(
            "every command line on the page is run by a test here, or listed as needing a cluster, a scheduler or a Docker engine");
        needElsewhere.Except(ShellCommands()).Should().BeEmpty("the list names lines the page has");
        // Every manifest that starts a container is one the tests above run: the Job, its distroless variant, the merge
        // Job and the silo Deployment.
        Markdown.Block[] run = [Yaml("name: clv-simulate", "completionMode: Indexed"), Yaml("command: [\"lifetimevalue\"]", "$(PART)"),
            Yaml("name: clv-merge"), Yaml("kind: Deployment", "name: clv-silo")];
        _blocks.Where(b => b.Language == "yaml" && b.Text.Contains("command:", StringComparison.Ordinal)).Should().BeEquivalentTo(run);
    }

    [Test]
    public void Dockerfile_NamesTheToolThePublishWrites()
    {
        // The image's steps as this machine can check them without a Docker engine: the project it publishes
        // exists, the app host it copies is the tool's assembly name, and the page's build lines name this file.
        var dockerfile = File.ReadAllText(Path.Combine(Repository.Root, "deploy", "Dockerfile"));
        var publish = RunLine().Match(dockerfile);
        publish.Success.Should().BeTrue();
        File.Exists(Path.Combine(Repository.Root, publish.Groups["project"].Value)).Should().BeTrue();
        dockerfile.Should().Contain("RUN cp /app/LifetimeValue.Cli /app/lifetimevalue").And.Contain("ENTRYPOINT [\"lifetimevalue\"]")
            .And.Contain("AS distroless").And.Contain("AS default");
        Path.GetFileNameWithoutExtension(Repository.ToolAssembly).Should().Be("LifetimeValue.Cli", "the app host is named after the assembly");
    }

    [Test]
    [Category("Slow")]
    public async Task Dockerfile_PublishStep_GivesAWorkingTool()
    {
        var dockerfile = File.ReadAllText(Path.Combine(Repository.Root, "deploy", "Dockerfile"));
        var app = Path.Combine(_root, "app");
        var publish = RunLine().Match(dockerfile).Value.Replace("/app", app, StringComparison.Ordinal)["RUN ".Length..];
        await ShAsync($"cd '{Repository.Root}' && {publish}", _root);
        File.Copy(Path.Combine(app, "LifetimeValue.Cli"), Path.Combine(app, "lifetimevalue"));
        File.SetUnixFileMode(Path.Combine(app, "lifetimevalue"), UnixFileMode.UserRead | UnixFileMode.UserExecute | UnixFileMode.UserWrite);
        var (code, output, log) = await RunAsync("image tool", _root, Path.Combine(app, "lifetimevalue"), ["presets", "list", "--format", "csv"]);
        code.Should().Be(0, log);
        Encoding.UTF8.GetString(output).Should().Contain("bank,");
    }

    [GeneratedRegex(@"RUN dotnet publish (?<project>\S+\.csproj) -c Release -o /app")]
    private static partial Regex RunLine();

    private string Page => File.ReadAllText(Path.Combine(Repository.Root, "docs", "scale-out.md"));

    private IReadOnlyList<string> ShellCommands() =>
        [.. _blocks.Where(b => b.Language == "sh" && !b.Text.StartsWith("#!/bin/bash", StringComparison.Ordinal)).SelectMany(Markdown.Commands)];

    private IReadOnlyList<string> SampleLines() => [.. ShellCommands().Where(c => c.StartsWith("dotnet run", StringComparison.Ordinal))];

    private Markdown.Block Yaml(params string[] containing) =>
        _blocks.Single(b => b.Language == "yaml" && containing.All(c => b.Text.Contains(c, StringComparison.Ordinal)));

    /// <summary>A fresh folder standing for a pod's or node's file system, with the run file at /model/model.json and /shared/model.json.</summary>
    private string Mount(string name)
    {
        var root = Directory.CreateDirectory(Path.Combine(_root, name)).FullName;
        foreach (var folder in new[] { "model", "shared" })
        {
            Directory.CreateDirectory(Path.Combine(root, folder));
            File.Copy(_runFile, Path.Combine(root, folder, "model.json"));
        }

        Directory.CreateDirectory(Path.Combine(root, "out"));
        Directory.CreateDirectory(Path.Combine(root, "scratch", "clv"));
        return root;
    }

    /// <summary>/model, /out, /shared and /scratch as a volume mount would place them: under <paramref name="root"/>.</summary>
    private static string MapPaths(string text, string root) => AbsolutePath().Replace(text, m => root + m.Value);

    [GeneratedRegex(@"(?<![\w.$/-])/(model|out|shared|scratch)(?=/)")]
    private static partial Regex AbsolutePath();

    private void SameParts(string folder, string variant)
    {
        foreach (var k in Sampled)
        {
            File.ReadAllBytes(Path.Combine(folder, $"{k}.bin")).Should().Equal(_kubernetesParts[k], $"{variant} part {k} is the Kubernetes job's part {k}, byte for byte");
        }
    }

    private void CompleteWithKubernetesParts(string folder)
    {
        foreach (var (k, bytes) in _kubernetesParts.Where(p => !Sampled.Contains(p.Key)))
        {
            File.WriteAllBytes(Path.Combine(folder, $"{k}.bin"), bytes);
        }
    }

    private async Task<string> ShAsync(string commandLine, string folder)
    {
        var (_, output, _) = await RunAsync("sh", folder, "sh", ["-c", commandLine], expectSuccess: true);
        return Encoding.UTF8.GetString(output);
    }

    private async Task<(int Code, byte[] Output, string Log)> RunAsync(string name, string folder, string program, string[] arguments,
        Dictionary<string, string>? environment = null, bool expectSuccess = false)
    {
        environment ??= [];
        environment["PATH"] = _shim + ":" + Environment.GetEnvironmentVariable("PATH");
        using var process = ChildProcess.Start(name, program == "lifetimevalue" ? Path.Combine(_shim, "lifetimevalue") : program, arguments, folder, environment);
        var (code, output, log) = await process.WaitForExitAsync(TimeSpan.FromMinutes(5));
        if (expectSuccess)
        {
            code.Should().Be(0, "{0} {1} failed:\n{2}", program, string.Join(' ', arguments), log);
        }

        return (code, output, log);
    }

    private static Task<int> RunSample(string line)
    {
        var words = Markdown.Words(line);
        var separator = words.ToList().IndexOf("--");
        string[] args = separator < 0 ? [] : [.. words.Skip(separator + 1)];
        var entry = Assembly.Load("LocalCluster").EntryPoint ?? throw new InvalidOperationException("LocalCluster has no entry point.");
        return Task.Run(() => (int)entry.Invoke(null, [args])!);
    }
}
