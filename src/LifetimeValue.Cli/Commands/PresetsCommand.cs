using System.CommandLine;
using LifetimeValue.Lifecycle;
using LifetimeValue.Serialization;
using LifetimeValue.Cli.Common;
using LifetimeValue.Reporting;

namespace LifetimeValue.Cli.Commands;

/// <summary><c>presets list</c> and <c>presets export &lt;name&gt; [--out file]</c>.</summary>
internal static class PresetsCommand
{
    public static Command Create(CliEnvironment env)
    {
        var command = new Command("presets", "List the bundled models or export one as a model file to start your own from.");

        var list = new Command("list", "List the bundled models.");
        var output = new OutputOptions();
        output.AddTo(list);
        CommandRunner.SetAction(list, env, (parse, _) =>
        {
            var rows = new List<IReadOnlyList<object?>>();
            foreach (var preset in PresetCatalog.All)
            {
                var model = preset.Create().Model;
                var (stages, ages, horizon) = model is LifecycleModel m
                    ? ((object?)m.Stages.Stages.Count, (string?)$"{m.Acquisition.Ages[0]}–{m.Acquisition.Ages[^1]}", (string?)m.Horizon.ToString())
                    : (null, null, null);
                rows.Add([preset.Name, model.Kind.ToString(), stages, ages, horizon, preset.Description]);
            }

            var table = new ResultTable("presets",
                [ResultColumn.Text("name"), ResultColumn.Text("kind"), ResultColumn.Count("stages"), ResultColumn.Text("acquisition ages"), ResultColumn.Text("horizon"), ResultColumn.Text("description")], rows);
            output.Write(parse, new ResultReport("Presets", [new MetricRow("Library version", ValueKind.Text, ResultReport.LibraryVersion)], [table]), env);
            return ExitCodes.Ok;
        });

        var export = new Command("export", "Write a preset as a model file (model, default scenarios and simulation options).");
        var name = new Argument<string>("name") { Description = $"Preset name: {PresetCatalog.Names}." };
        var outFile = new Option<string?>("--out", "-o") { Description = "File to write (default: standard output)." };
        export.Arguments.Add(name);
        export.Options.Add(outFile);
        CommandRunner.SetAction(export, env, (parse, _) =>
        {
            var preset = PresetCatalog.Find(parse.GetValue(name)!)
                ?? throw CliException.Usage($"no preset named '{parse.GetValue(name)}'; presets: {PresetCatalog.Names}.");
            var document = preset.Create();
            if (parse.GetValue(outFile) is { } path)
            {
                AtomicFile.Write(path, temp => ModelFile.Save(document, temp));
                env.Error.WriteLine($"wrote {path}");
            }
            else
            {
                env.Output.Write(ModelFile.ToJson(document));
                env.Output.Flush();
            }

            return ExitCodes.Ok;
        });

        command.Subcommands.Add(list);
        command.Subcommands.Add(export);
        return command;
    }
}
