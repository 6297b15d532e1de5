namespace LifetimeValue.Cli;

/// <summary>A failure the tool reports with a message and an exit code, without a stack trace.</summary>
internal sealed class CliException : Exception
{
    public CliException()
        : this(ExitCodes.Failure, "The command failed.")
    {
    }

    public CliException(string message)
        : this(ExitCodes.Failure, message)
    {
    }

    public CliException(string message, Exception innerException)
        : base(message, innerException) => ExitCode = ExitCodes.Failure;

    public CliException(int exitCode, string message, Exception? innerException = null)
        : base(message, innerException) => ExitCode = exitCode;

    public int ExitCode { get; }

    public static CliException Usage(string message) => new(ExitCodes.Usage, message);

    public static CliException Invalid(string message, Exception? inner = null) => new(ExitCodes.InvalidInput, message, inner);
}
