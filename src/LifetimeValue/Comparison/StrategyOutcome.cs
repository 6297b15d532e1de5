using LifetimeValue.Internal;
using LifetimeValue.Finance;
using LifetimeValue.Model;
using LifetimeValue.Projection;
using LifetimeValue.Simulation;
using LifetimeValue.Statistics;

namespace LifetimeValue.Comparison;

/// <summary>Value accumulated by a point in time: the mean cumulative PV per customer (acquisition cost included).</summary>
/// <param name="Years">Years since acquisition; <see langword="null"/> for the full horizon.</param>
/// <param name="Month">The month index on the cumulative curve (0 = acquisition); capped at the model's horizon.</param>
/// <param name="CumulativePresentValue">Mean cumulative PV per customer at that month.</param>
/// <param name="Estimate">The same value with its standard error (total; from the spread of the scenario curves) and
/// confidence interval.</param>
public readonly record struct HorizonValue(int? Years, int Month, double CumulativePresentValue, TwoLevelEstimate Estimate);

/// <summary>
/// Can the strategy be funded? Peak funding need of a cohort against the capital available, in expectation and
/// across scenarios.
/// </summary>
/// <param name="CohortSize">Customers in the cohort.</param>
/// <param name="AvailableCapital">Capital available.</param>
/// <param name="PeakFundingNeed">Cohort size × peak funding per customer of the mean curve.</param>
/// <param name="IsFundable">Whether the expected peak need is at most the capital.</param>
/// <param name="ShareOfScenariosExceeding">Share of scenarios whose own peak need exceeds the capital (NaN when per-scenario curves were not tracked).</param>
public readonly record struct FundingTest(long CohortSize, double AvailableCapital, double PeakFundingNeed, bool IsFundable, double ShareOfScenariosExceeding);

/// <summary>One strategy's side of a comparison.</summary>
/// <remarks>Thread safety: immutable; safe to share.</remarks>
public sealed class StrategyOutcome
{
    internal StrategyOutcome(SimulationResult simulation, ProjectionResult projection, ComparisonOptions options)
    {
        Simulation = simulation;
        Projection = projection;
        var curve = simulation.MeanCumulativePresentValue;
        var values = new List<HorizonValue>();
        foreach (var y in options.ValueYears)
        {
            var month = Math.Min(12 * y, curve.Count - 1);
            values.Add(new HorizonValue(y, month, curve[month], simulation.CumulativePresentValueEstimate(month)));
        }

        values.Add(new HorizonValue(null, curve.Count - 1, curve[^1], simulation.CumulativePresentValueEstimate(curve.Count - 1)));
        ValueByYear = ReadOnly.Copy(values);

        var need = simulation.PeakFunding(options.CohortSize);
        var outcomes = simulation.ScenarioOutcomes;
        var tracked = outcomes.All(o => !double.IsNaN(o.PeakFundingPerCustomer));
        var share = tracked
            ? outcomes.Count(o => o.PeakFundingPerCustomer * options.CohortSize > options.AvailableCapital) / (double)outcomes.Count
            : double.NaN;
        Funding = new FundingTest(options.CohortSize, options.AvailableCapital, need, need <= options.AvailableCapital, share);
        CohortNpvEstimate = simulation.ExpectedClv.Scale(options.CohortSize);
    }

    /// <summary>The model.</summary>
    public StrategyModel Model => Simulation.Model;

    /// <summary>The model's name.</summary>
    public string Name => Model.Name;

    /// <summary>The Monte Carlo result (same seed and scenarios as the other strategies).</summary>
    public SimulationResult Simulation { get; }

    /// <summary>The exact expected-value projection along the scenarios' average rate path (for IRR and the cash-flow lines).</summary>
    public ProjectionResult Projection { get; }

    /// <summary>Expected CLV (Monte Carlo mean).</summary>
    public double ExpectedClv => Simulation.Clv.Mean;

    /// <summary><see cref="ExpectedClv"/> with its two-level error (scenarios and customers) and confidence interval.</summary>
    public TwoLevelEstimate ExpectedClvEstimate => Simulation.ExpectedClv;

    /// <summary>Total standard error of <see cref="ExpectedClv"/> (rate scenarios and customer sampling; see <see cref="ExpectedClvEstimate"/>).</summary>
    public double StandardError => Simulation.ExpectedClv.StandardError;

    /// <summary>CLV percentiles P1 … P99.</summary>
    public IReadOnlyList<PercentilePoint> Percentiles => Simulation.Percentiles;

    /// <summary>Net present value of the whole cohort: cohort size × expected CLV.</summary>
    public double CohortNpv => Funding.CohortSize * ExpectedClv;

    /// <summary><see cref="CohortNpv"/> with its error and interval (those of the expected CLV, times the cohort size).</summary>
    public TwoLevelEstimate CohortNpvEstimate { get; }

    /// <summary>Break-even of the mean cumulative PV curve (both conventions, in months since acquisition).</summary>
    public BreakEvenResult BreakEven => Simulation.BreakEven;

    /// <summary>Peak funding per customer: −min of the mean cumulative PV curve (≥ 0).</summary>
    public double PeakFundingPerCustomer => Simulation.PeakFundingPerCustomer;

    /// <summary><see cref="PeakFundingPerCustomer"/> with its error and interval (see <see cref="SimulationResult.PeakFundingEstimate"/>).</summary>
    public TwoLevelEstimate PeakFundingEstimate => Simulation.PeakFundingEstimate;

    /// <summary>Annual IRR of the expected cash flows (from <see cref="Projection"/>); null when there is no unique root.</summary>
    public double? AnnualIrr => Projection.AnnualIrr;

    /// <summary>Value accumulated by the requested years and at the full horizon.</summary>
    public IReadOnlyList<HorizonValue> ValueByYear { get; }

    /// <summary>The funding test for the cohort.</summary>
    public FundingTest Funding { get; }
}
