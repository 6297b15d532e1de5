using System.CommandLine;
using System.Globalization;
using System.Reflection;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using LifetimeValue.Cli.Common;

namespace LifetimeValue.Cli.Commands;

/// <summary>
/// <c>info</c>: the tool's version, the runtime, the machine and the vector instruction sets this process may use. The
/// kernels pick their code path (AVX-512, AVX2 or scalar) from these, and every path gives the same bits; the lines
/// belong in a bug report, and the tests use them to check that a child process really ran with intrinsics switched
/// off (<c>DOTNET_EnableAVX512=0</c>, <c>DOTNET_EnableHWIntrinsic=0</c>).
/// </summary>
internal static class InfoCommand
{
    public static Command Create(CliEnvironment env)
    {
        var command = new Command("info", "Print the version, runtime, machine and the vector instruction sets in use (for bug reports).");
        CommandRunner.SetAction(command, env, (_, _) =>
        {
            foreach (var (key, value) in Lines())
            {
                env.Output.WriteLine($"{key}: {value}");
            }

            env.Output.Flush();
            return ExitCodes.Ok;
        });
        return command;
    }

    /// <summary>The lines <c>info</c> prints, as key and value.</summary>
    internal static IReadOnlyList<(string Key, string Value)> Lines()
    {
        var core = typeof(LifetimeValue.Simulation.MonteCarloEngine).Assembly;
        var version = core.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? core.GetName().Version?.ToString() ?? "unknown";
        return
        [
            ("LifetimeValue", version),
            ("Runtime", RuntimeInformation.FrameworkDescription),
            ("OS", RuntimeInformation.OSDescription),
            ("Architecture", RuntimeInformation.ProcessArchitecture.ToString()),
            ("Processors", Environment.ProcessorCount.ToString(CultureInfo.InvariantCulture)),
            ("Vector512 accelerated", YesNo(Vector512.IsHardwareAccelerated)),
            ("Vector256 accelerated", YesNo(Vector256.IsHardwareAccelerated)),
            ("AVX-512F", YesNo(Avx512F.IsSupported)),
            ("AVX2", YesNo(Avx2.IsSupported)),
            ("Philox path", Avx512F.IsSupported ? "AVX-512" : Avx2.IsSupported ? "AVX2" : "scalar"),
        ];
    }

    private static string YesNo(bool value) => value ? "yes" : "no";
}
