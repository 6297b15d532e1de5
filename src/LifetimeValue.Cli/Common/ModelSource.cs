using LifetimeValue.Serialization;

namespace LifetimeValue.Cli.Common;

/// <summary>
/// The <c>&lt;model&gt;</c> argument resolved: a preset name (<c>bank</c>, <c>w1</c>) or a model-file path.
/// A file wins when both exist.
/// </summary>
internal sealed class ModelSource
{
    private ModelSource(ModelDocument document, string label, string? baseDirectory, PresetEntry? preset)
    {
        Document = document;
        Label = label;
        BaseDirectory = baseDirectory;
        Preset = preset;
    }

    public ModelDocument Document { get; }

    /// <summary>The preset name or file name, for messages.</summary>
    public string Label { get; }

    /// <summary>Folder of the model file (relative CSV paths resolve against it), or null for a preset.</summary>
    public string? BaseDirectory { get; }

    public PresetEntry? Preset { get; }

    public static ModelSource Resolve(string argument)
    {
        if (File.Exists(argument))
        {
            try
            {
                var document = ModelFile.Load(argument);
                return new ModelSource(document, Path.GetFileName(argument), Path.GetDirectoryName(Path.GetFullPath(argument)), null);
            }
            catch (ModelFileException e)
            {
                throw CliException.Invalid($"invalid model file: {e.Message}", e);
            }
            catch (IOException e)
            {
                throw CliException.Invalid($"cannot read model file '{argument}': {e.Message}", e);
            }
        }

        if (PresetCatalog.Find(argument) is { } preset)
        {
            return new ModelSource(preset.Create(), preset.Name, null, preset);
        }

        throw CliException.Invalid(
            $"'{argument}' is neither a preset ({PresetCatalog.Names}) nor an existing model file.");
    }
}
