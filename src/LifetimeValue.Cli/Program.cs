namespace LifetimeValue.Cli;

/// <summary>The lifetimevalue command-line tool.</summary>
public static class Program
{
    /// <summary>Entry point.</summary>
    /// <param name="args">Command-line arguments.</param>
    /// <returns>Exit code.</returns>
    public static int Main(string[] args)
    {
        _ = args;
        return 0;
    }
}
