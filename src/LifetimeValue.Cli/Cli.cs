using System.CommandLine;
using System.CommandLine.Invocation;
using System.CommandLine.Parsing;
using LifetimeValue.Cli.Commands;
using LifetimeValue.Cli.Common;

namespace LifetimeValue.Cli;

/// <summary>
/// The command tree. Each command lives in one file under Commands/ and writes its results through the shared
/// output layer (the library's <see cref="LifetimeValue.Reporting.ResultReport"/>, written by <see cref="OutputOptions"/>),
/// so a new command (e.g. <c>compare</c>, <c>sensitivity</c>) is one file plus one line here.
/// </summary>
internal static class Cli
{
    public static RootCommand Build(CliEnvironment env)
    {
        var root = new RootCommand("lifetimevalue: customer lifetime value for finance teams — presets, exact projections, Monte Carlo simulation (also chunked across machines) and calibration from transaction logs.");
        root.Subcommands.Add(PresetsCommand.Create(env));
        root.Subcommands.Add(ProjectCommand.Create(env));
        root.Subcommands.Add(SimulateCommand.Create(env));
        root.Subcommands.Add(MergeCommand.Create(env));
        root.Subcommands.Add(SiloCommand.Create(env));
        root.Subcommands.Add(FitCommand.Create(env));
        root.Subcommands.Add(CalibratePanelCommand.Create(env));
        root.Subcommands.Add(SyntheticPanelCommand.Create(env));
        root.Subcommands.Add(CompareCommand.Create(env));
        root.Subcommands.Add(SensitivityCommand.Create(env));
        root.Subcommands.Add(ProgrammeCommand.Create(env));
        root.Subcommands.Add(InfoCommand.Create(env));
        return root;
    }

    /// <summary>Parses and runs <paramref name="args"/>; parse errors give exit code 1 with the message and usage on standard error.</summary>
    public static async Task<int> InvokeAsync(string[] args, CliEnvironment env, CancellationToken cancellationToken = default)
    {
        var root = Build(env);
        var parse = root.Parse(args);
        if (parse.Errors.Count > 0 && parse.Action is ParseErrorAction)
        {
            // Short: each error on one line (the option, the value and the range), then where to find the options;
            // not the whole help text, which would bury the error.
            foreach (var error in parse.Errors)
            {
                env.Error.WriteLine($"error: {Messages.Cap(error.Message)}");
            }

            env.Error.WriteLine($"Run '{CommandPath(parse.CommandResult)} --help' for the options.");
            env.Error.Flush();
            return ExitCodes.Usage;
        }

        // Ctrl+C and SIGTERM cancel the command; allow 30 s for a clean stop (a silo leaving its cluster) before exiting.
        var configuration = new InvocationConfiguration { Output = env.Output, Error = env.Error, ProcessTerminationTimeout = TimeSpan.FromSeconds(30) };
        return await parse.InvokeAsync(configuration, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Runs in process with captured output (tests).</summary>
    public static int Invoke(string[] args, TextWriter output, TextWriter error, CancellationToken cancellationToken = default) =>
        InvokeAsync(args, new CliEnvironment(output, error), cancellationToken).GetAwaiter().GetResult();

    private static string CommandPath(CommandResult result)
    {
        var names = new List<string>();
        for (SymbolResult? r = result; r is not null; r = r.Parent)
        {
            if (r is CommandResult c)
            {
                names.Add(c.Parent is null ? "lifetimevalue" : c.Command.Name);
            }
        }

        names.Reverse();
        return string.Join(' ', names);
    }
}
