using System.Globalization;
using LifetimeValue.Internal;

namespace LifetimeValue.Scenarios;

/// <summary>
/// Economic scenarios: S scenarios × T monthly periods of annual short rates, generated from a
/// <see cref="ShortRateModel"/>, supplied by the user (<see cref="FromPaths"/>, <see cref="ReadCsv(TextReader)"/>)
/// or constant. The rates drive both margins and discounting.
/// </summary>
/// <remarks>
/// <para>
/// Grid: period t runs from t·Δ to (t + 1)·Δ with Δ = <see cref="PeriodYears"/> = 1/12 year, and
/// <c>this[s, t]</c> = r_t is the annual, continuously compounded short rate in force during it. Discount
/// factors follow <see cref="DiscountFactors.FillEndOfPeriod"/>: D_{t+1} = exp(−Σ_{j≤t}(r_j + spread)·Δ).
/// </para>
/// <para>
/// Storage: one dense row-major array (scenario-major), so <see cref="Path"/> is a contiguous span.
/// Bounds: 1 ≤ T ≤ <see cref="MaxPeriods"/>, 1 ≤ S ≤ <see cref="MaxScenarios"/> (so S·T ≤ 1.2·10⁹ fits one array;
/// at the maximum that is 9.6 GB); every rate is finite.
/// </para>
/// <para>Thread safety: immutable; all members are safe to call concurrently.</para>
/// </remarks>
public sealed partial class ScenarioSet
{
    /// <summary>Δ, the length of one period in years (monthly periods).</summary>
    public const double PeriodYears = 1.0 / 12.0;

    /// <summary>The most periods a scenario may have: 1200 months, 100 years.</summary>
    public const int MaxPeriods = 1200;

    /// <summary>The most scenarios a set may have.</summary>
    public const int MaxScenarios = 1_000_000;

    private readonly double[] _rates;

    private ScenarioSet(double[] rates, int scenarios, int periods, ShortRateModel? model, ulong? seed)
    {
        _rates = rates;
        ScenarioCount = scenarios;
        PeriodCount = periods;
        Model = model;
        Seed = seed;
    }

    /// <summary>S, the number of scenarios, in [1, <see cref="MaxScenarios"/>].</summary>
    public int ScenarioCount { get; }

    /// <summary>T, the number of monthly periods of every scenario, in [1, <see cref="MaxPeriods"/>].</summary>
    public int PeriodCount { get; }

    /// <summary>The model the set was generated from; null for user-supplied or constant scenarios.</summary>
    public ShortRateModel? Model { get; }

    /// <summary>The seed the set was generated with; null for user-supplied or constant scenarios.</summary>
    public ulong? Seed { get; }

    /// <summary>All rates, row-major: scenario s occupies [s·T, (s + 1)·T).</summary>
    public ReadOnlySpan<double> Rates => _rates;

    /// <summary>r_t of scenario <paramref name="scenario"/>: the annual short rate in force during period <paramref name="period"/>.</summary>
    /// <param name="scenario">Scenario index in [0, S − 1].</param>
    /// <param name="period">Period index in [0, T − 1].</param>
    /// <exception cref="ArgumentOutOfRangeException">An index is out of range.</exception>
    public double this[int scenario, int period]
    {
        get
        {
            CheckScenario(scenario);
            Guard.InRange(period, 0, PeriodCount - 1);
            return _rates[(scenario * PeriodCount) + period];
        }
    }

    /// <summary>The rate path r_0 … r_{T−1} of one scenario.</summary>
    /// <param name="scenario">Scenario index in [0, S − 1].</param>
    /// <returns>A read-only view of T annual rates.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="scenario"/> is out of range.</exception>
    public ReadOnlySpan<double> Path(int scenario)
    {
        CheckScenario(scenario);
        return _rates.AsSpan(scenario * PeriodCount, PeriodCount);
    }

    /// <summary>
    /// Fills <paramref name="destination"/>[t] = D_{t+1} = exp(−Σ_{j≤t}(r_j + spread)·Δ), the end-of-period discount
    /// factors of one scenario (see <see cref="DiscountFactors.FillEndOfPeriod"/>).
    /// </summary>
    /// <param name="scenario">Scenario index in [0, S − 1].</param>
    /// <param name="annualSpread">An annual spread added to every rate (0.03 in W1); finite.</param>
    /// <param name="destination">Receives D_1 … D_T; length T.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="scenario"/> is out of range or <paramref name="annualSpread"/> is not finite.</exception>
    /// <exception cref="ArgumentException"><paramref name="destination"/> does not have length T.</exception>
    public void FillDiscountFactors(int scenario, double annualSpread, Span<double> destination) =>
        DiscountFactors.FillEndOfPeriod(Path(scenario), annualSpread, destination);

    /// <summary>
    /// Generates <paramref name="scenarios"/> rate paths of <paramref name="periods"/> months from
    /// <paramref name="model"/>. Path s depends only on (model, seed, s): the result is bit-identical for any
    /// degree of parallelism and any number of scenarios generated alongside it.
    /// </summary>
    /// <param name="model">The short-rate model (its <see cref="ShortRateModel.Scheme"/> selects the stepping).</param>
    /// <param name="scenarios">S, in [1, <see cref="MaxScenarios"/>].</param>
    /// <param name="periods">T, in [1, <see cref="MaxPeriods"/>].</param>
    /// <param name="seed">Simulation seed; the shocks follow <see cref="RateShocks"/>.</param>
    /// <param name="maxDegreeOfParallelism">Threads to use: −1 (default) for all cores, or ≥ 1.</param>
    /// <param name="cancellationToken">Cancels generation.</param>
    /// <returns>The scenarios, carrying <paramref name="model"/> and <paramref name="seed"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="model"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A count is out of range.</exception>
    /// <exception cref="ArgumentException">The model produced a non-finite rate (parameters far outside any economic range, e.g. an Euler step with κΔ &gt; 2).</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public static ScenarioSet Generate(ShortRateModel model, int scenarios, int periods, ulong seed,
        int maxDegreeOfParallelism = -1, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(model);
        CheckSize(scenarios, periods);
        if (maxDegreeOfParallelism is 0 or < -1)
        {
            throw new ArgumentOutOfRangeException(nameof(maxDegreeOfParallelism), maxDegreeOfParallelism,
                string.Create(CultureInfo.InvariantCulture, $"maxDegreeOfParallelism must be -1 (all cores) or ≥ 1 (was {maxDegreeOfParallelism})."));
        }

        var rates = new double[checked(scenarios * periods)];
        var generator = model.CreateGenerator(periods);
        var options = new ParallelOptions { MaxDegreeOfParallelism = maxDegreeOfParallelism, CancellationToken = cancellationToken };
        var diverged = 0;
        Parallel.For(0, scenarios, options, s =>
        {
            var path = rates.AsSpan(s * periods, periods);
            generator.Fill(seed, s, path);
            if (!AllFinite(path))
            {
                Volatile.Write(ref diverged, 1);
            }
        });

        if (diverged != 0)
        {
            ThrowDiverged(model, rates, periods);
        }

        return new ScenarioSet(rates, scenarios, periods, model, seed);
    }

    /// <summary>User-supplied scenarios: one rate path per scenario, all of the same length.</summary>
    /// <param name="paths">S paths (1 ≤ S ≤ <see cref="MaxScenarios"/>), each r_0 … r_{T−1} with 1 ≤ T ≤ <see cref="MaxPeriods"/>, finite annual rates.</param>
    /// <returns>A copy of the paths.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="paths"/> or one of its paths is null.</exception>
    /// <exception cref="ArgumentException">The paths have different lengths; the message names the first that differs.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A count is out of range, or a rate is not finite; the message names <c>paths[s][t]</c>.</exception>
    public static ScenarioSet FromPaths(IReadOnlyList<IReadOnlyList<double>> paths)
    {
        Guard.NotEmpty(paths);
        ArgumentNullException.ThrowIfNull(paths[0], "paths[0]");
        int scenarios = paths.Count, periods = paths[0].Count;
        Guard.InRange(scenarios, 1, MaxScenarios, "paths.Count");
        Guard.InRange(periods, 1, MaxPeriods, "paths[0].Count");
        CheckSize(scenarios, periods);
        var rates = new double[scenarios * periods];
        for (var s = 0; s < scenarios; s++)
        {
            var path = paths[s];
            if (path is null)
            {
                throw new ArgumentNullException(nameof(paths), FormattableString.Invariant($"paths[{s}] must not be null."));
            }

            if (path.Count != periods)
            {
                throw new ArgumentException(FormattableString.Invariant(
                    $"paths must all have the same number of periods: paths[{s}] has {path.Count}, paths[0] has {periods}."), nameof(paths));
            }

            for (var t = 0; t < periods; t++)
            {
                double rate = path[t];
                if (!double.IsFinite(rate))
                {
                    Guard.Throw(FormattableString.Invariant($"paths[{s}][{t}]"), rate, "must be a finite annual rate", nameof(paths));
                }

                rates[(s * periods) + t] = rate;
            }
        }

        return new ScenarioSet(rates, scenarios, periods, model: null, seed: null);
    }

    /// <summary>A single scenario with the same rate in every period.</summary>
    /// <param name="annualRate">The annual continuously compounded short rate; finite.</param>
    /// <param name="periods">T, in [1, <see cref="MaxPeriods"/>].</param>
    /// <returns>One scenario of <paramref name="periods"/> equal rates.</returns>
    /// <exception cref="ArgumentOutOfRangeException">An argument is out of range.</exception>
    public static ScenarioSet Constant(double annualRate, int periods)
    {
        Guard.Finite(annualRate);
        CheckSize(1, periods);
        var rates = new double[periods];
        rates.AsSpan().Fill(annualRate);
        return new ScenarioSet(rates, 1, periods, model: null, seed: null);
    }

    private static void CheckSize(int scenarios, int periods)
    {
        Guard.InRange(scenarios, 1, MaxScenarios);
        Guard.InRange(periods, 1, MaxPeriods);
    }

    private void CheckScenario(int scenario) => Guard.InRange(scenario, 0, ScenarioCount - 1);

    private static bool AllFinite(ReadOnlySpan<double> values)
    {
        foreach (var value in values)
        {
            if (!double.IsFinite(value))
            {
                return false;
            }
        }

        return true;
    }

    [System.Diagnostics.CodeAnalysis.DoesNotReturn]
    private static void ThrowDiverged(ShortRateModel model, double[] rates, int periods)
    {
        // Report the first bad cell in scenario order, so the message does not depend on thread timing.
        int index = 0;
        while (double.IsFinite(rates[index]))
        {
            index++;
        }

        throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
            $"model {model} produced a non-finite rate at scenario {index / periods}, period {index % periods}; its parameters are outside any usable range (an Euler step needs κΔ < 2)."),
            nameof(model));
    }
}
