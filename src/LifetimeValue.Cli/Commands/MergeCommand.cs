using System.CommandLine;
using System.Globalization;
using LifetimeValue.Simulation;
using LifetimeValue.Cli.Common;

namespace LifetimeValue.Cli.Commands;

/// <summary>
/// <c>merge &lt;files…&gt;</c>: combines the partial files of one run into its final result, bit-identical to an
/// unchunked <c>simulate</c>. Refuses foreign, duplicated, missing, corrupt or truncated parts (exit code 2) before
/// writing anything.
/// </summary>
internal static class MergeCommand
{
    public static Command Create(CliEnvironment env)
    {
        var command = new Command("merge", "Combine the partial files of a chunked run (simulate --chunks k/n --partial file) into the final result.");
        var files = new Argument<string[]>("files") { Description = "The partial files, in any order.", Arity = ArgumentArity.OneOrMore };
        command.Arguments.Add(files);
        var output = new OutputOptions();
        output.AddTo(command);
        CommandRunner.SetAction(command, env, (parse, cancellationToken) =>
        {
            var paths = parse.GetValue(files)!;
            var parts = new List<(string Name, PartialFile File)>();
            foreach (var path in paths)
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (!File.Exists(path))
                {
                    throw CliException.Invalid($"{path}: no such partial file.");
                }

                try
                {
                    parts.Add((Path.GetFileName(path), PartialFile.Read(path)));
                }
                catch (InvalidDataException e)
                {
                    throw CliException.Invalid(e.Message, e);
                }
            }

            var (firstName, first) = parts[0];
            foreach (var (name, part) in parts.Skip(1))
            {
                if (!string.Equals(part.RunFile, first.RunFile, StringComparison.Ordinal))
                {
                    throw CliException.Invalid($"{name} comes from a different run than {firstName}: the model, scenarios or simulation options differ, so the parts cannot be merged.");
                }
            }

            CheckCoverage(parts);
            var document = first.Document(firstName);
            var scenarios = document.Scenarios!.Create(document.Model.MaxPeriods, null, -1, cancellationToken);
            SimulationResult result;
            try
            {
                result = MonteCarloEngine.Combine(document.Model, scenarios, document.Simulation!, [.. parts.Select(p => p.File.Partial)]);
            }
            catch (ArgumentException e)
            {
                throw CliException.Invalid($"the partial files do not make one run: {Messages.Clean(e)}", e);
            }

            output.Write(parse, SimulationReport.Build(result, ProjectCommand.Describe(document.Scenarios)), env);
            return ExitCodes.Ok;
        });
        return command;
    }

    /// <summary>Every chunk exactly once: names the files that overlap, and the chunks nobody covers.</summary>
    private static void CheckCoverage(List<(string Name, PartialFile File)> parts)
    {
        var ranges = new List<(long First, long Count, string Name)>();
        foreach (var (name, part) in parts)
        {
            foreach (var (f, c) in part.Partial.ChunkRanges)
            {
                ranges.Add((f, c, name));
            }
        }

        ranges.Sort((a, b) => a.First.CompareTo(b.First));
        var total = parts[0].File.Partial.Plan.ChunkCount;
        var missing = new List<string>();
        long next = 0;
        string? previous = null;
        foreach (var (f, c, name) in ranges)
        {
            if (f < next)
            {
                throw CliException.Invalid(name == previous
                    ? string.Create(CultureInfo.InvariantCulture, $"{name} is given twice (it covers chunk {f}): each chunk must be merged exactly once.")
                    : string.Create(CultureInfo.InvariantCulture, $"{name} and {previous} both cover chunk {f}: the same part is given twice (duplicate files?). Each chunk must be merged exactly once."));
            }

            if (f > next)
            {
                missing.Add(string.Create(CultureInfo.InvariantCulture, $"[{next}, {f})"));
            }

            next = f + c;
            previous = name;
        }

        if (next < total)
        {
            missing.Add(string.Create(CultureInfo.InvariantCulture, $"[{next}, {total})"));
        }

        if (missing.Count > 0)
        {
            var n = parts[0].File.Parts;
            var given = string.Join(", ", parts.Select(p => p.File.Part).Order());
            throw CliException.Invalid(string.Create(CultureInfo.InvariantCulture,
                $"chunks {string.Join(", ", missing)} of {total} are missing: parts given {given} of {n}. Merge all parts of the run."));
        }
    }
}
