using System.Globalization;
using LifetimeValue.Scenarios;

namespace LifetimeValue.Orleans;

/// <summary>
/// A small, serialisable description of a <see cref="ScenarioSet"/>: every process of the cluster rebuilds the
/// same rates from it (generated paths depend only on the model, the seed and the scenario index), so rate paths
/// never travel over the network.
/// </summary>
/// <remarks>
/// <para>Build one with <see cref="Constant"/>, <see cref="FromVasicek"/>, <see cref="FromCoxIngersollRoss"/> or
/// <see cref="FromName"/>; <see cref="Validate"/> checks the numbers. A record of scalars, so equal specs compare equal
/// (silos cache resolved scenarios by it).</para>
/// <para>Thread safety: immutable; safe to share.</para>
/// </remarks>
[GenerateSerializer]
[Immutable]
[Alias("LifetimeValue.Orleans.ScenarioSpec")]
public sealed record ScenarioSpec
{
    /// <summary>Where the scenarios come from.</summary>
    [Id(0)]
    public ScenarioSource Source { get; init; }

    /// <summary>Scenarios S to generate, in [1, <see cref="ScenarioSet.MaxScenarios"/>] (1 for <see cref="ScenarioSource.Constant"/>; unused for <see cref="ScenarioSource.Named"/>).</summary>
    [Id(1)]
    public int Count { get; init; } = 1;

    /// <summary>Monthly periods T, in [0, <see cref="ScenarioSet.MaxPeriods"/>]; 0 (the default) means the model's longest horizon.</summary>
    [Id(2)]
    public int Periods { get; init; }

    /// <summary>The seed of generated paths (any 64-bit value).</summary>
    [Id(3)]
    public ulong Seed { get; init; }

    /// <summary>r₀ (annual, continuously compounded) of a generated model, or the rate of a constant scenario.</summary>
    [Id(4)]
    public double InitialRate { get; init; }

    /// <summary>Mean-reversion speed κ (per year, &gt; 0) of a generated model.</summary>
    [Id(5)]
    public double Kappa { get; init; }

    /// <summary>Long-run rate θ (annual) of a generated model.</summary>
    [Id(6)]
    public double Theta { get; init; }

    /// <summary>Volatility σ (annual, ≥ 0) of a generated model.</summary>
    [Id(7)]
    public double Sigma { get; init; }

    /// <summary>The stepping scheme of a generated model.</summary>
    [Id(8)]
    public RateScheme Scheme { get; init; }

    /// <summary>The registered name of a <see cref="ScenarioSource.Named"/> set; null otherwise.</summary>
    [Id(9)]
    public string? Name { get; init; }

    /// <summary>One scenario with a constant short rate.</summary>
    /// <param name="annualRate">The annual, continuously compounded rate; finite.</param>
    /// <param name="periods">T in [0, <see cref="ScenarioSet.MaxPeriods"/>]; 0 for the model's horizon.</param>
    /// <returns>The spec.</returns>
    /// <exception cref="ArgumentOutOfRangeException">An argument is out of range.</exception>
    public static ScenarioSpec Constant(double annualRate, int periods = 0) =>
        new ScenarioSpec { Source = ScenarioSource.Constant, InitialRate = annualRate, Periods = periods }.Validated();

    /// <summary>S paths of a Vasicek model (<see cref="ScenarioSet.Generate"/>).</summary>
    /// <param name="model">The model.</param>
    /// <param name="count">S, in [1, <see cref="ScenarioSet.MaxScenarios"/>].</param>
    /// <param name="seed">The seed of the rate shocks.</param>
    /// <param name="periods">T in [0, <see cref="ScenarioSet.MaxPeriods"/>]; 0 for the model's horizon.</param>
    /// <returns>The spec.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="model"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A count is out of range.</exception>
    public static ScenarioSpec FromVasicek(Vasicek model, int count, ulong seed, int periods = 0)
    {
        ArgumentNullException.ThrowIfNull(model);
        return new ScenarioSpec
        {
            Source = ScenarioSource.Vasicek,
            Count = count,
            Seed = seed,
            Periods = periods,
            InitialRate = model.InitialRate,
            Kappa = model.Kappa,
            Theta = model.Theta,
            Sigma = model.Sigma,
            Scheme = model.Scheme,
        }.Validated();
    }

    /// <summary>S paths of a Cox–Ingersoll–Ross model (<see cref="ScenarioSet.Generate"/>).</summary>
    /// <param name="model">The model.</param>
    /// <param name="count">S, in [1, <see cref="ScenarioSet.MaxScenarios"/>].</param>
    /// <param name="seed">The seed of the rate shocks.</param>
    /// <param name="periods">T in [0, <see cref="ScenarioSet.MaxPeriods"/>]; 0 for the model's horizon.</param>
    /// <returns>The spec.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="model"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A count is out of range.</exception>
    public static ScenarioSpec FromCoxIngersollRoss(CoxIngersollRoss model, int count, ulong seed, int periods = 0)
    {
        ArgumentNullException.ThrowIfNull(model);
        return new ScenarioSpec
        {
            Source = ScenarioSource.CoxIngersollRoss,
            Count = count,
            Seed = seed,
            Periods = periods,
            InitialRate = model.InitialRate,
            Kappa = model.Kappa,
            Theta = model.Theta,
            Sigma = model.Sigma,
            Scheme = model.Scheme,
        }.Validated();
    }

    /// <summary>A scenario set registered under <paramref name="name"/> in every process's resolver.</summary>
    /// <param name="name">The registered name; not empty.</param>
    /// <returns>The spec.</returns>
    /// <exception cref="ArgumentException"><paramref name="name"/> is null or white space.</exception>
    public static ScenarioSpec FromName(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        return new ScenarioSpec { Source = ScenarioSource.Named, Name = name };
    }

    /// <summary>The scenarios section of the model file the job carries (<see cref="SimulationJob.FromModelFile"/>).</summary>
    /// <returns>The spec.</returns>
    public static ScenarioSpec FromModelFile() => new() { Source = ScenarioSource.ModelFile };

    /// <summary>Checks the numbers (a spec built with <c>with</c> skips the factories' checks).</summary>
    /// <exception cref="ArgumentOutOfRangeException">A number is out of range, named.</exception>
    /// <exception cref="ArgumentException">A named spec without a name.</exception>
    public void Validate() => Validated();

    /// <inheritdoc/>
    public override string ToString() => Source switch
    {
        ScenarioSource.Constant => string.Create(CultureInfo.InvariantCulture, $"constant {InitialRate:R}"),
        ScenarioSource.Named => $"named '{Name}'",
        ScenarioSource.ModelFile => "the model file's scenarios",
        _ => string.Create(CultureInfo.InvariantCulture,
            $"{Source}(r0={InitialRate:R}, κ={Kappa:R}, θ={Theta:R}, σ={Sigma:R}, {Scheme}) × {Count}, seed {Seed}"),
    };

    private ScenarioSpec Validated()
    {
        if (!Enum.IsDefined(Source))
        {
            throw new ArgumentOutOfRangeException(nameof(Source), Source, $"Source must be a defined {nameof(ScenarioSource)} (was {Source}).");
        }

        ArgumentOutOfRangeException.ThrowIfNegative(Periods);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(Periods, ScenarioSet.MaxPeriods);
        switch (Source)
        {
            case ScenarioSource.Named:
                ArgumentException.ThrowIfNullOrWhiteSpace(Name);
                break;
            case ScenarioSource.Constant:
                Finite(InitialRate, nameof(InitialRate));
                break;
            case ScenarioSource.ModelFile:
                break;
            default:
                ArgumentOutOfRangeException.ThrowIfLessThan(Count, 1);
                ArgumentOutOfRangeException.ThrowIfGreaterThan(Count, ScenarioSet.MaxScenarios);
                Finite(InitialRate, nameof(InitialRate));
                Finite(Kappa, nameof(Kappa));
                Finite(Theta, nameof(Theta));
                Finite(Sigma, nameof(Sigma));
                break;
        }

        return this;
    }

    private static void Finite(double value, string name)
    {
        if (!double.IsFinite(value))
        {
            throw new ArgumentOutOfRangeException(name, value, string.Create(CultureInfo.InvariantCulture, $"{name} must be finite (was {value})."));
        }
    }
}
