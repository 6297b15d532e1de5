using System.CommandLine;
using System.Globalization;
using LifetimeValue.Projection;
using LifetimeValue.Scenarios;
using LifetimeValue.Serialization;
using LifetimeValue.Cli.Common;

namespace LifetimeValue.Cli.Commands;

/// <summary><c>project &lt;model&gt;</c>: the exact expected-value projection on one rate path.</summary>
internal static class ProjectCommand
{
    public static Command Create(CliEnvironment env)
    {
        var command = new Command("project", "Exact expected-value projection: per-period expected cash flows, CLV, break-even, peak funding, payback and IRR.");
        var model = new Argument<string>("model") { Description = $"A preset ({PresetCatalog.Names}) or a model-file path." };
        command.Arguments.Add(model);
        var run = new RunOptions(simulation: false);
        run.AddTo(command);
        var output = new OutputOptions();
        output.AddTo(command);
        CommandRunner.SetAction(command, env, (parse, _) =>
        {
            var source = ModelSource.Resolve(parse.GetValue(model)!);
            var (rates, description, notes) = Rates(parse, run, source);
            var result = ExpectedValueEngine.Project(source.Document.Model, rates);
            output.Write(parse, Build(result, description, notes), env);
            return ExitCodes.Ok;
        });
        return command;
    }

    /// <summary>The projection's rate path: the options', else the preset's canonical path, else the file's scenarios' mean path, else a flat 3 %.</summary>
    internal static (RatePath Rates, string Description, IReadOnlyList<string> Notes) Rates(ParseResult parse, RunOptions run, ModelSource source)
    {
        var periods = source.Document.Model.MaxPeriods;
        if (!run.OverridesScenarios(parse))
        {
            if (source.Preset is { } preset)
            {
                return (preset.ProjectionRates(), $"preset {preset.Name} rates", []);
            }

            if (source.Document.Scenarios is null)
            {
                return (RatePath.Constant(0.03), "constant 0.03", ["The model file has no scenarios: projected at a constant 3 % short rate (use --rate to choose)."]);
            }
        }

        var spec = run.ResolveScenarios(parse, source.Document.Scenarios)!;
        run.CheckSize(parse, spec, periods);
        return (RunOptions.FromScenarios(spec, source.BaseDirectory, periods, () => spec.MeanPath(periods, source.BaseDirectory), p => p.Length), Describe(spec), []);
    }

    internal static string Describe(ScenarioSpec spec) => spec switch
    {
        ConstantRateScenarioSpec c => string.Create(CultureInfo.InvariantCulture, $"constant {c.AnnualRate:R}"),
        ShortRateScenarioSpec s => string.Create(CultureInfo.InvariantCulture, $"{Describe(s.Model)} × {s.Count} scenario(s), seed {s.Seed}"),
        CsvScenarioSpec csv => $"CSV {Path.GetFileName(csv.Path)}",
        _ => spec.ToString(),
    };

    private static string Describe(ShortRateModel model) => model switch
    {
        Vasicek v => string.Create(CultureInfo.InvariantCulture, $"Vasicek (r0 {v.InitialRate:R}, κ {v.Kappa:R}, θ {v.Theta:R}, σ {v.Sigma:R}, {v.Scheme})"),
        CoxIngersollRoss c => string.Create(CultureInfo.InvariantCulture, $"CIR (r0 {c.InitialRate:R}, κ {c.Kappa:R}, θ {c.Theta:R}, σ {c.Sigma:R}, {c.Scheme})"),
        HullWhite h => string.Create(CultureInfo.InvariantCulture, $"Hull–White (a {h.MeanReversion:R}, σ {h.Sigma:R}, {h.Scheme})"),
        _ => model.GetType().Name,
    };

    /// <summary>The projection's report: the library's, with the rate path's description and the tool's notes.</summary>
    internal static LifetimeValue.Reporting.ResultReport Build(ProjectionResult result, string rates, IReadOnlyList<string> notes) =>
        result.ToReport(rates).WithNotes(notes);
}
