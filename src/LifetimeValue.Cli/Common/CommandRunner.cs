using System.CommandLine;
using LifetimeValue.Calibration;
using LifetimeValue.Scenarios;
using LifetimeValue.Serialization;

namespace LifetimeValue.Cli.Common;

/// <summary>
/// Runs a command body and turns its outcome into an exit code: messages (no stack traces) for expected
/// failures, <see cref="ExitCodes"/> for the caller. Every command's action goes through here.
/// </summary>
internal static class CommandRunner
{
    /// <summary>Sets <paramref name="command"/>'s action to run <paramref name="body"/> on a worker thread, so Ctrl+C cancellation is observed promptly.</summary>
    public static void SetAction(Command command, CliEnvironment env, Func<ParseResult, CancellationToken, int> body) =>
        command.SetAction((parse, cancellationToken) => Task.Run(() => Run(env, () => body(parse, cancellationToken)), CancellationToken.None));

    public static int Run(CliEnvironment env, Func<int> body)
    {
        try
        {
            return body();
        }
        catch (Exception e)
        {
            return Fail(env, e is AggregateException aggregate ? Unwrap(aggregate) : e);
        }
    }

    /// <summary>The exit code and one-line message of a failure: the single mapping of exception types to exit codes (docs/cli.md, "Exit codes").</summary>
    internal static (int Code, string Message) Describe(Exception e) => e switch
    {
        CliException c => (c.ExitCode, c.Message),
        OperationCanceledException => (ExitCodes.Cancelled, "cancelled; no output was written."),
        ModelFileException => (ExitCodes.InvalidInput, $"invalid model file: {e.Message}"),
        ScenarioCsvException or TransactionFormatException or InvalidDataException or FormatException => (ExitCodes.InvalidInput, e.Message.TrimEnd()),

        // Reading an input (a folder given as a file, a file without read permission): the .NET message names the path.
        FileNotFoundException or DirectoryNotFoundException or UnauthorizedAccessException or IOException => (ExitCodes.InvalidInput, $"cannot read input: {e.Message}"),

        // The fixed-point statistics hold customer values below 2^43 ≈ 8.8e12 in magnitude: a larger value means inputs
        // (rates, volatility, amounts) far outside what the model describes, not a bug.
        ArgumentOutOfRangeException { ParamName: "value" } when e.Message.Contains("2^43", StringComparison.Ordinal) =>
            (ExitCodes.Usage, $"a simulated customer value is beyond ±8.8e12, the range the statistics hold ({Messages.Clean(e)}): the rates are too volatile (--sigma, --kappa) or the model's amounts too large."),
        ArgumentException => (ExitCodes.Usage, Messages.Clean(e)),
        OutOfMemoryException => (ExitCodes.Usage, "the run needs more memory than this machine has: lower --customers, --scenarios or --periods."),
        _ => (ExitCodes.Failure, Environment.GetEnvironmentVariable(TraceVariable) is "1"
            ? $"unexpected failure ({e.GetType().Name}): {e.Message}\n{e.StackTrace}"
            : $"unexpected failure ({e.GetType().Name}): {Messages.Clean(e)} (set {TraceVariable}=1 for the stack trace)"),
    };

    /// <summary>The environment variable that adds the stack trace to an unexpected failure's message.</summary>
    public const string TraceVariable = "LIFETIMEVALUE_TRACE";

    /// <summary>The first failure inside a parallel loop's <see cref="AggregateException"/> (the others are usually the same).</summary>
    private static Exception Unwrap(AggregateException e)
    {
        var flat = e.Flatten();
        return flat.InnerExceptions.FirstOrDefault(x => x is not OperationCanceledException) ?? flat.InnerExceptions.FirstOrDefault() ?? e;
    }

    private static int Fail(CliEnvironment env, Exception e)
    {
        var (code, message) = Describe(e);
        env.Error.WriteLine($"error: {Messages.Cap(message)}");
        env.Error.Flush();
        return code;
    }
}
