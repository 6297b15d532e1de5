using System.Globalization;
using LifetimeValue.Statistics;

namespace LifetimeValue.Comparison;

/// <summary>Which of two strategies a comparison can rank first, at its confidence level.</summary>
public enum ComparisonVerdict
{
    /// <summary>The interval of the difference (first − second) in expected CLV lies above zero.</summary>
    FirstBetter,

    /// <summary>The interval lies below zero.</summary>
    SecondBetter,

    /// <summary>The interval contains zero (or cannot be formed): the run cannot rank the two.</summary>
    NotDistinguishable,
}

/// <summary>
/// The paired difference of two strategies simulated on the same scenarios with common random numbers: the difference
/// (first − second) in expected CLV, cohort NPV and peak funding with standard errors and intervals from the per-scenario
/// paired differences, the share of scenarios in which each is ahead, and a verdict.
/// </summary>
/// <remarks>
/// <para>With D_s = Ȳ^A_s − Ȳ^B_s the difference of the two strategies' mean CLVs in scenario s, the difference is
/// D̄ = Ȳ^A − Ȳ^B and its standard error s_D/√S, s_D² the sample variance of the D_s: the same two-level estimator as
/// for one strategy (<see cref="TwoLevelEstimate"/>), applied to the paired scenario means, so the rate paths the two
/// strategies share cancel. Only the total is known: splitting it into a scenario and a customer part would need the
/// customer-level covariance of the two strategies, which is not kept. With one scenario the paired spread cannot be
/// estimated, and the two customer errors are combined as if independent (√(SE_A² + SE_B²), normal interval): conservative
/// when common random numbers correlate the strategies positively.</para>
/// <para>Peak funding: each strategy's peak is read at its own mean curve's lowest month, so the paired per-scenario values
/// are the scenario curves at those months (the delta method, as for <see cref="Simulation.SimulationResult.PeakFundingEstimate"/>).</para>
/// <para>The verdict says one strategy is better only when the interval of the CLV difference excludes zero; otherwise
/// <see cref="ScenariosNeeded"/> estimates how many scenarios (at the same customers each) would make an interval of the
/// observed paired spread exclude the observed difference.</para>
/// <para>Thread safety: immutable; safe to share.</para>
/// </remarks>
public sealed class StrategyDifference
{
    internal StrategyDifference(StrategyOutcome first, StrategyOutcome second, ComparisonOptions options)
    {
        First = first.Name;
        Second = second.Name;
        var a = first.Simulation;
        var b = second.Simulation;
        var level = options.Simulation.ConfidenceLevel;
        var scenarios = a.ScenarioOutcomes.Count;
        var n = a.Plan.CustomersPerScenario;
        var paired = new double[scenarios];
        int firstAhead = 0, secondAhead = 0;
        for (var s = 0; s < scenarios; s++)
        {
            paired[s] = a.ScenarioOutcomes[s].MeanClv - b.ScenarioOutcomes[s].MeanClv;
            firstAhead += paired[s] > 0 ? 1 : 0;
            secondAhead += paired[s] < 0 ? 1 : 0;
        }

        var mean = a.ExpectedClv.Mean - b.ExpectedClv.Mean;
        ExpectedClv = scenarios >= 2
            ? ScenarioMeanEstimator.Centred(mean, paired, n, level)
            : TwoLevelEstimate.Create(mean, 1, n, double.NaN, a.ExpectedClv.WithinScenarioVariance + b.ExpectedClv.WithinScenarioVariance, level);
        CohortNpv = ExpectedClv.Scale(options.CohortSize);
        FirstAheadShare = firstAhead / (double)scenarios;
        SecondAheadShare = secondAhead / (double)scenarios;

        if (scenarios >= 2 && a.ValuesAtPeakMonth is { } pa && b.ValuesAtPeakMonth is { } pb)
        {
            // Peak = −C̄(k*) when the curve dips below zero, else 0 (no scenario term).
            var peaks = new double[scenarios];
            for (var s = 0; s < scenarios; s++)
            {
                peaks[s] = (a.PeakFundingPerCustomer > 0 ? -pa[s] : 0) - (b.PeakFundingPerCustomer > 0 ? -pb[s] : 0);
            }

            PeakFundingPerCustomer = ScenarioMeanEstimator.Centred(a.PeakFundingPerCustomer - b.PeakFundingPerCustomer, peaks, n, level);
        }

        var c = CultureInfo.InvariantCulture;
        var pct = level * 100;
        var e = ExpectedClv;
        if (e.Excludes(0))
        {
            Verdict = mean > 0 ? ComparisonVerdict.FirstBetter : ComparisonVerdict.SecondBetter;
            var (winner, loser, ahead) = mean > 0 ? (First, Second, FirstAheadShare) : (Second, First, SecondAheadShare);
            var (low, high) = mean > 0 ? (e.CiLow, e.CiHigh) : (-e.CiHigh, -e.CiLow);
            Statement = string.Create(c,
                $"{winner} beats {loser}: expected CLV higher by {Math.Abs(mean):N2} per customer ({pct:0.##} % CI {low:N2} to {high:N2}, {Plural(scenarios)}; {winner} ahead in {ahead * 100:0} % of scenarios).");
        }
        else
        {
            Verdict = ComparisonVerdict.NotDistinguishable;
            ScenariosNeeded = mean != 0 && double.IsFinite(e.StandardError) ? e.ScenariosForHalfWidth(Math.Abs(mean)) : null;
            var need = scenarios < 2
                ? "many scenarios from a rate model would be needed to rank them under rate uncertainty"
                : ScenariosNeeded is null
                    ? "no scenario count can be suggested (the observed difference is zero)"
                    : $"{AdequacyNote.Count(ScenariosNeeded)} scenarios would be needed";
            Statement = string.Create(c,
                $"{First} and {Second} are not distinguishable at {pct:0.##} % with {Plural(scenarios)} (difference in expected CLV {mean:N2}, CI {e.CiLow:N2} to {e.CiHigh:N2}); {need}.");
        }
    }

    /// <summary>Name of the first strategy (the difference is first − second).</summary>
    public string First { get; }

    /// <summary>Name of the second strategy.</summary>
    public string Second { get; }

    /// <summary>Difference in expected CLV per customer, first − second, with its standard error and interval (total only; see remarks).</summary>
    public TwoLevelEstimate ExpectedClv { get; }

    /// <summary>Difference in cohort NPV: <see cref="ExpectedClv"/> × cohort size.</summary>
    public TwoLevelEstimate CohortNpv { get; }

    /// <summary>Difference in peak funding per customer, first − second; null with one scenario or when per-scenario curves are not kept.</summary>
    public TwoLevelEstimate? PeakFundingPerCustomer { get; }

    /// <summary>Share of scenarios in which the first strategy's mean CLV is higher, in [0, 1].</summary>
    public double FirstAheadShare { get; }

    /// <summary>Share of scenarios in which the second strategy's mean CLV is higher, in [0, 1] (ties count for neither).</summary>
    public double SecondAheadShare { get; }

    /// <summary>The verdict on expected CLV at the confidence level.</summary>
    public ComparisonVerdict Verdict { get; }

    /// <summary>When not distinguishable: about how many scenarios (same customers each) would make the interval exclude zero if the
    /// observed difference and paired spread held; null otherwise or when not estimable.</summary>
    public long? ScenariosNeeded { get; }

    /// <summary>The verdict in one sentence, e.g. "bank beats hotel: expected CLV higher by …" or "… are not distinguishable at 95 % with 50 scenarios …".</summary>
    public string Statement { get; }

    /// <inheritdoc/>
    public override string ToString() => Statement;

    private static string Plural(int scenarios) => scenarios == 1 ? "1 scenario" : string.Create(CultureInfo.InvariantCulture, $"{scenarios:N0} scenarios");
}
