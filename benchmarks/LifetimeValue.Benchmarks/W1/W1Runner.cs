using System.Text.Json;
using LifetimeValue.Projection;

namespace LifetimeValue.Benchmarks.W1;

/// <summary>
/// The W1 command-line runner: <c>w1 --exact</c> prints W1-det's exact mean PV from the deterministic
/// engine, as one JSON line with the same key as <c>peer_numpy.py --exact</c>.
/// </summary>
public static class W1Runner
{
    public static int Run(string[] args)
    {
        if (args.Contains("--exact"))
        {
            var result = ExpectedValueEngine.Project(Presets.W1(), Presets.W1DeterministicRates());
            Console.WriteLine(JsonSerializer.Serialize(new Dictionary<string, double> { ["exact_mean_pv_w1_det"] = result.Clv }));
            return 0;
        }

        Console.Error.WriteLine("usage: w1 --exact");
        return 1;
    }
}
