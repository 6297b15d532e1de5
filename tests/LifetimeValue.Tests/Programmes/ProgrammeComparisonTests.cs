using LifetimeValue.Programmes;
using LifetimeValue.Scenarios;
using LifetimeValue.Simulation;

namespace LifetimeValue.Tests.Programmes;

/// <summary>The paired comparison of the bank's and the hotel's programmes on common random numbers.</summary>
public sealed class ProgrammeComparisonTests
{
    private static readonly Lazy<ProgrammeComparison> Comparison = new(() =>
    {
        var schedule = AcquisitionSchedule.PerYear(10_000, 10);
        var scenarios = ScenarioSet.Generate(new Vasicek(0.03, 0.15, 0.035, 0.01), 12, Presets.Bank().MaxPeriods, 5);
        return ProgrammeComparison.Compare(new Programme(Presets.Bank(), schedule), new Programme(Presets.Hotel(), schedule), scenarios,
            new SimulationOptions { Seed = 3, Customers = 800, ChunkSize = 400 });
    });

    [Test]
    public void NpvDifference_IsThePairedMeanWithAStudentTInterval()
    {
        var c = Comparison.Value;
        var paired = c.First.ScenarioNpvs.Zip(c.Second.ScenarioNpvs, (a, b) => a - b).ToArray();
        var mean = paired.Average();
        var se = Math.Sqrt(paired.Sum(d => (d - mean) * (d - mean)) / (paired.Length - 1) / paired.Length);
        var t = MathNet.Numerics.Distributions.StudentT.InvCDF(0, 1, 11, 0.975);

        c.NpvDifference.Mean.Should().BeApproximately(c.First.Npv.Mean - c.Second.Npv.Mean, 1e-9 * Math.Abs(mean), "mean of differences = difference of means");
        c.NpvDifference.StandardError.Should().BeApproximately(se, 1e-9 * se, "hand: paired standard error");
        c.NpvDifference.CiLow.Should().BeApproximately(mean - (t * se), 1e-6 * Math.Abs(mean), "hand: t interval on 11 df");
    }

    [Test]
    public void FundingGap_IsThePairedDifferenceOfYearEndCumulativeCash()
    {
        // Independent: year-end cumulative cash of each scenario summed from its monthly flows, differenced, averaged.
        var c = Comparison.Value;
        foreach (var year in new[] { 1, 10, 30 })
        {
            double Cumulative(ProgrammeResult r, int s) => r.ScenarioCashFlows(s).Take(12 * year).Sum();
            var paired = Enumerable.Range(0, 12).Select(s => Cumulative(c.First, s) - Cumulative(c.Second, s)).ToArray();
            var mean = paired.Average();
            var se = Math.Sqrt(paired.Sum(d => (d - mean) * (d - mean)) / 11 / 12);
            var e = c.FundingGapByYear[year - 1];
            e.Mean.Should().BeApproximately(mean, 1e-9 * Math.Abs(mean) + 1e-6, $"year {year}: paired mean");
            e.StandardError.Should().BeApproximately(se, 1e-6 * se + 1e-9, $"year {year}: paired standard error");
        }

        c.FundingGapByYear.Should().HaveCount((Math.Max(c.First.ExpectedCashFlows.Count, c.Second.ExpectedCashFlows.Count) + 11) / 12);
    }

    [Test]
    public void Statement_RanksOnlyWhenTheIntervalExcludesZero()
    {
        var c = Comparison.Value;
        if (c.NpvDifference.Excludes(0))
        {
            c.Statement.Should().StartWith(c.NpvDifference.Mean > 0 ? "The bank programme is worth more" : "The hotel programme is worth more");
        }
        else
        {
            c.Statement.Should().StartWith("No ranking");
        }
    }

    [Test]
    public void Statement_HandCases_RankOrRefuseToRank()
    {
        // Hand curves, 3 scenarios, one customer at month 0, NPV at 0 %: first − second = (200 + s) − (100 + s) = 100 in
        // every scenario, so the interval is [100, 100] and excludes 0; with differences −10, 0, 10 it is centred on 0.
        var schedule = AcquisitionSchedule.FromMonths([1]);
        var financing = new ProgrammeFinancing { DiscountRate = 0 };
        ProgrammeResult Make(Func<int, double> last) =>
            new(new Programme(Presets.Hotel(), schedule, financing), [.. Enumerable.Range(0, 3).Select(s => new[] { -100.0, last(s) })], null, 10, 0.95);

        var ranked = ProgrammeComparison.Of(Make(s => 200 + s), Make(s => 100 + s));
        ranked.NpvDifference.Mean.Should().Be(100);
        ranked.Statement.Should().StartWith("The hotel programme is worth more: NPV hotel − hotel = 100");

        var tied = ProgrammeComparison.Of(Make(s => 100 + (10 * s)), Make(s => 110));
        tied.NpvDifference.Mean.Should().Be(0);
        tied.Statement.Should().StartWith("No ranking");
    }

    [Test]
    public void Of_UnpairedResults_IsRefused()
    {
        var c = Comparison.Value;
        var exact = ProgrammeEngine.Project(c.Second.Programme, RatePath.Constant(0.03));
        var act = () => ProgrammeComparison.Of(c.First, exact);
        act.Should().Throw<ArgumentException>().WithMessage("The results are not paired: 12 and 1 scenarios*");
    }
}
