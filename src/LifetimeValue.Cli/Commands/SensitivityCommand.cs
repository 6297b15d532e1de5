using System.CommandLine;
using System.Globalization;
using LifetimeValue.Plotting;
using LifetimeValue.Sensitivity;
using LifetimeValue.Cli.Common;

namespace LifetimeValue.Cli.Commands;

/// <summary><c>sensitivity &lt;model&gt;…</c>: a tornado (each parameter ± a share) or, with <c>--map</c>, a decision map of two parameters.</summary>
internal static class SensitivityCommand
{
    private static readonly Dictionary<string, SensitivityParameter> Parameters = new(StringComparer.OrdinalIgnoreCase)
    {
        ["discount-rate"] = SensitivityParameter.DiscountRate,
        ["acquisition-cost"] = SensitivityParameter.AcquisitionCost,
        ["attrition"] = SensitivityParameter.AttritionMultiplier,
        ["horizon"] = SensitivityParameter.HorizonYears,
        ["rate-shift"] = SensitivityParameter.RateShift,
    };

    public static Command Create(CliEnvironment env)
    {
        var names = string.Join(", ", Parameters.Keys);
        var command = new Command("sensitivity", "Sensitivity of expected CLV on the exact engine: a tornado (each parameter moved ± a share), or with --map a decision map showing which strategy wins over a grid of two parameters.");
        var models = new Argument<string[]>("models") { Description = $"One or more presets ({PresetCatalog.Names}) or model-file paths (a map needs two or more).", Arity = new ArgumentArity(1, 16) };
        var parameters = new Option<string[]>("--parameters") { Description = $"Tornado parameters (default all): {names}.", AllowMultipleArgumentsPerToken = true };
        var shift = new Option<double?>("--shift") { Description = "Relative move of each tornado parameter, in (0, 1] (default 0.1 for ±10 %; the rate shift moves ±100 bp).", CustomParser = InvariantNumber.Double(OptionRanges.Shift) };
        var map = new Option<string[]>("--map")
        {
            Description = $"A decision map: --map <x-parameter> <v1,v2,…> <y-parameter> <v1,v2,…>, e.g. --map acquisition-cost 50,150,250 discount-rate 0.01,0.03,0.05.",
            AllowMultipleArgumentsPerToken = true,
            Arity = new ArgumentArity(4, 4),
        };
        var rate = new Option<double?>("--rate") { Description = "Constant annual short rate of the projections (default 0.03); in [-0.1, 1].", CustomParser = InvariantNumber.Double(OptionRanges.ShortRate) };
        var charts = new Option<string?>("--charts") { Description = "Write the tornado or decision-map PNG to this folder." };
        command.Arguments.Add(models);
        command.Options.Add(parameters);
        command.Options.Add(shift);
        command.Options.Add(map);
        command.Options.Add(rate);
        command.Options.Add(charts);
        var output = new OutputOptions();
        output.AddTo(command);
        CommandRunner.SetAction(command, env, (parse, _) =>
        {
            AtomicFile.CheckFolder(parse.GetValue(charts), "--charts");
            var strategies = parse.GetValue(models)!.Select(m => ModelSource.Resolve(m).Document.Model).ToArray();
            var rates = RatePath.Constant(parse.GetValue(rate) ?? 0.03);
            var folder = parse.GetValue(charts);
            var notes = new List<string>();
            LifetimeValue.Reporting.ResultReport report;
            if (parse.GetValue(map) is { Length: 4 } m)
            {
                if (strategies.Length < 2)
                {
                    throw CliException.Usage("--map compares strategies: give two or more models.");
                }

                var result = SensitivityAnalysis.DecisionMap(strategies, Parameter(m[0]), Values(m[1], m[0], "--map x values"), Parameter(m[2]), Values(m[3], m[2], "--map y values"), rates);
                if (folder is not null)
                {
                    notes.Add($"Chart written to {AtomicFile.IntoFolder(folder, "--charts", () => Charts.DecisionMap(result, Path.Combine(folder, "decision-map.png")))}");
                }

                report = result.ToReport(RateText(rates)).WithNotes(notes);
            }
            else
            {
                var chosen = parse.GetValue(parameters) is { Length: > 0 } p ? p.Select(Parameter).ToArray() : [.. Parameters.Values];
                var relative = parse.GetValue(shift) ?? 0.1;
                if (!(relative > 0 && relative <= 1))
                {
                    throw CliException.Usage(string.Create(CultureInfo.InvariantCulture, $"--shift must be in (0, 1] (was {relative})."));
                }

                var result = SensitivityAnalysis.Tornado(strategies, chosen, rates, relative);
                if (folder is not null)
                {
                    notes.Add($"Chart written to {AtomicFile.IntoFolder(folder, "--charts", () => Charts.Tornado(result, Path.Combine(folder, "tornado.png")))}");
                }

                report = result.ToReport(RateText(rates)).WithNotes(notes);
            }

            output.Write(parse, report, env);
            return ExitCodes.Ok;
        });
        return command;
    }

    private static string RateText(RatePath rates) => string.Create(CultureInfo.InvariantCulture, $"constant short rate {rates.At(0) * 100:0.##} % a year");

    private static SensitivityParameter Parameter(string name) =>
        Parameters.TryGetValue(name, out var p) ? p : throw CliException.Usage($"Unknown parameter '{name}': expected one of {string.Join(", ", Parameters.Keys)}.");

    /// <summary>The plausible range of each parameter's values in a decision map (documented in docs/cli.md).</summary>
    private static readonly Dictionary<string, NumberRange> ValueRanges = new(StringComparer.OrdinalIgnoreCase)
    {
        ["discount-rate"] = OptionRanges.DiscountRate,
        ["acquisition-cost"] = OptionRanges.CostPerCustomer,
        ["attrition"] = new(0, 10, Note: " (a multiplier of every attrition probability)"),
        ["horizon"] = new(1, 100, Note: " (years)"),
        ["rate-shift"] = new(-0.1, 0.1, Note: " (a parallel shift of the short rate: 0.01 is 100 bp)"),
    };

    private static double[] Values(string text, string parameter, string what)
    {
        var range = ValueRanges.TryGetValue(parameter, out var r) ? r : NumberRange.Any;
        var parts = text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var values = new double[parts.Length];
        for (var i = 0; i < parts.Length; i++)
        {
            if (!double.TryParse(parts[i], NumberStyles.Float, CultureInfo.InvariantCulture, out values[i]) || !double.IsFinite(values[i]))
            {
                throw CliException.Usage($"{what} ({parameter}) must be comma-separated finite numbers (item {i + 1} was {InvariantNumber.Quote(parts[i])}).");
            }

            if (!range.Contains(values[i]))
            {
                throw CliException.Usage($"{what} ({parameter}) must be in {range}{range.Note} (item {i + 1} was {InvariantNumber.Quote(parts[i])}).");
            }
        }

        return values.Length > 0 ? values : throw CliException.Usage($"{what} must list at least one number.");
    }
}
