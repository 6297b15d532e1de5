using System.CommandLine;
using System.Globalization;
using LifetimeValue.Cli.Common;
using LifetimeValue.Plotting;
using LifetimeValue.Programmes;
using LifetimeValue.Reporting;
using LifetimeValue.Scenarios;
using LifetimeValue.Serialization;

namespace LifetimeValue.Cli.Commands;

/// <summary>
/// <c>programme &lt;model&gt; [&lt;model&gt;]</c>: an acquisition programme (customers acquired every year) of one strategy, or two
/// side by side on the same scenarios — cash flows by calendar month, peak funding need, self-funding month, financing
/// cost, NPV, IRR, and the capital questions.
/// </summary>
internal static class ProgrammeCommand
{
    public static Command Create(CliEnvironment env)
    {
        var command = new Command("programme", "Acquisition programme: cohorts acquired every year for a number of years — programme cash flows by month, peak funding need, self-funding month, financing cost, NPV and IRR, a funding test against capital and the largest affordable acquisition rate; two models are compared on the same scenarios.");
        var models = new Argument<string[]>("models") { Description = $"One or two presets ({PresetCatalog.Names}) or model-file paths.", Arity = new ArgumentArity(1, 2) };
        var perYear = new Option<double?>("--per-year") { Description = "Customers acquired in the first year (required unless the first model file has a programme section).", CustomParser = InvariantNumber.Double(OptionRanges.CustomersPerYear) };
        var growth = new Option<double?>("--growth") { Description = "Annual growth of the yearly figure, e.g. 0.05 (default 0).", CustomParser = InvariantNumber.Double(OptionRanges.Growth) };
        var years = new Option<int?>("--years") { Description = "Years of acquisition, 1 … 100 (default 15).", CustomParser = InvariantNumber.Int32(1, 100) };
        var timing = new Option<string?>("--timing") { Description = "How a year's customers arrive: monthly (spread evenly, default) or yearly (all at the start of the year)." };
        var capital = new Option<double?>("--capital") { Description = "Capital available: report the funding test, the capital needed and the largest affordable customers per year.", CustomParser = InvariantNumber.Double(OptionRanges.Capital) };
        var confidence = new Option<double?>("--confidence") { Description = "Share of scenarios in which the need must stay within the capital, in (0, 1] (default 0.95).", CustomParser = InvariantNumber.Double(OptionRanges.Shift) };
        var borrowRate = new Option<double?>("--borrow-rate") { Description = "Fixed annual rate on the deficit (default 0.06).", CustomParser = InvariantNumber.Double(OptionRanges.ShortRate) };
        var borrowSpread = new Option<double?>("--borrow-spread") { Description = "Finance the deficit at the scenario's short rate plus this annual spread (instead of --borrow-rate).", CustomParser = InvariantNumber.Double(OptionRanges.DiscountRate) };
        var depositRate = new Option<double?>("--deposit-rate") { Description = "Annual rate earned on a surplus (default 0).", CustomParser = InvariantNumber.Double(OptionRanges.ShortRate) };
        var discountRate = new Option<double?>("--discount-rate") { Description = "Annual rate of the programme's NPV (default 0.08).", CustomParser = InvariantNumber.Double(OptionRanges.DiscountRate) };
        var exact = new Option<bool>("--exact") { Description = "Exact expected-value engine along one rate path (as project) instead of Monte Carlo." };
        var calendar = new Option<bool>("--calendar-rates") { Description = "Cohorts acquired in year k see the rate scenario from calendar year k on (one simulation per acquisition year); default: every cohort sees the scenario from its own start." };
        var charts = new Option<string?>("--charts") { Description = "Write PNG charts (cumulative cash with bands and the capital line; affordable rate against capital) to this folder." };
        command.Arguments.Add(models);
        foreach (var option in new Option[] { perYear, growth, years, timing, capital, confidence, borrowRate, borrowSpread, depositRate, discountRate, exact, calendar, charts })
        {
            command.Options.Add(option);
        }

        var run = new RunOptions(simulation: true, defaultScenarios: 100);
        run.AddTo(command);
        var output = new OutputOptions();
        output.AddTo(command);
        CommandRunner.SetAction(command, env, (parse, cancellationToken) =>
        {
            var sources = parse.GetValue(models)!.Select(ModelSource.Resolve).ToArray();
            if (sources.Length == 2 && sources[0].Document.Model.Name == sources[1].Document.Model.Name)
            {
                throw CliException.Usage($"Both models are named '{sources[0].Document.Model.Name}': compare models with distinct names.");
            }

            if (parse.GetValue(borrowRate) is not null && parse.GetValue(borrowSpread) is not null)
            {
                throw CliException.Usage("--borrow-rate and --borrow-spread are alternatives: give at most one.");
            }

            // The first model file's programme section, if any, changed by the options given.
            var terms = sources[0].Document.Programme;
            if (terms is null && parse.GetValue(perYear) is null)
            {
                throw CliException.Usage("--per-year is required (the first model has no programme section).");
            }

            terms ??= new ProgrammeTerms();
            var timingValue = parse.GetValue(timing) switch
            {
                null => terms.Timing,
                "monthly" => AcquisitionTiming.SpreadMonthly,
                "yearly" => AcquisitionTiming.StartOfYear,
                var other => throw CliException.Usage($"--timing must be monthly or yearly (was '{other}')."),
            };

            var level = parse.GetValue(confidence) ?? 0.95;
            if (!(level > 0 && level <= 1))
            {
                throw CliException.Usage(string.Create(CultureInfo.InvariantCulture, $"--confidence must be in (0, 1], e.g. 0.95 (was {level})."));
            }

            var schedule = AcquisitionSchedule.PerYear(parse.GetValue(perYear) ?? terms.PerYear, parse.GetValue(years) ?? terms.Years, parse.GetValue(growth) ?? terms.Growth, timingValue);
            var fromFile = terms.Financing;
            var financing = new ProgrammeFinancing
            {
                BorrowRate = parse.GetValue(borrowRate) ?? fromFile.BorrowRate,
                BorrowSpread = parse.GetValue(borrowRate) is not null ? null : parse.GetValue(borrowSpread) ?? fromFile.BorrowSpread,
                DepositRate = parse.GetValue(depositRate) ?? fromFile.DepositRate,
                DiscountRate = parse.GetValue(discountRate) ?? fromFile.DiscountRate,
            };
            var programmes = sources.Select(s => new Programme(s.Document.Model, schedule, financing) { CalendarRates = parse.GetValue(calendar) }).ToArray();
            var capitalValue = parse.GetValue(capital);
            if (capitalValue is { } c && !(c >= 0 && double.IsFinite(c)))
            {
                throw CliException.Usage(string.Create(CultureInfo.InvariantCulture, $"--capital must be a finite number ≥ 0 (was {c})."));
            }

            string description;
            var notes = new List<string>();
            ProgrammeResult[] results;
            ProgrammeComparison? comparison = null;
            if (parse.GetValue(exact))
            {
                var rates = ProjectCommand.Rates(parse, run, sources[0]);
                description = rates.Description;
                notes.AddRange(rates.Notes);
                results = [.. programmes.Select(p => ProgrammeEngine.Project(p, rates.Rates, parse.GetValue(run.CiLevel) ?? 0.95))];
            }
            else
            {
                var spec = run.ResolveScenarios(parse, sources[0].Document.Scenarios) ?? new ConstantRateScenarioSpec(0.03);
                var threads = run.Threads(parse);
                var periods = financing.BorrowSpread is null
                    ? programmes.Max(p => p.Strategy.MaxPeriods + (p.CalendarRates ? 12 * (((p.Schedule.MonthCount + 11) / 12) - 1) : 0))
                    : programmes.Max(p => p.Months);
                periods = Math.Min(ScenarioSet.MaxPeriods, periods);
                var scenarios = spec.Create(periods, sources[0].BaseDirectory, threads == 0 ? -1 : threads, cancellationToken);
                description = ProjectCommand.Describe(spec);
                results = ProgressDisplay.Run(env, "simulating", progress =>
                {
                    var options = run.ResolveSimulation(parse, sources[0].Document.Simulation, progress);
                    return programmes.Select(p => ProgrammeEngine.Simulate(p, scenarios, options, cancellationToken)).ToArray();
                });
                if (results.Length == 2)
                {
                    comparison = ProgrammeComparison.Of(results[0], results[1]);
                }
            }

            if (comparison is not null)
            {
                notes.Add(comparison.Statement);
            }

            if (parse.GetValue(charts) is { } folder)
            {
                var files = new List<string> { ProgrammeCharts.CumulativeCash(results, capitalValue, Path.Combine(folder, "programme-cumulative-cash.png")) };
                if (capitalValue is { } cap && cap > 0)
                {
                    var capitals = Enumerable.Range(0, 41).Select(i => cap * i / 20.0).ToArray();
                    files.Add(ProgrammeCharts.AffordableRate(results, capitals, level, Path.Combine(folder, "programme-affordable-rate.png")));
                }

                if (comparison is not null)
                {
                    files.Add(ProgrammeCharts.FundingGap(comparison, Path.Combine(folder, "programme-funding-gap.png")));
                }

                notes.Add($"Charts written to {folder}: {string.Join(", ", files.Select(Path.GetFileName))}");
            }

            var tables = results.SelectMany(r => r.ToTables(capitalValue, level)).ToList();
            if (comparison is not null)
            {
                var d = comparison.NpvDifference;
                var n = comparison.FundingNeedDifference;
                var first = results[0].Programme.Name;
                var second = results[1].Programme.Name;
                tables.Add(ResultTable.Summary("paired difference",
                [
                    new($"NPV {first} − {second}", ValueKind.Currency, d.Mean) { Key = "npvDifference" },
                    new("NPV difference CI low", ValueKind.Currency, d.CiLow),
                    new("NPV difference CI high", ValueKind.Currency, d.CiHigh),
                    new("funding need difference", ValueKind.Currency, n.Mean),
                    new("funding need difference CI low", ValueKind.Currency, n.CiLow),
                    new("funding need difference CI high", ValueKind.Currency, n.CiHigh),
                ]));
                tables.Add(new ResultTable("funding gap by year",
                    [ResultColumn.Years("year"), new($"cumulative cash {first} − {second}", ValueKind.Currency, "cumulativeCashDifference"), ResultColumn.Currency("CI low"), ResultColumn.Currency("CI high")],
                    comparison.FundingGapByYear.Select((e, y) => (IReadOnlyList<object?>)[y + 1, e.Mean, e.CiLow, e.CiHigh])));
            }

            var runRows = new List<MetricRow>
            {
                new("Programmes", ValueKind.Text, string.Join(", ", results.Select(r => r.Programme.Name))),
                new("Schedule", ValueKind.Text, schedule.ToString()),
                new("Scenarios", ValueKind.Text, description),
                new("Capital", ValueKind.Currency, capitalValue),
                new("Confidence level", ValueKind.Percent, level),
                new("Library version", ValueKind.Text, ResultReport.LibraryVersion),
            };
            var report = new ResultReport($"Acquisition programme of {string.Join(" and ", results.Select(r => r.Programme.Name))}", runRows, tables, notes);
            output.Write(parse, report, env, stream =>
            {
                if (comparison is not null)
                {
                    comparison.WriteJson(stream, capitalValue, level);
                }
                else
                {
                    results[0].WriteJson(stream, capitalValue, level);
                }
            });
            return ExitCodes.Ok;
        });
        return command;
    }
}
