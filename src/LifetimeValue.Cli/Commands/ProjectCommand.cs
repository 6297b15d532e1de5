using System.CommandLine;
using System.Globalization;
using LifetimeValue.Cli.Output;
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
        CsvScenarioSpec csv => $"CSV {csv.Path}",
        _ => spec.ToString(),
    };

    private static string Describe(ShortRateModel model) => model switch
    {
        Vasicek v => string.Create(CultureInfo.InvariantCulture, $"Vasicek (r0 {v.InitialRate:R}, κ {v.Kappa:R}, θ {v.Theta:R}, σ {v.Sigma:R}, {v.Scheme})"),
        CoxIngersollRoss c => string.Create(CultureInfo.InvariantCulture, $"CIR (r0 {c.InitialRate:R}, κ {c.Kappa:R}, θ {c.Theta:R}, σ {c.Sigma:R}, {c.Scheme})"),
        HullWhite h => string.Create(CultureInfo.InvariantCulture, $"Hull–White (a {h.MeanReversion:R}, σ {h.Sigma:R}, {h.Scheme})"),
        _ => model.GetType().Name,
    };

    internal static Report Build(ProjectionResult result, string rates, IReadOnlyList<string> notes)
    {
        var summary = ReportTable.Summary("summary")
            .Add("model", result.Model.Name)
            .Add("rates", rates)
            .Add("CLV per customer", result.Clv)
            .Add("acquisition cost", result.AcquisitionCost)
            .Add("break-even month (first crossing)", result.BreakEven.FirstCrossing)
            .Add("break-even month (final run)", result.BreakEven.FinalRunStart)
            .Add("break-even year", result.BreakEvenYear)
            .Add("peak funding per customer", result.PeakFundingPerCustomer)
            .Add("peak funding month", result.PeakFundingPeriod < 0 ? null : result.PeakFundingPeriod)
            .Add("payback months (undiscounted)", result.PaybackMonths)
            .Add("IRR (monthly)", result.Irr.Rate)
            .Add("IRR (annual)", result.AnnualIrr)
            .Add("IRR status", result.Irr.Status.ToString());

        var cohorts = new ReportTable("cohorts", "acquisition age", "share", "months", "CLV");
        foreach (var c in result.Cohorts)
        {
            cohorts.Add(c.AcquisitionAge, c.Share, c.Periods, c.Clv);
        }

        var years = new ReportTable("years", "year", "survival (start)", "expected cash flow", "present value", "cumulative PV (end)");
        var rows = result.Rows;
        for (var start = 0; start < rows.Count; start += 12)
        {
            var end = Math.Min(rows.Count, start + 12);
            double cash = 0, pv = 0;
            for (var t = start; t < end; t++)
            {
                cash += rows[t].ExpectedCashFlow;
                pv += rows[t].PresentValue;
            }

            years.Add((start / 12) + 1, rows[start].Survival, cash, pv, rows[end - 1].CumulativePresentValue);
        }

        var periods = new ReportTable("periods", "period", "survival", "expected cash flow", "discount factor", "present value", "cumulative PV") { IsDetail = true };
        foreach (var row in rows)
        {
            periods.Add(row.Period, row.Survival, row.ExpectedCashFlow, row.DiscountFactor, row.PresentValue, row.CumulativePresentValue);
        }

        return new Report($"projection of {result.Model.Name}", summary, cohorts, years, periods)
        {
            WriteJson = stream => result.WriteJson(stream),
            WriteCsv = result.WriteCsv,
            Notes = notes,
        };
    }
}
