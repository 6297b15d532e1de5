namespace LifetimeValue.Cli;

/// <summary>The tool's exit codes (documented in docs/cli.md).</summary>
internal static class ExitCodes
{
    /// <summary>Success.</summary>
    public const int Ok = 0;

    /// <summary>Usage error: unknown command or option, missing argument, an option value out of range.</summary>
    public const int Usage = 1;

    /// <summary>Invalid input: a bad model file, CSV file or partial file, or partials that do not make one run.</summary>
    public const int InvalidInput = 2;

    /// <summary>Cancelled (Ctrl+C); nothing is written.</summary>
    public const int Cancelled = 3;

    /// <summary>An unexpected failure (a bug, or an I/O error writing the output).</summary>
    public const int Failure = 4;
}
