using LifetimeValue.Serialization;

namespace LifetimeValue.Model;

/// <summary>
/// One kind of strategy model, as the engines and model files see it: how a model of the kind is compiled (its exact
/// projection, its Monte Carlo chunk kernel and its run fingerprint live on the compiled form) and how it is read from
/// and written to a model file. Each kind lives in its own folder (<c>Lifecycle/</c>, <c>Focused/</c>) and is
/// registered once in <see cref="ModelKinds"/>.
/// </summary>
/// <remarks>Thread safety: stateless; safe to share.</remarks>
internal abstract class ModelKind
{
    /// <summary>The model-file discriminator (<c>$.model.kind</c>), e.g. <c>lifecycle</c>.</summary>
    public abstract string Name { get; }

    /// <summary>The public model type of the kind.</summary>
    public abstract Type ModelType { get; }

    /// <summary>Reads and writes the kind's model object in model files.</summary>
    public abstract IModelKindFormat Format { get; }

    /// <summary>Validates <paramref name="model"/> (of <see cref="ModelType"/>) and flattens it for the engines.</summary>
    /// <param name="model">The model.</param>
    /// <returns>The compiled model.</returns>
    /// <exception cref="ArgumentException">The model does not validate.</exception>
    public abstract CompiledStrategy Compile(StrategyModel model);
}
