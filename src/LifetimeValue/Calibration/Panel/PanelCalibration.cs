using LifetimeValue.Calibration.Panel.Internal;
using LifetimeValue.Internal;
using LifetimeValue.Lifecycle;
using LifetimeValue.Projection;
using MathNet.Numerics.Distributions;

namespace LifetimeValue.Calibration.Panel;

/// <summary>
/// Calibrates the customer-centric <see cref="LifecycleModel"/> from a bank's customer-month panel: attrition hazards by stage,
/// product adoption by stage, margins by product and age band (optionally linear in the short rate), the acquisition age
/// profile and cost — each with standard errors — plus a fit report and an optional holdout check.
/// </summary>
/// <remarks>
/// <para><b>Input.</b> Rows (<see cref="PanelRow"/>, e.g. from <see cref="PanelCsvReader"/>) grouped by customer — a customer's
/// rows together, in month order — with every month a customer is a customer present and nothing after the month marked
/// closed. Rows are streamed: memory holds one customer's months and the statistics, never the panel. Rows that break these
/// rules are reported by line (up to <see cref="PanelCalibrationOptions.MaxErrors"/>) in one <see cref="PanelFormatException"/>;
/// nothing is fitted from a panel with bad rows.</para>
/// <para><b>Estimators.</b> Attrition: exposure-based MLE per stage (<see cref="AttritionEstimate"/>), valid with left
/// truncation (customers already at various ages when the panel starts) and right censoring. Adoption: the share of
/// customers holding the product in their first month in the stage (<see cref="AdoptionEstimate"/>; the model draws
/// adoption once at stage entry). Margins: least squares per product and age band with cluster-robust errors
/// (<see cref="MarginEstimate"/>); the panel's revenue is net, so the fitted products have no separate servicing cost.
/// Acquisition: customers first seen after the panel's first month are acquisitions; their ages (in the ladder) give
/// the profile and their acquisition-cost column the cost (or <see cref="PanelCalibrationOptions.AcquisitionCost"/>).</para>
/// <para><b>Stages found from the data</b> (when <see cref="PanelCalibrationOptions.StageBoundaries"/> is null): the ladder
/// spans the ages the panel covers; it is cut by binary segmentation where the attrition hazard or the products held
/// change most, each cut kept only when it raises the log-likelihood by more than the BIC penalty
/// ½(1 + products)·ln n, every stage spanning at least <see cref="PanelCalibrationOptions.MinimumStageYears"/> years, at most
/// <see cref="PanelCalibrationOptions.MaximumStages"/> stages. The rows are then read twice.</para>
/// <para>Thread safety: stateless; each call owns its state.</para>
/// </remarks>
public static class PanelCalibration
{
    /// <summary>Calibrates a model from panel rows.</summary>
    /// <param name="rows">The panel (enumerated twice when the stages are found from the data).</param>
    /// <param name="options">What to estimate; null for the defaults (stages found from the data).</param>
    /// <param name="cancellationToken">Cancels the pass over the rows.</param>
    /// <returns>The fitted model, estimates, fit report and holdout check.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="rows"/> is null.</exception>
    /// <exception cref="PanelFormatException">Bad rows (each with its line), or no rows.</exception>
    /// <exception cref="InvalidDataException">The panel cannot support the model asked for: a stage without customer-months, a
    /// rate series that misses a month, more than 64 products in a stage.</exception>
    /// <exception cref="OperationCanceledException">Cancelled.</exception>
    public static PanelFit Fit(IEnumerable<PanelRow> rows, PanelCalibrationOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(rows);
        return Fit(rows, options ?? new PanelCalibrationOptions(), null, cancellationToken);
    }

    /// <summary>Calibrates a model from a panel file, streaming (errors name the file's lines and columns).</summary>
    /// <param name="path">The panel CSV file.</param>
    /// <param name="csv">Its layout; null for the defaults.</param>
    /// <param name="options">What to estimate; null for the defaults.</param>
    /// <param name="cancellationToken">Cancels reading.</param>
    /// <returns>The fit.</returns>
    /// <exception cref="ArgumentException"><paramref name="path"/> is blank, or the layout names both or neither of the age columns.</exception>
    /// <exception cref="FileNotFoundException">No such file.</exception>
    /// <exception cref="PanelFormatException">Bad rows (each with its line, column and value), or no rows.</exception>
    /// <exception cref="InvalidDataException">The panel cannot support the model asked for.</exception>
    /// <exception cref="OperationCanceledException">Cancelled.</exception>
    public static PanelFit FitFile(string path, PanelCsvOptions? csv = null, PanelCalibrationOptions? options = null, CancellationToken cancellationToken = default)
    {
        Guard.NotBlank(path);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"{path}: no such panel file.", path);
        }

        csv ??= new PanelCsvOptions();
        return Fit(PanelCsvReader.ReadFile(path, csv), options ?? new PanelCalibrationOptions(), csv, cancellationToken);
    }

    /// <summary>Finds stage boundaries from the data (the rule in the remarks of <see cref="PanelCalibration"/>) without fitting.</summary>
    /// <param name="rows">The panel.</param>
    /// <param name="options">Minimum width, maximum count and holdout cut-off; null for the defaults.</param>
    /// <param name="cancellationToken">Cancels the pass over the rows.</param>
    /// <returns>The boundaries: the ladder's first age, each cut, and the first age after the ladder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="rows"/> is null.</exception>
    /// <exception cref="PanelFormatException">Bad rows, or no rows.</exception>
    public static IReadOnlyList<int> FindStages(IEnumerable<PanelRow> rows, PanelCalibrationOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(rows);
        return FindStages(rows, options ?? new PanelCalibrationOptions(), null, cancellationToken);
    }

    private static int[] FindStages(IEnumerable<PanelRow> rows, PanelCalibrationOptions options, PanelCsvOptions? csv, CancellationToken cancellationToken)
    {
        var first = Pass(rows, new PanelLayout(null, null), options with { Rates = null }, csv, cancellationToken);
        var cuts = StageFinder.Find(first.Exposure, first.Closures, first.EntryObservations, first.EntryHolders, options.MinimumStageYears, options.MaximumStages);
        if (cuts.Length < 2)
        {
            throw new InvalidDataException("The panel has no customer-months before the holdout to find stages from.");
        }

        return cuts;
    }

    private static PanelFit Fit(IEnumerable<PanelRow> rows, PanelCalibrationOptions options, PanelCsvOptions? csv, CancellationToken cancellationToken)
    {
        var notes = new List<string>();
        var fromData = options.StageBoundaries is null;
        var boundaries = options.StageBoundaries?.ToArray() ?? FindStages(rows, options, csv, cancellationToken);
        if (fromData)
        {
            notes.Add(FormattableString.Invariant($"Stages found from the data (binary segmentation, BIC): boundaries {string.Join(", ", boundaries)}."));
        }

        var stageCount = boundaries.Length - 1;
        if (options.StageNames is { } names && names.Count != stageCount)
        {
            throw new ArgumentException(FormattableString.Invariant($"StageNames must have one name per stage ({stageCount}; was {names.Count})."), nameof(options));
        }

        var stageNames = options.StageNames?.ToArray()
            ?? [.. Enumerable.Range(0, stageCount).Select(k => FormattableString.Invariant($"{boundaries[k]}-{boundaries[k + 1] - 1}"))];
        var layout = new PanelLayout(boundaries, options.MarginBandYears);
        var acc = Pass(rows, layout, options, csv, cancellationToken);
        if (acc.FirstMissingRate is { } missing)
        {
            throw new InvalidDataException(FormattableString.Invariant(
                $"The rate series ({options.Rates!.FirstMonth:yyyy-MM} to {options.Rates.LastMonth:yyyy-MM}) has no rate for {PanelAccumulator.MonthText(missing)}, a calibration month of the panel ({acc.MonthsWithoutRate} customer-months without a rate): give rates for every month."));
        }

        return Build(acc, layout, boundaries, stageNames, options, notes, fromData, cancellationToken);
    }

    /// <summary>One pass over the rows; the reader's and the structure's errors are reported together, by line.</summary>
    private static PanelAccumulator Pass(IEnumerable<PanelRow> rows, PanelLayout layout, PanelCalibrationOptions options, PanelCsvOptions? csv, CancellationToken cancellationToken)
    {
        var acc = new PanelAccumulator(layout, options.HoldoutFrom, options.Rates, options.MaxErrors, csv);
        long ordinal = 0;
        try
        {
            foreach (var row in rows)
            {
                ordinal++;
                if ((ordinal & 0xFFFF) == 0)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                }

                acc.Add(row, ordinal);
            }

            acc.Complete();
        }
        catch (PanelFormatException e) when (!ReferenceEquals(e.Errors, acc.Errors) && e.Errors.Count > 0)
        {
            // The reader's field errors and the structural errors seen so far, together in line order.
            var all = e.Errors.Concat(acc.Errors).OrderBy(x => x.Line).ThenBy(x => x.Column).Take(Math.Max(options.MaxErrors, e.Errors.Count)).ToList();
            throw new PanelFormatException(all, e.StoppedAtLimit || acc.Errors.Count >= options.MaxErrors);
        }

        cancellationToken.ThrowIfCancellationRequested();
        if (acc.Errors.Count > 0)
        {
            throw new PanelFormatException(acc.Errors);
        }

        if (acc.Rows == 0)
        {
            throw new PanelFormatException("the panel has no rows.");
        }

        return acc;
    }

    private static PanelFit Build(PanelAccumulator acc, PanelLayout layout, int[] boundaries, string[] stageNames, PanelCalibrationOptions options,
        List<string> notes, bool fromData, CancellationToken cancellationToken)
    {
        var stageCount = boundaries.Length - 1;
        var withRates = options.Rates is not null;
        var productNames = acc.ProductNames;

        // Attrition per stage.
        var attrition = new AttritionEstimate[stageCount];
        var hazards = new double[stageCount];
        var hazardSe = new double[stageCount];
        for (var k = 0; k < stageCount; k++)
        {
            long e = 0, d = 0;
            for (var a = boundaries[k]; a < boundaries[k + 1]; a++)
            {
                e += acc.Exposure[a];
                d += acc.Closures[a];
            }

            if (e == 0)
            {
                throw new InvalidDataException(FormattableString.Invariant(
                    $"Stage '{stageNames[k]}' (ages {boundaries[k]} to {boundaries[k + 1] - 1}) has no customer-months in the calibration months: choose stages the panel covers (its customers are aged {FirstAge(acc)} to {LastAge(acc)})."));
            }

            var h = (double)d / e;
            var se = Math.Sqrt(h * (1 - h) / e);
            var q = 1 - Math.Pow(1 - h, 12);
            var upper = Math.Min(1.0, Gamma.InvCDF(d + 1, 1.0, 0.95) / e);
            attrition[k] = new AttritionEstimate(stageNames[k], boundaries[k], boundaries[k + 1], e, d, h, se, q, 12 * Math.Pow(1 - h, 11) * se, upper);
            hazards[k] = h;
            hazardSe[k] = se;
            if (d == 0)
            {
                notes.Add(FormattableString.Invariant($"Stage '{stageNames[k]}': no closures in {e} customer-months; hazard 0 (95 % upper bound {upper:G3} a month)."));
            }
        }

        // Adoption per stage and product.
        var adoption = new List<AdoptionEstimate>();
        var offered = new List<string>[stageCount];
        var offeredIndex = new List<int>[stageCount];
        var adoptionValues = new List<double>[stageCount];
        var adoptionSe = new List<double>[stageCount];
        for (var k = 0; k < stageCount; k++)
        {
            offered[k] = [];
            offeredIndex[k] = [];
            adoptionValues[k] = [];
            adoptionSe[k] = [];
            var entries = acc.Episodes[k];
            var months = acc.EpisodeMonths[k];
            for (var p = 0; p < productNames.Count; p++)
            {
                var holders = acc.EpisodeHolders[p][k];
                var held = acc.HeldMonths[p][k];
                if (holders == 0 && held == 0)
                {
                    continue;
                }

                var pe = entries > 0 ? (double)holders / entries : 0;
                var pse = entries > 0 ? Math.Sqrt(pe * (1 - pe) / entries) : double.NaN;
                var share = months > 0 ? held / months : 0;
                var meat = acc.HeldMonthsSquared[p][k] - (2 * share * acc.HeldTimesMonths[p][k]) + (share * share * acc.EpisodeMonthsSquared[k]);
                var g = (double)entries;
                var sse = g > 1 ? Math.Sqrt(Math.Max(0, meat) * g / (g - 1)) / months : double.NaN;
                var (prob, se) = options.AdoptionBasis == AdoptionBasis.StageEntry ? (pe, pse) : (share, sse);
                adoption.Add(new AdoptionEstimate(stageNames[k], productNames[p], entries, holders, pe, pse, (long)months, (long)held, share, sse, prob, se));
                if (prob == 0)
                {
                    notes.Add(FormattableString.Invariant(
                        $"'{productNames[p]}' is held in {share:P1} of stage '{stageNames[k]}''s customer-months but never in a customer's first month there: not offered in the stage under the stage-entry basis (AdoptionBasis.MonthlyHolding would offer it)."));
                    continue;
                }

                offered[k].Add(productNames[p]);
                offeredIndex[k].Add(p);
                adoptionValues[k].Add(prob);
                adoptionSe[k].Add(double.IsFinite(se) ? se : 0);
            }

            if (offered[k].Count > LifeStage.MaxProducts)
            {
                throw new InvalidDataException(FormattableString.Invariant(
                    $"Stage '{stageNames[k]}' has {offered[k].Count} products; a stage may offer at most {LifeStage.MaxProducts}."));
            }

            if (options.AdoptionBasis == AdoptionBasis.StageEntry)
            {
                foreach (var p in offeredIndex[k])
                {
                    var est = adoption.Last(a => a.Stage == stageNames[k] && a.Product == productNames[p]);
                    if (est.EntryStandardError > 0 && Math.Abs(est.HoldingShare - est.EntryProbability) > 3 * Math.Sqrt((est.EntryStandardError * est.EntryStandardError) + (est.HoldingShareStandardError * est.HoldingShareStandardError)))
                    {
                        notes.Add(FormattableString.Invariant(
                            $"'{productNames[p]}' in stage '{stageNames[k]}': held by {est.EntryProbability:P1} of customers at stage entry but in {est.HoldingShare:P1} of the stage's months — holdings change within the stage, which the model does not describe (see the holdings chart)."));
                    }
                }
            }
        }

        // Margins per band.
        var bands = layout.BandCount;
        var margins = new List<MarginEstimate>();
        var baseFits = new ClusteredRegression.Result[bands];
        for (var b = 0; b < bands; b++)
        {
            baseFits[b] = acc.BaseRegressions[b].Solve(withRates);
        }

        var baseSource = Sources(layout, b => baseFits[b].Count > 0);
        var baseIntercept = new double[bands];
        var baseSlope = new double[bands];
        var baseCov = new (double, double, double)[bands];
        for (var b = 0; b < bands; b++)
        {
            var src = baseSource[b];
            var fit = baseFits[src];
            baseIntercept[b] = fit.Intercept;
            baseSlope[b] = fit.Slope ?? 0;
            baseCov[b] = Cov(fit);
            margins.Add(Margin(BaseName, true, stageNames, layout, b, acc.BaseRegressions[b], fit, src == b ? null : BandName(layout, src)));
        }

        var productIntercept = new double[stageCount][][];
        var productSlope = new double[stageCount][][];
        var productCov = new (double, double, double)[stageCount][][];
        var productSource = new int[stageCount][][];
        var slopeMissing = false;
        for (var k = 0; k < stageCount; k++)
        {
            var stageBands = Enumerable.Range(0, bands).Where(b => layout.BandStage[b] == k).ToArray();
            productIntercept[k] = new double[offered[k].Count][];
            productSlope[k] = new double[offered[k].Count][];
            productCov[k] = new (double, double, double)[offered[k].Count][];
            productSource[k] = new int[offered[k].Count][];
            for (var j = 0; j < offered[k].Count; j++)
            {
                var p = offeredIndex[k][j];
                var fits = stageBands.Select(b => acc.ProductRegressions[p][b].Solve(withRates)).ToArray();
                var sources = NearestWithData(fits.Select(f => f.Count > 0).ToArray());
                productIntercept[k][j] = new double[stageBands.Length];
                productSlope[k][j] = new double[stageBands.Length];
                productCov[k][j] = new (double, double, double)[stageBands.Length];
                productSource[k][j] = sources;
                for (var i = 0; i < stageBands.Length; i++)
                {
                    var fit = fits[sources[i]];
                    productIntercept[k][j][i] = fit.Intercept;
                    productSlope[k][j][i] = fit.Slope ?? 0;
                    productCov[k][j][i] = Cov(fit);
                    slopeMissing |= withRates && fit.Count > 0 && fit.Slope is null;
                    margins.Add(Margin(productNames[p], false, stageNames, layout, stageBands[i], acc.ProductRegressions[p][stageBands[i]], fit,
                        sources[i] == i ? null : BandName(layout, stageBands[sources[i]])));
                }
            }
        }

        if (slopeMissing)
        {
            notes.Add("Some margins have no rate slope: the short rate does not vary over the months in which they are observed (their margin is the mean).");
        }

        if (margins.Any(m => m.Clusters == 1))
        {
            notes.Add("Some margin bands rest on one customer: their standard errors are not defined (NaN) and the CLV interval holds them at their estimates.");
        }

        // Acquisition profile and cost.
        var firstMonth = acc.FirstMonth;
        var stageOf = layout.StageOfAge!;
        var byAge = new long[AgeSchedule.MaxAge];
        long acquired = 0, existing = 0, costCount = 0, acquiredOutside = 0;
        double costSum = 0, costSquares = 0;
        foreach (var (key, cell) in acc.Acquisitions)
        {
            var month = (int)(key / 256);
            var age = (int)(key % 256);
            if (month == firstMonth)
            {
                existing += cell.Customers;
                continue;
            }

            acquired += cell.Customers;
            if (stageOf[age] >= 0)
            {
                byAge[age] += cell.Customers;
            }
            else
            {
                acquiredOutside += cell.Customers;
            }

            costCount += cell.CostCount;
            costSum += cell.CostSum;
            costSquares += cell.CostSumSquares;
        }

        if (byAge.Sum() == 0)
        {
            notes.Add("No acquisitions inside the ladder (customers first seen after the panel's first month): the acquisition profile uses the ages at which customers entered the panel.");
            foreach (var (key, cell) in acc.Acquisitions)
            {
                var age = (int)(key % 256);
                if (stageOf[age] >= 0)
                {
                    byAge[age] += cell.Customers;
                }
            }

            if (byAge.Sum() == 0)
            {
                throw new InvalidDataException("No customer's first month is at an age inside the stage ladder: the acquisition profile cannot be estimated.");
            }
        }

        if (acquiredOutside > 0)
        {
            notes.Add(FormattableString.Invariant($"{acquiredOutside} acquired customers were first seen at ages outside the stage ladder: not in the acquisition profile."));
        }

        var (acquisitionAges, profile) = Profile(byAge);
        ParameterEstimate? costEstimate = null;
        double cost;
        if (options.AcquisitionCost is { } given)
        {
            cost = given;
            notes.Add(FormattableString.Invariant($"Acquisition cost {given:G6} as given."));
        }
        else if (costCount > 0)
        {
            cost = costSum / costCount;
            var variance = costCount > 1 ? Math.Max(0, (costSquares - (costCount * cost * cost)) / (costCount - 1)) : 0;
            costEstimate = new ParameterEstimate("acquisition cost", cost, Math.Sqrt(variance / costCount));
        }
        else
        {
            cost = 0;
            notes.Add("No acquisition cost given and none in the panel for acquired customers: the model's acquisition cost is 0.");
        }

        var blueprint = new ModelBlueprint
        {
            Name = options.ModelName,
            Boundaries = boundaries,
            StageNames = stageNames,
            Hazards = hazards,
            Products = [.. offered.Select(o => o.ToArray())],
            Adoption = [.. adoptionValues.Select(a => a.ToArray())],
            BandStarts = layout.BandStarts,
            BandStage = layout.BandStage,
            BaseIntercept = baseIntercept,
            BaseSlope = baseSlope,
            ProductIntercept = productIntercept,
            ProductSlope = productSlope,
            Acquisition = profile,
            AcquisitionCost = cost,
            Discounting = options.Discounting,
        };
        var errors = new ParameterErrors
        {
            Hazard = hazardSe,
            Adoption = [.. adoptionSe.Select(a => a.ToArray())],
            Base = baseCov,
            BaseSource = baseSource,
            Product = productCov,
            ProductSource = productSource,
            AcquisitionCost = costEstimate?.StandardError ?? 0,
        };
        var model = blueprint.Build();

        var data = new PanelDataSummary(acc.Rows, acc.Customers, acc.CustomerMonths, acc.CalibrationCustomerMonths, MonthDate(acc.FirstMonth), MonthDate(acc.LastMonth),
            options.HoldoutFrom is { } hf ? new DateOnly(hf.Year, hf.Month, 1) : null, acquired, existing, acc.Closures.Sum(),
            acc.OpenAtEnd.Where(kv => kv.Key == LastCalibrationMonth(acc, options)).Sum(kv => kv.Value),
            acc.OpenAtEnd.Where(kv => kv.Key < LastCalibrationMonth(acc, options)).Sum(kv => kv.Value),
            acc.MonthsOutsideLadder, acc.CustomersWithAgesOnly, acc.CustomersWithoutAgeChange, acc.BalanceCount > 0 ? acc.BalanceSum / acc.BalanceCount : null);
        if (data.LeftWithoutClosing > 0)
        {
            notes.Add(FormattableString.Invariant($"{data.LeftWithoutClosing} customers' rows stop before the last calibration month without a closed marker: treated as censored (lost to follow-up), not as attrition."));
        }

        if (acc.MonthsOutsideLadder > 0)
        {
            notes.Add(FormattableString.Invariant($"{acc.MonthsOutsideLadder} customer-months at ages outside the stage ladder [{boundaries[0]}, {boundaries[^1]}) are not used."));
        }

        if (acc.CustomersWithoutAgeChange > 0)
        {
            notes.Add(FormattableString.Invariant($"{acc.CustomersWithoutAgeChange} customers with ages but no date of birth never change age in the panel: their month of birth is unknown and their months are placed mid-year on the age scale (survival by age only)."));
        }

        cancellationToken.ThrowIfCancellationRequested();
        var survival = Survival(acc, boundaries, hazards, stageOf);
        var attritionByAge = AttritionByAges(acc, boundaries, stageOf, attrition);
        var profileRows = AgeProfile(acc, boundaries, stageOf, model);
        var holdout = options.HoldoutFrom is { } from ? Holdout(acc, from, model, options, notes, cancellationToken) : null;
        return new PanelFit(model, blueprint, errors, data, attrition, adoption, margins, acquisitionAges, costEstimate, survival, attritionByAge, profileRows,
            holdout, notes, fromData, [.. productNames]);
    }

    /// <summary>The name of the base-margin line (the engines' "Base margin").</summary>
    internal const string BaseName = "Base margin";

    private static int LastCalibrationMonth(PanelAccumulator acc, PanelCalibrationOptions options) =>
        options.HoldoutFrom is { } h ? Math.Min(acc.LastMonth, (h.Year * 12) + h.Month - 2) : acc.LastMonth;

    private static DateOnly MonthDate(int index) => new(index / 12, (index % 12) + 1, 1);

    private static int FirstAge(PanelAccumulator acc) => Array.FindIndex(acc.Exposure, e => e > 0);

    private static int LastAge(PanelAccumulator acc) => Array.FindLastIndex(acc.Exposure, e => e > 0);

    private static string BandName(PanelLayout layout, int b) => FormattableString.Invariant($"{layout.BandStarts[b]}-{layout.BandEnd(b) - 1}");

    private static (double, double, double) Cov(ClusteredRegression.Result fit)
    {
        static double Sq(double x) => double.IsFinite(x) ? x * x : 0;
        return (Sq(fit.InterceptSe), fit.SlopeSe is { } s ? Sq(s) : 0, fit.Covariance is { } c && double.IsFinite(c) ? c : 0);
    }

    private static MarginEstimate Margin(string product, bool isBase, string[] stageNames, PanelLayout layout, int band, ClusteredRegression own,
        ClusteredRegression.Result fit, string? borrowed) =>
        new(product, isBase, stageNames[layout.BandStage[band]], layout.BandStarts[band], layout.BandEnd(band), own.Count, own.Clusters, fit.Intercept,
            fit.InterceptSe, fit.Slope, fit.SlopeSe, fit.Covariance, fit.RSquared, fit.ResidualSd, borrowed);

    /// <summary>For each band: itself when it has data, else the nearest band of the same stage that has (ties: the younger).</summary>
    private static int[] Sources(PanelLayout layout, Func<int, bool> hasData)
    {
        var result = new int[layout.BandCount];
        for (var k = 0; k < layout.StageCount; k++)
        {
            var stageBands = Enumerable.Range(0, layout.BandCount).Where(b => layout.BandStage[b] == k).ToArray();
            var within = NearestWithData([.. stageBands.Select(hasData)]);
            for (var i = 0; i < stageBands.Length; i++)
            {
                result[stageBands[i]] = stageBands[within[i]];
            }
        }

        return result;
    }

    private static int[] NearestWithData(bool[] has)
    {
        var result = new int[has.Length];
        for (var i = 0; i < has.Length; i++)
        {
            result[i] = i;
            if (has[i])
            {
                continue;
            }

            for (var d = 1; d < has.Length; d++)
            {
                if (i - d >= 0 && has[i - d])
                {
                    result[i] = i - d;
                    break;
                }

                if (i + d < has.Length && has[i + d])
                {
                    result[i] = i + d;
                    break;
                }
            }
        }

        return result;
    }

    private static (AcquisitionAge[] Ages, AcquisitionProfile Profile) Profile(long[] byAge)
    {
        var total = byAge.Sum();
        var count = byAge.Count(c => c > 0);
        var scale = total <= AcquisitionProfile.MaxTotalWeight ? 1.0 : (double)(AcquisitionProfile.MaxTotalWeight - count) / total;
        var ages = new List<AcquisitionAge>();
        var shares = new List<(int, int)>();
        for (var a = 0; a < byAge.Length; a++)
        {
            if (byAge[a] == 0)
            {
                continue;
            }

            var w = scale == 1.0 ? (int)byAge[a] : Math.Max(1, (int)Math.Round(byAge[a] * scale));
            ages.Add(new AcquisitionAge(a, byAge[a], (double)byAge[a] / total, w));
            shares.Add((a, w));
        }

        return ([.. ages], AcquisitionProfile.FromWeights(shares));
    }

    private static SurvivalPoint[] Survival(PanelAccumulator acc, int[] boundaries, double[] hazards, int[] stageOf)
    {
        var points = new List<SurvivalPoint>();
        double s = 1, fitted = 1, greenwood = 0;
        for (var am = 12 * boundaries[0]; am < 12 * boundaries[^1]; am++)
        {
            fitted *= 1 - hazards[stageOf[am / 12]];
            long n = acc.AtRisk[am], d = acc.Deaths[am];
            if (n == 0)
            {
                continue;
            }

            s *= 1 - ((double)d / n);
            greenwood += n > d ? (double)d / ((double)n * (n - d)) : double.PositiveInfinity;
            points.Add(new SurvivalPoint((am + 1) / 12.0, n, d, s, s > 0 ? s * Math.Sqrt(greenwood) : double.NaN, fitted));
        }

        return [.. points];
    }

    private static AttritionByAge[] AttritionByAges(PanelAccumulator acc, int[] boundaries, int[] stageOf, AttritionEstimate[] attrition)
    {
        var rows = new List<AttritionByAge>();
        for (var a = boundaries[0]; a < boundaries[^1]; a++)
        {
            long e = acc.Exposure[a], d = acc.Closures[a];
            if (e == 0)
            {
                continue;
            }

            var h = (double)d / e;
            var se = 12 * Math.Pow(1 - h, 11) * Math.Sqrt(h * (1 - h) / e);
            rows.Add(new AttritionByAge(a, e, d, 1 - Math.Pow(1 - h, 12), attrition[stageOf[a]].AnnualAttrition, se));
        }

        return [.. rows];
    }

    private static AgeProfileRow[] AgeProfile(PanelAccumulator acc, int[] boundaries, int[] stageOf, LifecycleModel model)
    {
        var rows = new List<AgeProfileRow>();
        for (var a = boundaries[0]; a < boundaries[^1]; a++)
        {
            var e = acc.Exposure[a];
            var stage = model.Stages.Stages[stageOf[a]];
            if (e > 0)
            {
                var rate = acc.RateSum[a] / e;
                rows.Add(new AgeProfileRow(a, BaseName, e, e, 1.0, 1.0, acc.BaseRevenueSum[a] / e, stage.BaseMargin.At(a, rate)));
            }

            for (var p = 0; p < acc.ProductNames.Count; p++)
            {
                var name = acc.ProductNames[p];
                var product = stage.Products.FirstOrDefault(x => x.Name == name);
                var held = acc.HoldingMonths[p][a];
                if (held == 0 && (product is null || e == 0))
                {
                    continue;
                }

                var rate = held > 0 ? acc.HolderRateSum[p][a] / held : 0;
                rows.Add(new AgeProfileRow(a, name, e, held, e > 0 ? (double)held / e : double.NaN, product?.AdoptionProbability ?? 0,
                    held > 0 ? acc.RevenueSum[p][a] / held : double.NaN, held > 0 && product is not null ? product.Margin.At(a, rate) : double.NaN));
            }
        }

        return [.. rows];
    }

    private static PanelHoldout Holdout(PanelAccumulator acc, DateOnly from, LifecycleModel model, PanelCalibrationOptions options,
        List<string> notes, CancellationToken cancellationToken)
    {
        var cutoff = (from.Year * 12) + from.Month - 1;
        var months = Math.Max(0, acc.LastMonth - cutoff + 1);
        var products = acc.ProductNames;
        var customers = new double[months];
        var customersVar = new double[months];
        var revenue = new double[months];
        var holders = new double[products.Count][];
        var holdersVar = new double[products.Count][];
        for (var p = 0; p < products.Count; p++)
        {
            holders[p] = new double[months];
            holdersVar[p] = new double[months];
        }

        var ladder = model.Stages;
        var cohortSize = acc.Cohort.Values.Sum();
        if (months == 0)
        {
            notes.Add("Holdout: the panel has no months from the cut-off on.");
        }
        else if (cohortSize == 0)
        {
            notes.Add("Holdout: no customer is open in the month before the cut-off.");
        }

        foreach (var (ageMonths, count) in acc.Cohort.OrderBy(kv => kv.Key))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var age = ageMonths / 12;
            var k = ageMonths % 12;

            // Engine period k is the last calibration month; period k + 1 + j is holdout month j.
            var periods = Math.Min(k + 1 + months, 12 * (ladder.EndAge - age));
            if (periods <= k + 1)
            {
                continue;
            }

            var rates = new double[periods];
            for (var u = 0; u < periods; u++)
            {
                var calendar = cutoff - 1 - k + u;
                if (options.Rates is { } series && !series.TryGet(calendar, out rates[u]) && u > k)
                {
                    throw new InvalidDataException(FormattableString.Invariant(
                        $"The rate series ({series.FirstMonth:yyyy-MM} to {series.LastMonth:yyyy-MM}) has no rate for {PanelAccumulator.MonthText(calendar)}, a holdout month: give rates for the holdout months too."));
                }
            }

            var cohortModel = model with { Acquisition = AcquisitionProfile.SingleAge(age), Horizon = Horizon.Months(periods) };
            var projection = ExpectedValueEngine.Project(cohortModel, RatePath.FromValues(rates));
            var rows = projection.Rows;
            var alive = rows[k + 1].Survival;
            if (alive <= 0)
            {
                continue;
            }

            for (var j = 0; j + k + 1 < periods; j++)
            {
                var t = k + 1 + j;
                var s = rows[t].Survival / alive;
                customers[j] += count * s;
                customersVar[j] += count * s * (1 - s);
                revenue[j] += count * rows[t].ExpectedCashFlow / alive;
                var stage = ladder.Stages[ladder.IndexOf(age + (t / 12))];
                for (var p = 0; p < products.Count; p++)
                {
                    var product = stage.Products.FirstOrDefault(x => x.Name == products[p]);
                    if (product is null)
                    {
                        continue;
                    }

                    var pi = s * product.AdoptionProbability;
                    holders[p][j] += count * pi;
                    holdersVar[p][j] += count * pi * (1 - pi);
                }
            }
        }

        var result = new List<HoldoutRow>();
        for (var j = 0; j < months; j++)
        {
            var month = MonthDate(cutoff + j);
            result.Add(new HoldoutRow(month, "customers", j < acc.HoldoutSurvivors.Count ? acc.HoldoutSurvivors[j] : 0, customers[j], Math.Sqrt(customersVar[j])));
            for (var p = 0; p < products.Count; p++)
            {
                var actual = j < acc.HoldoutHolders[p].Count ? acc.HoldoutHolders[p][j] : 0;
                if (actual == 0 && holders[p][j] == 0)
                {
                    continue;
                }

                result.Add(new HoldoutRow(month, "holders: " + products[p], actual, holders[p][j], Math.Sqrt(holdersVar[p][j])));
            }

            result.Add(new HoldoutRow(month, "revenue", j < acc.HoldoutRevenue.Count ? acc.HoldoutRevenue[j] : 0, revenue[j], null));
        }

        return new PanelHoldout(MonthDate(cutoff), cohortSize, [.. result]);
    }
}
