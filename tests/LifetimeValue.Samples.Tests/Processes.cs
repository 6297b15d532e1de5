using System.Diagnostics;
using System.Text;

namespace LifetimeValue.Samples.Tests;

/// <summary>Runs the commands the tests follow (dotnet, the installed tool, the notebook runner) with a time limit.</summary>
internal static class Processes
{
    /// <summary>Runs <paramref name="fileName"/>; fails the test on a non-zero exit (unless <paramref name="check"/> is false) or a timeout.</summary>
    /// <returns>The exit code and stdout + stderr.</returns>
    public static (int ExitCode, string Output) Run(string fileName, string workingDirectory, IReadOnlyDictionary<string, string?>? environment,
        TimeSpan timeout, bool check, params string[] args)
    {
        var info = new ProcessStartInfo(fileName)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        // The test host runs under MSBuild/VSTest: do not leak their settings into the child builds.
        foreach (var key in info.Environment.Keys.Where(k => k.StartsWith("MSBUILD", StringComparison.OrdinalIgnoreCase) || k.StartsWith("VSTEST", StringComparison.OrdinalIgnoreCase)).ToList())
        {
            info.Environment.Remove(key);
        }

        info.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        info.Environment["DOTNET_NOLOGO"] = "1";
        info.Environment["DOTNET_SKIP_FIRST_TIME_EXPERIENCE"] = "1";
        foreach (var (key, value) in environment ?? new Dictionary<string, string?>())
        {
            info.Environment[key] = value;
        }

        using var process = Process.Start(info)!;
        var output = new StringBuilder();
        process.OutputDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
        process.ErrorDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var command = $"{fileName} {string.Join(' ', args)}";
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"{command} did not finish within {timeout}.\n{output}");
        }

        process.WaitForExit();
        if (check && process.ExitCode != 0)
        {
            Assert.Fail($"{command} (in {workingDirectory}) exited with {process.ExitCode}.\n{output}");
        }

        return (process.ExitCode, output.ToString());
    }
}
