using System.Globalization;
using System.Text.Json;
using LifetimeValue.Finance;
using LifetimeValue.Internal;
using LifetimeValue.Model;
using LifetimeValue.Scenarios;
using LifetimeValue.Statistics;

namespace LifetimeValue.Simulation;

/// <summary>
/// The result of a Monte Carlo run: the CLV distribution (moments, percentiles, VaR, expected shortfall),
/// the mean cumulative PV curve with a band across scenarios, break-even and peak funding, and each
/// scenario's outcome. Carries the model, scenarios, options and seed that produced it.
/// </summary>
/// <remarks>
/// <para>Curves are indexed by month since acquisition: index 0 is time 0 (−acquisition cost), index k the end
/// of month k. The band is the 5th–95th percentile across scenarios of each scenario's mean curve (it
/// collapses onto the mean when there is one scenario).</para>
/// <para>Thread safety: immutable; safe to share.</para>
/// </remarks>
public sealed class SimulationResult
{
    /// <summary>The percentile levels reported by default: P1, P5, P25, P50, P75, P95, P99.</summary>
    public static IReadOnlyList<double> StandardLevels { get; } = [0.01, 0.05, 0.25, 0.50, 0.75, 0.95, 0.99];

    private readonly QuantileSketch _sketch;
    private readonly ExactQuantiles? _exact;
    private readonly double[] _mean;
    private readonly TwoLevelEstimate[] _curveEstimates;
    private readonly double[]? _valuesAtPeakMonth;

    internal SimulationResult(StrategyModel model, ScenarioSet scenarios, SimulationOptions options, SimulationPartial partial, PrecisionRun? precision = null)
    {
        Model = model;
        Scenarios = scenarios;
        Options = options;
        Plan = partial.Plan;
        Fingerprint = partial.Fingerprint;
        Precision = precision;
        _sketch = partial.Sketch;
        _exact = partial.Exact;
        var level = options.ConfidenceLevel;

        var all = new FixedPointMoments();
        var moments = new FixedPointMoments[partial.ScenarioMoments.Length];
        for (var s = 0; s < moments.Length; s++)
        {
            moments[s] = partial.ScenarioMoments[s] ?? throw new ArgumentException($"The partial holds no values for scenario {s}: it does not cover the run.", nameof(partial));
            all.Merge(moments[s]);
        }

        Clv = all.ToSummary();
        ExpectedClv = ScenarioMeanEstimator.FromMoments(moments, level);
        Percentiles = [.. StandardLevels.Select(p => new PercentilePoint(p, Percentile(p)))];

        var periods = partial.Periods;
        var n = (double)Plan.CustomersPerScenario;
        var cost = Model.AcquisitionCost;
        _mean = Cumulative(partial.TotalFlows.ToTotals(), n * Plan.ScenarioCount, cost);
        MeanCumulativePresentValue = ReadOnly.Wrap(_mean);

        var outcomes = new ScenarioOutcome[Plan.ScenarioCount];
        var curves = partial.KeepsScenarioCurves ? new double[Plan.ScenarioCount][] : null;
        for (var s = 0; s < outcomes.Length; s++)
        {
            var mean = moments[s].ToSummary().Mean;
            if (curves is not null && partial.ScenarioFlows[s] is { } flows)
            {
                var curve = Cumulative(flows.ToTotals(), n, cost);
                curves[s] = curve;
                outcomes[s] = new ScenarioOutcome(s, mean, Finance.BreakEven.FromCumulative(curve).FirstCrossing, Math.Max(0, -curve.Min()));
            }
            else
            {
                outcomes[s] = new ScenarioOutcome(s, mean, null, double.NaN);
            }
        }

        ScenarioOutcomes = ReadOnly.Wrap(outcomes);
        var lower = new double[periods + 1];
        var upper = new double[periods + 1];
        var curveVariance = new double[periods + 1];
        var peakMonth = Array.IndexOf(_mean, _mean.Min());
        if (curves is not null && curves.All(c => c is not null))
        {
            var column = new double[curves.Length];
            for (var k = 0; k <= periods; k++)
            {
                for (var s = 0; s < curves.Length; s++)
                {
                    column[s] = curves[s][k];
                }

                curveVariance[k] = ScenarioMeanEstimator.MeanAndVariance(column).Variance;
                lower[k] = MathNet.Numerics.Statistics.Statistics.Quantile(column, 0.05);
                upper[k] = MathNet.Numerics.Statistics.Statistics.Quantile(column, 0.95);
            }

            _valuesAtPeakMonth = [.. curves.Select(c => c[peakMonth])];
        }
        else
        {
            _mean.CopyTo(lower, 0);
            _mean.CopyTo(upper, 0);
            Array.Fill(curveVariance, double.NaN);
            _valuesAtPeakMonth = null;
        }

        CurveLower = ReadOnly.Wrap(lower);
        CurveUpper = ReadOnly.Wrap(upper);

        // The curve's error at each month: the spread of the S scenario curves (the per-customer spread of a cumulative
        // PV is not kept, so only the total is known; see TwoLevelEstimate).
        var curveEstimates = new TwoLevelEstimate[periods + 1];
        var se = new double[periods + 1];
        var ciLow = new double[periods + 1];
        var ciHigh = new double[periods + 1];
        var critical = TwoLevelEstimate.Critical(level, Plan.ScenarioCount);
        for (var k = 0; k <= periods; k++)
        {
            var e = TwoLevelEstimate.Create(_mean[k], Plan.ScenarioCount, Plan.CustomersPerScenario, curveVariance[k], double.NaN, level, critical);
            curveEstimates[k] = e;
            se[k] = e.StandardError;
            ciLow[k] = e.CiLow;
            ciHigh[k] = e.CiHigh;
        }

        _curveEstimates = curveEstimates;
        CurveStandardError = ReadOnly.Wrap(se);
        CurveCiLow = ReadOnly.Wrap(ciLow);
        CurveCiHigh = ReadOnly.Wrap(ciHigh);

        var curveAll = _mean;
        BreakEven = Finance.BreakEven.FromCumulative(curveAll);
        BreakEvenInterval = double.IsNaN(se[^1]) ? null : new MonthRange(FirstNonNegative(ciHigh), FirstNonNegative(ciLow));
        PeakFundingPerCustomer = Math.Max(0, -curveAll.Min());
        PeakFundingMonth = peakMonth;
        PeakFundingEstimate = PeakFundingPerCustomer == 0
            ? TwoLevelEstimate.Create(0, Plan.ScenarioCount, Plan.CustomersPerScenario, 0, double.NaN, level)
            : curveEstimates[peakMonth].Scale(-1);
        var yearEnd = new double[(periods + 11) / 12];
        var yearEstimates = new TwoLevelEstimate[yearEnd.Length];
        for (var y = 0; y < yearEnd.Length; y++)
        {
            var month = Math.Min(periods, 12 * (y + 1));
            yearEnd[y] = curveAll[month];
            yearEstimates[y] = curveEstimates[month];
        }

        YearEndCumulativePresentValue = ReadOnly.Wrap(yearEnd);
        YearEndEstimates = ReadOnly.Wrap(yearEstimates);
        BreakEvenYear = Array.FindIndex(yearEnd, v => v >= 0) is var i && i >= 0 ? i + 1 : null;
        Adequacy = ReadOnly.Wrap(AdequacyNote.Assess(ExpectedClv, "expected CLV", precision?.TargetHalfWidth));
    }

    /// <summary>The model simulated.</summary>
    public StrategyModel Model { get; }

    /// <summary>The economic scenarios.</summary>
    public ScenarioSet Scenarios { get; }

    /// <summary>The options (seed, customers, method …).</summary>
    public SimulationOptions Options { get; }

    /// <summary>The seed.</summary>
    public ulong Seed => Options.Seed;

    /// <summary>The canonical chunk plan.</summary>
    public SimulationPlan Plan { get; }

    /// <summary>The run's fingerprint (see <see cref="SimulationPartial.Fingerprint"/>).</summary>
    public string Fingerprint { get; }

    /// <summary>Mean, standard deviation, standard error, min and max of CLV over all N × S customer lifetimes.</summary>
    public MomentSummary Clv { get; }

    /// <summary>
    /// The expected CLV with its two-level error: total standard error, its scenario and customer parts, and the
    /// confidence interval at <see cref="SimulationOptions.ConfidenceLevel"/> (see <see cref="TwoLevelEstimate"/>).
    /// Its mean equals <see cref="Clv"/>'s; <see cref="MomentSummary.StandardError"/> of <see cref="Clv"/> is the error
    /// of N·S independent lifetimes, which ignores that customers of a scenario share its rate path.
    /// </summary>
    public TwoLevelEstimate ExpectedClv { get; }

    /// <summary>How the scenario count was chosen when the run was extended to a target precision
    /// (<see cref="MonteCarloEngine.SimulateToPrecision"/>); null for a plain run.</summary>
    public PrecisionRun? Precision { get; }

    /// <summary>Notes on whether the run is large enough: one rate scenario only, the rate scenarios dominating the error
    /// (with the scenario count that would halve it), or a target half-width not reached. Empty when there is nothing to say.</summary>
    public IReadOnlyList<AdequacyNote> Adequacy { get; }

    /// <summary>P1, P5, P25, P50, P75, P95, P99 of CLV (sketch within <see cref="SimulationOptions.SketchAccuracy"/>, or exact).</summary>
    public IReadOnlyList<PercentilePoint> Percentiles { get; }

    /// <summary>Whether percentiles are exact (all values kept) rather than from the sketch.</summary>
    public bool PercentilesAreExact => _exact is not null;

    /// <summary>The CLV percentile at <paramref name="level"/>.</summary>
    /// <param name="level">Probability level in [0, 1].</param>
    /// <returns>CLV.</returns>
    /// <exception cref="ArgumentOutOfRangeException">Level outside [0, 1].</exception>
    public double Percentile(double level)
    {
        Guard.Probability(level);
        return _exact?.Quantile(level) ?? _sketch.Quantile(level);
    }

    /// <summary>Value at risk of CLV at a confidence level: the (1 − c) quantile of CLV (a value, not a loss).</summary>
    /// <param name="confidenceLevel">Confidence in (0, 1), e.g. 0.95.</param>
    /// <returns>CLV exceeded with probability ≈ c.</returns>
    public double ValueAtRisk(double confidenceLevel) => _exact?.ValueAtRisk(confidenceLevel) ?? _sketch.ValueAtRisk(confidenceLevel);

    /// <summary>Expected shortfall of CLV: the mean CLV in the worst (1 − c) tail.</summary>
    /// <param name="confidenceLevel">Confidence in (0, 1), e.g. 0.95.</param>
    /// <returns>Mean tail CLV.</returns>
    public double ExpectedShortfall(double confidenceLevel) => _exact?.ExpectedShortfall(confidenceLevel) ?? _sketch.ExpectedShortfall(confidenceLevel);

    /// <summary>Mean cumulative PV per customer by month (index 0 = −A at acquisition, index k = end of month k).</summary>
    public IReadOnlyList<double> MeanCumulativePresentValue { get; }

    /// <summary>5th percentile across scenarios of the scenario-mean cumulative PV, by month.</summary>
    public IReadOnlyList<double> CurveLower { get; }

    /// <summary>95th percentile across scenarios of the scenario-mean cumulative PV, by month.</summary>
    public IReadOnlyList<double> CurveUpper { get; }

    /// <summary>Total standard error of <see cref="MeanCumulativePresentValue"/> by month, from the spread of the scenarios'
    /// mean curves (s_b/√S; NaN with one scenario or when per-scenario curves are not kept).</summary>
    public IReadOnlyList<double> CurveStandardError { get; }

    /// <summary>Lower end of the confidence interval of <see cref="MeanCumulativePresentValue"/> by month (Student-t on S − 1 degrees of freedom).</summary>
    public IReadOnlyList<double> CurveCiLow { get; }

    /// <summary>Upper end of the confidence interval of <see cref="MeanCumulativePresentValue"/> by month.</summary>
    public IReadOnlyList<double> CurveCiHigh { get; }

    /// <summary>The mean cumulative PV at a month with its error and interval (only the total is known; see <see cref="CurveStandardError"/>).</summary>
    /// <param name="month">Month index in [0, periods] (0 = acquisition).</param>
    /// <returns>The estimate.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The month is outside the curve.</exception>
    public TwoLevelEstimate CumulativePresentValueEstimate(int month)
    {
        Guard.InRange(month, 0, _curveEstimates.Length - 1);
        return _curveEstimates[month];
    }

    /// <summary>Mean cumulative PV at the end of each year (index y − 1 for year y).</summary>
    public IReadOnlyList<double> YearEndCumulativePresentValue { get; }

    /// <summary><see cref="YearEndCumulativePresentValue"/> with the error and interval of each value.</summary>
    public IReadOnlyList<TwoLevelEstimate> YearEndEstimates { get; }

    /// <summary>Break-even of the mean curve in months (both conventions).</summary>
    public BreakEvenResult BreakEven { get; }

    /// <summary>
    /// A (pointwise) confidence range for the first-crossing break-even month: from the first month at which the upper end
    /// of the curve's interval reaches 0 to the first month at which its lower end does (null where that never happens
    /// within the horizon); null when the curve's error is not known (one scenario, or per-scenario curves not kept).
    /// </summary>
    public MonthRange? BreakEvenInterval { get; }

    /// <summary>First year at whose end the mean cumulative PV is ≥ 0, or null.</summary>
    public int? BreakEvenYear { get; }

    /// <summary>−min of the mean cumulative PV curve, per customer (≥ 0).</summary>
    public double PeakFundingPerCustomer { get; }

    /// <summary>The month at which the mean cumulative PV curve is lowest (where <see cref="PeakFundingPerCustomer"/> is read).</summary>
    public int PeakFundingMonth { get; }

    /// <summary>
    /// <see cref="PeakFundingPerCustomer"/> with its error and interval. Peak funding is −min of the <em>mean</em> curve (not
    /// the mean of each scenario's own peak, which is larger); its error is that of the mean curve at
    /// <see cref="PeakFundingMonth"/> (the delta method: the minimum moves with the curve at its argmin), which
    /// understates the error when two months come close to the minimum.
    /// </summary>
    public TwoLevelEstimate PeakFundingEstimate { get; }

    /// <summary>Each scenario's mean cumulative PV at <see cref="PeakFundingMonth"/> (null when per-scenario curves are not kept).</summary>
    internal double[]? ValuesAtPeakMonth => _valuesAtPeakMonth;

    /// <summary>Peak funding of a cohort of <paramref name="cohortSize"/> customers: N × <see cref="PeakFundingPerCustomer"/>.</summary>
    /// <param name="cohortSize">Customers, ≥ 0.</param>
    /// <returns>Currency.</returns>
    public double PeakFunding(long cohortSize)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(cohortSize);
        return cohortSize * PeakFundingPerCustomer;
    }

    /// <summary>Each scenario's mean CLV, break-even month and peak funding.</summary>
    public IReadOnlyList<ScenarioOutcome> ScenarioOutcomes { get; }

    /// <summary>
    /// Distribution of the break-even year across scenarios: (year, number of scenarios), ascending, with
    /// null for scenarios that never break even (listed last).
    /// </summary>
    public IReadOnlyList<(int? Year, int Scenarios)> BreakEvenYearDistribution =>
        [.. ScenarioOutcomes.GroupBy(o => o.BreakEvenMonth is int m ? (m + 11) / 12 : (int?)null)
            .OrderBy(g => g.Key ?? int.MaxValue).Select(g => (g.Key, g.Count()))];

    /// <summary>
    /// The result as tables: "Summary" (moments, VaR/ES, break-even, funding), "CLV percentiles", "Cumulative PV by year"
    /// (mean and 5–95 % band across scenarios) and "Break-even year distribution" (scenarios per year).
    /// </summary>
    /// <returns>The tables, for <see cref="Reporting.TableWriter"/> or spreadsheets.</returns>
    public IReadOnlyList<Reporting.ResultTable> ToTables()
    {
        var level = string.Create(CultureInfo.InvariantCulture, $"{Options.ConfidenceLevel * 100:0.##} %");
        var summary = new List<IReadOnlyList<object?>>
        {
            new object?[] { "Model", Model.Name },
            new object?[] { "Strategy", Model.Kind.ToString() },
            new object?[] { "Seed", (long)Seed },
            new object?[] { "Customers per scenario", Plan.CustomersPerScenario },
            new object?[] { "Scenarios", Plan.ScenarioCount },
            new object?[] { "Method", Options.Method.ToString() },
            new object?[] { "Mean CLV", Clv.Mean },
            new object?[] { $"CI low ({level})", Number(ExpectedClv.CiLow) },
            new object?[] { $"CI high ({level})", Number(ExpectedClv.CiHigh) },
            new object?[] { "Standard error (total)", Number(ExpectedClv.StandardError) },
            new object?[] { "  of which scenarios", Number(ExpectedClv.ScenarioStandardError) },
            new object?[] { "  of which customers", Number(ExpectedClv.CustomerStandardError) },
            new object?[] { "Standard deviation", Clv.StandardDeviation },
            new object?[] { "Min", Clv.Min },
            new object?[] { "Max", Clv.Max },
            new object?[] { "VaR 95 %", ValueAtRisk(0.95) },
            new object?[] { "Expected shortfall 95 %", ExpectedShortfall(0.95) },
            new object?[] { "Break-even month (first crossing)", BreakEven.FirstCrossing },
            new object?[] { $"Break-even month range ({level})", BreakEvenInterval is { } r ? $"{Month(r.Earliest, "never")} to {Month(r.Latest, "beyond horizon")}" : null },
            new object?[] { "Break-even month (stays positive)", BreakEven.FinalRunStart },
            new object?[] { "Peak funding per customer", PeakFundingPerCustomer },
            new object?[] { $"Peak funding CI low ({level})", Number(PeakFundingEstimate.CiLow) },
            new object?[] { $"Peak funding CI high ({level})", Number(PeakFundingEstimate.CiHigh) },
            new object?[] { "Fingerprint", Fingerprint },
        };

        var percentiles = Percentiles.Select(p => (IReadOnlyList<object?>)[$"P{(p.Level * 100).ToString("0.##", CultureInfo.InvariantCulture)}", p.Value]);
        var years = new List<IReadOnlyList<object?>>();
        for (var k = 12; k < MeanCumulativePresentValue.Count + 11; k += 12)
        {
            var m = Math.Min(k, MeanCumulativePresentValue.Count - 1);
            years.Add([k / 12, MeanCumulativePresentValue[m], Number(CurveCiLow[m]), Number(CurveCiHigh[m]), CurveLower[m], CurveUpper[m]]);
        }

        var breakEven = BreakEvenYearDistribution.Select(b => (IReadOnlyList<object?>)[b.Year is int y ? y.ToString(CultureInfo.InvariantCulture) : "never/untracked", b.Scenarios]);
        return
        [
            new Reporting.ResultTable("Summary", ["Metric", "Value"], summary),
            new Reporting.ResultTable("CLV percentiles", ["Level", "CLV"], percentiles),
            new Reporting.ResultTable("Cumulative PV by year", ["Year", "Mean", $"CI low ({level})", $"CI high ({level})", "P5 across scenarios", "P95 across scenarios"], years),
            new Reporting.ResultTable("Break-even year distribution", ["Break-even year", "Scenarios"], breakEven),
        ];
    }

    private static double? Number(double value) => double.IsFinite(value) ? value : null;

    private static string Month(int? month, string none) => month is { } m ? m.ToString(CultureInfo.InvariantCulture) : none;

    /// <summary>Writes the summary and the curve as one JSON document.</summary>
    /// <param name="stream">Destination.</param>
    /// <param name="indented">Whether to indent.</param>
    public void WriteJson(Stream stream, bool indented = true)
    {
        ArgumentNullException.ThrowIfNull(stream);
        using var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = indented });
        json.WriteStartObject();
        json.WriteString("model", Model.Name);
        json.WriteNumber("seed", Seed);
        json.WriteNumber("customers_per_scenario", Plan.CustomersPerScenario);
        json.WriteNumber("scenarios", Plan.ScenarioCount);
        json.WriteString("method", Options.Method.ToString());
        json.WriteString("fingerprint", Fingerprint);
        json.WriteNumber("mean", Clv.Mean);
        json.WriteNumber("sd", Clv.StandardDeviation);
        TwoLevelEstimate.WriteJson(json, "expectedClv", ExpectedClv, string.Empty);
        json.WriteNumber("min", Clv.Min);
        json.WriteNumber("max", Clv.Max);
        json.WriteBoolean("percentiles_exact", PercentilesAreExact);
        foreach (var p in Percentiles)
        {
            json.WriteNumber("p" + (p.Level * 100).ToString("0.##", CultureInfo.InvariantCulture), p.Value);
        }

        json.WriteNumber("var95", ValueAtRisk(0.95));
        json.WriteNumber("es95", ExpectedShortfall(0.95));
        json.WriteNumber("peak_funding_per_customer", PeakFundingPerCustomer);
        TwoLevelEstimate.WriteJson(json, "peakFundingPerCustomer", PeakFundingEstimate, "peakFundingPerCustomer");
        if (BreakEvenInterval is { } range)
        {
            Nullable(json, "breakEvenMonthCiEarliest", range.Earliest);
            Nullable(json, "breakEvenMonthCiLatest", range.Latest);
        }

        json.WriteStartArray("adequacy");
        foreach (var note in Adequacy)
        {
            json.WriteStringValue(note.Message);
        }

        json.WriteEndArray();
        if (Precision is { } precision)
        {
            json.WriteStartObject("precision");
            json.WriteNumber("targetHalfWidth", precision.TargetHalfWidth);
            json.WriteBoolean("reached", precision.Reached);
            json.WriteStartArray("rounds");
            foreach (var round in precision.Rounds)
            {
                json.WriteStartObject();
                json.WriteNumber("scenarios", round.Scenarios);
                json.WriteNumber("halfWidth", round.HalfWidth);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }
        Nullable(json, "break_even_year", BreakEvenYear);
        Nullable(json, "break_even_month_first_crossing", BreakEven.FirstCrossing);
        Nullable(json, "break_even_month_final_run", BreakEven.FinalRunStart);
        json.WriteStartArray("curve");
        for (var k = 0; k < MeanCumulativePresentValue.Count; k++)
        {
            json.WriteStartObject();
            json.WriteNumber("month", k);
            json.WriteNumber("mean", MeanCumulativePresentValue[k]);
            var e = _curveEstimates[k];
            if (double.IsFinite(e.StandardError))
            {
                json.WriteNumber("standardError", e.StandardError);
                json.WriteNumber("ciLow", e.CiLow);
                json.WriteNumber("ciHigh", e.CiHigh);
            }
            else
            {
                json.WriteNull("standardError");
                json.WriteNull("ciLow");
                json.WriteNull("ciHigh");
            }

            json.WriteNumber("p5", CurveLower[k]);
            json.WriteNumber("p95", CurveUpper[k]);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    /// <summary>Writes the cumulative PV curve with its error and band as CSV (month, mean, standard error, CI low, CI high, p5, p95;
    /// the error columns are empty when the error is not known).</summary>
    /// <param name="writer">Destination.</param>
    public void WriteCurveCsv(TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.Write("month,mean_cumulative_pv,standard_error,ci_low,ci_high,p5_across_scenarios,p95_across_scenarios\n");
        for (var k = 0; k < MeanCumulativePresentValue.Count; k++)
        {
            var e = _curveEstimates[k];
            var error = double.IsFinite(e.StandardError)
                ? string.Create(CultureInfo.InvariantCulture, $"{e.StandardError:R},{e.CiLow:R},{e.CiHigh:R}")
                : ",,";
            writer.Write(string.Create(CultureInfo.InvariantCulture, $"{k},{MeanCumulativePresentValue[k]:R},{error},{CurveLower[k]:R},{CurveUpper[k]:R}\n"));
        }
    }

    private static void Nullable(Utf8JsonWriter json, string name, int? value)
    {
        if (value is int v)
        {
            json.WriteNumber(name, v);
        }
        else
        {
            json.WriteNull(name);
        }
    }

    private static int? FirstNonNegative(double[] curve)
    {
        var k = Array.FindIndex(curve, v => v >= 0);
        return k >= 0 ? k : null;
    }

    private static double[] Cumulative(double[] flowTotals, double customers, double cost)
    {
        var curve = new double[flowTotals.Length + 1];
        curve[0] = -cost;
        var sum = 0.0;
        for (var t = 0; t < flowTotals.Length; t++)
        {
            sum += flowTotals[t];
            curve[t + 1] = -cost + (sum / customers);
        }

        return curve;
    }
}
