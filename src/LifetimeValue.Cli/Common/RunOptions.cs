using System.CommandLine;
using System.Globalization;
using LifetimeValue.Scenarios;
using LifetimeValue.Serialization;
using LifetimeValue.Simulation;

namespace LifetimeValue.Cli.Common;

/// <summary>
/// Scenario and simulation options shared by <c>project</c> and <c>simulate</c>: they override the model file's
/// (or preset's) <c>scenarios</c> and <c>simulation</c> sections.
/// </summary>
internal sealed class RunOptions
{
    private readonly bool _simulation;
    private readonly int _defaultScenarios;

    /// <param name="simulation">Whether the command simulates (customers, method, intervals, target precision).</param>
    /// <param name="defaultScenarios">Scenarios generated when a rate model is chosen on the command line without <c>--scenarios</c>.</param>
    public RunOptions(bool simulation, int defaultScenarios = 100)
    {
        _simulation = simulation;
        _defaultScenarios = defaultScenarios;
        Scenarios = new("--scenarios")
        {
            Description = string.Create(CultureInfo.InvariantCulture, $"Number of rate scenarios to generate (default {defaultScenarios} when a rate model is chosen on the command line); in [1, {ScenarioSet.MaxScenarios}]."),
            CustomParser = InvariantNumber.Int32(1, ScenarioSet.MaxScenarios),
        };
    }

    public Option<double?> Rate { get; } = new("--rate") { Description = "Constant annual short rate for every period, e.g. 0.03 (replaces the file's scenarios); in [-0.1, 1].", CustomParser = InvariantNumber.Double(OptionRanges.ShortRate) };

    public Option<string?> RateModel { get; } = new("--rate-model")
    {
        Description = "Generate scenarios from a short-rate model: vasicek, cir or hull-white (parameters from --r0 --kappa --theta --sigma --scheme).",
    };

    public Option<double?> R0 { get; } = new("--r0") { Description = "Initial short rate r0 (default: the file's, else 0.03); in [-0.1, 1].", CustomParser = InvariantNumber.Double(OptionRanges.ShortRate) };

    public Option<double?> Kappa { get; } = new("--kappa") { Description = "Mean-reversion speed κ per year (default 0.15); in (0, 10].", CustomParser = InvariantNumber.Double(OptionRanges.Kappa) };

    public Option<double?> Theta { get; } = new("--theta") { Description = "Long-term rate θ (default 0.035; Hull–White fits its drift to a flat curve at r0 instead); in [-0.1, 1].", CustomParser = InvariantNumber.Double(OptionRanges.ShortRate) };

    public Option<double?> Sigma { get; } = new("--sigma") { Description = "Rate volatility σ (default 0.01); in [0, 0.2].", CustomParser = InvariantNumber.Double(OptionRanges.Sigma) };

    public Option<string?> Scheme { get; } = new("--scheme") { Description = "Time stepping: exact or euler (default: exact for Vasicek and Hull–White, euler for CIR)." };

    public Option<int?> Scenarios { get; }

    public Option<ulong?> ScenarioSeed { get; } = new("--scenario-seed") { Description = "Seed of the rate scenarios (default: the file's, else --seed, else 1).", CustomParser = InvariantNumber.Seed };

    public Option<int?> Periods { get; } = new("--periods") { Description = "Months per scenario path (default: the model's longest horizon); in [1, 1200].", CustomParser = InvariantNumber.Int32(1, OptionRanges.MaxMonths) };

    public Option<string?> RatesCsv { get; } = new("--rates-csv") { Description = "Read scenarios from a CSV file with header scenario,period,rate." };

    public Option<long?> Customers { get; } = new("--customers", "-n") { Description = "Customers simulated per scenario (default: the file's, else 10000); in [1, 2^40].", CustomParser = InvariantNumber.Int64(1, OptionRanges.MaxCustomers) };

    public Option<ulong?> Seed { get; } = new("--seed") { Description = "Simulation seed (default: the file's, else 1). Same seed, same result, on any machine and thread count.", CustomParser = InvariantNumber.Seed };

    public Option<int?> ThreadsOption { get; } = new("--threads") { Description = "Worker threads (default: all cores), in [1, 1024]. Never changes results.", CustomParser = InvariantNumber.Int32(1, 1024) };

    public Option<string?> Method { get; } = new("--method") { Description = "Sampling method: event (event-time, default) or stepping (month by month)." };

    public Option<int?> ChunkSize { get; } = new("--chunk-size") { Description = "Customers per canonical chunk (default: the file's, else 16384). Part of the result's definition; in [1, 1048576].", CustomParser = InvariantNumber.Int32(1, 1 << 20) };

    public Option<int?> ExactQuantiles { get; } = new("--exact-quantiles") { Description = "Compute percentiles exactly when customers × scenarios is at most this many (default 0: sketch only); in [0, 10000000].", CustomParser = InvariantNumber.Int32(0, 10_000_000) };

    public Option<double?> CiLevel { get; } = new("--ci-level") { Description = "Confidence level of the intervals reported for expected values and differences, in (0, 1) (default 0.95).", CustomParser = InvariantNumber.Double(OptionRanges.OpenUnit) };

    public Option<double?> TargetHalfWidth { get; } = new("--target-half-width")
    {
        Description = "Add rate scenarios in blocks until the interval of the expected CLV (compare: of every difference in expected CLV) is at most ± this wide; needs a rate model. Starts from --scenarios, stops at --max-scenarios.",
        CustomParser = InvariantNumber.Double(OptionRanges.HalfWidth),
    };

    public Option<int?> MaxScenarios { get; } = new("--max-scenarios") { Description = "With --target-half-width: the most scenarios to simulate (default 10000); in [2, 1000000].", CustomParser = InvariantNumber.Int32(2, ScenarioSet.MaxScenarios) };

    public void AddTo(Command command)
    {
        Option[] scenario = [Rate, RateModel, R0, Kappa, Theta, Sigma, Scheme, Scenarios, ScenarioSeed, Periods, RatesCsv];
        foreach (var option in scenario)
        {
            command.Options.Add(option);
        }

        command.Options.Add(Seed);
        command.Options.Add(ThreadsOption);
        if (_simulation)
        {
            command.Options.Add(Customers);
            command.Options.Add(Method);
            command.Options.Add(ChunkSize);
            command.Options.Add(ExactQuantiles);
            command.Options.Add(CiLevel);
            command.Options.Add(TargetHalfWidth);
            command.Options.Add(MaxScenarios);
        }
    }

    /// <summary>Whether any scenario option was given.</summary>
    public bool OverridesScenarios(ParseResult p) =>
        p.GetValue(Rate) is not null || p.GetValue(RateModel) is not null || p.GetValue(RatesCsv) is not null
        || p.GetValue(R0) is not null || p.GetValue(Kappa) is not null || p.GetValue(Theta) is not null || p.GetValue(Sigma) is not null
        || p.GetValue(Scheme) is not null || p.GetValue(Scenarios) is not null || p.GetValue(ScenarioSeed) is not null || p.GetValue(Periods) is not null;

    /// <summary>The scenario specification: the file's (or preset's), changed by the options given; null when neither says.</summary>
    public ScenarioSpec? ResolveScenarios(ParseResult p, ScenarioSpec? fromFile)
    {
        var rate = p.GetValue(Rate);
        var csv = p.GetValue(RatesCsv);
        var rateModel = p.GetValue(RateModel);
        var given = (rate is null ? 0 : 1) + (csv is null ? 0 : 1) + (rateModel is null ? 0 : 1);
        if (given > 1)
        {
            throw CliException.Usage("--rate, --rate-model and --rates-csv are alternatives: give at most one.");
        }

        try
        {
            if (csv is not null)
            {
                return new CsvScenarioSpec(Path.GetFullPath(csv));
            }

            if (rate is { } r)
            {
                return new ConstantRateScenarioSpec(r, p.GetValue(Periods));
            }

            var shortRateOptionGiven = rateModel is not null || p.GetValue(R0) is not null || p.GetValue(Kappa) is not null
                || p.GetValue(Theta) is not null || p.GetValue(Sigma) is not null || p.GetValue(Scheme) is not null
                || p.GetValue(Scenarios) is not null || p.GetValue(ScenarioSeed) is not null;
            if (!shortRateOptionGiven)
            {
                return p.GetValue(Periods) is { } periods ? WithPeriods(fromFile, periods) : fromFile;
            }

            return BuildShortRate(p, rateModel, fromFile);
        }
        catch (ArgumentException e)
        {
            throw CliException.Usage(CleanMessage(e));
        }
    }

    /// <summary>The simulation options: the file's, changed by the options given.</summary>
    public SimulationOptions ResolveSimulation(ParseResult p, SimulationOptions? fromFile, IProgress<SimulationProgress>? progress)
    {
        var options = fromFile ?? new SimulationOptions();
        try
        {
            if (p.GetValue(Seed) is { } seed)
            {
                options = options with { Seed = seed };
            }

            if (p.GetValue(Customers) is { } customers)
            {
                options = options with { Customers = customers };
            }

            if (p.GetValue(ChunkSize) is { } chunk)
            {
                options = options with { ChunkSize = chunk };
            }

            if (p.GetValue(ExactQuantiles) is { } exact)
            {
                options = options with { ExactQuantileLimit = exact };
            }

            if (p.GetValue(Method) is { } method)
            {
                options = options with
                {
                    Method = method.ToUpperInvariant() switch
                    {
                        "EVENT" or "EVENTTIME" or "EVENT-TIME" => SimulationMethod.EventTime,
                        "STEPPING" or "STEP" => SimulationMethod.Stepping,
                        _ => throw CliException.Usage($"--method must be event or stepping (was '{method}')."),
                    },
                };
            }

            if (p.GetValue(CiLevel) is { } level)
            {
                if (!(level > 0 && level < 1))
                {
                    throw CliException.Usage(string.Create(CultureInfo.InvariantCulture, $"--ci-level must be in (0, 1), e.g. 0.95 (was {level})."));
                }

                options = options with { ConfidenceLevel = level };
            }

            return options with { MaxDegreeOfParallelism = Threads(p), Progress = progress };
        }
        catch (ArgumentException e)
        {
            throw CliException.Usage(CleanMessage(e));
        }
    }

    /// <summary>
    /// The target-precision settings when <c>--target-half-width</c> is given (null otherwise): the scenarios must come from
    /// a rate model, whose count is the first round's; <c>--max-scenarios</c> caps the rounds.
    /// </summary>
    public (ShortRateScenarioSpec Spec, PrecisionOptions Precision)? ResolvePrecision(ParseResult p, ScenarioSpec? spec, IProgress<PrecisionRound>? progress)
    {
        var target = p.GetValue(TargetHalfWidth);
        var max = p.GetValue(MaxScenarios);
        if (target is null)
        {
            return max is null ? null : throw CliException.Usage("--max-scenarios caps --target-half-width: give it with --target-half-width.");
        }

        if (!(target > 0) || !double.IsFinite(target.Value))
        {
            throw CliException.Usage(string.Create(CultureInfo.InvariantCulture, $"--target-half-width must be a positive number in the model's currency (was {target})."));
        }

        if (spec is not ShortRateScenarioSpec rates)
        {
            throw CliException.Usage("--target-half-width adds rate scenarios, so it needs scenarios from a rate model (--rate-model vasicek|cir|hull-white); with a constant rate or a CSV file the interval covers customer sampling only: raise --customers instead.");
        }

        var cap = max ?? PrecisionOptions.DefaultMaxScenarios;
        if (cap < 2 || cap > ScenarioSet.MaxScenarios)
        {
            throw CliException.Usage(string.Create(CultureInfo.InvariantCulture, $"--max-scenarios must be in [2, {ScenarioSet.MaxScenarios}] (was {cap})."));
        }

        if (rates.Count < 2 || rates.Count > cap)
        {
            throw CliException.Usage(string.Create(CultureInfo.InvariantCulture,
                $"--target-half-width starts from --scenarios, which must be in [2, {cap}] (the --max-scenarios cap) (was {rates.Count})."));
        }

        return (rates, new PrecisionOptions(target.Value) { InitialScenarios = rates.Count, MaxScenarios = cap, Progress = progress });
    }

    /// <summary>
    /// Refuses, before anything is allocated, scenarios that would hold more than <see cref="OptionRanges.MaxRateValues"/>
    /// rate values (scenarios × months; with <c>--target-half-width</c>, the <c>--max-scenarios</c> cap × months).
    /// </summary>
    /// <param name="p">The parsed command line.</param>
    /// <param name="spec">The resolved scenarios.</param>
    /// <param name="modelPeriods">The months the model needs (the path length when the scenarios do not fix it).</param>
    public void CheckSize(ParseResult p, ScenarioSpec spec, int modelPeriods)
    {
        if (spec is not ShortRateScenarioSpec rates)
        {
            return;
        }

        var count = p.GetValue(TargetHalfWidth) is null ? rates.Count : Math.Max(rates.Count, p.GetValue(MaxScenarios) ?? PrecisionOptions.DefaultMaxScenarios);
        long months = rates.Periods ?? modelPeriods;
        if (count * months > OptionRanges.MaxRateValues)
        {
            var where = p.GetValue(Scenarios) is not null || p.GetValue(MaxScenarios) is not null ? "--scenarios (or --max-scenarios)" : "the model file's scenarios.count";
            throw CliException.Usage(string.Create(CultureInfo.InvariantCulture,
                $"{count} scenarios × {months} months = {count * months:G3} rate values, beyond the limit of {OptionRanges.MaxRateValues:G3} (about 800 MB): lower {where} or --periods."));
        }
    }

    /// <summary>
    /// Runs <paramref name="create"/> (which reads or builds the scenarios); for scenarios from a CSV file, a malformed
    /// file or one that does not fit the model (too few periods) is invalid input naming the file (exit code 2).
    /// </summary>
    /// <param name="spec">The scenarios.</param>
    /// <param name="baseDirectory">The model file's folder (relative CSV paths resolve against it), or null.</param>
    /// <param name="needed">The months the model needs.</param>
    /// <param name="create">Reads or builds the scenarios.</param>
    /// <param name="periods">The months the result covers.</param>
    public static T FromScenarios<T>(ScenarioSpec spec, string? baseDirectory, int needed, Func<T> create, Func<T, int> periods)
    {
        if (spec is not CsvScenarioSpec csv)
        {
            return create();
        }

        T result;
        try
        {
            result = create();
        }
        catch (Exception e) when (e is FormatException or ArgumentException)
        {
            throw CliException.Invalid($"{csv.Resolve(baseDirectory)}: {(e is FormatException ? e.Message.TrimEnd() : Messages.Clean(e))}", e);
        }

        var covered = periods(result);
        return covered >= needed ? result : throw CliException.Invalid(string.Create(CultureInfo.InvariantCulture,
            $"{csv.Resolve(baseDirectory)}: the scenarios cover {covered} period(s), but the model's longest horizon is {needed} months: every scenario needs periods 0 … {needed - 1}."));
    }

    /// <summary>The thread count: 0 (all cores) unless <c>--threads</c> is given.</summary>
    public int Threads(ParseResult p)
    {
        var threads = p.GetValue(ThreadsOption);
        return threads switch
        {
            null => 0,
            >= 1 and <= 1024 => threads.Value,
            _ => throw CliException.Usage(string.Create(CultureInfo.InvariantCulture, $"--threads must be in [1, 1024] (was {threads})."))
        };
    }

    private static string CleanMessage(ArgumentException e) => Messages.Clean(e);

    private static ScenarioSpec? WithPeriods(ScenarioSpec? spec, int periods) => spec switch
    {
        ConstantRateScenarioSpec c => c with { Periods = periods },
        ShortRateScenarioSpec s => s with { Periods = periods },
        _ => spec,
    };

    private ShortRateScenarioSpec BuildShortRate(ParseResult p, string? rateModel, ScenarioSpec? fromFile)
    {
        var baseSpec = fromFile as ShortRateScenarioSpec;
        var baseModel = baseSpec?.Model;
        var kind = (rateModel ?? KindOf(baseModel) ?? "vasicek").ToUpperInvariant() switch
        {
            "VASICEK" => "vasicek",
            "CIR" or "COX-INGERSOLL-ROSS" => "cir",
            "HULL-WHITE" or "HULLWHITE" or "HW" => "hull-white",
            _ => throw CliException.Usage($"--rate-model must be vasicek, cir or hull-white (was '{rateModel}')."),
        };
        var sameKind = KindOf(baseModel) == kind;
        var r0Default = fromFile is ConstantRateScenarioSpec c ? c.AnnualRate : 0.03;
        var (r0, kappa, theta, sigma) = sameKind ? Parameters(baseModel!) : (r0Default, 0.15, 0.035, 0.01);
        r0 = p.GetValue(R0) ?? r0;
        kappa = p.GetValue(Kappa) ?? kappa;
        theta = p.GetValue(Theta) ?? theta;
        sigma = p.GetValue(Sigma) ?? sigma;
        var schemeText = p.GetValue(Scheme);
        RateScheme? scheme = schemeText?.ToUpperInvariant() switch
        {
            null => sameKind ? baseModel!.Scheme : null,
            "EXACT" => RateScheme.Exact,
            "EULER" => RateScheme.Euler,
            _ => throw CliException.Usage($"--scheme must be exact or euler (was '{schemeText}')."),
        };
        ShortRateModel model = kind switch
        {
            "vasicek" => new Vasicek(r0, kappa, theta, sigma, scheme ?? RateScheme.Exact),
            "cir" => new CoxIngersollRoss(r0, kappa, theta, sigma, scheme ?? RateScheme.Euler),
            _ => new HullWhite(kappa, sigma, ZeroCurve.Flat(r0), scheme ?? RateScheme.Exact),
        };
        var count = p.GetValue(Scenarios) ?? baseSpec?.Count ?? _defaultScenarios;
        var seed = p.GetValue(ScenarioSeed) ?? baseSpec?.Seed ?? p.GetValue(Seed) ?? 1;
        return new ShortRateScenarioSpec(model, count, seed, p.GetValue(Periods) ?? baseSpec?.Periods);
    }

    private static string? KindOf(ShortRateModel? model) => model switch
    {
        Vasicek => "vasicek",
        CoxIngersollRoss => "cir",
        HullWhite => "hull-white",
        _ => null,
    };

    private static (double R0, double Kappa, double Theta, double Sigma) Parameters(ShortRateModel model) => model switch
    {
        Vasicek v => (v.InitialRate, v.Kappa, v.Theta, v.Sigma),
        CoxIngersollRoss c => (c.InitialRate, c.Kappa, c.Theta, c.Sigma),
        HullWhite h => (h.InitialRate, h.MeanReversion, 0.035, h.Sigma),
        _ => (0.03, 0.15, 0.035, 0.01),
    };
}
