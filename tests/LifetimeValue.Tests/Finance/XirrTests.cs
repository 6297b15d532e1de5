using LifetimeValue.Finance;

namespace LifetimeValue.Tests.Finance;

/// <summary>
/// Excel XIRR. Oracle: Microsoft Support, "XIRR function" (Excel), example: -10000, 2750, 4250, 3250, 2750 on
/// 2008-01-01, 2008-03-01, 2008-10-30, 2009-02-15, 2009-04-01 gives 0.373362535 (37.34 %); mpmath at 40 digits
/// gives 0.37336253351883151 (Excel stops at its 10⁻⁸ tolerance, 1.5·10⁻⁹ away).
/// </summary>
public sealed class XirrTests
{
    [Test]
    public void Solve_ExcelDocExample_Returns37_34Percent()
    {
        var result = Xirr.Solve(XnpvTests.DocFlows, XnpvTests.DocDates);

        result.Status.Should().Be(IrrStatus.Unique);
        result.Rate!.Value.Should().BeApproximately(0.373362535, 1e-8, "Excel XIRR doc example (0.373362535)");
        result.Rate!.Value.Should().BeApproximately(0.37336253351883151, 1e-12, "mpmath 40 digits");
        Xnpv.Of(result.Rate!.Value, XnpvTests.DocFlows, XnpvTests.DocDates)
            .Should().BeApproximately(0, 1e-8, "XIRR is the rate at which XNPV = 0");
    }

    [Test]
    public void Solve_DatesAfterFirstInAnyOrder_SameRate()
    {
        double[] flows = [-10000, 2750, 2750, 3250, 4250];
        DateOnly[] dates = [new(2008, 1, 1), new(2009, 4, 1), new(2008, 3, 1), new(2009, 2, 15), new(2008, 10, 30)];

        Xirr.Solve(flows, dates).Rate!.Value.Should().BeApproximately(0.37336253351883151, 1e-12, "mpmath; order after the first date is free");
    }

    [Test]
    public void Solve_SameDayFlows_AreSummed()
    {
        // -100 and -21 on day 0 equal one -121; +146.41 after 730 days: 121·1.1² = 146.41, r = 10 % (hand calc).
        var result = Xirr.Solve([-100, -21, 146.41], [new(2021, 1, 1), new(2021, 1, 1), new(2023, 1, 1)]);

        result.Rate!.Value.Should().BeApproximately(0.10, 1e-12, "hand calc: (146.41/121)^(365/730) - 1");
    }

    [Test]
    public void Solve_TwoRootsOnWholeYears_ReportsSeveral()
    {
        // 2021-01-01, 2022-01-01, 2023-01-01 are 365 and 730 days apart: t = 0, 1, 2 exactly, so the roots are
        // those of the periodic -100, 230, -132: 10 % and 20 % (hand calc).
        var result = Xirr.Solve([-100, 230, -132], [new(2021, 1, 1), new(2022, 1, 1), new(2023, 1, 1)], 0.3);

        result.Status.Should().Be(IrrStatus.Several);
        result.Roots[0].Should().BeApproximately(0.10, 1e-12, "hand calc");
        result.Roots[1].Should().BeApproximately(0.20, 1e-12, "hand calc");
        result.Rate!.Value.Should().BeApproximately(0.20, 1e-12, "the root closest to the 30 % guess");
    }

    [Test]
    public void Solve_AllInflows_ReturnsNone()
    {
        var result = Xirr.Solve([10, 20], [new(2021, 1, 1), new(2021, 6, 1)]);

        result.Status.Should().Be(IrrStatus.None);
        result.Rate.Should().BeNull();
    }

    [TestCase(1e-6)]
    [TestCase(1e12)]
    public void Solve_ScaledAndNegatedFlows_SameRate(double scale)
    {
        var scaled = Array.ConvertAll(XnpvTests.DocFlows, c => c * scale);
        var negated = Array.ConvertAll(scaled, c => -c);

        Xirr.Solve(scaled, XnpvTests.DocDates).Rate!.Value.Should().BeApproximately(0.37336253351883151, 1e-12, "mpmath; scale-free");
        Xirr.Solve(negated, XnpvTests.DocDates).Rate!.Value.Should().BeApproximately(0.37336253351883151, 1e-12, "mpmath; sign-free");
    }

    [Test]
    public void Solve_SevenHundredMonthlyFlowsNegativeRate_NoOverflow()
    {
        // 700 monthly flows over 58 years: -1000 now, then 10⁻³ a month (0.699 in all): the rate is negative,
        // where a naive (1 + r)^t on the scan's grid down to r ≈ -1 overflows. Rough hand calc: monthly factor
        // y with y⁷⁰⁰/(y - 1) ≈ 10⁶ gives y ≈ 1.014, r = 1.014^-12 - 1 ≈ -15 %; checked exactly through XNPV.
        var flows = new double[700];
        var dates = new DateOnly[700];
        var start = new DateOnly(2000, 1, 31);
        flows[0] = -1000;
        dates[0] = start;
        for (var k = 1; k < flows.Length; k++)
        {
            flows[k] = 1e-3;
            dates[k] = start.AddMonths(k);
        }

        var result = Xirr.Solve(flows, dates);

        result.Status.Should().Be(IrrStatus.Unique);
        result.Rate!.Value.Should().BeInRange(-0.2, -0.1, "rough hand calc ≈ -15 %");
        Xnpv.Of(result.Rate!.Value, flows, dates).Should().BeApproximately(0, 1e-9, "XNPV at the XIRR is zero");
    }

    [Test]
    public void Solve_NearTotalLossOverFiftyEightYears_MatchesClosedForm()
    {
        // -1000 now, 10⁻³ after 58·365 days: (1 + r)^58 = 10⁻⁶, r = 10^(-6/58) - 1 (hand calc).
        var start = new DateOnly(2000, 1, 1);

        var result = Xirr.Solve([-1000, 1e-3], [start, start.AddDays(58 * 365)]);

        result.Rate!.Value.Should().BeApproximately(Math.Pow(10, -6.0 / 58) - 1, 1e-13, "hand calc: 10^(-6/58) - 1");
    }

    [Test]
    public void Solve_RateVeryCloseToMinusOne_Found()
    {
        // -1 now, 10⁻⁹ after one 365-day year: r = 10⁻⁹ - 1 (hand calc), inside the scan's lower end 1 + r ≈ 2·10⁻⁹.
        var start = new DateOnly(2000, 1, 1);

        var result = Xirr.Solve([-1, 1e-9], [start, start.AddDays(365)]);

        result.Rate!.Value.Should().BeApproximately(1e-9 - 1, 1e-15, "hand calc: 10⁻⁹ - 1, to the spacing of doubles near -1");
    }

    [Test]
    public void Solve_RandomDatedSeries_EveryRootIsAnXnpvZeroAndNegationInvariant()
    {
        var random = new System.Random(20081001);
        var start = new DateOnly(2008, 1, 1);
        for (var s = 0; s < 150; s++)
        {
            var n = random.Next(2, 16);
            var flows = new double[n];
            var dates = new DateOnly[n];
            dates[0] = start;
            for (var i = 0; i < n; i++)
            {
                flows[i] = (random.Next(3) == 0 ? -1 : 1) * Math.Pow(10, random.NextDouble() * 4 - 2);
                dates[i] = i == 0 ? start : start.AddDays(random.Next(0, 3650)); // any order after the first, same days allowed
            }

            var result = Xirr.Solve(flows, dates);
            var negated = Xirr.Solve(Array.ConvertAll(flows, c => -c), dates);

            negated.Roots.Should().Equal(result.Roots, "exact: an exactly negated curve has the same iterates");
            foreach (var r in result.Roots.Where(r => r > -0.9))
            {
                double npv = 0, scale = 0;
                for (var i = 0; i < n; i++)
                {
                    var term = flows[i] / Math.Pow(1 + r, (dates[i].DayNumber - start.DayNumber) / 365.0);
                    npv += term;
                    scale += Math.Abs(term);
                }

                Math.Abs(npv).Should().BeLessThanOrEqualTo(1e-9 * scale, $"relative XNPV residual at root {r}");
            }
        }
    }

    [Test]
    public void Solve_CountMismatch_Throws()
    {
        var act = () => Xirr.Solve(XnpvTests.DocFlows, XnpvTests.DocDates[..3]);

        act.Should().Throw<ArgumentException>().WithParameterName("dates");
    }

    [Test]
    public void Solve_DateBeforeFirst_ThrowsNamingIndex()
    {
        var act = () => Xirr.Solve([-1, 2], [new(2020, 1, 2), new(2020, 1, 1)]);

        act.Should().Throw<ArgumentOutOfRangeException>().WithParameterName("dates").WithMessage("dates[1] must not precede*");
    }

    [Test]
    public void Solve_SingleFlow_Throws()
    {
        var act = () => Xirr.Solve([-1], [new(2020, 1, 1)]);

        act.Should().Throw<ArgumentException>().WithParameterName("flows");
    }

    [Test]
    public void Solve_GuessMinusOne_Throws()
    {
        var act = () => Xirr.Solve(XnpvTests.DocFlows, XnpvTests.DocDates, -1);

        act.Should().Throw<ArgumentOutOfRangeException>().WithParameterName("guess");
    }
}
