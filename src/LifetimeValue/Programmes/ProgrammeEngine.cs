using System.Globalization;
using LifetimeValue.Projection;
using LifetimeValue.Scenarios;
using LifetimeValue.Simulation;

namespace LifetimeValue.Programmes;

/// <summary>
/// Runs acquisition programmes: exactly along one rate path (the cohort's expected cash flows from
/// <see cref="ExpectedValueEngine"/> convolved with the schedule) or by Monte Carlo (one cohort simulation per scenario
/// with <see cref="MonteCarloEngine"/>, kept as its partial, then a linear pass that shifts and weights it by the schedule).
/// </summary>
/// <remarks>
/// <para>Monte Carlo cohort curves: the engine accumulates each scenario's discounted flows; the programme needs them
/// undiscounted, so each month's total is divided by that scenario's discount factor D_{k} (the same factors the kernel
/// multiplied by) and by N. The programme's cash flows of scenario s are Σ_j n_j f_s(m − j) with the same simulated
/// customers for every cohort (common random numbers), so programmes differing only in their schedule are exactly the
/// sums of shifted single-cohort programmes.</para>
/// <para>Thread safety: stateless; safe to call concurrently.</para>
/// </remarks>
public static class ProgrammeEngine
{
    /// <summary>The exact programme along one rate path.</summary>
    /// <param name="programme">The programme.</param>
    /// <param name="rates">The annual short-rate path; with a borrowing spread it must cover <see cref="Programme.Months"/> calendar months.</param>
    /// <param name="confidenceLevel">Level of the intervals, in (0, 1) (exact values have none; used for the capital questions).</param>
    /// <returns>The result (one path, standard errors 0).</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">The rate path is too short.</exception>
    public static ProgrammeResult Project(Programme programme, RatePath rates, double confidenceLevel = 0.95)
    {
        ArgumentNullException.ThrowIfNull(programme);
        ArgumentNullException.ThrowIfNull(rates);
        CheckLength(programme, rates.Length, nameof(rates));
        var years = YearsWithCurves(programme);
        CheckCalendarLength(programme, years, rates.Length, nameof(rates));
        var curves = new double[years][];
        for (var k = 0; k < years; k++)
        {
            var shifted = k == 0 || rates.IsConstant ? rates : RatePath.FromValues([.. Enumerable.Range(12 * k, rates.Length - (12 * k)).Select(rates.At)]);
            curves[k] = ExpectedValueEngine.Project(programme.Strategy, shifted).ExpectedFlows.ToArray();
        }

        return new ProgrammeResult(programme, [curves], (_, m) => rates.At(m), null, confidenceLevel);
    }

    /// <summary>The programme by Monte Carlo: the strategy simulated on <paramref name="scenarios"/>, then the linear pass.</summary>
    /// <param name="programme">The programme.</param>
    /// <param name="scenarios">Rate scenarios; with a borrowing spread they must cover <see cref="Programme.Months"/> months.</param>
    /// <param name="options">Simulation options (customers per scenario, seed, level of the intervals).</param>
    /// <param name="cancellationToken">Cancels the simulation.</param>
    /// <returns>The result.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">The scenarios are too short, or too many to keep per-scenario curves.</exception>
    public static ProgrammeResult Simulate(Programme programme, ScenarioSet scenarios, SimulationOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(programme);
        ArgumentNullException.ThrowIfNull(scenarios);
        ArgumentNullException.ThrowIfNull(options);
        CheckLength(programme, scenarios.PeriodCount, nameof(scenarios));
        var years = YearsWithCurves(programme);
        CheckCalendarLength(programme, years, scenarios.PeriodCount, nameof(scenarios));
        if (years == 1)
        {
            return FromPartial(programme, scenarios, options, SimulateAll(programme, scenarios, options, cancellationToken));
        }

        // Calendar rates: one simulation per acquisition year k on the paths from month 12k, with the same options (the
        // same simulated customers: common random numbers across years).
        var periods = programme.Strategy.MaxPeriods;
        var byScenario = new double[scenarios.ScenarioCount][][];
        for (var s = 0; s < byScenario.Length; s++)
        {
            byScenario[s] = new double[years][];
        }

        for (var k = 0; k < years; k++)
        {
            var shifted = ScenarioSet.FromPaths([.. Enumerable.Range(0, scenarios.ScenarioCount).Select(s => (IReadOnlyList<double>)scenarios.Path(s).Slice(12 * k, periods).ToArray())]);
            var curves = CohortCurves(programme, shifted, SimulateAll(programme, shifted, options, cancellationToken));
            for (var s = 0; s < byScenario.Length; s++)
            {
                byScenario[s][k] = curves[s];
            }
        }

        return new ProgrammeResult(programme, byScenario, (s, m) => scenarios.Path(s)[m], options.Customers, options.ConfidenceLevel);
    }

    /// <summary>
    /// The programme from a complete partial of its strategy's simulation (the linear pass only): reuse one cohort
    /// simulation (<see cref="MonteCarloEngine.SimulateChunks"/> over every chunk, or partials merged) for many schedules
    /// or financings.
    /// </summary>
    /// <param name="programme">The programme (cohort time); its strategy must be the simulated model.</param>
    /// <param name="scenarios">The scenarios simulated.</param>
    /// <param name="options">The options simulated (their fingerprint must match the partial's).</param>
    /// <param name="partial">The partial, covering every chunk of the run, with per-scenario curves kept.</param>
    /// <returns>The result.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">The partial is of another run, incomplete, kept no per-scenario curves, the
    /// scenarios are too short, or the programme uses calendar rates.</exception>
    public static ProgrammeResult FromPartial(Programme programme, ScenarioSet scenarios, SimulationOptions options, SimulationPartial partial)
    {
        ArgumentNullException.ThrowIfNull(programme);
        ArgumentNullException.ThrowIfNull(scenarios);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(partial);
        var fingerprint = MonteCarloEngine.Fingerprint(programme.Strategy, scenarios, options);
        if (partial.Fingerprint != fingerprint)
        {
            throw new ArgumentException($"The partial is of another run (fingerprint {partial.Fingerprint}) than the programme's strategy '{programme.Strategy.Name}' on these scenarios and options ({fingerprint}).", nameof(partial));
        }

        if (!partial.IsComplete)
        {
            throw new ArgumentException("The partial does not cover every chunk of the run: merge the others first.", nameof(partial));
        }

        CheckLength(programme, scenarios.PeriodCount, nameof(scenarios));
        if (YearsWithCurves(programme) > 1)
        {
            throw new ArgumentException("A programme with calendar rates needs one simulation per acquisition year: use Simulate.", nameof(programme));
        }

        return new ProgrammeResult(programme, CohortCurves(programme, scenarios, partial), (s, m) => scenarios.Path(s)[m], partial.Plan.CustomersPerScenario, options.ConfidenceLevel);
    }

    /// <summary>One complete simulation of the strategy, kept as its partial (the per-scenario flows the programme needs).</summary>
    private static SimulationPartial SimulateAll(Programme programme, ScenarioSet scenarios, SimulationOptions options, CancellationToken cancellationToken) =>
        MonteCarloEngine.SimulateChunks(programme.Strategy, scenarios, options, 0, MonteCarloEngine.Plan(scenarios, options).ChunkCount, cancellationToken);

    private static double[][] CohortCurves(Programme programme, ScenarioSet scenarios, SimulationPartial partial)
    {
        if (!partial.KeepsScenarioCurves)
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                $"The simulation has {partial.Plan.ScenarioCount} scenarios × {partial.Periods} months, more than the {SimulationPartial.MaxScenarioCurveEntries:N0} per-scenario curve entries kept: simulate fewer scenarios."), nameof(partial));
        }

        var periods = partial.Periods;
        var n = (double)partial.Plan.CustomersPerScenario;
        var cost = programme.Strategy.AcquisitionCost;
        var df = new double[periods];
        var curves = new double[partial.Plan.ScenarioCount][];
        for (var s = 0; s < curves.Length; s++)
        {
            programme.Strategy.Discounting.Fill(scenarios.Path(s)[..Math.Min(periods, scenarios.PeriodCount)], df);
            var totals = partial.ScenarioFlows[s]!.ToTotals();
            var curve = new double[periods + 1];
            curve[0] = -cost;
            for (var t = 0; t < periods; t++)
            {
                curve[t + 1] = totals[t] / n / df[t];
            }

            curves[s] = curve;
        }

        return curves;
    }

    /// <summary>1 in cohort time; with calendar rates, the number of acquisition years (one cohort curve each).</summary>
    private static int YearsWithCurves(Programme programme) =>
        programme.CalendarRates ? (programme.Schedule.MonthCount + 11) / 12 : 1;

    private static void CheckCalendarLength(Programme programme, int years, int periods, string name)
    {
        var needed = (12 * (years - 1)) + programme.Strategy.MaxPeriods;
        if (years > 1 && periods < needed)
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                $"{name} cover {periods} months but calendar rates for {years} acquisition years need {needed} (12 × {years - 1} + the cohort horizon {programme.Strategy.MaxPeriods})."), name);
        }
    }

    private static void CheckLength(Programme programme, int periods, string name)
    {
        if (programme.Financing.BorrowSpread is not null && periods < programme.Months)
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                $"{name} cover {periods} months but borrowing at the short rate plus a spread needs the programme's {programme.Months} calendar months: give longer rate paths or a fixed borrowing rate."), name);
        }
    }
}
