using LifetimeValue.Model;
using LifetimeValue.Simulation;

namespace LifetimeValue.Serialization;

/// <summary>
/// The contents of a model file: the model, and optionally the scenarios and simulation options of a run,
/// so that one file fully specifies a reproducible simulation.
/// </summary>
/// <remarks>
/// Only the options that define a result are stored (seed, customers, chunk size, method, sketch accuracy,
/// exact-quantile limit); threads and progress are chosen where the file is run. Thread safety: immutable.
/// </remarks>
public sealed record ModelDocument
{
    private readonly StrategyModel _model = null!;

    /// <summary>Creates a document.</summary>
    /// <param name="model">The model.</param>
    /// <param name="scenarios">The scenarios, or null (the runner chooses).</param>
    /// <param name="simulation">The simulation options, or null (the runner chooses).</param>
    /// <exception cref="ArgumentNullException"><paramref name="model"/> is null.</exception>
    public ModelDocument(StrategyModel model, ScenarioSpec? scenarios = null, SimulationOptions? simulation = null)
    {
        Model = model;
        Scenarios = scenarios;
        Simulation = simulation;
    }

    /// <summary>The model.</summary>
    public StrategyModel Model { get => _model; init => _model = value ?? throw new ArgumentNullException(nameof(Model)); }

    /// <summary>The scenarios to run, or null.</summary>
    public ScenarioSpec? Scenarios { get; init; }

    /// <summary>The simulation options (result-defining ones only), or null.</summary>
    public SimulationOptions? Simulation { get; init; }

    /// <summary>An acquisition programme's terms for the model (the file's <c>programme</c> section), or null.</summary>
    public Programmes.ProgrammeTerms? Programme { get; init; }
}
