using LifetimeValue.Model;
using LifetimeValue.Serialization;

namespace LifetimeValue.Lifecycle.Internal;

/// <summary>The customer-centric kind: <see cref="LifecycleModel"/>.</summary>
internal sealed class LifecycleKind : ModelKind
{
    public override string Name => "lifecycle";

    public override Type ModelType => typeof(LifecycleModel);

    public override IModelKindFormat Format { get; } = new LifecycleModelFormat();

    public override CompiledStrategy Compile(StrategyModel model) => new CompiledLifecycleModel((LifecycleModel)model);
}
