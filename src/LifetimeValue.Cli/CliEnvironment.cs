using Spectre.Console;

namespace LifetimeValue.Cli;

/// <summary>
/// Where a command writes: standard output and error, and whether each is an interactive terminal
/// (progress bars only then). Tests pass string writers; <see cref="Program"/> passes the console.
/// </summary>
internal sealed class CliEnvironment
{
    public CliEnvironment(TextWriter output, TextWriter error, bool outputIsTerminal = false, bool errorIsTerminal = false)
    {
        Output = output;
        Error = error;
        OutputIsTerminal = outputIsTerminal;
        ErrorIsTerminal = errorIsTerminal;
    }

    public TextWriter Output { get; }

    public TextWriter Error { get; }

    public bool OutputIsTerminal { get; }

    public bool ErrorIsTerminal { get; }

    /// <summary>The real console: progress on stderr when it is a terminal.</summary>
    public static CliEnvironment FromConsole() =>
        new(Console.Out, Console.Error, !Console.IsOutputRedirected, !Console.IsErrorRedirected);

    /// <summary>A Spectre console over standard output: colours only on a terminal; wide when redirected so tables do not wrap.</summary>
    public IAnsiConsole CreateOutputConsole() => Create(Output, OutputIsTerminal);

    /// <summary>A Spectre console over standard error (progress, warnings).</summary>
    public IAnsiConsole CreateErrorConsole() => Create(Error, ErrorIsTerminal);

    private static IAnsiConsole Create(TextWriter writer, bool terminal)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = terminal ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = terminal ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = terminal ? InteractionSupport.Detect : InteractionSupport.No,
            Out = new AnsiConsoleOutput(writer),
        });
        if (!terminal)
        {
            console.Profile.Width = 200;
        }

        return console;
    }
}
