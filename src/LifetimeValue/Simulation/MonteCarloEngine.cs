using System.Globalization;
using LifetimeValue.Internal;
using LifetimeValue.Model;
using LifetimeValue.Scenarios;
using LifetimeValue.Simulation.Internal;

namespace LifetimeValue.Simulation;

/// <summary>
/// The Monte Carlo engine: simulates N customers of a <see cref="StrategyModel"/> (customer-centric or
/// customer-focused) in each of S economic
/// scenarios and aggregates while simulating (memory O(S·T + sketch), never O(N·T)).
/// </summary>
/// <remarks>
/// <para>Reproducibility contract: every draw depends only on (seed, scenario, customer, stage or period,
/// purpose) through Philox4x32-10; the run is cut into canonical chunks (<see cref="SimulationPlan"/>); each
/// chunk is computed in a fixed order and its partial results are integers (fixed-point sums, bucket
/// counts) that merge exactly. The result is therefore bit-identical whatever the number of threads,
/// and whether chunks run in one process or are merged from partial files computed elsewhere.</para>
/// <para>Rates: all customers of a scenario share its rate path (indexed by months since acquisition),
/// which drives margins and, with <see cref="Discounting.ShortRateDiscounting"/>, discounting.</para>
/// <para>Thread safety: stateless; safe to call concurrently.</para>
/// </remarks>
public static class MonteCarloEngine
{
    /// <summary>Simulates the whole run.</summary>
    /// <param name="model">The model.</param>
    /// <param name="scenarios">Economic scenarios; each path must cover the model's longest horizon.</param>
    /// <param name="options">Seed, customers per scenario, method, parallelism, progress.</param>
    /// <param name="cancellationToken">Cancels the run between chunks.</param>
    /// <returns>The aggregated result.</returns>
    /// <exception cref="ArgumentException">The model does not validate or the scenarios are too short.</exception>
    /// <exception cref="OperationCanceledException">Cancelled.</exception>
    public static SimulationResult Simulate(StrategyModel model, ScenarioSet scenarios, SimulationOptions options, CancellationToken cancellationToken = default)
    {
        var run = Prepare(model, scenarios, options);
        var partial = Compute(run, model, 0, run.Plan.ChunkCount, cancellationToken);
        return new SimulationResult(model, scenarios, options, partial);
    }

    /// <summary>
    /// Simulates on growing scenario sets until the interval of the expected CLV is at most
    /// <see cref="PrecisionOptions.TargetHalfWidth"/> wide on each side, or the cap is reached. Scenarios already simulated
    /// are kept; each round simulates only the added ones. The result is bit-identical to <see cref="Simulate"/> on the
    /// final scenario set, and the rounds are a deterministic function of the inputs (see <see cref="PrecisionOptions"/>).
    /// </summary>
    /// <param name="model">The model.</param>
    /// <param name="scenarios">Makes the first <c>count</c> scenarios; must be prefix-consistent (scenario s the same path
    /// whatever the count), as <see cref="ScenarioSet.Generate"/> with a fixed seed is.</param>
    /// <param name="options">Seed, customers per scenario, confidence level …</param>
    /// <param name="precision">Target half-width, first count, block and cap.</param>
    /// <param name="cancellationToken">Cancels between chunks.</param>
    /// <returns>The result of the last round, with <see cref="SimulationResult.Precision"/> describing the rounds.</returns>
    /// <exception cref="ArgumentException">The model does not validate, the scenarios are too short, or a larger set does not
    /// extend the previous one.</exception>
    /// <exception cref="OperationCanceledException">Cancelled.</exception>
    public static SimulationResult SimulateToPrecision(StrategyModel model, Func<int, ScenarioSet> scenarios, SimulationOptions options,
        PrecisionOptions precision, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(scenarios);
        ArgumentNullException.ThrowIfNull(precision);
        precision.Validate();
        var run = ExtendableRun.Start(model, scenarios(precision.InitialScenarios), options, cancellationToken);
        var rounds = new List<PrecisionRound>();
        while (true)
        {
            var result = run.Result(null);
            var estimate = result.ExpectedClv;
            var round = new PrecisionRound(run.Scenarios.ScenarioCount, estimate.HalfWidth);
            rounds.Add(round);
            precision.Progress?.Report(round);
            var next = precision.Next(round.Scenarios, round.HalfWidth, estimate.ScenariosForHalfWidth(precision.TargetHalfWidth));
            if (next is not { } count)
            {
                return run.Result(new PrecisionRun(precision.TargetHalfWidth, round.HalfWidth <= precision.TargetHalfWidth, rounds));
            }

            run.ExtendTo(scenarios(count), cancellationToken);
        }
    }

    /// <summary>The canonical chunk plan of a run.</summary>
    /// <param name="scenarios">The scenarios.</param>
    /// <param name="options">The options.</param>
    /// <returns>The plan.</returns>
    public static SimulationPlan Plan(ScenarioSet scenarios, SimulationOptions options)
    {
        ArgumentNullException.ThrowIfNull(scenarios);
        ArgumentNullException.ThrowIfNull(options);
        return new SimulationPlan(scenarios.ScenarioCount, options.Customers, options.ChunkSize);
    }

    /// <summary>
    /// Simulates chunks [<paramref name="firstChunk"/>, <paramref name="firstChunk"/> + <paramref name="chunkCount"/>)
    /// of the run and returns their mergeable partial result (for scale-out: each worker runs a range).
    /// </summary>
    /// <param name="model">The model.</param>
    /// <param name="scenarios">The scenarios.</param>
    /// <param name="options">The options (must be the same on every worker).</param>
    /// <param name="firstChunk">First chunk index, in [0, ChunkCount).</param>
    /// <param name="chunkCount">Number of chunks, in [1, ChunkCount − firstChunk].</param>
    /// <param name="cancellationToken">Cancels between chunks.</param>
    /// <returns>The partial result.</returns>
    /// <exception cref="ArgumentException">Invalid model, scenarios or chunk range.</exception>
    /// <exception cref="OperationCanceledException">Cancelled.</exception>
    public static SimulationPartial SimulateChunks(StrategyModel model, ScenarioSet scenarios, SimulationOptions options,
        long firstChunk, long chunkCount, CancellationToken cancellationToken = default)
    {
        var run = Prepare(model, scenarios, options);
        Guard.InRange(firstChunk, 0, run.Plan.ChunkCount - 1);
        Guard.InRange(chunkCount, 1, run.Plan.ChunkCount - firstChunk);
        return Compute(run, model, firstChunk, chunkCount, cancellationToken);
    }

    /// <summary>Chunks on this process's threads, or on the options' backend, whose partial is checked to belong to the run and range.</summary>
    private static SimulationPartial Compute(Run run, StrategyModel model, long firstChunk, long chunkCount, CancellationToken cancellationToken)
    {
        if (run.Options.Backend is not { } backend)
        {
            return Execute(run, firstChunk, chunkCount, cancellationToken);
        }

        var partial = backend.SimulateChunks(model, run.Scenarios, run.Options, firstChunk, chunkCount, cancellationToken);
        if (partial.Fingerprint != run.Fingerprint || partial.ChunkCount != chunkCount || partial.ChunkRanges.Count != 1 || partial.ChunkRanges[0].First != firstChunk)
        {
            throw new InvalidOperationException($"Backend '{backend.Name}' returned a partial for another run or chunk range (fingerprint {partial.Fingerprint}, expected {run.Fingerprint}).");
        }

        return partial;
    }

    /// <summary>Combines the partial results of a whole run into its final result.</summary>
    /// <param name="model">The model the partials were computed for.</param>
    /// <param name="scenarios">The scenarios.</param>
    /// <param name="options">The options.</param>
    /// <param name="partials">Partials covering every chunk exactly once.</param>
    /// <returns>The result, bit-identical to <see cref="Simulate"/>.</returns>
    /// <exception cref="ArgumentException">A partial from another run, duplicated chunks, or missing chunks.</exception>
    public static SimulationResult Combine(StrategyModel model, ScenarioSet scenarios, SimulationOptions options, IReadOnlyList<SimulationPartial> partials)
    {
        var run = Prepare(model, scenarios, options);
        var merged = SimulationPartial.Merge(partials);
        if (merged.Fingerprint != run.Fingerprint)
        {
            throw new ArgumentException($"The partials come from a different run (fingerprint {merged.Fingerprint}, expected {run.Fingerprint}).", nameof(partials));
        }

        if (!merged.IsComplete)
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                $"The partials cover {merged.ChunkCount} of {run.Plan.ChunkCount} chunks (ranges {string.Join(", ", merged.ChunkRanges.Select(r => $"[{r.First}, {r.First + r.Count})"))}): chunks are missing."), nameof(partials));
        }

        return new SimulationResult(model, scenarios, options, merged);
    }

    /// <summary>The fingerprint of a run: partials of the run carry it.</summary>
    /// <param name="model">The model.</param>
    /// <param name="scenarios">The scenarios.</param>
    /// <param name="options">The options.</param>
    /// <returns>32 hexadecimal characters.</returns>
    public static string Fingerprint(StrategyModel model, ScenarioSet scenarios, SimulationOptions options) =>
        Prepare(model, scenarios, options).Fingerprint;

    /// <summary>Validation, compiled model, plan and fingerprint of a run: shared with the public backend contract (<see cref="Backends.DrawLayout"/>).</summary>
    internal static Run Prepare(StrategyModel model, ScenarioSet scenarios, SimulationOptions options)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(scenarios);
        ArgumentNullException.ThrowIfNull(options);
        var compiled = CompiledStrategy.Compile(model);
        if (scenarios.PeriodCount < compiled.MaxPeriods)
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                $"scenarios cover {scenarios.PeriodCount} periods but the model's longest horizon is {compiled.MaxPeriods} months: generate at least that many periods."), nameof(scenarios));
        }

        var plan = Plan(scenarios, options);
        return new Run(compiled, scenarios, options, plan, RunFingerprint.Compute(compiled, scenarios, options));
    }

    private static SimulationPartial Execute(Run run, long firstChunk, long chunkCount, CancellationToken cancellationToken)
    {
        var options = run.Options;
        var keepExact = options.ExactQuantileLimit > 0 && run.Plan.Lifetimes <= options.ExactQuantileLimit;
        var partial = new SimulationPartial(run.Fingerprint, run.Plan, run.Compiled.MaxPeriods, options.SketchAccuracy, keepExact);
        var sync = new object();
        long done = 0, lifetimes = 0;
        var end = firstChunk + chunkCount;
        var threads = (int)Math.Min(options.MaxDegreeOfParallelism == 0 ? Environment.ProcessorCount : options.MaxDegreeOfParallelism, chunkCount);
        var next = firstChunk - 1;

        // One long-lived worker per thread pulls chunk indices from a shared counter (rather than Parallel.For over chunks,
        // whose replicating tasks keep re-creating workers and their tables). Which worker computes a chunk does not
        // matter: every partial is an exact integer sum, so the result is the same for any thread count.
        Parallel.For(0, threads, new ParallelOptions { CancellationToken = cancellationToken, MaxDegreeOfParallelism = threads }, _ =>
        {
            var worker = new Worker(run, keepExact);
            while (true)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var index = Interlocked.Increment(ref next);
                if (index >= end)
                {
                    break;
                }

                var chunk = run.Plan[index];
                worker.Run(chunk);
                lock (sync)
                {
                    worker.Statistics.MergeChunkInto(partial, chunk.Scenario);
                }

                var completed = Interlocked.Increment(ref done);
                var total = Interlocked.Add(ref lifetimes, chunk.CustomerCount);
                options.Progress?.Report(new SimulationProgress(completed, chunkCount, total));
            }

            lock (sync)
            {
                worker.Statistics.MergeSampleInto(partial);
            }
        });

        partial.Complete(firstChunk, chunkCount);
        return partial;
    }

    /// <summary>
    /// A run that can grow by scenarios: scenario s's chunks have the same indices and draws whatever the scenario count
    /// (chunks are numbered scenario-major and every draw is keyed by scenario and customer), so the partial of S
    /// scenarios re-labelled for the larger run, merged with the new scenarios' chunks, is the larger run's partial.
    /// </summary>
    internal sealed class ExtendableRun
    {
        private readonly StrategyModel _model;
        private readonly SimulationOptions _options;
        private Run _run;
        private SimulationPartial _partial;

        private ExtendableRun(StrategyModel model, SimulationOptions options, Run run, SimulationPartial partial)
        {
            _model = model;
            _options = options;
            _run = run;
            _partial = partial;
        }

        /// <summary>The current scenario set.</summary>
        public ScenarioSet Scenarios => _run.Scenarios;

        public static ExtendableRun Start(StrategyModel model, ScenarioSet scenarios, SimulationOptions options, CancellationToken cancellationToken)
        {
            var run = Prepare(model, scenarios, options);
            return new ExtendableRun(model, options, run, Compute(run, model, 0, run.Plan.ChunkCount, cancellationToken));
        }

        /// <summary>Simulates the scenarios of <paramref name="larger"/> beyond the current ones and merges them in.</summary>
        public void ExtendTo(ScenarioSet larger, CancellationToken cancellationToken)
        {
            ArgumentNullException.ThrowIfNull(larger);
            var current = _run.Scenarios;
            if (larger.ScenarioCount <= current.ScenarioCount || larger.PeriodCount != current.PeriodCount)
            {
                throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                    $"The larger scenario set has {larger.ScenarioCount} scenarios of {larger.PeriodCount} periods: it must extend the current {current.ScenarioCount} scenarios of {current.PeriodCount} periods."), nameof(larger));
            }

            for (var s = 0; s < current.ScenarioCount; s++)
            {
                if (!larger.Path(s).SequenceEqual(current.Path(s)))
                {
                    throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                        $"Scenario {s} of the larger set differs from scenario {s} of the current set: the scenario source must keep earlier scenarios unchanged (generate with the same model and seed)."), nameof(larger));
                }
            }

            var run = Prepare(_model, larger, _options);
            var keepExact = _options.ExactQuantileLimit > 0 && run.Plan.Lifetimes <= _options.ExactQuantileLimit;
            var extended = _partial.Extend(run.Fingerprint, run.Plan, keepExact);
            var first = _partial.Plan.ChunkCount;
            extended.MergeFrom(Compute(run, _model, first, run.Plan.ChunkCount - first, cancellationToken), "the added scenarios");
            _run = run;
            _partial = extended;
        }

        public SimulationResult Result(PrecisionRun? precision) => new(_model, _run.Scenarios, _options, _partial, precision);
    }

    internal sealed record Run(CompiledStrategy Compiled, ScenarioSet Scenarios, SimulationOptions Options, SimulationPlan Plan, string Fingerprint);

    /// <summary>Per-thread scratch: the model's chunk kernel, buffers and the worker's statistics.</summary>
    private sealed class Worker(Run run, bool keepExact)
    {
        private readonly ChunkKernel _kernel = run.Compiled.CreateKernel(run.Scenarios, run.Options);
        private readonly double[] _pv = new double[run.Options.ChunkSize];
        private readonly double[] _flows = new double[run.Compiled.MaxPeriods];

        public ChunkStatistics Statistics { get; } = new(run.Compiled.MaxPeriods, run.Options.SketchAccuracy, keepExact, run.Plan.Lifetimes);

        public void Run(SimulationChunk chunk)
        {
            var pv = _pv.AsSpan(0, chunk.CustomerCount);
            _kernel.Run(chunk.Scenario, chunk.FirstCustomer, chunk.CustomerCount, pv, _flows);
            Statistics.Record(pv, _flows);
        }
    }
}
