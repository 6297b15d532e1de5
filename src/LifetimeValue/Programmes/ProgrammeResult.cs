using System.Globalization;
using System.Text.Json;
using LifetimeValue.Finance;
using LifetimeValue.Internal;
using LifetimeValue.Programmes.Internal;
using LifetimeValue.Statistics;

namespace LifetimeValue.Programmes;

/// <summary>
/// A programme's cash flows and capital: the expected net cash flow by calendar month, the cumulative cash with a band
/// across rate scenarios, the peak funding need and its month, the self-funding month, the steady-state annual cash flow,
/// the financing cost, the need including financing, NPV and IRR; and the capital questions (a funding test, the
/// capital needed at a confidence, the largest affordable acquisition rate).
/// </summary>
/// <remarks>
/// <para>Months are calendar months of the programme: index m is time m (month 0 is the programme's start, when the
/// first customers are acquired and paid for). Cash flows are undiscounted and before financing.</para>
/// <para>Every expected value is a <see cref="TwoLevelEstimate"/> over the S scenario values (each scenario's value is
/// that of its simulated cohort curve, itself a mean over N customers, so the spread of the S values carries both the
/// rate and the customer sampling error). An exact projection is one path with no sampling error: its estimates have
/// standard error 0.</para>
/// <para>Thread safety: immutable; safe to share.</para>
/// </remarks>
public sealed class ProgrammeResult
{
    private readonly ProgrammePath[] _paths;
    private readonly double[] _needs;
    private readonly double[] _peaks;
    private readonly double[] _npvs;
    private readonly double _monthlyDeposit;

    internal ProgrammeResult(Programme programme, IReadOnlyList<double[]> cohortCurves, Func<int, int, double>? shortRate, long? customersPerScenario, double confidenceLevel)
        : this(programme, [.. cohortCurves.Select(c => new[] { c })], shortRate, customersPerScenario, confidenceLevel)
    {
    }

    /// <summary>From per-scenario cohort curves by acquisition year: <paramref name="cohortCurvesByYear"/>[s][k] is the curve of
    /// the cohorts acquired in year k of scenario s (the last one serves every later year).</summary>
    internal ProgrammeResult(Programme programme, IReadOnlyList<double[][]> cohortCurvesByYear, Func<int, int, double>? shortRate, long? customersPerScenario, double confidenceLevel)
    {
        var cohortCurves = cohortCurvesByYear.Select(c => c[0]).ToArray();
        Programme = programme;
        IsExact = customersPerScenario is null;
        CustomersPerScenario = customersPerScenario;
        ConfidenceLevel = TwoLevelEstimate.CheckLevel(confidenceLevel);
        var s = cohortCurves.Length;
        Scenarios = s;
        var financing = programme.Financing;
        _monthlyDeposit = ProgrammeFinancing.Monthly(financing.DepositRate);
        var monthlyDiscount = ProgrammeFinancing.Monthly(financing.DiscountRate);
        _paths = new ProgrammePath[s];
        _needs = new double[s];
        _peaks = new double[s];
        _npvs = new double[s];
        var costs = new double[s];
        var incomes = new double[s];
        var lifetimeCash = new double[s];
        for (var i = 0; i < s; i++)
        {
            var scenario = i;
            var path = ProgrammePath.Create(cohortCurvesByYear[i], programme.Schedule.Span, financing, shortRate is null ? null : m => shortRate(scenario, m));
            _paths[i] = path;
            _peaks[i] = ProgrammePath.Peak(ProgrammePath.Cumulative(path.Flows)).Need;
            var financed = path.Finance(1, _monthlyDeposit);
            _needs[i] = financed.NeedWithFinancing;
            costs[i] = financed.Cost;
            incomes[i] = financed.DepositIncome;
            _npvs[i] = ProgrammePath.Npv(path.Flows, monthlyDiscount);
            lifetimeCash[i] = cohortCurves[i].Sum();
        }

        var months = _paths[0].Flows.Length;
        var expected = new double[months];
        var lower = new double[months];
        var upper = new double[months];
        var cumulative = new double[s][];
        for (var i = 0; i < s; i++)
        {
            cumulative[i] = ProgrammePath.Cumulative(_paths[i].Flows);
            for (var m = 0; m < months; m++)
            {
                expected[m] += _paths[i].Flows[m];
            }
        }

        var column = new double[s];
        for (var m = 0; m < months; m++)
        {
            expected[m] /= s;
            for (var i = 0; i < s; i++)
            {
                column[i] = cumulative[i][m];
            }

            lower[m] = MathNet.Numerics.Statistics.Statistics.Quantile(column, 0.05);
            upper[m] = MathNet.Numerics.Statistics.Statistics.Quantile(column, 0.95);
        }

        ExpectedCashFlows = ReadOnly.Wrap(expected);
        var expectedCumulative = ProgrammePath.Cumulative(expected);
        ExpectedCumulativeCash = ReadOnly.Wrap(expectedCumulative);
        CumulativeLower = ReadOnly.Wrap(lower);
        CumulativeUpper = ReadOnly.Wrap(upper);
        var (_, peakMonth) = ProgrammePath.Peak(expectedCumulative);
        PeakFundingMonth = peakMonth;
        SelfFundingMonth = ProgrammePath.SelfFunding(expectedCumulative);
        PeakFundingNeed = Estimate(_peaks);
        FundingNeed = Estimate(_needs);
        FinancingCost = Estimate(costs);
        DepositIncome = Estimate(incomes);
        Npv = Estimate(_npvs);
        LifetimeCashPerCustomer = Estimate(lifetimeCash);
        SteadyStateAnnualCashFlow = programme.Schedule.ConstantPerYear is { } perYear && cohortCurvesByYear[0].Length == 1 && programme.Schedule.MonthCount >= cohortCurves[0].Length + 11
            ? LifetimeCashPerCustomer.Scale(perYear)
            : null;
        Irr = Finance.Irr.Solve(expected, 0.005);
        ScenarioPeakFundingNeeds = ReadOnly.Wrap(_peaks);
        ScenarioFundingNeeds = ReadOnly.Wrap(_needs);
        ScenarioNpvs = ReadOnly.Wrap(_npvs);
    }

    /// <summary>The programme.</summary>
    public Programme Programme { get; }

    /// <summary>True for an exact projection along one rate path (no sampling error).</summary>
    public bool IsExact { get; }

    /// <summary>S, the number of rate scenarios (1 for an exact projection).</summary>
    public int Scenarios { get; }

    /// <summary>N, the customers simulated per scenario for the cohort curve (null for an exact projection).</summary>
    public long? CustomersPerScenario { get; }

    /// <summary>The level of every interval reported, in (0, 1).</summary>
    public double ConfidenceLevel { get; }

    /// <summary>The expected net cash flow at calendar month m (undiscounted, before financing): the mean over scenarios of Σ_j n_j f_s(m − j).</summary>
    public IReadOnlyList<double> ExpectedCashFlows { get; }

    /// <summary>The cumulative of <see cref="ExpectedCashFlows"/>.</summary>
    public IReadOnlyList<double> ExpectedCumulativeCash { get; }

    /// <summary>The 5th percentile across scenarios of each scenario's cumulative cash at month m.</summary>
    public IReadOnlyList<double> CumulativeLower { get; }

    /// <summary>The 95th percentile across scenarios of each scenario's cumulative cash at month m.</summary>
    public IReadOnlyList<double> CumulativeUpper { get; }

    /// <summary>The expected peak funding need E[max(0, −min_m C_s(m))] before financing (per-scenario peaks averaged).</summary>
    public TwoLevelEstimate PeakFundingNeed { get; }

    /// <summary>The month at which the expected cumulative cash is deepest (null when it never goes below 0).</summary>
    public int? PeakFundingMonth { get; }

    /// <summary>The month from which the expected cumulative cash stays ≥ 0 to the horizon (null: not within the horizon).</summary>
    public int? SelfFundingMonth { get; }

    /// <summary>The expected funding need including financing: E[−min_m B_s(m)] of the financed balance.</summary>
    public TwoLevelEstimate FundingNeed { get; }

    /// <summary>The expected interest paid on the deficit over the horizon (≥ 0).</summary>
    public TwoLevelEstimate FinancingCost { get; }

    /// <summary>The expected interest earned on surpluses over the horizon.</summary>
    public TwoLevelEstimate DepositIncome { get; }

    /// <summary>The expected NPV of the programme's cash flows at <see cref="ProgrammeFinancing.DiscountRate"/>.</summary>
    public TwoLevelEstimate Npv { get; }

    /// <summary>The expected undiscounted lifetime net cash of one customer, Σ_k f(k) (acquisition cost included; with calendar rates, of the first year's cohorts).</summary>
    public TwoLevelEstimate LifetimeCashPerCustomer { get; }

    /// <summary>
    /// For a constant schedule: the annual net cash flow once every cohort is running, customers per year × Σ_k f(k)
    /// (reached in the years after the first cohort's horizon, while acquisition continues); null for a growing or irregular
    /// schedule, one that stops before a full year of steady state (acquisition shorter than the cohort horizon + 12 months),
    /// or calendar rates (each year's cohorts differ).
    /// </summary>
    public TwoLevelEstimate? SteadyStateAnnualCashFlow { get; }

    /// <summary>The monthly IRR of <see cref="ExpectedCashFlows"/>.</summary>
    public IrrResult Irr { get; }

    /// <summary>The annual IRR, (1 + monthly)^12 − 1, or null when the IRR did not converge.</summary>
    public double? AnnualIrr => Irr.Rate is { } m ? Math.Pow(1 + m, 12) - 1 : null;

    /// <summary>Each scenario's peak funding need before financing.</summary>
    public IReadOnlyList<double> ScenarioPeakFundingNeeds { get; }

    /// <summary>Each scenario's funding need including financing (the capital it requires).</summary>
    public IReadOnlyList<double> ScenarioFundingNeeds { get; }

    /// <summary>Each scenario's NPV (paired across programmes run on the same scenarios and seed).</summary>
    public IReadOnlyList<double> ScenarioNpvs { get; }

    /// <summary>A scenario's programme net cash flows by calendar month.</summary>
    /// <param name="scenario">Scenario index, 0 … S − 1.</param>
    /// <returns>F_s(m), m = 0 … months − 1.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="scenario"/> is out of range.</exception>
    public IReadOnlyList<double> ScenarioCashFlows(int scenario) => ReadOnly.Copy(_paths[Guard.InRange(scenario, 0, Scenarios - 1)].Flows);

    /// <summary>The <paramref name="level"/>-quantile of the funding need (financing included) across scenarios, with its distribution-free interval.</summary>
    /// <param name="level">Quantile level, in (0, 1), e.g. 0.95.</param>
    /// <returns>The quantile and its interval at <see cref="ConfidenceLevel"/>.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="level"/> is outside (0, 1).</exception>
    public QuantileInterval FundingNeedQuantile(double level) => QuantileInterval.Of(_needs, level, ConfidenceLevel);

    /// <summary>The share of scenarios whose funding need (financing included) exceeds <paramref name="capital"/>, with a Wilson interval.</summary>
    /// <param name="capital">Capital available, ≥ 0 and finite.</param>
    /// <returns>The test.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="capital"/> is negative or not finite.</exception>
    public FundingTest TestFunding(double capital) => FundingTest.Of(_needs, capital, ConfidenceLevel);

    /// <summary>
    /// The capital that covers the programme's need (financing included) in at least a share <paramref name="confidence"/>
    /// of scenarios: the order statistic x_(r), r = ⌈confidence·S⌉.
    /// </summary>
    /// <param name="confidence">The share of scenarios to cover, in (0, 1].</param>
    /// <returns>The capital needed.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="confidence"/> is outside (0, 1].</exception>
    public double CapitalNeeded(double confidence)
    {
        var rank = Rank(confidence, Scenarios);
        var sorted = _needs.ToArray();
        Array.Sort(sorted);
        return sorted[rank - 1];
    }

    /// <summary>
    /// The largest whole number of first-year customers N (the schedule rescaled, its shape and growth kept) whose need,
    /// financing included, stays within <paramref name="capital"/> in at least a share <paramref name="confidence"/> of
    /// scenarios. Found by a monotone search (doubling, then bisection) on N; the need of each scenario is evaluated by
    /// re-running the financed balance on the rescaled flows.
    /// </summary>
    /// <param name="capital">Capital available, ≥ 0 and finite.</param>
    /// <param name="confidence">The share of scenarios to cover, in (0, 1].</param>
    /// <returns>N ≥ 0, or null when the programme never needs capital at any scale (no limit).</returns>
    /// <exception cref="ArgumentOutOfRangeException">An argument is outside its range.</exception>
    /// <exception cref="InvalidOperationException">The schedule acquires no one in its first year.</exception>
    public long? MaxAffordablePerYear(double capital, double confidence)
    {
        Guard.NonNegative(capital);
        var rank = Rank(confidence, Scenarios);
        if (Programme.Schedule.FirstYear <= 0)
        {
            throw new InvalidOperationException("The schedule acquires no customers in its first year: there is no yearly rate to search.");
        }

        const long Limit = 1L << 50;
        long lo = 0, hi = 1;
        while (IsAffordable(hi, capital, rank))
        {
            lo = hi;
            if (hi >= Limit)
            {
                return null;
            }

            hi *= 2;
        }

        // Invariant: lo affordable (0 always is), hi not.
        while (hi - lo > 1)
        {
            var mid = lo + ((hi - lo) / 2);
            if (IsAffordable(mid, capital, rank))
            {
                lo = mid;
            }
            else
            {
                hi = mid;
            }
        }

        return lo;
    }

    /// <summary>The result's tables: summary, by year.</summary>
    /// <param name="capital">When given, the funding test, capital needed and affordable rate against it.</param>
    /// <param name="confidence">The share of scenarios the capital must cover, in (0, 1].</param>
    /// <returns>The tables.</returns>
    public IReadOnlyList<Reporting.ResultTable> ToTables(double? capital = null, double confidence = 0.95) => ProgrammeTables.Build(this, capital, confidence);

    /// <summary>Writes the result as JSON (keys in camelCase; see docs/programmes.md).</summary>
    /// <param name="stream">Destination.</param>
    /// <param name="capital">When given, the capital questions are answered against it.</param>
    /// <param name="confidence">The share of scenarios the capital must cover, in (0, 1].</param>
    /// <param name="indented">Indent the output.</param>
    /// <exception cref="ArgumentNullException"><paramref name="stream"/> is null.</exception>
    public void WriteJson(Stream stream, double? capital = null, double confidence = 0.95, bool indented = true)
    {
        ArgumentNullException.ThrowIfNull(stream);
        using var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = indented });
        ProgrammeTables.WriteJson(json, this, capital, confidence);
    }

    /// <summary>Writes the result as one JSON object into <paramref name="json"/> (for documents holding several programmes).</summary>
    /// <param name="json">The writer.</param>
    /// <param name="capital">When given, the capital questions are answered against it.</param>
    /// <param name="confidence">The share of scenarios the capital must cover, in (0, 1].</param>
    /// <exception cref="ArgumentNullException"><paramref name="json"/> is null.</exception>
    public void WriteJson(Utf8JsonWriter json, double? capital = null, double confidence = 0.95)
    {
        ArgumentNullException.ThrowIfNull(json);
        ProgrammeTables.WriteJson(json, this, capital, confidence);
    }

    internal bool IsAffordable(long perYear, double capital, int rank)
    {
        var scale = perYear / Programme.Schedule.FirstYear;
        var covered = 0;
        foreach (var path in _paths)
        {
            if (path.Finance(scale, _monthlyDeposit).NeedWithFinancing <= capital)
            {
                covered++;
            }
        }

        return covered >= rank;
    }

    internal static int Rank(double confidence, int scenarios)
    {
        if (!(confidence > 0 && confidence <= 1))
        {
            Guard.Throw(nameof(confidence), confidence, "must be in (0, 1]");
        }

        // ⌈q·S⌉, with a tolerance so that 0.95·100 counts as 95.
        return Math.Clamp((int)Math.Ceiling((confidence * scenarios) - 1e-9), 1, scenarios);
    }

    private TwoLevelEstimate Estimate(double[] values) => IsExact
        ? TwoLevelEstimate.Create(values[0], 1, 1, double.NaN, 0.0, ConfidenceLevel)
        : ScenarioMeanEstimator.FromScenarioMeans(values, CustomersPerScenario!.Value, double.NaN, ConfidenceLevel);

    /// <inheritdoc />
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{Programme.Name} programme: peak need {PeakFundingNeed.Mean:N0} at month {PeakFundingMonth}, self-funding from month {SelfFundingMonth}, NPV {Npv.Mean:N0}");
}
