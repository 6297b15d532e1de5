using System.Globalization;
using LifetimeValue.Scenarios;
using LifetimeValue.Simulation;
using LifetimeValue.Statistics;

namespace LifetimeValue.Programmes;

/// <summary>
/// Two programmes on the same rate scenarios with the same seed (common random numbers): each one's result and the
/// paired difference of their NPVs and funding needs, scenario by scenario, with an interval. A ranking is stated only
/// when the interval of the NPV difference excludes zero.
/// </summary>
/// <remarks>Thread safety: immutable; safe to share.</remarks>
public sealed class ProgrammeComparison
{
    private ProgrammeComparison(ProgrammeResult first, ProgrammeResult second)
    {
        First = first;
        Second = second;
        var s = first.Scenarios;
        var npv = new double[s];
        var need = new double[s];
        for (var i = 0; i < s; i++)
        {
            npv[i] = first.ScenarioNpvs[i] - second.ScenarioNpvs[i];
            need[i] = first.ScenarioFundingNeeds[i] - second.ScenarioFundingNeeds[i];
        }

        var n = first.CustomersPerScenario ?? 1;
        NpvDifference = ScenarioMeanEstimator.FromScenarioMeans(npv, n, double.NaN, first.ConfidenceLevel);
        FundingNeedDifference = ScenarioMeanEstimator.FromScenarioMeans(need, n, double.NaN, first.ConfidenceLevel);
        // The funding gap: first − second cumulative cash at each calendar year end, paired by scenario. A programme whose
        // horizon has ended keeps its final cumulative cash.
        var months = Math.Max(first.ExpectedCashFlows.Count, second.ExpectedCashFlows.Count);
        var years = (months + 11) / 12;
        var gap = new TwoLevelEstimate[years];
        var firstCumulative = new double[s][];
        var secondCumulative = new double[s][];
        for (var i = 0; i < s; i++)
        {
            firstCumulative[i] = YearEnds(first.ScenarioCashFlows(i), years);
            secondCumulative[i] = YearEnds(second.ScenarioCashFlows(i), years);
        }

        var column = new double[s];
        for (var y = 0; y < years; y++)
        {
            for (var i = 0; i < s; i++)
            {
                column[i] = firstCumulative[i][y] - secondCumulative[i][y];
            }

            gap[y] = first.IsExact && second.IsExact
                ? TwoLevelEstimate.Create(column[0], 1, 1, double.NaN, 0.0, first.ConfidenceLevel)
                : ScenarioMeanEstimator.FromScenarioMeans(column, n, double.NaN, first.ConfidenceLevel);
        }

        FundingGapByYear = LifetimeValue.Internal.ReadOnly.Wrap(gap);
        var a = first.Programme.Name;
        var b = second.Programme.Name;
        var level = first.ConfidenceLevel.ToString("P0", CultureInfo.InvariantCulture);
        var d = NpvDifference;
        Statement = double.IsNaN(d.StandardError)
            ? string.Create(CultureInfo.InvariantCulture, $"NPV {a} − {b} = {d.Mean:N0}; one scenario gives no interval, so no ranking is stated.")
            : d.Excludes(0)
                ? string.Create(CultureInfo.InvariantCulture, $"The {(d.Mean > 0 ? a : b)} programme is worth more: NPV {a} − {b} = {d.Mean:N0} ({level} CI {d.CiLow:N0} – {d.CiHigh:N0}).")
                : string.Create(CultureInfo.InvariantCulture, $"No ranking: NPV {a} − {b} = {d.Mean:N0} and its {level} CI {d.CiLow:N0} – {d.CiHigh:N0} includes 0.");
    }

    /// <summary>The first programme's result.</summary>
    public ProgrammeResult First { get; }

    /// <summary>The second programme's result.</summary>
    public ProgrammeResult Second { get; }

    /// <summary>E[NPV_first − NPV_second], paired by scenario.</summary>
    public TwoLevelEstimate NpvDifference { get; }

    /// <summary>E[need_first − need_second] (financing included), paired by scenario.</summary>
    public TwoLevelEstimate FundingNeedDifference { get; }

    /// <summary>
    /// The funding gap over time: E[C_first − C_second] of the cumulative cash at the end of each calendar year (index y is
    /// the end of year y + 1), paired by scenario, with its interval. Negative: the first programme has consumed more cash.
    /// </summary>
    public IReadOnlyList<TwoLevelEstimate> FundingGapByYear { get; }

    /// <summary>Which programme is worth more, stated only when the interval excludes zero.</summary>
    public string Statement { get; }

    /// <summary>Writes both programmes and the paired differences as JSON: <c>{"programmes": [...], "npvDifference": …, "statement": …}</c>.</summary>
    /// <param name="stream">Destination.</param>
    /// <param name="capital">When given, each programme's capital questions are answered against it.</param>
    /// <param name="confidence">The share of scenarios the capital must cover, in (0, 1].</param>
    /// <exception cref="ArgumentNullException"><paramref name="stream"/> is null.</exception>
    public void WriteJson(Stream stream, double? capital = null, double confidence = 0.95)
    {
        ArgumentNullException.ThrowIfNull(stream);
        using var json = new System.Text.Json.Utf8JsonWriter(stream, new System.Text.Json.JsonWriterOptions { Indented = true });
        json.WriteStartObject();
        json.WriteStartArray("programmes");
        First.WriteJson(json, capital, confidence);
        Second.WriteJson(json, capital, confidence);
        json.WriteEndArray();
        Difference(json, "npvDifference", NpvDifference);
        Difference(json, "fundingNeedDifference", FundingNeedDifference);
        json.WriteStartArray("fundingGapByYear");
        foreach (var e in FundingGapByYear)
        {
            json.WriteStartObject();
            foreach (var (key, value) in new[] { ("mean", e.Mean), ("ciLow", e.CiLow), ("ciHigh", e.CiHigh) })
            {
                if (double.IsFinite(value))
                {
                    json.WriteNumber(key, value);
                }
                else
                {
                    json.WriteNull(key);
                }
            }

            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteString("statement", Statement);
        json.WriteEndObject();
    }

    /// <summary>Simulates both programmes on <paramref name="scenarios"/> with the same options (common random numbers) and compares them.</summary>
    /// <param name="first">The first programme.</param>
    /// <param name="second">The second programme.</param>
    /// <param name="scenarios">Rate scenarios, shared.</param>
    /// <param name="options">Simulation options, shared (same seed).</param>
    /// <param name="cancellationToken">Cancels the simulations.</param>
    /// <returns>The comparison.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static ProgrammeComparison Compare(Programme first, Programme second, ScenarioSet scenarios, SimulationOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(first);
        ArgumentNullException.ThrowIfNull(second);
        return new ProgrammeComparison(
            ProgrammeEngine.Simulate(first, scenarios, options, cancellationToken),
            ProgrammeEngine.Simulate(second, scenarios, options, cancellationToken));
    }

    /// <summary>Compares two results already run on the same scenarios and seed.</summary>
    /// <param name="first">The first result.</param>
    /// <param name="second">The second result.</param>
    /// <returns>The comparison.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">The results have different numbers of scenarios or levels.</exception>
    public static ProgrammeComparison Of(ProgrammeResult first, ProgrammeResult second)
    {
        ArgumentNullException.ThrowIfNull(first);
        ArgumentNullException.ThrowIfNull(second);
        if (first.Scenarios != second.Scenarios || first.ConfidenceLevel != second.ConfidenceLevel)
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                $"The results are not paired: {first.Scenarios} and {second.Scenarios} scenarios, levels {first.ConfidenceLevel} and {second.ConfidenceLevel}."), nameof(second));
        }

        return new ProgrammeComparison(first, second);
    }

    private static double[] YearEnds(IReadOnlyList<double> flows, int years)
    {
        var ends = new double[years];
        var sum = 0.0;
        for (var m = 0; m < years * 12; m++)
        {
            sum += m < flows.Count ? flows[m] : 0.0;
            if (m % 12 == 11)
            {
                ends[m / 12] = sum;
            }
        }

        return ends;
    }

    private static void Difference(System.Text.Json.Utf8JsonWriter json, string name, TwoLevelEstimate e)
    {
        json.WriteStartObject(name);
        foreach (var (key, value) in new[] { ("mean", e.Mean), ("standardError", e.StandardError), ("ciLow", e.CiLow), ("ciHigh", e.CiHigh) })
        {
            if (double.IsFinite(value))
            {
                json.WriteNumber(key, value);
            }
            else
            {
                json.WriteNull(key);
            }
        }

        json.WriteEndObject();
    }
}
