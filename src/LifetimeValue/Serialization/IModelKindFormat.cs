using System.Text.Json;
using LifetimeValue.Model;

namespace LifetimeValue.Serialization;

/// <summary>
/// Reads and writes the model object of one model kind in model files (the <c>"kind"</c> discriminator of
/// <c>$.model</c> is <see cref="ModelKind.Name"/>); each kind's format lives in its kind's folder.
/// </summary>
internal interface IModelKindFormat
{
    /// <summary>Reads the model object at <paramref name="path"/> (its <c>kind</c> already checked).</summary>
    StrategyModel Read(JsonSource source, JsonElement element, string path);

    /// <summary>Writes the model's properties after <c>"kind"</c> (the caller writes the braces and the kind).</summary>
    void Write(Utf8JsonWriter writer, StrategyModel model);
}
