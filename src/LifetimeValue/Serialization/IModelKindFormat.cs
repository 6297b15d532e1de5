using System.Text.Json;
using LifetimeValue.Model;

namespace LifetimeValue.Serialization;

/// <summary>
/// Reads and writes one model kind (the <c>"kind"</c> discriminator of <c>$.model</c>). Adding a kind is one
/// class implementing this interface, one line in <see cref="ModelFile"/>'s kind list, and one definition in
/// the schema (see docs/model-files.md).
/// </summary>
internal interface IModelKindFormat
{
    /// <summary>The discriminator value, e.g. <c>lifecycle</c>.</summary>
    string Kind { get; }

    /// <summary>The model type written under this kind.</summary>
    Type ModelType { get; }

    /// <summary>Reads the model object at <paramref name="path"/> (its <c>kind</c> already checked).</summary>
    StrategyModel Read(JsonSource source, JsonElement element, string path);

    /// <summary>Writes the model's properties after <c>"kind"</c> (the caller writes the braces and the kind).</summary>
    void Write(Utf8JsonWriter writer, StrategyModel model);
}
