using System.Text;
using System.Text.Json;
using LifetimeValue.Model;
using LifetimeValue.Simulation;

namespace LifetimeValue.Serialization;

/// <summary>
/// Model files: a documented JSON format for every model the library runs, with the scenarios and
/// simulation options of a run, so that a run can be written down, versioned, reviewed and repeated.
/// Load with <see cref="Load"/>, save with <see cref="Save(StrategyModel, string)"/>; the JSON Schema
/// (draft 2020-12) is <see cref="Schema"/>.
/// </summary>
/// <remarks>
/// <para>Layout: <c>{"$schema", "formatVersion": 1, "model": {"kind": "lifecycle", …}, "scenarios": {…}, "simulation": {…}, "programme": {…}}</c>;
/// <c>scenarios</c> and <c>simulation</c> are optional. The <c>kind</c> of <c>model</c> selects the model type
/// (<see cref="Kinds"/>). Numbers are written in the shortest form that round-trips, so
/// <c>Load(Save(m))</c> equals <c>m</c> exactly.</para>
/// <para>Reading is strict: unknown or duplicated properties, wrong types and out-of-range values are errors
/// (<see cref="ModelFileException"/>) naming the JSON path, the value, what was expected and the line and
/// position. Comments and trailing commas are allowed. See docs/model-files.md.</para>
/// <para>Thread safety: stateless; safe to call concurrently.</para>
/// </remarks>
public static class ModelFile
{
    /// <summary>The format version written and read (<c>formatVersion</c>).</summary>
    public const int FormatVersion = 1;

    /// <summary>The <c>$schema</c> identifier written into files (the schema's <c>$id</c>).</summary>
    public const string SchemaId = "https://github.com/lifetimevalue/lifetimevalue/schemas/model-file-1.schema.json";

    private const string SchemaResource = "LifetimeValue.Serialization.model-file.schema.json";

    private static readonly Lazy<string> SchemaText = new(LoadSchema);

    /// <summary>The model kinds (values of <c>$.model.kind</c>) this version reads and writes.</summary>
    public static IReadOnlyList<string> Kinds { get; } = [.. ModelKinds.All.Select(k => k.Name)];

    /// <summary>The JSON Schema (draft 2020-12) of the format, as JSON text.</summary>
    public static string Schema => SchemaText.Value;

    /// <summary>Reads a model file.</summary>
    /// <param name="path">Path of the file.</param>
    /// <returns>The document (model, and the scenarios and simulation options when present).</returns>
    /// <exception cref="ModelFileException">The file is not a valid model file (the message says where and why).</exception>
    /// <exception cref="IOException">The file cannot be read.</exception>
    public static ModelDocument Load(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        return Read(File.ReadAllBytes(path), Path.GetFileName(path));
    }

    /// <summary>Reads a model file from a stream of UTF-8 JSON.</summary>
    /// <param name="stream">The source.</param>
    /// <param name="sourceName">A label for error messages (e.g. the file name), or null.</param>
    /// <returns>The document.</returns>
    /// <exception cref="ModelFileException">Not a valid model file.</exception>
    public static ModelDocument Read(Stream stream, string? sourceName = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        return Read(buffer.ToArray(), sourceName);
    }

    /// <summary>Reads a model file from JSON text.</summary>
    /// <param name="json">The JSON text.</param>
    /// <param name="sourceName">A label for error messages, or null.</param>
    /// <returns>The document.</returns>
    /// <exception cref="ModelFileException">Not a valid model file.</exception>
    public static ModelDocument Parse(string json, string? sourceName = null)
    {
        ArgumentNullException.ThrowIfNull(json);
        return Read(Encoding.UTF8.GetBytes(json), sourceName);
    }

    /// <summary>Writes a model (without scenarios or simulation options) to a file.</summary>
    /// <param name="model">The model, e.g. <c>Presets.Bank()</c>.</param>
    /// <param name="path">Destination path (overwritten).</param>
    /// <exception cref="NotSupportedException">A model kind or part with no file form.</exception>
    public static void Save(StrategyModel model, string path) => Save(new ModelDocument(model), path);

    /// <summary>Writes a document to a file.</summary>
    /// <param name="document">The document.</param>
    /// <param name="path">Destination path (overwritten).</param>
    /// <exception cref="NotSupportedException">A model kind or part with no file form.</exception>
    public static void Save(ModelDocument document, string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var bytes = ToUtf8(document);
        File.WriteAllBytes(path, bytes);
    }

    /// <summary>Writes a document as indented UTF-8 JSON.</summary>
    /// <param name="document">The document.</param>
    /// <param name="stream">Destination.</param>
    /// <exception cref="NotSupportedException">A model kind or part with no file form.</exception>
    public static void Write(ModelDocument document, Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        stream.Write(ToUtf8(document));
    }

    /// <summary>The document as indented JSON text.</summary>
    /// <param name="document">The document.</param>
    /// <returns>JSON text ending in a newline.</returns>
    public static string ToJson(ModelDocument document) => Encoding.UTF8.GetString(ToUtf8(document));

    /// <summary>A model (alone) as indented JSON text.</summary>
    /// <param name="model">The model.</param>
    /// <returns>JSON text ending in a newline.</returns>
    public static string ToJson(StrategyModel model) => ToJson(new ModelDocument(model));

    private static byte[] ToUtf8(ModelDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        var model = document.Model;
        var kind = ModelKinds.Of(model);
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            writer.WriteStartObject();
            writer.WriteString("$schema", SchemaId);
            writer.WriteNumber("formatVersion", FormatVersion);
            writer.WriteStartObject("model");
            writer.WriteString("kind", kind.Name);
            kind.Format.Write(writer, model);
            writer.WriteEndObject();
            if (document.Scenarios is { } scenarios)
            {
                RunFormat.WriteScenarios(writer, scenarios);
            }

            if (document.Simulation is { } simulation)
            {
                RunFormat.WriteSimulation(writer, simulation);
            }

            if (document.Programme is { } programme)
            {
                ProgrammeFormat.Write(writer, programme);
            }

            writer.WriteEndObject();
        }

        buffer.WriteByte((byte)'\n');
        return buffer.ToArray();
    }

    private static ModelDocument Read(byte[] utf8, string? sourceName)
    {
        using var source = JsonSource.Parse(utf8, sourceName);
        var root = JsonObjectReader.Open(source, source.Root, "$", "$schema", "formatVersion", "model", "scenarios", "simulation", "programme");
        if (root.Has("$schema"))
        {
            root.String("$schema");
        }

        var version = root.Integer("formatVersion", 1, int.MaxValue);
        if (version != FormatVersion)
        {
            throw root.Error("formatVersion", $"is {version}, but this library reads format version {FormatVersion}: upgrade LifetimeValue to read it.");
        }

        var modelElement = root.Required("model");
        var modelPath = root.PathOf("model");
        var kind = JsonObjectReader.Open(source, modelElement, modelPath, [.. ModelKeys(modelElement)]).Choice("kind", [.. Kinds]);
        var model = ModelKinds.Named(kind)!.Format.Read(source, modelElement, modelPath);
        var scenarios = root.Has("scenarios") ? RunFormat.ReadScenarios(source, root.Required("scenarios"), root.PathOf("scenarios")) : null;
        SimulationOptions? simulation = root.Has("simulation") ? RunFormat.ReadSimulation(source, root.Required("simulation"), root.PathOf("simulation")) : null;
        var programme = root.Has("programme") ? ProgrammeFormat.Read(source, root.Required("programme"), root.PathOf("programme")) : null;
        return new ModelDocument(model, scenarios, simulation) { Programme = programme };
    }

    // The kind is read before the kind's own property list is known, so any property is allowed at this step.
    private static IEnumerable<string> ModelKeys(JsonElement element) =>
        element.ValueKind == JsonValueKind.Object ? element.EnumerateObject().Select(p => p.Name) : [];

    private static string LoadSchema()
    {
        using var stream = typeof(ModelFile).Assembly.GetManifestResourceStream(SchemaResource)
            ?? throw new InvalidOperationException($"The embedded resource {SchemaResource} is missing from the LifetimeValue assembly.");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return reader.ReadToEnd();
    }
}
