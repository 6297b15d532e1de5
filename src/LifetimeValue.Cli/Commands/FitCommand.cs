using System.CommandLine;
using System.Globalization;
using LifetimeValue.Calibration;
using LifetimeValue.Cli.Common;
using LifetimeValue.Reporting;

namespace LifetimeValue.Cli.Commands;

/// <summary><c>fit &lt;transactions.csv&gt;</c>: RFM summary, then BG/NBD, Pareto/NBD and Gamma–Gamma fits with diagnostics.</summary>
internal static class FitCommand
{
    public static Command Create(CliEnvironment env)
    {
        var command = new Command("fit", "Fit BG/NBD, Pareto/NBD and Gamma–Gamma models to a transaction log (customer, date, amount), with diagnostics.");
        var file = new Argument<string>("transactions") { Description = "Delimited transaction log, one purchase per line, sorted or grouped by customer." };
        var customerColumn = new Option<int>("--customer-column") { Description = "1-based column of the customer id.", DefaultValueFactory = _ => 1, CustomParser = InvariantNumber.Int32(1, OptionRanges.MaxColumn, 1) };
        var dateColumn = new Option<int>("--date-column") { Description = "1-based column of the date.", DefaultValueFactory = _ => 2, CustomParser = InvariantNumber.Int32(1, OptionRanges.MaxColumn, 2) };
        var amountColumn = new Option<int>("--amount-column") { Description = "1-based column of the amount; 0 when the log has no amounts (Gamma–Gamma is then skipped).", DefaultValueFactory = _ => 3, CustomParser = InvariantNumber.Int32(0, OptionRanges.MaxColumn, 3) };
        var dateFormat = new Option<string>("--date-format") { Description = "Exact date format, e.g. yyyy-MM-dd or yyyyMMdd.", DefaultValueFactory = _ => "yyyy-MM-dd" };
        var separator = new Option<string>("--separator") { Description = "Field separator: one character, or 'whitespace' for runs of blanks.", DefaultValueFactory = _ => "," };
        var noHeader = new Option<bool>("--no-header") { Description = "The first line is data, not a header." };
        var unit = new Option<string>("--unit") { Description = "Time unit of recency and age: day, week or month.", DefaultValueFactory = _ => "week" };
        var calibrationEnd = new Option<string?>("--calibration-end") { Description = "Last day of the calibration period (yyyy-MM-dd); default: the last transaction date." };
        var holdoutEnd = new Option<string?>("--holdout-end") { Description = "Last day of a holdout period after --calibration-end, for the holdout comparison." };
        command.Arguments.Add(file);
        foreach (var option in new Option[] { customerColumn, dateColumn, amountColumn, dateFormat, separator, noHeader, unit, calibrationEnd, holdoutEnd })
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
                throw CliException.Invalid($"{path}: no such transaction file.");
            }

            var amount = parse.GetValue(amountColumn);
            var sep = parse.GetValue(separator)!;
            TransactionCsvOptions options;
            try
            {
                options = new TransactionCsvOptions
                {
                    Separator = sep.Equals("whitespace", StringComparison.OrdinalIgnoreCase) ? null
                        : sep.Length == 1 ? sep[0] : sep == "\\t" ? '\t'
                        : throw CliException.Usage($"--separator must be one character or 'whitespace' (was '{sep}')."),
                    HasHeader = !parse.GetValue(noHeader),
                    CustomerColumn = parse.GetValue(customerColumn),
                    DateColumn = parse.GetValue(dateColumn),
                    AmountColumn = amount == 0 ? null : amount,
                    DateFormat = parse.GetValue(dateFormat)!,
                };
            }
            catch (ArgumentException e)
            {
                throw CliException.Usage(Messages.Clean(e));
            }

            var timeUnit = parse.GetValue(unit)!.ToUpperInvariant() switch
            {
                "DAY" or "DAYS" => TimeUnit.Day,
                "WEEK" or "WEEKS" => TimeUnit.Week,
                "MONTH" or "MONTHS" => TimeUnit.GregorianMonth,
                _ => throw CliException.Usage($"--unit must be day, week or month (was '{parse.GetValue(unit)}')."),
            };
            List<Transaction> transactions;
            try
            {
                transactions = TransactionCsvReader.ReadFile(path, options).ToList();
            }
            catch (TransactionFormatException e)
            {
                throw CliException.Invalid($"{path}: {e.Message.TrimEnd()}", e);
            }

            if (transactions.Count == 0)
            {
                throw CliException.Invalid($"{path}: no transactions.");
            }

            cancellationToken.ThrowIfCancellationRequested();
            var end = Date(parse.GetValue(calibrationEnd), "--calibration-end") ?? transactions.Max(t => t.Date);
            var holdout = Date(parse.GetValue(holdoutEnd), "--holdout-end");
            if (holdout is { } h && h <= end)
            {
                throw CliException.Usage($"--holdout-end must be after the calibration end {end:yyyy-MM-dd} (was {h:yyyy-MM-dd}).");
            }

            var summary = RfmSummary.FromTransactions(transactions, end, timeUnit, holdout);
            var histories = summary.Histories();
            var report = Build(summary, histories, amount != 0, cancellationToken);
            output.Write(parse, report, env);
            return ExitCodes.Ok;
        });
        return command;
    }

    private static ResultReport Build(RfmSummary summary, IReadOnlyList<RepeatHistory> histories, bool hasAmounts, CancellationToken cancellationToken)
    {
        var repeatBuyers = histories.Count(h => h.Frequency > 0);
        var run = new MetricRow[]
        {
            new("Calibration end", ValueKind.Text, summary.CalibrationEnd.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
            new("Holdout end", ValueKind.Text, summary.HoldoutEnd?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
            new("Time unit", ValueKind.Text, summary.Unit.ToString()),
            new("Library version", ValueKind.Text, ResultReport.LibraryVersion),
        };
        var data = new MetricRow[]
        {
            new("transactions read", ValueKind.Count, summary.TransactionsRead),
            new("customers", ValueKind.Count, summary.Customers.Count),
            new("repeat buyers", ValueKind.Count, repeatBuyers),
            new("customers first seen after calibration end (dropped)", ValueKind.Count, summary.CustomersAcquiredAfterCalibration),
        };

        var parameters = new List<IReadOnlyList<object?>>();
        var diagnostics = new List<IReadOnlyList<object?>>();
        var holdoutRows = new List<IReadOnlyList<object?>>();
        var notes = new List<string>();

        void Add(string name, IReadOnlyList<ParameterEstimate> estimates, double logLikelihood, double? aic, double? bic, FitDiagnostics? d)
        {
            foreach (var e in estimates)
            {
                parameters.Add([name, e.Name, e.Value, e.StandardError]);
            }

            diagnostics.Add([name, logLikelihood, aic, bic, d?.Converged, d?.Iterations, d?.FunctionEvaluations, d?.GradientNorm,
                d?.HessianPositiveDefinite, d?.HessianConditionNumber, d?.Elapsed.TotalSeconds, d?.Message]);
        }

        IRepeatPurchaseModel?[] models =
        [
            Try(notes, "BG/NBD", () => BgNbdModel.Fit(histories)),
            Try(notes, "Pareto/NBD", () => ParetoNbdModel.Fit(histories)),
        ];
        string[] names = ["BG/NBD", "Pareto/NBD"];
        for (var i = 0; i < models.Length; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (models[i] is not { } model)
            {
                continue;
            }

            var fit = FitReport.Create(model, summary);
            Add(names[i], model.Estimates, model.LogLikelihood, fit.Aic, fit.Bic, model.Diagnostics);
            if (fit.Holdout is { } holdout)
            {
                for (var k = 0; k < holdout.Frequencies.Count; k++)
                {
                    holdoutRows.Add([names[i], holdout.Frequencies[k], holdout.Customers[k], holdout.ActualMean[k], holdout.ExpectedMean[k]]);
                }
            }
        }

        if (hasAmounts)
        {
            var spend = summary.SpendHistories().Where(s => s.Frequency > 0).ToList();
            if (Try(notes, "Gamma–Gamma", () => GammaGammaModel.Fit(spend)) is { } gg)
            {
                Add("Gamma–Gamma", gg.Estimates, gg.LogLikelihood, null, null, gg.Diagnostics);
                notes.Add($"Gamma–Gamma population mean spend per transaction: {CellFormat.Display(gg.PopulationMeanSpend, ValueKind.Currency)}");
            }
        }

        var tables = new List<ResultTable>
        {
            ResultTable.FromMetrics("data", "metric", ["value"], data),
            new("parameters", [ResultColumn.Text("model"), ResultColumn.Text("parameter"), ResultColumn.Number("estimate"), ResultColumn.Number("standard error")], parameters),
            new("diagnostics",
                [ResultColumn.Text("model"), ResultColumn.Number("log-likelihood"), ResultColumn.Number("AIC"), ResultColumn.Number("BIC"), ResultColumn.Text("converged"),
                 ResultColumn.Count("iterations"), ResultColumn.Count("function evaluations"), ResultColumn.Number("gradient norm"), ResultColumn.Text("Hessian positive definite"),
                 ResultColumn.Number("Hessian condition number"), ResultColumn.Number("seconds"), ResultColumn.Text("message")], diagnostics),
        };
        if (holdoutRows.Count > 0)
        {
            tables.Add(new ResultTable("holdout",
                [ResultColumn.Text("model"), ResultColumn.Count("calibration frequency"), ResultColumn.Count("customers"), ResultColumn.Number("actual mean holdout purchases"), ResultColumn.Number("expected mean holdout purchases")], holdoutRows));
        }

        return new ResultReport("Fit of repeat-purchase models", run, tables, notes);
    }

    private static T? Try<T>(List<string> notes, string name, Func<T> fit)
        where T : class
    {
        try
        {
            return fit();
        }
        catch (Exception e) when (e is ModelFitException or ArgumentException)
        {
            notes.Add($"{name} could not be fitted: {Messages.Clean(e)}");
            return null;
        }
    }

    private static DateOnly? Date(string? text, string option) =>
        text is null ? null
        : DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d
        : throw CliException.Usage($"{option} must be a date yyyy-MM-dd (was '{text}').");
}
