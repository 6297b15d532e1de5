using System.CommandLine;
using System.Globalization;
using LifetimeValue.Serialization;
using LifetimeValue.Simulation;
using LifetimeValue.Cli.Common;

namespace LifetimeValue.Cli.Commands;

/// <summary>
/// <c>simulate &lt;model&gt;</c>: a Monte Carlo run, or with <c>--chunks k/n --partial file</c> part k of n of it
/// (to be combined by <c>merge</c>).
/// </summary>
internal static class SimulateCommand
{
    public static Command Create(CliEnvironment env)
    {
        var command = new Command("simulate", "Monte Carlo simulation: CLV distribution (mean, sd, percentiles, VaR, ES), break-even and peak funding across rate scenarios.");
        var model = new Argument<string>("model") { Description = $"A preset ({PresetCatalog.Names}) or a model-file path." };
        var chunks = new Option<string?>("--chunks") { Description = "Run only part k of n of the run's chunks (k from 1), e.g. --chunks 3/8; needs --partial." };
        var partial = new Option<string?>("--partial") { Description = "With --chunks: the partial-result file to write (combine the parts with 'merge')." };
        var zeroBased = new Option<bool>("--zero-based") { Description = "With --chunks: k counts from 0 (0 … n−1), as Kubernetes Indexed Jobs and array schedulers number their tasks." };
        command.Arguments.Add(model);
        var run = new RunOptions(simulation: true);
        run.AddTo(command);
        command.Options.Add(chunks);
        command.Options.Add(partial);
        command.Options.Add(zeroBased);
        var output = new OutputOptions();
        output.AddTo(command);
        var saveRun = new Option<string?>("--save-run") { Description = "Write the run (model, scenarios and simulation options, as resolved from the arguments) to this model file and exit without simulating: every task of a batch job then runs 'simulate <file> --chunks k/n …' on the same run." };
        command.Options.Add(saveRun);
        var cluster = new Cluster.ClusterArguments("Run on an Orleans cluster of 'lifetimevalue silo' processes sharing this membership store (redis://host:port); the result is the in-process run's, bit for bit.");
        cluster.AddTo(command);
        CommandRunner.SetAction(command, env, (parse, cancellationToken) =>
        {
            var connection = cluster.Resolve(parse);
            var part = ParsePart(parse.GetValue(chunks), parse.GetValue(partial), parse.GetValue(zeroBased));
            if (part is not null && parse.GetValue(run.TargetHalfWidth) is not null)
            {
                throw CliException.Usage("--target-half-width chooses the scenario count as it runs, so it cannot be split with --chunks: run it whole.");
            }

            var source = ModelSource.Resolve(parse.GetValue(model)!);
            var spec = run.ResolveScenarios(parse, source.Document.Scenarios) ?? new ConstantRateScenarioSpec(0.03);
            var threads = run.Threads(parse);
            var strategy = source.Document.Model;
            var precision = run.ResolvePrecision(parse, spec, Rounds(env));
            run.CheckSize(parse, spec, strategy.MaxPeriods);
            var scenarios = RunOptions.FromScenarios(spec, source.BaseDirectory, strategy.MaxPeriods,
                () => spec.Create(strategy.MaxPeriods, source.BaseDirectory, threads == 0 ? -1 : threads, cancellationToken), s => s.PeriodCount);
            if (parse.GetValue(saveRun) is { } runPath)
            {
                if (part is not null || connection is not null)
                {
                    throw CliException.Usage("--save-run writes the run and exits: give it without --chunks, --partial and --cluster.");
                }

                var options = run.ResolveSimulation(parse, source.Document.Simulation, null);
                var document = new ModelDocument(strategy, Absolute(spec, source.BaseDirectory), options with { MaxDegreeOfParallelism = 0 });
                AtomicFile.Write(runPath, temp => ModelFile.Save(document, temp));
                var chunkCount = MonteCarloEngine.Plan(scenarios, options).ChunkCount;
                env.Output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"run written to {runPath}: {options.Customers} customers × {scenarios.ScenarioCount} scenario(s), {chunkCount} chunk(s) of up to {options.ChunkSize}; --chunks k/n needs n ≤ {chunkCount}."));
                env.Output.Flush();
                return ExitCodes.Ok;
            }

            if (part is { } k)
            {
                var options = run.ResolveSimulation(parse, source.Document.Simulation, null);
                var plan = MonteCarloEngine.Plan(scenarios, options);
                if (k.Parts > plan.ChunkCount)
                {
                    throw CliException.Usage(string.Create(CultureInfo.InvariantCulture,
                        $"--chunks {k.Given}: the run has only {plan.ChunkCount} chunk(s), so n must be at most {plan.ChunkCount} (a model file's simulation section, or --customers, --scenarios and --chunk-size, set the run's size)."));
                }

                var (first, count) = plan.Part(k.Part - 1, k.Parts);
                var runFile = ModelFile.ToJson(new ModelDocument(strategy, Absolute(spec, source.BaseDirectory), options with { Progress = null, MaxDegreeOfParallelism = 0 }));
                var result = ProgressDisplay.Run(env, $"part {k.Given}", progress => connection is null
                    ? MonteCarloEngine.SimulateChunks(strategy, scenarios, options with { Progress = progress }, first, count, cancellationToken)
                    : Cluster.ClusterClient.Run(env, connection, Orleans.SimulationJob.FromModelFile(runFile, options, source.Label), first, count, progress, cancellationToken).Partial!);
                new PartialFile(runFile, k.Part, k.Parts, result).Save(k.Path);
                env.Output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"part {k.Given}: chunks [{first}, {first + count}) of {plan.ChunkCount} written to {k.Path}"));
                env.Output.Flush();
                return ExitCodes.Ok;
            }

            if (connection is not null && precision is not null)
            {
                throw CliException.Usage("--target-half-width chooses the scenario count as it runs, so it cannot be run with --cluster: run it in process.");
            }

            var resultAll = connection is null
                ? ProgressDisplay.Run(env, "simulating", progress =>
                {
                    var options = run.ResolveSimulation(parse, source.Document.Simulation, progress);
                    return precision is { } target
                        ? MonteCarloEngine.SimulateToPrecision(strategy,
                            count => count == scenarios.ScenarioCount ? scenarios : (target.Spec with { Count = count }).Create(strategy.MaxPeriods, source.BaseDirectory, threads == 0 ? -1 : threads, cancellationToken),
                            options, target.Precision, cancellationToken)
                        : MonteCarloEngine.Simulate(strategy, scenarios, options, cancellationToken);
                })
                : ProgressDisplay.Run(env, "simulating on the cluster", progress =>
                {
                    var options = run.ResolveSimulation(parse, source.Document.Simulation, null);
                    var runFile = ModelFile.ToJson(new ModelDocument(strategy, Absolute(spec, source.BaseDirectory), options with { MaxDegreeOfParallelism = 0 }));
                    return Cluster.ClusterClient.Run(env, connection, Orleans.SimulationJob.FromModelFile(runFile, options, source.Label), 0, null, progress, cancellationToken).Result!;
                });
            output.Write(parse, resultAll.ToReport(ProjectCommand.Describe(spec)), env);
            return ExitCodes.Ok;
        });
        return command;
    }

    /// <summary>Reports each round of a <c>--target-half-width</c> run on standard error (so results on standard output stay clean).</summary>
    internal static IProgress<PrecisionRound> Rounds(CliEnvironment env) => new RoundReporter(env);

    /// <summary>A CSV path made absolute so that <c>merge</c> finds the file from any folder.</summary>
    private static ScenarioSpec Absolute(ScenarioSpec spec, string? baseDirectory) =>
        spec is CsvScenarioSpec csv ? new CsvScenarioSpec(csv.Resolve(baseDirectory)) : spec;

    /// <summary>Part k of n from 1 (<c>Part</c>), and as the user gave it (<c>Given</c>: "0/40 (zero-based)") for messages.</summary>
    private static (int Part, int Parts, string Path, string Given)? ParsePart(string? chunks, string? partial, bool zeroBased)
    {
        if (chunks is null && partial is null)
        {
            return null;
        }

        if (chunks is null || partial is null)
        {
            throw CliException.Usage("--chunks k/n and --partial <file> go together: give both or neither.");
        }

        var slash = chunks.IndexOf('/', StringComparison.Ordinal);
        if (slash < 0
            || !int.TryParse(chunks.AsSpan(0, slash), NumberStyles.None, CultureInfo.InvariantCulture, out var k)
            || !int.TryParse(chunks.AsSpan(slash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var n))
        {
            throw CliException.Usage($"--chunks must be k/n with whole numbers, e.g. 3/8 (was '{chunks}').");
        }

        if (zeroBased)
        {
            if (n < 1 || k > n - 1)
            {
                throw CliException.Usage($"--chunks k/n with --zero-based needs 0 ≤ k ≤ n − 1 (was {chunks}).");
            }

            k++;
        }

        if (n < 1 || k < 1 || k > n)
        {
            throw CliException.Usage($"--chunks k/n needs 1 ≤ k ≤ n (was {chunks}): parts are numbered from 1 (or from 0 with --zero-based).");
        }

        return (k, n, partial, zeroBased ? string.Create(CultureInfo.InvariantCulture, $"{k - 1}/{n} (zero-based)") : string.Create(CultureInfo.InvariantCulture, $"{k}/{n}"));
    }

    private sealed class RoundReporter(CliEnvironment env) : IProgress<PrecisionRound>
    {
        public void Report(PrecisionRound value)
        {
            lock (this)
            {
                env.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{value.Scenarios:N0} scenarios: interval ±{value.HalfWidth:N2}"));
                env.Error.Flush();
            }
        }
    }
}
