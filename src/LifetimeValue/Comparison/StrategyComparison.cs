using System.Globalization;
using LifetimeValue.Internal;
using LifetimeValue.Model;
using LifetimeValue.Projection;
using LifetimeValue.Scenarios;
using LifetimeValue.Simulation;

namespace LifetimeValue.Comparison;

/// <summary>
/// Compares two or more strategy models — typically the customer-centric bank and the customer-focused hotel —
/// on the same economic scenarios with common random numbers.
/// </summary>
/// <remarks>
/// <para>Common random numbers: every strategy is simulated with the same seed, the same customers per scenario and
/// the same scenario set, and every draw depends only on (seed, scenario, customer, index, purpose). The strategies
/// therefore face the same rate paths, and customer i of scenario s uses the same Philox streams in each: differences
/// between strategies are not blurred by independent sampling noise in the rates. Each strategy's result is
/// bit-identical to running <see cref="MonteCarloEngine.Simulate"/> on it alone with the same inputs.</para>
/// <para>Thread safety: stateless; safe to call concurrently.</para>
/// </remarks>
public static class StrategyComparison
{
    /// <summary>Runs the comparison.</summary>
    /// <param name="models">Two or more models with distinct names.</param>
    /// <param name="scenarios">Economic scenarios covering the longest horizon of the models.</param>
    /// <param name="options">Simulation settings, cohort size, capital and reporting years.</param>
    /// <param name="cancellationToken">Cancels between chunks.</param>
    /// <returns>The side-by-side result.</returns>
    /// <exception cref="ArgumentException">Fewer than two models, duplicate names, invalid models, or scenarios too short.</exception>
    /// <exception cref="OperationCanceledException">Cancelled.</exception>
    public static ComparisonResult Compare(IReadOnlyList<StrategyModel> models, ScenarioSet scenarios, ComparisonOptions options, CancellationToken cancellationToken = default)
    {
        Check(models, scenarios, options);
        var simulations = new List<SimulationResult>(models.Count);
        foreach (var model in models)
        {
            cancellationToken.ThrowIfCancellationRequested();
            simulations.Add(MonteCarloEngine.Simulate(model, scenarios, options.Simulation, cancellationToken));
        }

        return Build(models, scenarios, options, simulations, null);
    }

    /// <summary>
    /// Runs the comparison on growing scenario sets until the interval of every pairwise difference in expected CLV is at
    /// most <see cref="PrecisionOptions.TargetHalfWidth"/> wide on each side, or the cap is reached. Each round simulates only
    /// the added scenarios; the result is bit-identical to <see cref="Compare"/> on the final scenario set (plus
    /// <see cref="ComparisonResult.Precision"/>), and the rounds are a deterministic function of the inputs
    /// (see <see cref="PrecisionOptions"/>).
    /// </summary>
    /// <param name="models">Two or more models with distinct names.</param>
    /// <param name="scenarios">Makes the first <c>count</c> scenarios, prefix-consistent (as <see cref="ScenarioSet.Generate"/> with a fixed seed).</param>
    /// <param name="options">Simulation settings (with the confidence level), cohort size, capital and reporting years.</param>
    /// <param name="precision">Target half-width, first count, block and cap.</param>
    /// <param name="cancellationToken">Cancels between chunks.</param>
    /// <returns>The side-by-side result of the last round.</returns>
    /// <exception cref="ArgumentException">As <see cref="Compare"/>, or a larger set does not extend the previous one.</exception>
    /// <exception cref="OperationCanceledException">Cancelled.</exception>
    public static ComparisonResult CompareToPrecision(IReadOnlyList<StrategyModel> models, Func<int, ScenarioSet> scenarios, ComparisonOptions options,
        PrecisionOptions precision, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(scenarios);
        ArgumentNullException.ThrowIfNull(precision);
        precision.Validate();
        var set = scenarios(precision.InitialScenarios);
        Check(models, set, options);
        var runs = new List<MonteCarloEngine.ExtendableRun>(models.Count);
        foreach (var model in models)
        {
            cancellationToken.ThrowIfCancellationRequested();
            runs.Add(MonteCarloEngine.ExtendableRun.Start(model, set, options.Simulation, cancellationToken));
        }

        var rounds = new List<PrecisionRound>();
        while (true)
        {
            var result = Build(models, set, options, [.. runs.Select(r => r.Result(null))], null);

            // The widest pairwise interval decides; its estimate suggests the next count.
            var widest = result.Differences.MaxBy(d => double.IsNaN(d.ExpectedClv.HalfWidth) ? double.PositiveInfinity : d.ExpectedClv.HalfWidth)!.ExpectedClv;
            var round = new PrecisionRound(set.ScenarioCount, widest.HalfWidth);
            rounds.Add(round);
            precision.Progress?.Report(round);
            var next = precision.Next(round.Scenarios, round.HalfWidth, widest.ScenariosForHalfWidth(precision.TargetHalfWidth));
            if (next is not { } count)
            {
                return Build(models, set, options, [.. runs.Select(r => r.Result(null))],
                    new PrecisionRun(precision.TargetHalfWidth, round.HalfWidth <= precision.TargetHalfWidth, rounds));
            }

            set = scenarios(count);
            foreach (var run in runs)
            {
                run.ExtendTo(set, cancellationToken);
            }
        }
    }

    private static ComparisonResult Build(IReadOnlyList<StrategyModel> models, ScenarioSet scenarios, ComparisonOptions options, List<SimulationResult> simulations, PrecisionRun? precision)
    {
        var average = AveragePath(scenarios, models.Max(m => m.MaxPeriods));
        var outcomes = new List<StrategyOutcome>(models.Count);
        for (var i = 0; i < models.Count; i++)
        {
            outcomes.Add(new StrategyOutcome(simulations[i], ExpectedValueEngine.Project(models[i], average), options));
        }

        return new ComparisonResult(outcomes, options, scenarios, precision);
    }

    private static void Check(IReadOnlyList<StrategyModel> models, ScenarioSet scenarios, ComparisonOptions options)
    {
        ArgumentNullException.ThrowIfNull(models);
        ArgumentNullException.ThrowIfNull(scenarios);
        ArgumentNullException.ThrowIfNull(options);
        if (models.Count < 2)
        {
            throw new ArgumentException($"models must hold at least 2 strategies to compare (was {models.Count}).", nameof(models));
        }

        var names = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < models.Count; i++)
        {
            var model = models[i] ?? throw new ArgumentNullException($"{nameof(models)}[{i}]");
            if (!names.Add(model.Name))
            {
                throw new ArgumentException($"models[{i}] has the name '{model.Name}' of an earlier model: names must be distinct.", nameof(models));
            }

            model.Validate();
            if (scenarios.PeriodCount < model.MaxPeriods)
            {
                throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                    $"scenarios cover {scenarios.PeriodCount} periods but '{model.Name}' needs {model.MaxPeriods}: generate at least that many."), nameof(scenarios));
            }
        }

    }

    /// <summary>The average of the scenarios' rate paths over the first <paramref name="periods"/> months.</summary>
    /// <param name="scenarios">The scenarios.</param>
    /// <param name="periods">Months, in [1, scenarios.PeriodCount].</param>
    /// <returns>The average path (the exact engine's stand-in for "the" rate path).</returns>
    public static RatePath AveragePath(ScenarioSet scenarios, int periods)
    {
        ArgumentNullException.ThrowIfNull(scenarios);
        Guard.InRange(periods, 1, scenarios.PeriodCount);
        var sum = new double[periods];
        for (var s = 0; s < scenarios.ScenarioCount; s++)
        {
            var path = scenarios.Path(s);
            for (var t = 0; t < periods; t++)
            {
                sum[t] += path[t];
            }
        }

        for (var t = 0; t < periods; t++)
        {
            sum[t] /= scenarios.ScenarioCount;
        }

        return RatePath.FromValues(sum);
    }
}
