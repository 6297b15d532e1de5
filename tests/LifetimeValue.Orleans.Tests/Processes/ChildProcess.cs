using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text;

namespace LifetimeValue.Orleans.Tests.Processes;

/// <summary>
/// A child process whose standard output and error are captured line by line (and, for the tool's reports, as
/// exact bytes of standard output). Disposing kills it (SIGKILL) with its children if it is still running, so a
/// failing test leaves nothing behind.
/// </summary>
internal sealed class ChildProcess : IDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _lines = new();
    private readonly MemoryStream _stdout = new();
    private readonly Task _stdoutPump;
    private readonly Task _stderrPump;
    private readonly StringBuilder _log = new();

    private ChildProcess(string name, Process process)
    {
        Name = name;
        _process = process;
        _stdoutPump = Task.Run(() => Pump(process.StandardOutput.BaseStream, _stdout, "out"));
        _stderrPump = Task.Run(() => Pump(process.StandardError.BaseStream, null, "err"));
    }

    public string Name { get; }

    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

    /// <summary>Every line so far, stdout and stderr interleaved as received, each prefixed with its stream.</summary>
    public string Log
    {
        get
        {
            lock (_log)
            {
                return _log.ToString();
            }
        }
    }

    public static ChildProcess Start(string name, string fileName, IEnumerable<string> arguments, string workingDirectory,
        IReadOnlyDictionary<string, string>? environment = null)
    {
        var info = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory,
        };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        info.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        info.Environment["DOTNET_NOLOGO"] = "1";
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            info.Environment[key] = value;
        }

        var process = Process.Start(info) ?? throw new InvalidOperationException($"could not start {fileName}");
        process.StandardInput.Close();
        return new ChildProcess(name, process);
    }

    /// <summary>The tool (<c>dotnet LifetimeValue.Cli.dll …</c>), as <c>lifetimevalue …</c> runs it.</summary>
    public static ChildProcess Tool(string name, string workingDirectory, params string[] arguments) =>
        Start(name, "dotnet", [Repository.ToolAssembly, .. arguments], workingDirectory);

    /// <summary>Waits for a line containing <paramref name="text"/>; fails with the log if the process exits first or time runs out.</summary>
    public async Task<string> WaitForLineAsync(string text, TimeSpan timeout)
    {
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed < timeout)
        {
            var line = _lines.FirstOrDefault(l => l.Contains(text, StringComparison.Ordinal));
            if (line is not null)
            {
                return line;
            }

            if (_process.HasExited)
            {
                await Task.WhenAll(_stdoutPump, _stderrPump).ConfigureAwait(false);
                line = _lines.FirstOrDefault(l => l.Contains(text, StringComparison.Ordinal));
                return line ?? throw new InvalidOperationException($"{Name} exited ({_process.ExitCode}) before printing '{text}':\n{Log}");
            }

            await Task.Delay(50).ConfigureAwait(false);
        }

        throw new TimeoutException($"{Name} did not print '{text}' within {timeout.TotalSeconds:0} s:\n{Log}");
    }

    /// <summary>Lines containing <paramref name="text"/> so far.</summary>
    public int CountLines(string text) => _lines.Count(l => l.Contains(text, StringComparison.Ordinal));

    /// <summary>Waits for the exit; returns the exit code, the exact bytes of standard output and the whole log.</summary>
    public async Task<(int ExitCode, byte[] Output, string Log)> WaitForExitAsync(TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(cancel.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"{Name} did not exit within {timeout.TotalSeconds:0} s:\n{Log}");
        }

        await Task.WhenAll(_stdoutPump, _stderrPump).ConfigureAwait(false);
        return (_process.ExitCode, _stdout.ToArray(), Log);
    }

    /// <summary>SIGKILL: the process dies at once, with no chance to leave its cluster.</summary>
    public void Kill()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(10_000);
        }
    }

    /// <summary>SIGTERM: asks the process to stop cleanly (as Kubernetes does before deleting a pod).</summary>
    public void Terminate()
    {
        if (!_process.HasExited)
        {
            using var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
            kill?.WaitForExit(5_000);
        }
    }

    public void Dispose()
    {
        try
        {
            Kill();
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }

        _process.Dispose();
        _stdout.Dispose();
    }

    private async Task Pump(Stream stream, MemoryStream? copy, string tag)
    {
        var pending = new List<byte>();
        var buffer = new byte[8192];
        int read;
        while ((read = await stream.ReadAsync(buffer).ConfigureAwait(false)) > 0)
        {
            if (copy is not null)
            {
                lock (copy)
                {
                    copy.Write(buffer, 0, read);
                }
            }

            for (var i = 0; i < read; i++)
            {
                if (buffer[i] == (byte)'\n')
                {
                    Add(tag, Encoding.UTF8.GetString([.. pending]));
                    pending.Clear();
                }
                else
                {
                    pending.Add(buffer[i]);
                }
            }
        }

        if (pending.Count > 0)
        {
            Add(tag, Encoding.UTF8.GetString([.. pending]));
        }
    }

    private void Add(string tag, string line)
    {
        _lines.Enqueue(line);
        lock (_log)
        {
            _log.Append(Name).Append(' ').Append(tag).Append(": ").AppendLine(line);
        }
    }
}
