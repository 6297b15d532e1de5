using System.Globalization;
using LifetimeValue.Calibration.Bridge;
using LifetimeValue.Calibration.Panel.Internal;
using LifetimeValue.Internal;
using LifetimeValue.Lifecycle;
using LifetimeValue.Projection;
using LifetimeValue.Random;
using LifetimeValue.Reporting;

namespace LifetimeValue.Calibration.Panel;

/// <summary>
/// The result of <see cref="PanelCalibration"/>: the fitted <see cref="LifecycleModel"/> (ready for every engine, comparison and
/// model file), every estimate with its standard error, the fit report by age, the holdout check and notes.
/// </summary>
/// <remarks>Thread safety: immutable; safe to share.</remarks>
public sealed class PanelFit
{
    /// <summary>The name the base margin goes by in estimates and tables (the engines' cash-flow line "Base margin").</summary>
    public const string BaseMarginName = PanelCalibration.BaseName;

    private readonly ModelBlueprint _blueprint;
    private readonly ParameterErrors _errors;

    internal PanelFit(LifecycleModel model, ModelBlueprint blueprint, ParameterErrors errors, PanelDataSummary data, AttritionEstimate[] attrition,
        List<AdoptionEstimate> adoption, List<MarginEstimate> margins, AcquisitionAge[] acquisitionAges, ParameterEstimate? acquisitionCost,
        SurvivalPoint[] survival, AttritionByAge[] attritionByAge, AgeProfileRow[] ageProfile, PanelHoldout? holdout, List<string> notes,
        bool stagesFromData, string[] products)
    {
        Model = model;
        _blueprint = blueprint;
        _errors = errors;
        Data = data;
        Attrition = attrition;
        Adoption = [.. adoption];
        Margins = [.. margins];
        AcquisitionAges = acquisitionAges;
        AcquisitionCost = acquisitionCost;
        Survival = survival;
        AttritionByAge = attritionByAge;
        AgeProfile = ageProfile;
        Holdout = holdout;
        Notes = [.. notes];
        StagesFromData = stagesFromData;
        Products = products;
    }

    /// <summary>The fitted model.</summary>
    public LifecycleModel Model { get; }

    /// <summary>What was read.</summary>
    public PanelDataSummary Data { get; }

    /// <summary>Attrition per stage.</summary>
    public IReadOnlyList<AttritionEstimate> Attrition { get; }

    /// <summary>Adoption per stage and product held in the stage (products never held in a stage are not listed).</summary>
    public IReadOnlyList<AdoptionEstimate> Adoption { get; }

    /// <summary>Margins per product (and the base margin) and age band.</summary>
    public IReadOnlyList<MarginEstimate> Margins { get; }

    /// <summary>The acquisition age profile.</summary>
    public IReadOnlyList<AcquisitionAge> AcquisitionAges { get; }

    /// <summary>The acquisition cost estimated from the panel (mean over acquired customers, standard error of the mean), or null when given or absent.</summary>
    public ParameterEstimate? AcquisitionCost { get; }

    /// <summary>Observed (Kaplan–Meier on the age scale, with left truncation) and fitted survival by month of age.</summary>
    public IReadOnlyList<SurvivalPoint> Survival { get; }

    /// <summary>Observed one-year attrition by age against the fitted stage attrition.</summary>
    public IReadOnlyList<AttritionByAge> AttritionByAge { get; }

    /// <summary>Holding shares and margins by age and product, observed against fitted.</summary>
    public IReadOnlyList<AgeProfileRow> AgeProfile { get; }

    /// <summary>The holdout check, or null without <see cref="PanelCalibrationOptions.HoldoutFrom"/>.</summary>
    public PanelHoldout? Holdout { get; }

    /// <summary>Whether the stages were found from the data.</summary>
    public bool StagesFromData { get; }

    /// <summary>The products in the panel, in order of first appearance.</summary>
    public IReadOnlyList<string> Products { get; }

    /// <summary>What the reader should know: choices made, data that was left out, misfits noticed.</summary>
    public IReadOnlyList<string> Notes { get; }

    /// <summary>
    /// The fitted model's CLV with an interval from parameter uncertainty: a parametric bootstrap on the exact engine. Each draw
    /// perturbs every estimate by its sampling distribution — hazards and adoption probabilities normal on the logit scale
    /// (delta method), each margin band's (a, b) bivariate normal with its cluster-robust covariance, the acquisition cost
    /// log-normal with its standard error — rebuilds the model and projects it; the interval is the quantiles of the draws.
    /// </summary>
    /// <remarks>
    /// <para>Estimates of different stages, products and bands come from disjoint data and are drawn independently. Held at their
    /// estimates: probabilities of exactly 0 or 1, estimates whose standard error is not defined (one customer), the acquisition
    /// profile. Draw d uses the Philox stream <c>DrawSequence(seed, 0, d, Calibration)</c>, so the interval is reproducible.</para>
    /// </remarks>
    /// <param name="rates">The rate path of the exact engine (must cover the model's horizon unless constant).</param>
    /// <param name="draws">Parameter draws, in [2, 100000].</param>
    /// <param name="seed">Seed of the draws.</param>
    /// <param name="lowerLevel">Lower quantile level, in (0, <paramref name="upperLevel"/>).</param>
    /// <param name="upperLevel">Upper quantile level, in (<paramref name="lowerLevel"/>, 1).</param>
    /// <returns>The point CLV, the interval and every draw's CLV.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="rates"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="draws"/> or a level out of range.</exception>
    public ClvInterval ClvInterval(RatePath rates, int draws = 400, ulong seed = 1, double lowerLevel = 0.025, double upperLevel = 0.975)
    {
        ArgumentNullException.ThrowIfNull(rates);
        Guard.InRange(draws, 2, 100_000);
        if (!(lowerLevel > 0.0 && lowerLevel < upperLevel && upperLevel < 1.0))
        {
            throw new ArgumentOutOfRangeException(nameof(lowerLevel), lowerLevel, string.Create(CultureInfo.InvariantCulture,
                $"lowerLevel and upperLevel must satisfy 0 < lowerLevel < upperLevel < 1 (were {lowerLevel:R} and {upperLevel:R})."));
        }

        var point = ExpectedValueEngine.Project(Model, rates).Clv;
        var values = new double[draws];
        for (var d = 0; d < draws; d++)
        {
            var normals = new NormalStream(new DrawSequence(seed, 0, d, DrawPurpose.Calibration));
            values[d] = ExpectedValueEngine.Project(Draw(ref normals).Build(), rates).Clv;
        }

        var sorted = (double[])values.Clone();
        Array.Sort(sorted);
        return new ClvInterval(point, Quantile(sorted, lowerLevel), Quantile(sorted, upperLevel), lowerLevel, upperLevel, values, seed, ParameterNames());
    }

    private ModelBlueprint Draw(ref NormalStream z)
    {
        var b = _blueprint;
        var e = _errors;
        var m = b.Clone();
        for (var k = 0; k < m.Hazards.Length; k++)
        {
            m.Hazards[k] = Logit(b.Hazards[k], e.Hazard[k], z.Next());
        }

        for (var k = 0; k < m.Adoption.Length; k++)
        {
            for (var j = 0; j < m.Adoption[k].Length; j++)
            {
                m.Adoption[k][j] = Logit(b.Adoption[k][j], e.Adoption[k][j], z.Next());
            }
        }

        // Base margin: draw each band that has its own estimate, then copy into the bands that borrow it.
        for (var band = 0; band < m.BaseIntercept.Length; band++)
        {
            if (e.BaseSource[band] == band)
            {
                (m.BaseIntercept[band], m.BaseSlope[band]) = Bivariate(b.BaseIntercept[band], b.BaseSlope[band], e.Base[band], z.Next(), z.Next());
            }
        }

        for (var band = 0; band < m.BaseIntercept.Length; band++)
        {
            var src = e.BaseSource[band];
            m.BaseIntercept[band] = m.BaseIntercept[src];
            m.BaseSlope[band] = m.BaseSlope[src];
        }

        for (var k = 0; k < m.ProductIntercept.Length; k++)
        {
            for (var j = 0; j < m.ProductIntercept[k].Length; j++)
            {
                var source = e.ProductSource[k][j];
                for (var i = 0; i < source.Length; i++)
                {
                    if (source[i] == i)
                    {
                        (m.ProductIntercept[k][j][i], m.ProductSlope[k][j][i]) =
                            Bivariate(b.ProductIntercept[k][j][i], b.ProductSlope[k][j][i], e.Product[k][j][i], z.Next(), z.Next());
                    }
                }

                for (var i = 0; i < source.Length; i++)
                {
                    m.ProductIntercept[k][j][i] = m.ProductIntercept[k][j][source[i]];
                    m.ProductSlope[k][j][i] = m.ProductSlope[k][j][source[i]];
                }
            }
        }

        var cost = b.AcquisitionCost;
        var costZ = z.Next();
        if (cost > 0 && e.AcquisitionCost > 0)
        {
            // Log-normal with the estimate's mean and standard error.
            var s2 = Math.Log(1 + ((e.AcquisitionCost / cost) * (e.AcquisitionCost / cost)));
            cost *= Math.Exp((Math.Sqrt(s2) * costZ) - (s2 / 2));
        }

        return new ModelBlueprint
        {
            Name = m.Name,
            Boundaries = m.Boundaries,
            StageNames = m.StageNames,
            Hazards = m.Hazards,
            Products = m.Products,
            Adoption = m.Adoption,
            BandStarts = m.BandStarts,
            BandStage = m.BandStage,
            BaseIntercept = m.BaseIntercept,
            BaseSlope = m.BaseSlope,
            ProductIntercept = m.ProductIntercept,
            ProductSlope = m.ProductSlope,
            Acquisition = m.Acquisition,
            AcquisitionCost = cost,
            Discounting = m.Discounting,
        };
    }

    /// <summary>A probability perturbed on the logit scale: logit p + z·se/(p(1 − p)); 0, 1 and undefined errors are kept.</summary>
    private static double Logit(double p, double se, double z)
    {
        if (!(p > 0 && p < 1 && se > 0 && double.IsFinite(se)))
        {
            return p;
        }

        var theta = Math.Log(p / (1 - p)) + (z * se / (p * (1 - p)));
        return 1 / (1 + Math.Exp(-theta));
    }

    /// <summary>(a, b) + the Cholesky factor of their covariance times (z1, z2).</summary>
    private static (double, double) Bivariate(double a, double b, (double Va, double Vb, double C) v, double z1, double z2)
    {
        if (v.Va > 0)
        {
            var sa = Math.Sqrt(v.Va);
            var l21 = v.C / sa;
            var l22 = Math.Sqrt(Math.Max(0, v.Vb - (l21 * l21)));
            return (a + (sa * z1), b + (l21 * z1) + (l22 * z2));
        }

        return (a, b + (Math.Sqrt(Math.Max(0, v.Vb)) * z2));
    }

    private string[] ParameterNames()
    {
        var b = _blueprint;
        var names = new List<string>();
        names.AddRange(b.StageNames.Select(s => $"hazard {s}"));
        for (var k = 0; k < b.Products.Length; k++)
        {
            names.AddRange(b.Products[k].Select(p => $"adoption {b.StageNames[k]} {p}"));
        }

        for (var band = 0; band < b.BandStarts.Length; band++)
        {
            names.Add(FormattableString.Invariant($"base margin a,b from {b.BandStarts[band]}"));
        }

        for (var k = 0; k < b.Products.Length; k++)
        {
            var bands = b.BandsOf(k);
            foreach (var p in b.Products[k])
            {
                names.AddRange(bands.Select(band => FormattableString.Invariant($"margin {p} a,b from {b.BandStarts[band]}")));
            }
        }

        names.Add("acquisition cost");
        return [.. names];
    }

    private static double Quantile(double[] sorted, double level)
    {
        var h = (sorted.Length - 1) * level;
        var lo = (int)Math.Floor(h);
        var hi = Math.Min(lo + 1, sorted.Length - 1);
        return sorted[lo] + ((h - lo) * (sorted[hi] - sorted[lo]));
    }

    /// <summary>
    /// The fit report as tables: data, attrition, adoption, margins, acquisition, attrition by age, holdings and margins by age,
    /// survival by age (month by month), and, with a holdout, the month-by-month comparison and its summary.
    /// </summary>
    /// <returns>The tables, in that order.</returns>
    public IReadOnlyList<ResultTable> ToTables()
    {
        var tables = new List<ResultTable>();
        var d = Data;
        object?[][] data =
        [
            ["rows", d.Rows],
            ["customers", d.Customers],
            ["customer-months", d.CustomerMonths],
            ["customer-months before the holdout", d.CalibrationCustomerMonths],
            ["first month", Month(d.FirstMonth)],
            ["last month", Month(d.LastMonth)],
            ["holdout from", d.HoldoutFrom is { } h ? Month(h) : null],
            ["acquired customers (first seen after the first month)", d.AcquiredCustomers],
            ["existing customers (seen in the first month; left-truncated)", d.ExistingCustomers],
            ["closures", d.Closures],
            ["open at the last calibration month (censored)", d.OpenAtLastMonth],
            ["rows stop without a closure (censored earlier)", d.LeftWithoutClosing],
            ["customer-months outside the ladder (not used)", d.MonthsOutsideLadder],
            ["customers with ages only (no date of birth)", d.CustomersWithAgesOnly],
            ["mean balance", d.MeanBalance],
            ["stages", StagesFromData ? "found from the data" : "given"],
            ["acquisition cost", Model.AcquisitionCost],
            ["acquisition cost standard error", AcquisitionCost?.StandardError],
        ];
        tables.Add(new ResultTable("data", ["metric", "value"], data));
        tables.Add(new ResultTable("attrition",
            ["stage", "from age", "to age", "exposure months", "closures", "monthly hazard", "standard error", "annual attrition", "standard error (annual)", "monthly hazard 95% upper bound"],
            Attrition.Select(a => new object?[] { a.Stage, a.StartAge, a.EndAge - 1, a.ExposureMonths, a.Closures, a.MonthlyHazard, a.MonthlyHazardStandardError, a.AnnualAttrition, a.AnnualAttritionStandardError, a.UpperBound95 })));
        tables.Add(new ResultTable("adoption",
            ["stage", "product", "stage entries", "holders at entry", "entry probability", "standard error", "customer-months", "holding months", "holding share", "standard error (share)", "model probability"],
            Adoption.Select(a => new object?[] { a.Stage, a.Product, a.StageEntries, a.EntryHolders, a.EntryProbability, a.EntryStandardError, a.CustomerMonths, a.HoldingMonths, a.HoldingShare, a.HoldingShareStandardError, a.Probability })));
        tables.Add(new ResultTable("margins",
            ["product", "stage", "from age", "to age", "months", "customers", "intercept a", "standard error (a)", "rate slope b", "standard error (b)", "covariance (a, b)", "R squared", "residual sd", "borrowed from"],
            Margins.Select(m => new object?[] { m.Product, m.Stage, m.FromAge, m.ToAge - 1, m.Months, m.Clusters, m.Intercept, m.InterceptStandardError, m.RateSlope, m.RateSlopeStandardError, m.Covariance, double.IsNaN(m.RSquared) ? null : m.RSquared, m.ResidualStandardDeviation, m.BorrowedFrom })));
        tables.Add(new ResultTable("acquisition", ["age", "customers", "share", "model weight"],
            AcquisitionAges.Select(a => new object?[] { a.Age, a.Customers, a.Share, a.Weight })));
        tables.Add(new ResultTable("attrition by age", ["age", "exposure months", "closures", "observed annual attrition", "standard error", "fitted annual attrition"],
            AttritionByAge.Select(a => new object?[] { a.Age, a.ExposureMonths, a.Closures, a.ObservedAnnualAttrition, a.StandardError, a.FittedAnnualAttrition })));
        tables.Add(new ResultTable("by age", ["age", "product", "customer-months", "holding months", "observed share", "fitted share", "observed margin", "fitted margin"],
            AgeProfile.Select(r => new object?[] { r.Age, r.Product, r.CustomerMonths, r.HoldingMonths, r.ObservedShare, r.FittedShare, Nan(r.ObservedMargin), Nan(r.FittedMargin) })));
        tables.Add(new ResultTable("survival by age", ["age", "at risk", "closures", "observed survival", "standard error", "fitted survival"],
            Survival.Select(s => new object?[] { s.Age, s.AtRisk, s.Closures, s.Observed, Nan(s.StandardError), s.Fitted })));
        if (Holdout is { } holdout)
        {
            tables.Add(new ResultTable("holdout", ["month", "quantity", "actual", "forecast", "error", "relative error", "standard error", "z"],
                holdout.Rows.Select(r => new object?[] { Month(r.Month), r.Quantity, r.Actual, r.Forecast, r.Error, Nan(r.RelativeError), r.StandardError, r.Z })));
            tables.Add(new ResultTable("holdout summary", ["quantity", "months", "weighted absolute percentage error", "months within 2 standard errors"],
                holdout.Quantities.Select(q =>
                {
                    var rows = holdout.Rows.Where(r => r.Quantity == q).ToList();
                    var within = rows.All(r => r.Z is null) ? null : (object?)rows.Count(r => r.Z is { } z && Math.Abs(z) <= 2);
                    return new object?[] { q, rows.Count, Nan(holdout.WeightedAbsolutePercentageError(q)), within };
                })));
        }

        return tables;
    }

    private static string Month(DateOnly month) => month.ToString("yyyy-MM", CultureInfo.InvariantCulture);

    private static double? Nan(double x) => double.IsNaN(x) ? null : x;

    /// <summary>Standard normal variates from one Philox stream, two per block.</summary>
    private struct NormalStream(DrawSequence stream)
    {
        private uint _index;
        private double _spare;
        private bool _hasSpare;

        public double Next()
        {
            if (_hasSpare)
            {
                _hasSpare = false;
                return _spare;
            }

            var (z0, z1) = RandomDraws.StandardNormalPair(stream.Block(_index++));
            _spare = z1;
            _hasSpare = true;
            return z0;
        }
    }
}
