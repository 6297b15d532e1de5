using System.CommandLine;
using System.Globalization;
using LifetimeValue.Calibration.Panel;
using LifetimeValue.Cli.Common;
using LifetimeValue.Reporting;
using LifetimeValue.Discounting;
using LifetimeValue.Plotting;
using LifetimeValue.Serialization;

namespace LifetimeValue.Cli.Commands;

/// <summary>
/// <c>calibrate-panel &lt;panel.csv&gt;</c>: fits the customer-centric model to a customer-month panel (attrition, adoption, margins,
/// acquisition) with standard errors, a fit report, an optional holdout check and a CLV interval; writes the model file and charts.
/// </summary>
internal static class CalibratePanelCommand
{
    public static Command Create(CliEnvironment env)
    {
        var command = new Command("calibrate-panel",
            "Calibrate the customer-centric (lifecycle) model from a customer-month panel: attrition by stage, product adoption, margins (optionally a + b·r), acquisition profile and cost, with standard errors, fit report, holdout check and CLV interval.");
        var file = new Argument<string>("panel") { Description = "Panel CSV, one row per customer, month and product (empty product: relationship row), grouped by customer in month order." };
        var stages = new Option<string?>("--stages") { Description = "Stage boundaries as ages, comma-separated, e.g. 11,18,23,30,45,60,67,85 (the last is the horizon); default: found from the data." };
        var stageNames = new Option<string?>("--stage-names") { Description = "Stage names, comma-separated, one per stage (default: the age range, e.g. 18-22)." };
        var marginBand = new Option<int?>("--margin-band-years") { Description = "Estimate margins over age bands of this many years inside each stage (default: one per stage); in [1, 100].", CustomParser = InvariantNumber.Int32(1, 100) };
        var rates = new Option<string?>("--rates") { Description = "Monthly short rates, CSV month,rate (header first): margins are fitted as a + b·r." };
        var holdout = new Option<string?>("--holdout-from") { Description = "First holdout month (yyyy-MM): fit on the months before, then compare the exact engine's forecast with what happened." };
        var cost = new Option<double?>("--acquisition-cost") { Description = "Acquisition cost per customer (default: the mean of the panel's acquisition-cost column, else 0); in [0, 1e9].", CustomParser = InvariantNumber.Double(OptionRanges.CostPerCustomer) };
        var adoption = new Option<string>("--adoption") { Description = "Adoption basis: entry (share holding in the stage's first month, the model's definition) or monthly (share of the stage's months).", DefaultValueFactory = _ => "entry" };
        var discountSpread = new Option<double?>("--discount-spread") { Description = "Discount at the short rate plus this annual spread (default 0.05); in [0, 1].", CustomParser = InvariantNumber.Double(OptionRanges.DiscountRate) };
        var discountRate = new Option<double?>("--discount-rate") { Description = "Discount at this flat annual rate instead; in [0, 1].", CustomParser = InvariantNumber.Double(OptionRanges.DiscountRate) };
        var name = new Option<string>("--name") { Description = "Name of the fitted model.", DefaultValueFactory = _ => "calibrated" };
        var modelOut = new Option<string?>("--model-out") { Description = "Write the fitted model as a model file (for project, simulate, compare, sensitivity)." };
        var charts = new Option<string?>("--charts") { Description = "Write PNG charts (survival, attrition, holdings and margins by age, holdout) to this folder." };
        var clvDraws = new Option<int>("--clv-draws") { Description = "Parameter draws of the CLV interval on the exact engine: 0 (no interval) or in [2, 100000].", DefaultValueFactory = _ => 200, CustomParser = InvariantNumber.Int32(0, 100_000, 200) };
        var clvRate = new Option<double>("--clv-rate") { Description = "Flat short rate of the CLV projection; in [-0.1, 1].", DefaultValueFactory = _ => 0.03, CustomParser = InvariantNumber.Double(OptionRanges.ShortRate, 0.03) };
        var seed = new Option<ulong>("--seed") { Description = "Seed of the CLV interval's parameter draws.", DefaultValueFactory = _ => 1UL, CustomParser = InvariantNumber.Seed(1UL) };
        var customerColumn = new Option<int>("--customer-column") { Description = "1-based column of the customer id.", DefaultValueFactory = _ => 1, CustomParser = InvariantNumber.Int32(1, OptionRanges.MaxColumn, 1) };
        var monthColumn = new Option<int>("--month-column") { Description = "1-based column of the month.", DefaultValueFactory = _ => 2, CustomParser = InvariantNumber.Int32(1, OptionRanges.MaxColumn, 2) };
        var birthColumn = new Option<int>("--birth-column") { Description = "1-based column of the date of birth (0 when the panel gives ages).", DefaultValueFactory = _ => 3, CustomParser = InvariantNumber.Int32(0, OptionRanges.MaxColumn, 3) };
        var ageColumn = new Option<int>("--age-column") { Description = "1-based column of the age in whole years (instead of --birth-column).", DefaultValueFactory = _ => 0, CustomParser = InvariantNumber.Int32(0, OptionRanges.MaxColumn, 0) };
        var productColumn = new Option<int>("--product-column") { Description = "1-based column of the product.", DefaultValueFactory = _ => 4, CustomParser = InvariantNumber.Int32(1, OptionRanges.MaxColumn, 4) };
        var balanceColumn = new Option<int>("--balance-column") { Description = "1-based column of the balance (0: none).", DefaultValueFactory = _ => 5, CustomParser = InvariantNumber.Int32(0, OptionRanges.MaxColumn, 5) };
        var revenueColumn = new Option<int>("--revenue-column") { Description = "1-based column of the month's net revenue.", DefaultValueFactory = _ => 6, CustomParser = InvariantNumber.Int32(1, OptionRanges.MaxColumn, 6) };
        var closedColumn = new Option<int>("--closed-column") { Description = "1-based column of the account-closed marker (1/0, true/false, yes/no).", DefaultValueFactory = _ => 7, CustomParser = InvariantNumber.Int32(1, OptionRanges.MaxColumn, 7) };
        var costColumn = new Option<int>("--cost-column") { Description = "1-based column of the customer's acquisition cost (0: none).", DefaultValueFactory = _ => 0, CustomParser = InvariantNumber.Int32(0, OptionRanges.MaxColumn, 0) };
        var monthFormat = new Option<string>("--month-format") { Description = "Exact month format, e.g. yyyy-MM or yyyyMM.", DefaultValueFactory = _ => "yyyy-MM" };
        var birthFormat = new Option<string>("--birth-format") { Description = "Exact date-of-birth format.", DefaultValueFactory = _ => "yyyy-MM-dd" };
        var separator = new Option<string>("--separator") { Description = "Field separator: one character, or 'whitespace'.", DefaultValueFactory = _ => "," };
        var noHeader = new Option<bool>("--no-header") { Description = "The first line is data, not a header." };
        var maxErrors = new Option<int>("--max-errors") { Description = "Refuse the panel after this many bad rows (all are listed); in [1, 1000000].", DefaultValueFactory = _ => 100, CustomParser = InvariantNumber.Int32(1, 1_000_000, 100) };
        command.Arguments.Add(file);
        foreach (var option in new Option[]
        {
            stages, stageNames, marginBand, rates, holdout, cost, adoption, discountSpread, discountRate, name, modelOut, charts, clvDraws, clvRate, seed,
            customerColumn, monthColumn, birthColumn, ageColumn, productColumn, balanceColumn, revenueColumn, closedColumn, costColumn, monthFormat, birthFormat,
            separator, noHeader, maxErrors,
        })
        {
            command.Options.Add(option);
        }

        var output = new OutputOptions();
        output.AddTo(command);
        CommandRunner.SetAction(command, env, (parse, cancellationToken) =>
        {
            var path = parse.GetValue(file)!;
            if (!File.Exists(path))
            {
                throw CliException.Invalid($"{path}: no such panel file.");
            }

            AtomicFile.CheckFolder(parse.GetValue(charts), "--charts");
            var csv = Layout(parse, customerColumn, monthColumn, birthColumn, ageColumn, productColumn, balanceColumn, revenueColumn, closedColumn, costColumn,
                monthFormat, birthFormat, separator, noHeader, maxErrors);
            var draws = parse.GetValue(clvDraws);
            if (draws is < 0 or 1 or > 100_000)
            {
                throw CliException.Usage($"--clv-draws must be 0 (no interval) or in [2, 100000] (was {draws}).");
            }

            var options = Options(parse, stages, stageNames, marginBand, rates, holdout, cost, adoption, discountSpread, discountRate, name, maxErrors);
            PanelFit fit;
            try
            {
                fit = PanelCalibration.FitFile(path, csv, options, cancellationToken);
            }
            catch (PanelFormatException e)
            {
                throw CliException.Invalid($"{path}: {e.Message.TrimEnd()}", e);
            }


            var notes = new List<string>(fit.Notes);
            var tables = fit.ToTables().Select(t => t.Name is "by age" or "survival by age" or "attrition by age" or "holdout"
                ? t.AsDetail() : t).ToList();
            var rate = parse.GetValue(clvRate); // in OptionRanges.ShortRate (checked while parsing)
            var clv = new List<MetricRow> { new("short rate", ValueKind.Percent, rate) };
            if (draws > 0)
            {
                var interval = fit.ClvInterval(RatePath.Constant(rate), draws, parse.GetValue(seed));
                clv.AddRange(
                [
                    new("CLV", ValueKind.Currency, interval.PointEstimate),
                    new("95 % interval lower", ValueKind.Currency, interval.Lower),
                    new("95 % interval upper", ValueKind.Currency, interval.Upper),
                    new("mean over draws", ValueKind.Currency, interval.Mean),
                    new("parameter draws", ValueKind.Count, draws),
                    new("seed", ValueKind.Count, (long)interval.Seed),
                ]);
            }
            else
            {
                clv.Add(new("CLV", ValueKind.Currency, Projection.ExpectedValueEngine.Project(fit.Model, RatePath.Constant(rate)).Clv));
            }

            tables.Insert(1, ResultTable.FromMetrics("clv", "metric", ["value"], clv));
            cancellationToken.ThrowIfCancellationRequested();
            if (parse.GetValue(modelOut) is { } modelPath)
            {
                AtomicFile.Write(modelPath, temp => ModelFile.Save(fit.Model, temp));
                notes.Add($"Model written to {modelPath}.");
            }

            if (parse.GetValue(charts) is { } folder)
            {
                var files = AtomicFile.IntoFolder(folder, "--charts", () => PanelCharts.WriteAll(fit, folder));
                notes.Add($"Charts written to {folder}: {string.Join(", ", files.Select(Path.GetFileName))}");
            }

            var run = new MetricRow[] { new("Panel file", ValueKind.Text, Path.GetFileName(path)), new("Library version", ValueKind.Text, ResultReport.LibraryVersion) };
            output.Write(parse, new ResultReport($"Panel calibration of {Path.GetFileName(path)}", run, tables, notes), env);
            return ExitCodes.Ok;
        });
        return command;
    }

    private static PanelCsvOptions Layout(ParseResult parse, Option<int> customer, Option<int> month, Option<int> birth, Option<int> age, Option<int> product,
        Option<int> balance, Option<int> revenue, Option<int> closed, Option<int> cost, Option<string> monthFormat, Option<string> birthFormat,
        Option<string> separator, Option<bool> noHeader, Option<int> maxErrors)
    {
        var ageValue = parse.GetValue(age);
        var birthValue = ageValue > 0 && parse.GetResult(birth) is null ? 0 : parse.GetValue(birth);
        if ((ageValue > 0) == (birthValue > 0))
        {
            throw CliException.Usage($"Give the age as --birth-column or --age-column, not both (were {birthValue} and {ageValue}; 0 for none).");
        }

        var sep = parse.GetValue(separator)!;
        try
        {
            return new PanelCsvOptions
            {
                Separator = sep.Equals("whitespace", StringComparison.OrdinalIgnoreCase) ? null
                    : sep.Length == 1 ? sep[0] : sep == "\\t" ? '\t'
                    : throw CliException.Usage($"--separator must be one character or 'whitespace' (was '{sep}')."),
                HasHeader = !parse.GetValue(noHeader),
                CustomerColumn = parse.GetValue(customer),
                MonthColumn = parse.GetValue(month),
                DateOfBirthColumn = birthValue > 0 ? birthValue : null,
                AgeColumn = ageValue > 0 ? ageValue : null,
                ProductColumn = parse.GetValue(product),
                BalanceColumn = parse.GetValue(balance) is > 0 and var b ? b : null,
                RevenueColumn = parse.GetValue(revenue),
                ClosedColumn = parse.GetValue(closed),
                AcquisitionCostColumn = parse.GetValue(cost) is > 0 and var c ? c : null,
                MonthFormat = parse.GetValue(monthFormat)!,
                DateOfBirthFormat = parse.GetValue(birthFormat)!,
                MaxErrors = parse.GetValue(maxErrors),
            };
        }
        catch (ArgumentException e)
        {
            throw CliException.Usage(Messages.Clean(e));
        }
    }

    private static PanelCalibrationOptions Options(ParseResult parse, Option<string?> stages, Option<string?> stageNames, Option<int?> marginBand,
        Option<string?> rates, Option<string?> holdout, Option<double?> cost, Option<string> adoption, Option<double?> discountSpread,
        Option<double?> discountRate, Option<string> name, Option<int> maxErrors)
    {
        if (parse.GetValue(discountSpread) is not null && parse.GetValue(discountRate) is not null)
        {
            throw CliException.Usage("Give --discount-spread or --discount-rate, not both.");
        }

        try
        {
            var series = RateFile.Read(parse.GetValue(rates));

            Discount discount = parse.GetValue(discountRate) is { } flat ? Discount.FlatAnnual(flat) : Discount.ShortRatePlus(parse.GetValue(discountSpread) ?? 0.05);
            return new PanelCalibrationOptions
            {
                StageBoundaries = parse.GetValue(stages) is { } text ? Ages(text) : null,
                StageNames = parse.GetValue(stageNames) is { } names ? [.. names.Split(',').Select(n => n.Trim())] : null,
                MarginBandYears = parse.GetValue(marginBand),
                Rates = series,
                HoldoutFrom = parse.GetValue(holdout) is { } h ? Month(h) : null,
                AcquisitionCost = parse.GetValue(cost),
                AdoptionBasis = parse.GetValue(adoption)!.ToUpperInvariant() switch
                {
                    "ENTRY" => AdoptionBasis.StageEntry,
                    "MONTHLY" => AdoptionBasis.MonthlyHolding,
                    var other => throw CliException.Usage($"--adoption must be entry or monthly (was '{parse.GetValue(adoption)}')."),
                },
                Discounting = discount,
                ModelName = parse.GetValue(name)!,
                MaxErrors = parse.GetValue(maxErrors),
            };
        }
        catch (ArgumentException e)
        {
            throw CliException.Usage(Messages.Clean(e).Replace("StageBoundaries", "--stages", StringComparison.Ordinal)
                .Replace("StageNames", "--stage-names", StringComparison.Ordinal).Replace("MarginBandYears", "--margin-band-years", StringComparison.Ordinal)
                .Replace("AcquisitionCost", "--acquisition-cost", StringComparison.Ordinal).Replace("MaxErrors", "--max-errors", StringComparison.Ordinal)
                .Replace("ModelName", "--name", StringComparison.Ordinal));
        }
    }

    private static int[] Ages(string text)
    {
        var parts = text.Split(',', StringSplitOptions.TrimEntries);
        var ages = new int[parts.Length];
        for (var i = 0; i < parts.Length; i++)
        {
            if (!int.TryParse(parts[i], NumberStyles.None, CultureInfo.InvariantCulture, out ages[i]))
            {
                throw CliException.Usage($"--stages must be ages in whole years separated by commas, e.g. 11,18,30,85 (was '{text}': '{parts[i]}' is not an age).");
            }
        }

        return ages;
    }

    private static DateOnly Month(string text) =>
        DateOnly.TryParseExact(text, "yyyy-MM", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d
        : throw CliException.Usage($"--holdout-from must be a month yyyy-MM (was '{text}').");
}
