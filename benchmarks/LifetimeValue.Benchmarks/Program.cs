using BenchmarkDotNet.Running;
using LifetimeValue.Benchmarks.W1;

namespace LifetimeValue.Benchmarks;

/// <summary>
/// <c>w1 …</c> runs the W1 command-line runner (see <see cref="W1Runner"/>); anything else goes to
/// BenchmarkDotNet's switcher (<c>--filter '*W1M*'</c>, <c>--list flat</c>, …), with <c>--short</c> selecting the
/// short job (<see cref="BenchConfig.ShortJob"/>) instead of the default one.
/// </summary>
public static class Program
{
    public static int Main(string[] args)
    {
        if (args.Length > 0 && args[0] == "w1")
        {
            return W1Runner.Run(args[1..]);
        }

        if (args.Length > 0 && args[0] == "fit")
        {
            return Calibration.FitRunner.Run(args[1..]);
        }

        if (args.Length > 0 && args[0] == "panel")
        {
            return Calibration.PanelRunner.Run(args[1..]);
        }

        var shortJob = args.Contains("--short");
        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run([.. args.Where(a => a != "--short")], BenchConfig.ForJob(shortJob));
        return 0;
    }
}
