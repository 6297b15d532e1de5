using System.Globalization;
using LifetimeValue.Internal;
using LifetimeValue.Model;
using LifetimeValue.Scenarios;
using LifetimeValue.Simulation.Backends;

namespace LifetimeValue.Simulation.Internal;

/// <summary>
/// A SHA-256 digest of everything that defines a run's result: the compiled model's numbers, every
/// scenario's rates, the discounting, the seed, customers, chunk size, method and sketch settings.
/// Partials merge only when their fingerprints agree.
/// </summary>
internal static class RunFingerprint
{
    public static string Compute(CompiledStrategy model, ScenarioSet scenarios, SimulationOptions options)
    {
        using var f = new FingerprintBuilder();
        // The header carries the draw-layout version, so partials of runs under different layouts never merge, and a backend
        // built for another layout is refused by DrawLayout before it computes anything.
        f.Text(string.Create(CultureInfo.InvariantCulture, $"LifetimeValue.MonteCarlo/{DrawLayout.Version}"));
        f.Long((long)options.Seed);
        f.Long(options.Customers);
        f.Long(options.ChunkSize);
        f.Long((long)options.Method);
        f.Double(options.SketchAccuracy);
        f.Long(options.ExactQuantileLimit);
        model.AppendFingerprint(f);

        var periods = model.MaxPeriods;
        f.Long(scenarios.ScenarioCount);
        for (var s = 0; s < scenarios.ScenarioCount; s++)
        {
            f.Doubles(scenarios.Path(s)[..periods]);
        }

        // Discounting: its factors on the first scenario, plus its kind.
        var discounting = model.Source.Discounting;
        var df = new double[periods];
        discounting.Fill(scenarios.Path(0)[..periods], df);
        f.Doubles(df);
        f.Text(discounting.GetType().Name);
        return f.Finish();
    }
}
