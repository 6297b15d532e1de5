namespace LifetimeValue.Cli;

/// <summary>The lifetimevalue command-line tool.</summary>
public static class Program
{
    /// <summary>Entry point: runs the command; Ctrl+C cancels the running computation (exit code 3).</summary>
    /// <param name="args">Command-line arguments.</param>
    /// <returns>Exit code: 0 ok, 1 usage error, 2 invalid input, 3 cancelled, 4 unexpected failure (see docs/cli.md).</returns>
    public static Task<int> Main(string[] args) => Cli.InvokeAsync(args, CliEnvironment.FromConsole());
}
