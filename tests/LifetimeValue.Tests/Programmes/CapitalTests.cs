using LifetimeValue.Programmes;
using LifetimeValue.Scenarios;
using LifetimeValue.Simulation;

namespace LifetimeValue.Tests.Programmes;

/// <summary>The capital questions: the affordable-rate search against brute force, the capital needed, the funding test's interval, and the quantile interval's coverage.</summary>
public sealed class CapitalTests
{
    private static readonly Lazy<(Programme Programme, ScenarioSet Scenarios, SimulationOptions Options, SimulationPartial Partial)> Run = new(() =>
    {
        // The bank: its need varies by scenario (the hotel's is its first month's acquisition cost in every scenario).
        var model = Presets.Bank();
        var scenarios = ScenarioSet.Generate(new Vasicek(0.03, 0.15, 0.035, 0.015), 40, model.MaxPeriods, 3);
        var options = new SimulationOptions { Seed = 9, Customers = 400, ChunkSize = 400 };
        var partial = MonteCarloEngine.SimulateChunks(model, scenarios, options, 0, MonteCarloEngine.Plan(scenarios, options).ChunkCount);
        return (new Programme(model, AcquisitionSchedule.PerYear(1_000, 5, 0.05)), scenarios, options, partial);
    });

    [Test]
    public void MaxAffordable_Exact_EqualsABruteForceScanOfReprojectedProgrammes()
    {
        // Brute force: re-project the programme at every first-year figure N = 0 … 120 and keep the largest whose need fits.
        var programme = new Programme(Presets.Hotel(), AcquisitionSchedule.PerYear(1, 5, 0.05));
        var rates = RatePath.Constant(0.03);
        var unit = ProgrammeEngine.Project(programme, rates);
        var capital = 47.3 * unit.FundingNeed.Mean;
        var brute = 0L;
        for (var n = 0; n <= 120; n++)
        {
            if (ProgrammeEngine.Project(programme.WithFirstYear(n), rates).FundingNeed.Mean <= capital)
            {
                brute = n;
            }
        }

        unit.MaxAffordablePerYear(capital, 0.95).Should().Be(brute, "brute-force scan");
        brute.Should().Be(47, "the need is linear in the scale: ⌊47.3⌋");
    }

    [Test]
    public void MaxAffordable_MonteCarlo_EqualsABruteForceScanAndTheSearchIsMonotone()
    {
        var (programme, scenarios, options, partial) = Run.Value;
        var result = ProgrammeEngine.FromPartial(programme, scenarios, options, partial);
        var capital = 30.7 * result.CapitalNeeded(0.9) / 1_000;
        var rank = ProgrammeResult.Rank(0.9, result.Scenarios);
        var brute = 0L;
        var seenFalse = false;
        for (var n = 0; n <= 80; n++)
        {
            // Independent of the search: rebuild the programme at N and count scenarios within capital.
            var scaled = ProgrammeEngine.FromPartial(programme.WithFirstYear(n), scenarios, options, partial);
            var affordable = scaled.TestFunding(capital).ScenariosShort <= result.Scenarios - rank;
            affordable.Should().Be(result.IsAffordable(n, capital, rank), $"N = {n}: the search's predicate agrees with the rebuilt programme");
            if (affordable)
            {
                seenFalse.Should().BeFalse($"monotone: N = {n} affordable after a smaller N was not");
                brute = n;
            }
            else
            {
                seenFalse = true;
            }
        }

        result.MaxAffordablePerYear(capital, 0.9).Should().Be(brute, "brute-force scan");
        brute.Should().Be(30);
    }

    [Test]
    public void CapitalNeeded_IsTheReverseOfTheSearch()
    {
        var (programme, scenarios, options, partial) = Run.Value;
        var result = ProgrammeEngine.FromPartial(programme, scenarios, options, partial);
        var needed = result.CapitalNeeded(0.95);
        result.MaxAffordablePerYear(needed, 0.95).Should().Be(1_000, "the capital needed for 1,000 a year affords exactly 1,000");
        var sorted = result.ScenarioFundingNeeds.Order().ToArray();
        needed.Should().Be(sorted[37], "order statistic ⌈0.95 · 40⌉ = 38");
        sorted[38].Should().BeGreaterThan(sorted[37], "the scenarios' needs differ at the top");
        result.TestFunding(needed).ScenariosShort.Should().Be(2, "hand: 40 − 38 scenarios need more");
    }

    [Test]
    public void FundingTest_WilsonInterval_MatchesNewcombe1998()
    {
        // Newcombe (1998), Stat. Med. 17:857, Table I example: 81/263, Wilson 95 % interval 0.2553 – 0.3662.
        var test = new FundingTest(1, 81, 263, 0.95);
        test.CiLow.Should().BeApproximately(0.2553, 5e-5, "Newcombe 1998");
        test.CiHigh.Should().BeApproximately(0.3662, 5e-5, "Newcombe 1998");

        // 0 of 10: Newcombe's Table I, 0 – 0.2775.
        var none = new FundingTest(1, 0, 10, 0.95);
        none.CiLow.Should().Be(0);
        none.CiHigh.Should().BeApproximately(0.2775, 5e-5, "Newcombe 1998");
    }

    [Test]
    public void QuantileInterval_HandRanks()
    {
        // S = 20, q = 0.5, level 0.95: P(K ≤ 5) = 0.0207 ≤ 0.025 < P(K ≤ 6) = 0.0577, so l = 6 and by symmetry u = 15;
        // coverage P(6 ≤ K ≤ 14) = 1 − 2·0.0207 = 0.9586 (binomial tables).
        var values = Enumerable.Range(1, 20).Select(i => (double)i).Reverse().ToArray();
        var q = QuantileInterval.Of(values, 0.5, 0.95);
        q.Low.Should().Be(6);
        q.High.Should().Be(15);
        q.Value.Should().Be(10, "x_(⌈0.5·20⌉)");
        q.Coverage.Should().BeApproximately(0.9586, 1e-4, "binomial tables");
        QuantileInterval.Of([1.0, 2, 3], 0.95, 0.95).High.Should().BeNull("three values cannot bound the 95th percentile");
    }

    [Test]
    public void QuantileInterval_CoversTheTrueQuantileAtLeastAtItsLevel()
    {
        // MC bound: 4,000 samples of S = 60 exponential values; the true 0.9-quantile is ln 10. The observed coverage must
        // be at least the interval's exact coverage minus 4 binomial standard errors.
        var random = new System.Random(20261203);
        const int Trials = 4_000;
        var truth = Math.Log(10);
        var covered = 0;
        var coverage = 0.0;
        for (var t = 0; t < Trials; t++)
        {
            var sample = Enumerable.Range(0, 60).Select(_ => -Math.Log(1 - random.NextDouble())).ToArray();
            var q = QuantileInterval.Of(sample, 0.9, 0.9);
            coverage = q.Coverage;
            if (q.Low <= truth && truth <= q.High)
            {
                covered++;
            }
        }

        coverage.Should().BeGreaterThanOrEqualTo(0.9);
        ((double)covered / Trials).Should().BeGreaterThan(coverage - (4 * Math.Sqrt(coverage * (1 - coverage) / Trials)), "distribution-free coverage");
    }

    [Test]
    public void MaxAffordable_BadArguments_AreRefused()
    {
        var (programme, scenarios, options, partial) = Run.Value;
        var result = ProgrammeEngine.FromPartial(programme, scenarios, options, partial);
        ((Action)(() => result.MaxAffordablePerYear(-1, 0.95))).Should().Throw<ArgumentOutOfRangeException>().WithMessage("capital*");
        ((Action)(() => result.MaxAffordablePerYear(1, 0))).Should().Throw<ArgumentOutOfRangeException>().WithMessage("confidence must be in (0, 1] (was 0).*");
    }
}
