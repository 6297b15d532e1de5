using BenchmarkDotNet.Running;
using LifetimeValue.Benchmarks.W1;

namespace LifetimeValue.Benchmarks;

public static class Program
{
    public static int Main(string[] args)
    {
        if (args.Length > 0 && args[0] == "w1")
        {
            return W1Runner.Run(args[1..]);
        }

        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
        return 0;
    }
}
