using System.Collections.Concurrent;
using LifetimeValue.Model;
using LifetimeValue.Scenarios;

namespace LifetimeValue.Orleans;

/// <summary>
/// The bundled <see cref="ISimulationInputResolver"/>: models and scenario sets registered by name (the presets
/// <c>w1</c> and <c>bank</c> with <see cref="WithPresets"/>), and scenarios generated from a spec's short-rate model.
/// </summary>
/// <remarks>
/// <para>Names are case-insensitive. Factories run on every resolution (silos cache resolved inputs per job), so
/// they must be deterministic: the same name must give the same numbers in every process.</para>
/// <para>Thread safety: registration and resolution may run concurrently.</para>
/// </remarks>
public sealed class SimulationInputResolver : ISimulationInputResolver
{
    private readonly ConcurrentDictionary<string, Func<StrategyModel>> _models = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<string, Func<int, ScenarioSet>> _scenarios = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>A resolver with the presets registered: <c>w1</c> (<see cref="Presets.W1"/>), <c>bank</c> (<see cref="Presets.Bank"/>) and <c>hotel</c> (<see cref="Presets.Hotel"/>).</summary>
    /// <returns>A new resolver.</returns>
    public static SimulationInputResolver WithPresets() =>
        new SimulationInputResolver().AddModel("w1", Presets.W1).AddModel("bank", Presets.Bank).AddModel("hotel", Presets.Hotel);

    /// <summary>
    /// Registers a model file (see <see cref="LifetimeValue.Serialization.ModelFile"/>) under a name: every silo reads the file
    /// at <paramref name="path"/> (a path the silos can all see, e.g. a mounted volume) when a job first refers to it. The
    /// fingerprint check refuses the job if a silo's copy of the file differs from the client's.
    /// </summary>
    /// <param name="name">The reference jobs use; not empty.</param>
    /// <param name="path">The model file.</param>
    /// <returns>This resolver.</returns>
    public SimulationInputResolver AddModelFile(string name, string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        return AddModel(name, () => LifetimeValue.Serialization.ModelFile.Load(path).Model);
    }

    /// <summary>Registers (or replaces) a model under a name.</summary>
    /// <param name="name">The reference jobs use; not empty.</param>
    /// <param name="factory">Builds the model; deterministic.</param>
    /// <returns>This resolver.</returns>
    /// <exception cref="ArgumentException"><paramref name="name"/> is empty.</exception>
    /// <exception cref="ArgumentNullException"><paramref name="factory"/> is null.</exception>
    public SimulationInputResolver AddModel(string name, Func<StrategyModel> factory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(factory);
        _models[name] = factory;
        return this;
    }

    /// <summary>Registers (or replaces) a scenario set under a name, for <see cref="ScenarioSpec.FromName"/>.</summary>
    /// <param name="name">The name; not empty.</param>
    /// <param name="factory">Builds the set from the periods required (the spec's, else the model's horizon); deterministic.</param>
    /// <returns>This resolver.</returns>
    /// <exception cref="ArgumentException"><paramref name="name"/> is empty.</exception>
    /// <exception cref="ArgumentNullException"><paramref name="factory"/> is null.</exception>
    public SimulationInputResolver AddScenarios(string name, Func<int, ScenarioSet> factory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(factory);
        _scenarios[name] = factory;
        return this;
    }

    /// <inheritdoc/>
    public StrategyModel ResolveModel(string reference)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reference);
        return _models.TryGetValue(reference, out var factory)
            ? factory()
            : throw new KeyNotFoundException($"Unknown model '{reference}': this process's resolver knows {Known(_models.Keys)}.");
    }

    /// <inheritdoc/>
    public ScenarioSet ResolveScenarios(ScenarioSpec spec, int minimumPeriods)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentOutOfRangeException.ThrowIfLessThan(minimumPeriods, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(minimumPeriods, ScenarioSet.MaxPeriods);
        spec.Validate();
        var periods = spec.Periods == 0 ? minimumPeriods : spec.Periods;
        return spec.Source switch
        {
            ScenarioSource.Constant => ScenarioSet.Constant(spec.InitialRate, periods),
            ScenarioSource.Vasicek => ScenarioSet.Generate(
                new Vasicek(spec.InitialRate, spec.Kappa, spec.Theta, spec.Sigma, spec.Scheme), spec.Count, periods, spec.Seed),
            ScenarioSource.CoxIngersollRoss => ScenarioSet.Generate(
                new CoxIngersollRoss(spec.InitialRate, spec.Kappa, spec.Theta, spec.Sigma, spec.Scheme), spec.Count, periods, spec.Seed),
            ScenarioSource.ModelFile => throw new ArgumentException(
                "Scenarios from a model file are read from the job's model file (SimulationJob.ModelFile), not from a resolver.", nameof(spec)),
            _ => _scenarios.TryGetValue(spec.Name!, out var factory)
                ? factory(periods)
                : throw new KeyNotFoundException($"Unknown scenario set '{spec.Name}': this process's resolver knows {Known(_scenarios.Keys)}."),
        };
    }

    private static string Known(IEnumerable<string> names)
    {
        var sorted = names.Order(StringComparer.OrdinalIgnoreCase).ToArray();
        return sorted.Length == 0 ? "none" : string.Join(", ", sorted);
    }
}
