using LifetimeValue.Focused.Internal;
using LifetimeValue.Lifecycle.Internal;

namespace LifetimeValue.Model;

/// <summary>
/// The registry of model kinds. Adding a kind (say, a subscription business) is one folder holding the public model
/// type and its <see cref="ModelKind"/> (compiled form, projection, kernel, model-file format), one entry here, and one
/// <c>$defs</c> entry in the model-file schema.
/// </summary>
internal static class ModelKinds
{
    /// <summary>Every kind, in model-file order.</summary>
    public static IReadOnlyList<ModelKind> All { get; } = [new LifecycleKind(), new FocusedKind()];

    /// <summary>The kind of <paramref name="model"/>.</summary>
    /// <param name="model">A model.</param>
    /// <returns>Its kind.</returns>
    /// <exception cref="NotSupportedException">The model's type is not a registered kind.</exception>
    public static ModelKind Of(StrategyModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var type = model.GetType();
        foreach (var kind in All)
        {
            if (kind.ModelType == type)
            {
                return kind;
            }
        }

        throw new NotSupportedException($"Model type {type.Name} is not a registered model kind.");
    }

    /// <summary>The kind named <paramref name="name"/> (the model-file discriminator), or null.</summary>
    /// <param name="name">A discriminator.</param>
    /// <returns>The kind, or null when none has that name.</returns>
    public static ModelKind? Named(string name)
    {
        foreach (var kind in All)
        {
            if (string.Equals(kind.Name, name, StringComparison.Ordinal))
            {
                return kind;
            }
        }

        return null;
    }
}
