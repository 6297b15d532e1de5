using System.CommandLine;
using System.Globalization;
using LifetimeValue.Calibration.Panel;
using LifetimeValue.Cli.Common;
using LifetimeValue.Lifecycle;

namespace LifetimeValue.Cli.Commands;

/// <summary>
/// <c>synthetic-panel &lt;model&gt;</c>: draws a customer-month panel from a customer-centric model (<see cref="SyntheticPanel"/>) and
/// writes it as CSV in the layout <c>calibrate-panel</c> reads — to try the calibration, test a pipeline, or size a study.
/// </summary>
internal static class SyntheticPanelCommand
{
    public static Command Create(CliEnvironment env)
    {
        var command = new Command("synthetic-panel",
            "Draw a synthetic customer-month panel from a customer-centric model (a preset such as bank, or a model file), reproducibly, as CSV for calibrate-panel.");
        var model = new Argument<string>("model") { Description = $"A customer-centric preset ({PresetCatalog.Names}) or model-file path." };
        var customers = new Option<long>("--customers", "-n") { Description = "Customers acquired over the burn-in and panel months (those gone before the panel starts have no rows).", DefaultValueFactory = _ => 10_000, CustomParser = InvariantNumber.Int64(1, OptionRanges.MaxCohort, 10_000) };
        var months = new Option<int>("--months") { Description = "Months in the panel, in [1, 1200].", DefaultValueFactory = _ => 60, CustomParser = InvariantNumber.Int32(1, OptionRanges.MaxMonths, 60) };
        var firstMonth = new Option<string>("--first-month") { Description = "The panel's first month (yyyy-MM).", DefaultValueFactory = _ => "2020-01" };
        var burnIn = new Option<int?>("--burn-in") { Description = "Months before the panel in which customers may be acquired (default: the model's longest horizon); in [0, 1200].", CustomParser = InvariantNumber.Int32(0, OptionRanges.MaxMonths) };
        var seed = new Option<ulong>("--seed") { Description = "Seed of the draws.", DefaultValueFactory = _ => 1UL, CustomParser = InvariantNumber.Seed(1UL) };
        var rate = new Option<double?>("--rate") { Description = "A constant annual short rate for the margins (default 0.03); in [-0.1, 1].", CustomParser = InvariantNumber.Double(OptionRanges.ShortRate) };
        var rates = new Option<string?>("--rates") { Description = "Monthly short rates, CSV month,rate, covering the panel's months." };
        var noise = new Option<double>("--noise") { Description = "Relative standard deviation of each row's revenue around the model's margin, in [0, 5].", DefaultValueFactory = _ => 0.2, CustomParser = InvariantNumber.Double(OptionRanges.Noise, 0.2) };
        var agesOnly = new Option<bool>("--ages-only") { Description = "Write ages in whole years instead of dates of birth." };
        var noCost = new Option<bool>("--no-acquisition-cost") { Description = "Leave out the acquisition_cost column." };
        var outFile = new Option<string?>("--out", "-o") { Description = "File to write (default: standard output); written to a temporary file and moved into place." };
        command.Arguments.Add(model);
        foreach (var option in new Option[] { customers, months, firstMonth, burnIn, seed, rate, rates, noise, agesOnly, noCost, outFile })
        {
            command.Options.Add(option);
        }

        CommandRunner.SetAction(command, env, (parse, cancellationToken) =>
        {
            var source = ModelSource.Resolve(parse.GetValue(model)!);
            if (source.Document.Model is not LifecycleModel lifecycle)
            {
                throw CliException.Usage($"'{source.Label}' is a {source.Document.Model.Kind} model: synthetic panels are drawn from customer-centric (lifecycle) models.");
            }

            if (parse.GetValue(rate) is not null && parse.GetValue(rates) is not null)
            {
                throw CliException.Usage("Give --rate or --rates, not both.");
            }

            var first = parse.GetValue(firstMonth)!;
            if (!DateOnly.TryParseExact(first, "yyyy-MM", CultureInfo.InvariantCulture, DateTimeStyles.None, out var start))
            {
                throw CliException.Usage($"--first-month must be a month yyyy-MM (was '{first}').");
            }

            var series = RateFile.Read(parse.GetValue(rates));

            SyntheticPanelOptions options;
            try
            {
                options = new SyntheticPanelOptions
                {
                    Customers = parse.GetValue(customers),
                    Months = parse.GetValue(months),
                    FirstMonth = start,
                    BurnInMonths = parse.GetValue(burnIn),
                    Seed = parse.GetValue(seed),
                    Rates = series,
                    ConstantRate = parse.GetValue(rate) ?? 0.03,
                    RevenueNoise = parse.GetValue(noise),
                    AgesOnly = parse.GetValue(agesOnly),
                    WithAcquisitionCost = !parse.GetValue(noCost),
                };
            }
            catch (ArgumentException e)
            {
                throw CliException.Usage(Messages.Clean(e).Replace("Customers", "--customers", StringComparison.Ordinal).Replace("Months", "--months", StringComparison.Ordinal)
                    .Replace("BurnInMonths", "--burn-in", StringComparison.Ordinal).Replace("ConstantRate", "--rate", StringComparison.Ordinal)
                    .Replace("RevenueNoise", "--noise", StringComparison.Ordinal));
            }

            // Rows grow with customers × months (each customer is followed over the burn-in and the panel): refuse sizes
            // no panel needs before drawing, instead of writing for days.
            var span = (long)(options.BurnInMonths ?? lifecycle.MaxPeriods) + options.Months;
            if (options.Customers > OptionRanges.MaxCustomerMonths / span)
            {
                throw CliException.Usage(string.Create(CultureInfo.InvariantCulture,
                    $"--customers {options.Customers} × {span} months (burn-in and panel) exceeds {OptionRanges.MaxCustomerMonths:G3} customer-months: lower --customers, --months or --burn-in."));
            }

            if (series is not null && (!series.TryGet(start, out _) || !series.TryGet(start.AddMonths(options.Months - 1), out _)))
            {
                throw CliException.Invalid(string.Create(CultureInfo.InvariantCulture,
                    $"{parse.GetValue(rates)}: the rates ({series.FirstMonth:yyyy-MM} to {series.LastMonth:yyyy-MM}) must cover the panel's months {start:yyyy-MM} to {start.AddMonths(options.Months - 1):yyyy-MM}."));
            }

            var rows = SyntheticPanel.Generate(lifecycle, options).Select((row, i) =>
            {
                if ((i & 0xFFFF) == 0)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                }

                return row;
            });
            if (parse.GetValue(outFile) is { } path)
            {
                long written = 0;
                AtomicFile.Write(path, temp => written = PanelCsvWriter.WriteFile(rows, temp, options.WithAcquisitionCost));
                env.Output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{written:N0} rows written to {Path.GetFullPath(path)}."));
            }
            else
            {
                PanelCsvWriter.Write(rows, env.Output, options.WithAcquisitionCost);
                env.Output.Flush();
            }

            return ExitCodes.Ok;
        });
        return command;
    }
}
