using LifetimeValue.Scenarios;
using LifetimeValue.Serialization;
using LifetimeValue.Simulation;

namespace LifetimeValue.Cli.Common;

/// <summary>A bundled model the tool knows by name: its run document (model, default scenarios and options) and its canonical projection path.</summary>
/// <param name="Name">Lower-case name used on the command line.</param>
/// <param name="Description">One line for <c>presets list</c>.</param>
/// <param name="Create">Builds the document (a new object each time).</param>
/// <param name="ProjectionRates">The rate path <c>project</c> uses when no rate option is given.</param>
internal sealed record PresetEntry(string Name, string Description, Func<ModelDocument> Create, Func<RatePath> ProjectionRates);

/// <summary>The presets the tool offers. Adding one (e.g. the hotel model) is one entry here.</summary>
internal static class PresetCatalog
{
    public static IReadOnlyList<PresetEntry> All { get; } =
    [
        new("bank",
            "Customer-centric retail bank: acquired at 11–15, seven life stages to 85, loans, deposits, pensions; flat 3 % short rate.",
            () => new ModelDocument(Presets.Bank(), new ConstantRateScenarioSpec(0.03), new SimulationOptions()),
            Presets.BankRates),
        new("hotel",
            "Customer-focused luxury hotel: five years of stays, service recovery (cap $2,000), feedback, staff rewards, cost improvement, referrals; flat 3 % short rate.",
            () => new ModelDocument(Presets.Hotel(), new ConstantRateScenarioSpec(0.03), new SimulationOptions()),
            Presets.BankRates),
        new("w1",
            "The W1 benchmark workload: seven stages, one product each, to age 80; W1-det rates (Vasicek–Euler mean path, σ = 0).",
            () => new ModelDocument(Presets.W1(),
                new ShortRateScenarioSpec(new Vasicek(0.03, 0.15, 0.035, 0.0, RateScheme.Euler), 1, 1, Presets.W1MaxPeriods),
                new SimulationOptions()),
            Presets.W1DeterministicRates),
    ];

    public static PresetEntry? Find(string name) =>
        All.FirstOrDefault(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase));

    public static string Names => string.Join(", ", All.Select(p => p.Name));
}
