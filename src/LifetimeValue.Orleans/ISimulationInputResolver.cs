using LifetimeValue.Model;
using LifetimeValue.Scenarios;

namespace LifetimeValue.Orleans;

/// <summary>
/// Turns the references of a <see cref="SimulationJob"/> into inputs, in every process of the cluster (each silo
/// and the coordinating client): a model reference into a <see cref="StrategyModel"/>, a <see cref="ScenarioSpec"/>
/// into a <see cref="ScenarioSet"/>. Register one in the silo's services (<see cref="SimulationSiloExtensions"/>).
/// </summary>
/// <remarks>
/// <para>Every process must resolve a job to the same numbers: the coordinator compares run fingerprints and
/// silos refuse mismatched work (<see cref="SimulationInputMismatchException"/>). Deterministic resolution —
/// presets, generators with a seed, files on a shared read-only volume — satisfies this.</para>
/// <para><see cref="SimulationInputResolver"/> is the bundled implementation (presets, generated and registered
/// scenarios); a resolver for model files plugs in here once the JSON model format lands.</para>
/// <para>Thread safety: implementations must be safe to call concurrently.</para>
/// </remarks>
public interface ISimulationInputResolver
{
    /// <summary>The model a job's <see cref="SimulationJob.Model"/> refers to.</summary>
    /// <param name="reference">The reference, for example <c>w1</c>.</param>
    /// <returns>The model.</returns>
    /// <exception cref="KeyNotFoundException">Unknown reference.</exception>
    StrategyModel ResolveModel(string reference);

    /// <summary>The scenarios a spec describes, covering at least <paramref name="minimumPeriods"/> months.</summary>
    /// <param name="spec">The spec.</param>
    /// <param name="minimumPeriods">The model's longest horizon in months, in [1, <see cref="ScenarioSet.MaxPeriods"/>]; used when the spec leaves <see cref="ScenarioSpec.Periods"/> at 0.</param>
    /// <returns>The scenarios.</returns>
    /// <exception cref="KeyNotFoundException">An unknown named set.</exception>
    /// <exception cref="ArgumentException">An invalid spec.</exception>
    ScenarioSet ResolveScenarios(ScenarioSpec spec, int minimumPeriods);
}
