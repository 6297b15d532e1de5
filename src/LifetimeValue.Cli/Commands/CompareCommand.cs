using System.CommandLine;
using LifetimeValue.Comparison;
using LifetimeValue.Plotting;
using LifetimeValue.Serialization;
using LifetimeValue.Cli.Common;

namespace LifetimeValue.Cli.Commands;

/// <summary><c>compare &lt;model&gt; &lt;model&gt;…</c>: two or more strategies side by side on the same scenarios (common random numbers).</summary>
internal static class CompareCommand
{
    /// <summary>
    /// Scenarios generated when a rate model is chosen without <c>--scenarios</c>: enough for the bank–hotel ranking to be
    /// stable across scenario seeds (see docs/uncertainty.md).
    /// </summary>
    public const int DefaultScenarios = 1_000;

    public static Command Create(CliEnvironment env)
    {
        var command = new Command("compare", "Compare two or more strategies (presets or model files) on the same rate scenarios with common random numbers: CLV, percentiles, cohort NPV, break-even, peak funding, IRR, value by year, crossover and a funding test.");
        var models = new Argument<string[]>("models") { Description = $"Two or more presets ({PresetCatalog.Names}) or model-file paths.", Arity = new ArgumentArity(2, 16) };
        var cohort = new Option<long?>("--cohort") { Description = "Customers in the cohort whose funding is tested (default 10000); in [1, 1e12].", CustomParser = InvariantNumber.Int64(1, OptionRanges.MaxCohort) };
        var capital = new Option<double?>("--capital") { Description = "Capital available to fund the cohort (default 5000000); in [0, 1e15].", CustomParser = InvariantNumber.Double(OptionRanges.Capital) };
        var charts = new Option<string?>("--charts") { Description = "Write PNG charts (cumulative value with bands, CLV distributions) to this folder." };
        command.Arguments.Add(models);
        var run = new RunOptions(simulation: true, defaultScenarios: DefaultScenarios);
        run.AddTo(command);
        command.Options.Add(cohort);
        command.Options.Add(capital);
        command.Options.Add(charts);
        var output = new OutputOptions();
        output.AddTo(command);
        CommandRunner.SetAction(command, env, (parse, cancellationToken) =>
        {
            AtomicFile.CheckFolder(parse.GetValue(charts), "--charts");
            var sources = parse.GetValue(models)!.Select(ModelSource.Resolve).ToArray();
            var strategies = sources.Select(s => s.Document.Model).ToArray();
            var duplicate = strategies.GroupBy(m => m.Name).FirstOrDefault(g => g.Count() > 1);
            if (duplicate is not null)
            {
                throw CliException.Usage($"Two models are named '{duplicate.Key}': compare models with distinct names.");
            }

            // Scenarios: the options', else the first model's file, else a flat 3 %; long enough for the longest horizon.
            var spec = run.ResolveScenarios(parse, sources[0].Document.Scenarios) ?? new ConstantRateScenarioSpec(0.03);
            var threads = run.Threads(parse);
            var periods = strategies.Max(m => m.MaxPeriods);
            var precision = run.ResolvePrecision(parse, spec, SimulateCommand.Rounds(env));
            run.CheckSize(parse, spec, periods);
            var scenarios = RunOptions.FromScenarios(spec, sources[0].BaseDirectory, periods,
                () => spec.Create(periods, sources[0].BaseDirectory, threads == 0 ? -1 : threads, cancellationToken), s => s.PeriodCount);
            var result = ProgressDisplay.Run(env, "comparing", progress =>
            {
                var options = new ComparisonOptions
                {
                    Simulation = run.ResolveSimulation(parse, sources[0].Document.Simulation, progress),
                    CohortSize = parse.GetValue(cohort) ?? 10_000,
                    AvailableCapital = parse.GetValue(capital) ?? 5_000_000,
                };
                return precision is { } target
                    ? StrategyComparison.CompareToPrecision(strategies,
                        count => count == scenarios.ScenarioCount ? scenarios : (target.Spec with { Count = count }).Create(periods, sources[0].BaseDirectory, threads == 0 ? -1 : threads, cancellationToken),
                        options, target.Precision, cancellationToken)
                    : StrategyComparison.Compare(strategies, scenarios, options, cancellationToken);
            });

            var notes = new List<string>();
            if (result.Precision is { Reached: false } missed)
            {
                notes.Add(string.Create(System.Globalization.CultureInfo.InvariantCulture,
                    $"The target ±{missed.TargetHalfWidth:N2} was not reached within {missed.Rounds[^1].Scenarios:N0} scenarios (--max-scenarios)."));
            }

            if (parse.GetValue(charts) is { } folder)
            {
                var files = AtomicFile.IntoFolder(folder, "--charts", () => Charts.WriteAll(result, folder));
                notes.Add($"Charts written to {folder}: {string.Join(", ", files.Select(Path.GetFileName))}");
            }

            output.Write(parse, result.ToReport(ProjectCommand.Describe(spec)).WithNotes(notes), env);
            return ExitCodes.Ok;
        });
        return command;
    }
}
