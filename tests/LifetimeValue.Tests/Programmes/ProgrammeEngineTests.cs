using LifetimeValue.Model;
using LifetimeValue.Programmes;
using LifetimeValue.Projection;
using LifetimeValue.Scenarios;
using LifetimeValue.Simulation;
using LifetimeValue.Statistics;

namespace LifetimeValue.Tests.Programmes;

/// <summary>The exact and Monte Carlo programme engines against independent computations.</summary>
public sealed class ProgrammeEngineTests
{
    private static StrategyModel Model(string name) => Presets.ByName(name);

    [TestCase("bank")]
    [TestCase("hotel")]
    public void Exact_IsTheConvolutionOfProjectsCohortFlowsWithTheSchedule(string name)
    {
        var model = Model(name);
        var rates = name == "bank" ? Presets.BankRates() : RatePath.Constant(0.03);
        var schedule = AcquisitionSchedule.PerYear(50_000, 30, 0.02);
        var result = ProgrammeEngine.Project(new Programme(model, schedule), rates);

        // Independent: a gather over calendar months in decimal arithmetic, F_m = Σ_{j ≤ m} n_j · f(m − j).
        var f = ExpectedValueEngine.Project(model, rates).ExpectedFlows.Select(v => (decimal)v).ToArray();
        var n = schedule.Months.Select(v => (decimal)v).ToArray();
        var months = n.Length + f.Length - 1;
        result.ExpectedCashFlows.Should().HaveCount(months);
        var scale = result.ExpectedCashFlows.Max(Math.Abs);
        for (var m = 0; m < months; m++)
        {
            var sum = 0m;
            for (var j = Math.Max(0, m - f.Length + 1); j <= Math.Min(m, n.Length - 1); j++)
            {
                sum += n[j] * f[m - j];
            }

            result.ExpectedCashFlows[m].Should().BeApproximately((double)sum, 1e-9 * scale, $"month {m}: decimal convolution, 1e-9 of the largest flow");
        }
    }

    [Test]
    public void Exact_BorrowSpread_UsesTheRatePathInCalendarTime()
    {
        // On a constant path, borrowing at r + s equals a fixed rate r + s.
        var programme = new Programme(Presets.Hotel(), AcquisitionSchedule.PerYear(1_000, 5));
        var spread = ProgrammeEngine.Project(programme with { Financing = new ProgrammeFinancing { BorrowSpread = 0.02 } }, RatePath.Constant(0.03));
        var fixedRate = ProgrammeEngine.Project(programme with { Financing = new ProgrammeFinancing { BorrowRate = 0.05 } }, RatePath.Constant(0.03));
        spread.FinancingCost.Mean.Should().BeGreaterThan(0);
        spread.FinancingCost.Mean.Should().BeApproximately(fixedRate.FinancingCost.Mean, 1e-9 * fixedRate.FinancingCost.Mean, "r + s = 5 % every month");
    }

    [Test]
    public void Exact_BorrowSpreadOnAShortPath_IsRefusedWithTheLengths()
    {
        var model = Presets.Hotel();
        var programme = new Programme(model, AcquisitionSchedule.PerYear(1_000, 5), new ProgrammeFinancing { BorrowSpread = 0.02 });
        var path = RatePath.FromValues([.. Enumerable.Repeat(0.03, model.MaxPeriods)]);
        var act = () => ProgrammeEngine.Project(programme, path);
        act.Should().Throw<ArgumentException>().WithMessage($"rates cover {model.MaxPeriods} months but *{programme.Months} calendar months*");
    }

    [Test]
    public void MonteCarlo_IsTheSumOfShiftedSingleCohortRuns_BitForBit()
    {
        // Three separate Monte Carlo runs with the same seed (common random numbers): one customer at month 0, one at
        // month 3, and 2 at month 0 with 3 at month 3. The last must be 2·first + 3·second, bit for bit, in every scenario.
        var model = Presets.Bank();
        var scenarios = ScenarioSet.Generate(new Vasicek(0.03, 0.15, 0.035, 0.01), 3, model.MaxPeriods, 7);
        var options = new SimulationOptions { Seed = 5, Customers = 600, ChunkSize = 300 };
        var at0 = ProgrammeEngine.Simulate(new Programme(model, AcquisitionSchedule.FromMonths([1, 0, 0, 0])), scenarios, options);
        var at3 = ProgrammeEngine.Simulate(new Programme(model, AcquisitionSchedule.FromMonths([0, 0, 0, 1])), scenarios, options);
        var both = ProgrammeEngine.Simulate(new Programme(model, AcquisitionSchedule.FromMonths([2, 0, 0, 3])), scenarios, options);
        for (var s = 0; s < 3; s++)
        {
            var a = at0.ScenarioCashFlows(s);
            var b = at3.ScenarioCashFlows(s);
            var c = both.ScenarioCashFlows(s);
            for (var m = 0; m < c.Count; m++)
            {
                var expected = (2 * a[m]) + (3 * b[m]);
                c[m].Should().Be(expected, $"scenario {s}, month {m}: the programme is the sum of shifted cohorts");
                if (m >= 3)
                {
                    b[m].Should().Be(a[m - 3], $"scenario {s}, month {m}: a cohort 3 months later is the same curve shifted");
                }
            }
        }
    }

    [TestCase("bank")]
    [TestCase("hotel")]
    public void MonteCarlo_MeansAgreeWithExactWithinTheStatedError(string name)
    {
        // S scenarios on the same rate path, rising linearly from 1 % to 6 % (so the discount factors the Monte Carlo
        // curve is undiscounted by vary month to month): the scenario spread is the customer sampling error, so the
        // two-level interval is honest. Oracle: the exact engine on the same path. Tolerance: 4 standard errors.
        var model = Model(name);
        const int S = 16;
        var path = Enumerable.Range(0, model.MaxPeriods).Select(t => 0.01 + (0.05 * t / model.MaxPeriods)).ToArray();
        var scenarios = ScenarioSet.FromPaths([.. Enumerable.Repeat<IReadOnlyList<double>>(path, S)]);
        var programme = new Programme(model, AcquisitionSchedule.PerYear(10_000, 10));
        var mc = ProgrammeEngine.Simulate(programme, scenarios, new SimulationOptions { Seed = 11, Customers = 1_500, ChunkSize = 500 });
        var exact = ProgrammeEngine.Project(programme, RatePath.FromValues(path));

        mc.Npv.StandardError.Should().BeGreaterThan(0);
        Math.Abs(mc.Npv.Mean - exact.Npv.Mean).Should().BeLessThan(4 * mc.Npv.StandardError, "NPV: MC within 4 SE of exact");
        Math.Abs(mc.PeakFundingNeed.Mean - exact.PeakFundingNeed.Mean).Should().BeLessThan(4 * mc.PeakFundingNeed.StandardError + 1e-9, "peak need within 4 SE");
        foreach (var month in new[] { 60, 120, mc.ExpectedCashFlows.Count / 2 })
        {
            var cumulative = Enumerable.Range(0, S).Select(s => mc.ScenarioCashFlows(s).Take(month + 1).Sum()).ToArray();
            var e = ScenarioMeanEstimator.FromScenarioMeans(cumulative, 1_500);
            e.Mean.Should().BeApproximately(mc.ExpectedCumulativeCash[month], 1e-6 * Math.Abs(e.Mean) + 1e-6);
            Math.Abs(e.Mean - exact.ExpectedCumulativeCash[month]).Should().BeLessThan(4 * e.StandardError, $"cumulative cash at month {month}: within 4 SE of exact");
        }
    }

    [Test]
    public void FromPartial_OfAnotherModelOrIncomplete_IsRefused()
    {
        var scenarios = ScenarioSet.Constant(0.03, Presets.Bank().MaxPeriods);
        var options = new SimulationOptions { Customers = 100, ChunkSize = 50 };
        var hotel = MonteCarloEngine.SimulateChunks(Presets.Hotel(), scenarios, options, 0, 2);
        var act = () => ProgrammeEngine.FromPartial(new Programme(Presets.Bank(), AcquisitionSchedule.PerYear(10, 1)), scenarios, options, hotel);
        act.Should().Throw<ArgumentException>().WithMessage("The partial is of another run*'bank'*");

        var half = MonteCarloEngine.SimulateChunks(Presets.Hotel(), scenarios, options, 0, 1);
        var incomplete = () => ProgrammeEngine.FromPartial(new Programme(Presets.Hotel(), AcquisitionSchedule.PerYear(10, 1)), scenarios, options, half);
        incomplete.Should().Throw<ArgumentException>().WithMessage("The partial does not cover every chunk*");
    }

    [Test]
    public void CalendarRates_OnAConstantPath_EqualCohortTime_BitForBit()
    {
        var programme = new Programme(Presets.Bank(), AcquisitionSchedule.PerYear(1_000, 4, 0.1));
        var cohortTime = ProgrammeEngine.Project(programme, Presets.BankRates());
        var calendar = ProgrammeEngine.Project(programme with { CalendarRates = true }, Presets.BankRates());
        calendar.ExpectedCashFlows.Should().Equal(cohortTime.ExpectedCashFlows, "on a constant path every year's cohort curve is the same");
    }

    [Test]
    public void CalendarRates_Exact_EachYearsCohortsFollowThePathFromTheirYear()
    {
        // Path: 1 % for the first year, 5 % after. Year-0 cohorts follow f0 = project(path), year-1 cohorts f1 =
        // project(path from month 12). Oracle: a decimal gather with the year's curve.
        var model = Presets.Bank();
        var path = Enumerable.Range(0, 12 + model.MaxPeriods).Select(t => t < 12 ? 0.01 : 0.05).ToArray();
        var schedule = AcquisitionSchedule.FromYears([1_000, 1_000]);
        var result = ProgrammeEngine.Project(new Programme(model, schedule) { CalendarRates = true }, RatePath.FromValues(path));
        var f0 = ExpectedValueEngine.Project(model, RatePath.FromValues(path)).ExpectedFlows.Select(v => (decimal)v).ToArray();
        var f1 = ExpectedValueEngine.Project(model, RatePath.FromValues(path[12..])).ExpectedFlows.Select(v => (decimal)v).ToArray();
        f0.Should().NotEqual(f1, "the two years' cohorts see different rates, or the test proves nothing");
        var n = schedule.Months.Select(v => (decimal)v).ToArray();
        var scale = result.ExpectedCashFlows.Max(Math.Abs);
        for (var m = 0; m < result.ExpectedCashFlows.Count; m++)
        {
            var sum = 0m;
            for (var j = Math.Max(0, m - f0.Length + 1); j <= Math.Min(m, n.Length - 1); j++)
            {
                sum += n[j] * (j < 12 ? f0 : f1)[m - j];
            }

            result.ExpectedCashFlows[m].Should().BeApproximately((double)sum, 1e-9 * scale, $"month {m}");
        }
    }

    [Test]
    public void CalendarRates_MonteCarlo_YearTwoCohortIsTheCohortTimeRunOnShiftedPaths_BitForBit()
    {
        var model = Presets.Bank();
        var periods = model.MaxPeriods;
        var scenarios = ScenarioSet.Generate(new Vasicek(0.03, 0.15, 0.035, 0.01), 3, periods + 12, 7);
        var shifted = ScenarioSet.FromPaths([.. Enumerable.Range(0, 3).Select(s => (IReadOnlyList<double>)scenarios.Path(s).Slice(12, periods).ToArray())]);
        var options = new SimulationOptions { Seed = 5, Customers = 600, ChunkSize = 300 };
        var schedule = AcquisitionSchedule.FromMonths([.. Enumerable.Repeat(0.0, 12), 1]);
        var calendar = ProgrammeEngine.Simulate(new Programme(model, schedule) { CalendarRates = true }, scenarios, options);
        var cohortTime = ProgrammeEngine.Simulate(new Programme(model, schedule), shifted, options);
        var plain = ProgrammeEngine.Simulate(new Programme(model, schedule), scenarios, options);
        for (var s = 0; s < 3; s++)
        {
            calendar.ScenarioCashFlows(s).Should().Equal(cohortTime.ScenarioCashFlows(s), $"scenario {s}: the year-2 cohort sees the path from month 12");
        }

        calendar.ScenarioCashFlows(0).Should().NotEqual(plain.ScenarioCashFlows(0), "in cohort time the same cohort sees the path from month 0");
    }

    [Test]
    public void CalendarRates_ShortPaths_AreRefusedWithTheLengths()
    {
        var model = Presets.Bank();
        var programme = new Programme(model, AcquisitionSchedule.PerYear(1_000, 3)) { CalendarRates = true };
        var act = () => ProgrammeEngine.Project(programme, RatePath.FromValues([.. Enumerable.Repeat(0.03, model.MaxPeriods)]));
        act.Should().Throw<ArgumentException>().WithMessage($"rates cover {model.MaxPeriods} months but calendar rates for 3 acquisition years need {24 + model.MaxPeriods}*");
    }
}
