using LifetimeValue.Model;
using LifetimeValue.Serialization;

namespace LifetimeValue.Focused.Internal;

/// <summary>The customer-focused kind: <see cref="CustomerFocusedModel"/>.</summary>
internal sealed class FocusedKind : ModelKind
{
    public override string Name => "customerFocused";

    public override Type ModelType => typeof(CustomerFocusedModel);

    public override IModelKindFormat Format { get; } = new CustomerFocusedModelFormat();

    public override CompiledStrategy Compile(StrategyModel model) => new CompiledFocusedModel((CustomerFocusedModel)model);
}
