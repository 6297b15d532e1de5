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
            var seen = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var path in paths)
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (!File.Exists(path))
                {
                    throw CliException.Invalid($"{path}: no such partial file.");
                }

                // Files are told apart by where they are, not by their name: /a/2.bin and /b/2.bin are two files.
                if (seen.TryGetValue(Path.GetFullPath(path), out var earlier))
                {
                    throw CliException.Invalid($"{path} is given twice{(earlier == path ? string.Empty : $" (also as {earlier})")}: each part must be merged exactly once.");
                }

                seen.Add(Path.GetFullPath(path), path);
                try
                {
                    parts.Add((path, PartialFile.Read(path)));
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

            CheckCoverage(parts, paths);
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

            output.Write(parse, result.ToReport(ProjectCommand.Describe(document.Scenarios)), env);
            return ExitCodes.Ok;
        });
        return command;
    }

    /// <summary>Every chunk exactly once: names the files that overlap (by path and part number), and the chunks nobody covers.</summary>
    private static void CheckCoverage(List<(string Name, PartialFile File)> parts, string[] paths)
    {
        var ranges = new List<(long First, long Count, string Name, PartialFile File)>();
        foreach (var (name, part) in parts)
        {
            foreach (var (f, c) in part.Partial.ChunkRanges)
            {
                ranges.Add((f, c, name, part));
            }
        }

        ranges.Sort((a, b) => a.First.CompareTo(b.First));
        var total = parts[0].File.Partial.Plan.ChunkCount;
        var missing = new List<string>();
        long next = 0;
        (string Name, PartialFile File)? previous = null;
        foreach (var (f, c, name, file) in ranges)
        {
            if (f < next && previous is var (previousName, previousFile))
            {
                var copies = file.Part == previousFile.Part && file.Parts == previousFile.Parts
                    && File.ReadAllBytes(name).AsSpan().SequenceEqual(File.ReadAllBytes(previousName));
                throw CliException.Invalid(copies
                    ? string.Create(CultureInfo.InvariantCulture, $"{previousName} and {name} are copies of the same part {file.Part}/{file.Parts}: each part must be merged exactly once.")
                    : string.Create(CultureInfo.InvariantCulture,
                        $"{previousName} (part {previousFile.Part}/{previousFile.Parts}) and {name} (part {file.Part}/{file.Parts}) both cover chunk {f}: each chunk must be merged exactly once."));
            }

            if (f > next)
            {
                missing.Add(string.Create(CultureInfo.InvariantCulture, $"[{next}, {f})"));
            }

            next = f + c;
            previous = (name, file);
        }

        if (next < total)
        {
            missing.Add(string.Create(CultureInfo.InvariantCulture, $"[{next}, {total})"));
        }

        if (missing.Count > 0)
        {
            var n = parts[0].File.Parts;
            var given = string.Join(", ", parts.Select(p => p.File.Part).Order());
            var leftovers = paths.Select(p => Path.GetDirectoryName(Path.GetFullPath(p))!).Distinct(StringComparer.Ordinal)
                .SelectMany(folder => Directory.EnumerateFiles(folder, ".*.tmp")).Order(StringComparer.Ordinal).ToList();
            var unfinished = leftovers.Count == 0 ? string.Empty
                : $" A writer did not finish (killed while computing or writing): {string.Join(", ", leftovers)} {(leftovers.Count == 1 ? "was" : "were")} left behind and never renamed into place; delete {(leftovers.Count == 1 ? "it" : "them")} and re-run the missing part(s).";
            throw CliException.Invalid(string.Create(CultureInfo.InvariantCulture,
                $"chunks {string.Join(", ", missing)} of {total} are missing: parts given {given} of {n}. Merge all parts of the run.{unfinished}"));
        }
    }
}
