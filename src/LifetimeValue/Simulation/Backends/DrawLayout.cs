using System.Globalization;
using LifetimeValue.Model;
using LifetimeValue.Scenarios;

namespace LifetimeValue.Simulation.Backends;

/// <summary>
/// What a Monte Carlo backend (see <see cref="IMonteCarloBackend"/>) needs to compute canonical chunks of a run without
/// access to the library's internals: the run's chunk plan and fingerprint, and — in the model kind's derived layout —
/// the read-only tables that fix every draw and every cash flow. A backend reads a layout, simulates chunks however it
/// likes (GPU, FPGA, another process) and records the results with a <see cref="SimulationPartialBuilder"/>, which turns
/// them into a <see cref="SimulationPartial"/> exactly as <see cref="MonteCarloEngine.SimulateChunks"/> does.
/// </summary>
/// <remarks>
/// <para>Versioning: <see cref="Version"/> identifies the draw layout (which Philox counters and words feed which draw,
/// and how the tables are laid out). It is a compile-time constant, so a backend assembly carries the value of the
/// LifetimeValue version it was built against; the layout's factory (e.g. <see cref="LifecycleDrawLayout.Create"/>) takes
/// that value and refuses, with <see cref="NotSupportedException"/>, a backend built for another layout. The version is
/// also the header of every run's fingerprint, so partials computed under different layouts never merge.</para>
/// <para>Only the library derives layouts (the constructor is not public): one per model kind that has a backend contract.</para>
/// <para>Thread safety: immutable; safe to share.</para>
/// </remarks>
public abstract class DrawLayout
{
    /// <summary>
    /// The draw-layout version of this build of LifetimeValue. Pass it, as compiled into your backend, to the layout's
    /// factory: <c>LifecycleDrawLayout.Create(model, scenarios, options, LifecycleDrawLayout.Version)</c>.
    /// </summary>
    public const int Version = 2;

    private protected DrawLayout(StrategyModel model, ScenarioSet scenarios, SimulationOptions options, SimulationPlan plan, string fingerprint, int periods)
    {
        Model = model;
        Scenarios = scenarios;
        Options = options;
        Plan = plan;
        Fingerprint = fingerprint;
        Periods = periods;
    }

    /// <summary>The model of the run.</summary>
    public StrategyModel Model { get; }

    /// <summary>The run's scenarios.</summary>
    public ScenarioSet Scenarios { get; }

    /// <summary>The run's options (seed, customers, chunk size, method, sketch settings).</summary>
    public SimulationOptions Options { get; }

    /// <summary>The run's canonical chunk plan (the same as <see cref="MonteCarloEngine.Plan"/>).</summary>
    public SimulationPlan Plan { get; }

    /// <summary>The run's fingerprint (the same as <see cref="MonteCarloEngine.Fingerprint"/>): partials built from this layout carry it.</summary>
    public string Fingerprint { get; }

    /// <summary>Months of the cash-flow curves: the model's longest horizon, and the length of a chunk's flow vector.</summary>
    public int Periods { get; }

    /// <summary>Refuses a backend compiled against another draw layout.</summary>
    private protected static void CheckVersion(int backendLayoutVersion)
    {
        if (backendLayoutVersion != Version)
        {
            throw new NotSupportedException(string.Create(CultureInfo.InvariantCulture,
                $"backendLayoutVersion is {backendLayoutVersion} but this LifetimeValue library uses draw layout {Version}: the backend was built against another LifetimeValue version and would not reproduce its draws; use a backend package built for this version."));
        }
    }

    /// <summary>Throws unless <paramref name="chunk"/> is chunk <c>chunk.Index</c> of the plan.</summary>
    internal void CheckChunk(SimulationChunk chunk, string name)
    {
        if (chunk.Index < 0 || chunk.Index >= Plan.ChunkCount || Plan[chunk.Index] != chunk)
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                $"{name} ({chunk}) is not a chunk of this run's plan (chunks [0, {Plan.ChunkCount}) of {Plan.ChunkSize} customers, {Plan.ChunksPerScenario} per scenario)."), name);
        }
    }

    /// <summary>Throws unless a span has exactly the expected length.</summary>
    internal static void CheckLength(int length, int expected, string name)
    {
        if (length != expected)
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"{name} must have exactly {expected} entries (had {length})."), name);
        }
    }
}
