using LifetimeValue.Programmes;
using LifetimeValue.Programmes.Internal;

namespace LifetimeValue.Tests.Programmes;

/// <summary>A deterministic programme small enough to compute by hand: cohort curve, schedule, cumulative cash, peak, financing, NPV, IRR.</summary>
public sealed class ProgrammeHandTests
{
    // Cohort: pay 100 at acquisition, receive 30 at the end of each of 4 months: f = [−100, 30, 30, 30, 30].
    private static readonly double[] Cohort = [-100, 30, 30, 30, 30];

    // One customer acquired at months 0, 1 and 2.
    private static readonly AcquisitionSchedule ThreeMonths = AcquisitionSchedule.FromMonths([1, 1, 1]);

    /// <summary>The annual rate whose monthly equivalent is exactly 1 %.</summary>
    private static readonly double OnePercentMonthly = Math.Pow(1.01, 12) - 1;

    private static ProgrammeResult Hand(ProgrammeFinancing financing) =>
        new(new Programme(Presets.Hotel(), ThreeMonths, financing), [Cohort], null, null, 0.95);

    [Test]
    public void Flows_AreTheHandConvolution()
    {
        // Hand: F_m = Σ_j f(m − j) for j = 0, 1, 2:
        // F0 = −100; F1 = 30 − 100 = −70; F2 = 30 + 30 − 100 = −40; F3 = 90; F4 = 90; F5 = 60; F6 = 30.
        var r = Hand(ProgrammeFinancing.Default);
        r.ExpectedCashFlows.Should().Equal([-100.0, -70, -40, 90, 90, 60, 30], "hand convolution");

        // Cumulative: −100, −170, −210, −120, −30, 30, 60.
        r.ExpectedCumulativeCash.Should().Equal([-100.0, -170, -210, -120, -30, 30, 60], "hand cumulative");
        r.PeakFundingNeed.Mean.Should().Be(210, "hand: the deepest point is −210");
        r.PeakFundingMonth.Should().Be(2);
        r.SelfFundingMonth.Should().Be(5, "hand: the cumulative is ≥ 0 from month 5 on");
        r.PeakFundingNeed.StandardError.Should().Be(0, "an exact path has no sampling error");
    }

    [Test]
    public void Financing_IsTheHandBalance()
    {
        // Hand, borrowing at 1 % a month, no deposit interest:
        // B0 = −100; B1 = −101 − 70 = −171; B2 = −172.71 − 40 = −212.71; B3 = −214.8371 + 90 = −124.8371;
        // B4 = −126.085471 + 90 = −36.085471; B5 = −36.44632571 + 60 = 23.55367429; B6 = 53.55367429.
        // Interest paid: 1 + 1.71 + 2.1271 + 1.248371 + 0.36085471 = 6.44632571 = Σ F − B6 = 60 − 53.55367429.
        var r = Hand(new ProgrammeFinancing { BorrowRate = OnePercentMonthly });
        r.FinancingCost.Mean.Should().BeApproximately(6.44632571, 1e-9, "hand balance");
        r.FundingNeed.Mean.Should().BeApproximately(212.71, 1e-9, "hand: the deepest financed balance is B2");
        r.DepositIncome.Mean.Should().Be(0);
    }

    [Test]
    public void Financing_DepositInterestOnSurplus()
    {
        // Hand, deposit at 1 % a month, borrowing at 0: B5 = −30 + 60 = 30, B6 = 30·1.01 + 30 = 60.3: income 0.3.
        var r = Hand(new ProgrammeFinancing { BorrowRate = 0, DepositRate = OnePercentMonthly });
        r.DepositIncome.Mean.Should().BeApproximately(0.3, 1e-12, "hand: one month of 1 % on 30");
        r.FinancingCost.Mean.Should().Be(0);
        r.FundingNeed.Mean.Should().Be(210, "without borrowing cost the need is the peak");
    }

    [Test]
    public void Npv_IsTheHandSum()
    {
        // Hand (exact rational arithmetic): Σ F_m / 1.01^m = 50.671869961626456.
        var r = Hand(new ProgrammeFinancing { DiscountRate = OnePercentMonthly });
        r.Npv.Mean.Should().BeApproximately(50.671869961626456, 1e-9, "hand NPV at 1 % a month");
    }

    [Test]
    public void Irr_IsTheHandSolvedRate()
    {
        // Cohort [−100, 110] acquired at months 0 and 1: flows [−100, 10, 110], a par bond: −100 + 10/(1+r) + 110/(1+r)² = 0 at r = 10 %.
        var r = new ProgrammeResult(new Programme(Presets.Hotel(), AcquisitionSchedule.FromMonths([1, 1])), [[-100.0, 110]], null, null, 0.95);
        r.ExpectedCashFlows.Should().Equal([-100.0, 10, 110]);
        r.Irr.Rate.Should().NotBeNull();
        r.Irr.Rate!.Value.Should().BeApproximately(0.10, 1e-10, "hand-solved: a par bond's yield is its coupon");
        r.AnnualIrr!.Value.Should().BeApproximately(Math.Pow(1.1, 12) - 1, 1e-8);
    }

    [Test]
    public void SteadyState_IsPerYearTimesLifetimeCash()
    {
        // Cohort of 5 entries (4 months), 3 years of 12 customers a year spread monthly (1 a month): from month 4 on,
        // every month's flow is Σ f = 20, so a full year of steady state (months 12–23) sums to 12 · 20 = 240 = perYear · Σ f.
        var schedule = AcquisitionSchedule.PerYear(12, 3);
        var r = new ProgrammeResult(new Programme(Presets.Hotel(), schedule), [Cohort], null, null, 0.95);
        r.SteadyStateAnnualCashFlow!.Mean.Should().Be(240, "hand: 12 a year × 20 lifetime cash");
        r.ExpectedCashFlows.Skip(12).Take(12).Sum().Should().BeApproximately(240, 1e-12, "the convolution in a steady-state year");
    }

    [Test]
    public void SteadyState_IsNullForGrowthOrAShortSchedule()
    {
        new ProgrammeResult(new Programme(Presets.Hotel(), AcquisitionSchedule.PerYear(12, 3, 0.1)), [Cohort], null, null, 0.95)
            .SteadyStateAnnualCashFlow.Should().BeNull("a growing schedule has no steady state");
        new ProgrammeResult(new Programme(Presets.Hotel(), AcquisitionSchedule.PerYear(12, 1)), [[-100.0, .. Enumerable.Repeat(1.0, 20)]], null, null, 0.95)
            .SteadyStateAnnualCashFlow.Should().BeNull("acquisition stops before the cohort horizon");
    }

    [Test]
    public void Convolve_StartOfYearTiming_PutsTheYearAtMonth12y()
    {
        var schedule = AcquisitionSchedule.PerYear(10, 2, 0.5, AcquisitionTiming.StartOfYear);
        schedule.Months[0].Should().Be(10);
        schedule.Months[12].Should().Be(15, "hand: 10 · 1.5");
        schedule.Total.Should().Be(25);
        ProgrammePath.Convolve([-1.0, 2], schedule.Months.ToArray())[12].Should().Be(-15);
        ProgrammePath.Convolve([-1.0, 2], schedule.Months.ToArray())[13].Should().Be(30);
    }
}
