using System.Globalization;
using LifetimeValue.Simulation;

namespace LifetimeValue.Orleans;

/// <summary>
/// A Monte Carlo run described in a few hundred bytes, so it can travel to every silo: a model reference and a
/// scenario spec (resolved in each process by its <see cref="ISimulationInputResolver"/>) plus the numbers of
/// <see cref="SimulationOptions"/> that define the result (seed, customers, chunk size, method, sketch settings).
/// </summary>
/// <remarks>
/// <para>Threads and progress are not part of a job: they never change the result, and each silo chooses its own
/// parallelism (<see cref="SimulationSiloOptions"/>).</para>
/// <para>Before any chunk runs, the coordinator resolves the job locally and sends the run fingerprint
/// (<see cref="MonteCarloEngine.Fingerprint"/>) with every call; a silo whose resolver yields different inputs refuses
/// the work with <see cref="SimulationInputMismatchException"/> instead of returning partials that would not merge.</para>
/// <para>Thread safety: immutable; safe to share.</para>
/// </remarks>
[GenerateSerializer]
[Immutable]
[Alias("LifetimeValue.Orleans.SimulationJob")]
public sealed record SimulationJob
{
    /// <summary>The model reference, resolved by <see cref="ISimulationInputResolver.ResolveModel"/> (for example <c>w1</c> or <c>bank</c>).</summary>
    [Id(0)]
    public required string Model { get; init; }

    /// <summary>The scenarios.</summary>
    [Id(1)]
    public required ScenarioSpec Scenarios { get; init; }

    /// <summary>The simulation seed (<see cref="SimulationOptions.Seed"/>).</summary>
    [Id(2)]
    public ulong Seed { get; init; } = 1;

    /// <summary>Customers per scenario (<see cref="SimulationOptions.Customers"/>), in [1, 2⁴⁰].</summary>
    [Id(3)]
    public long Customers { get; init; } = 10_000;

    /// <summary>Customers per canonical chunk (<see cref="SimulationOptions.ChunkSize"/>), in [1, 2²⁰].</summary>
    [Id(4)]
    public int ChunkSize { get; init; } = SimulationOptions.DefaultChunkSize;

    /// <summary>The sampling method (<see cref="SimulationOptions.Method"/>).</summary>
    [Id(5)]
    public SimulationMethod Method { get; init; } = SimulationMethod.EventTime;

    /// <summary>Relative accuracy of the quantile sketch (<see cref="SimulationOptions.SketchAccuracy"/>), in [1e-4, 0.1].</summary>
    [Id(6)]
    public double SketchAccuracy { get; init; } = new SimulationOptions().SketchAccuracy;

    /// <summary>Exact-percentile limit (<see cref="SimulationOptions.ExactQuantileLimit"/>), in [0, 10⁷]; 0 disables.</summary>
    [Id(7)]
    public int ExactQuantileLimit { get; init; }

    /// <summary>
    /// The text of a model file (<see cref="LifetimeValue.Serialization.ModelFile"/> JSON) carried with the job, or null
    /// (the default) to resolve <see cref="Model"/> by name. When set, every process takes the model from this text (so
    /// silos need no copy of the file; <see cref="Model"/> is then only a label), and
    /// <see cref="ScenarioSpec.FromModelFile"/> takes its <c>scenarios</c> section. Its <c>simulation</c> section is not
    /// used: the job's own numbers define the run. A CSV scenario file it names must be readable at the same path
    /// everywhere (the fingerprint check refuses a silo whose copy differs).
    /// </summary>
    [Id(8)]
    public string? ModelFile { get; init; }

    /// <summary>A job for a model reference, a scenario spec and the result-defining numbers of <paramref name="options"/>.</summary>
    /// <param name="model">The model reference; not empty.</param>
    /// <param name="scenarios">The scenario spec.</param>
    /// <param name="options">The options (threads and progress are dropped: they do not change the result).</param>
    /// <returns>The job.</returns>
    /// <exception cref="ArgumentException"><paramref name="model"/> is empty.</exception>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static SimulationJob Create(string model, ScenarioSpec scenarios, SimulationOptions options)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(model);
        ArgumentNullException.ThrowIfNull(scenarios);
        ArgumentNullException.ThrowIfNull(options);
        return new SimulationJob
        {
            Model = model,
            Scenarios = scenarios,
            Seed = options.Seed,
            Customers = options.Customers,
            ChunkSize = options.ChunkSize,
            Method = options.Method,
            SketchAccuracy = options.SketchAccuracy,
            ExactQuantileLimit = options.ExactQuantileLimit,
        };
    }

    /// <summary>
    /// A job that carries its model file: the model and the scenarios come from <paramref name="modelFile"/>, the
    /// result-defining numbers from <paramref name="options"/> (what <c>lifetimevalue simulate … --cluster</c> sends).
    /// </summary>
    /// <param name="modelFile">The model file's text (JSON) with a <c>scenarios</c> section; a CSV path in it should be absolute.</param>
    /// <param name="options">The options (threads and progress are dropped: they do not change the result).</param>
    /// <param name="label">A name for messages and logs (for example the file name); not empty.</param>
    /// <returns>The job.</returns>
    /// <exception cref="ArgumentException"><paramref name="modelFile"/> is not a valid model file or has no scenarios section; <paramref name="label"/> is empty.</exception>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static SimulationJob FromModelFile(string modelFile, SimulationOptions options, string label = "model file")
    {
        ArgumentNullException.ThrowIfNull(modelFile);
        ArgumentException.ThrowIfNullOrWhiteSpace(label);
        LifetimeValue.Serialization.ModelDocument document;
        try
        {
            document = LifetimeValue.Serialization.ModelFile.Parse(modelFile, label);
        }
        catch (LifetimeValue.Serialization.ModelFileException e)
        {
            throw new ArgumentException($"{nameof(modelFile)} is not a valid model file: {e.Message}", nameof(modelFile), e);
        }

        if (document.Scenarios is null)
        {
            throw new ArgumentException($"{nameof(modelFile)} has no scenarios section: a job needs one (add it, or use {nameof(Create)} with a {nameof(ScenarioSpec)}).", nameof(modelFile));
        }

        return Create(label, ScenarioSpec.FromModelFile(), options) with { ModelFile = modelFile };
    }

    /// <summary>The job's <see cref="SimulationOptions"/> (validating every number).</summary>
    /// <param name="maxDegreeOfParallelism">Threads for this process: 0 for all cores, else in [1, 1024].</param>
    /// <returns>The options.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A number is out of range.</exception>
    /// <exception cref="InvalidOperationException"><see cref="Method"/> is not a defined value.</exception>
    public SimulationOptions ToOptions(int maxDegreeOfParallelism = 0)
    {
        if (!Enum.IsDefined(Method))
        {
            throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture,
                $"Method must be a defined {nameof(SimulationMethod)} (was {Method})."));
        }

        return new SimulationOptions
        {
            Seed = Seed,
            Customers = Customers,
            ChunkSize = ChunkSize,
            Method = Method,
            SketchAccuracy = SketchAccuracy,
            ExactQuantileLimit = ExactQuantileLimit,
            MaxDegreeOfParallelism = maxDegreeOfParallelism,
        };
    }

    /// <inheritdoc/>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{Model} × [{Scenarios}], N = {Customers}, seed {Seed}, chunks of {ChunkSize}, {Method}");
}
