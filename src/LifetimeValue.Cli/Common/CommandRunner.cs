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
        catch (CliException e)
        {
            return Fail(env, e.ExitCode, e.Message);
        }
        catch (OperationCanceledException)
        {
            return Fail(env, ExitCodes.Cancelled, "cancelled; no output was written.");
        }
        catch (ModelFileException e)
        {
            return Fail(env, ExitCodes.InvalidInput, $"invalid model file: {e.Message}");
        }
        catch (Exception e) when (e is ScenarioCsvException or TransactionFormatException or InvalidDataException or FormatException)
        {
            return Fail(env, ExitCodes.InvalidInput, e.Message.TrimEnd());
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return Fail(env, ExitCodes.InvalidInput, e.Message);
        }
        catch (ArgumentException e)
        {
            return Fail(env, ExitCodes.Usage, Messages.Clean(e));
        }
        catch (Exception e)
        {
            return Fail(env, ExitCodes.Failure, $"unexpected failure ({e.GetType().Name}): {e.Message}\n{e.StackTrace}");
        }
    }

    private static int Fail(CliEnvironment env, int code, string message)
    {
        env.Error.WriteLine($"error: {message}");
        env.Error.Flush();
        return code;
    }
}
