using System.Text.Json;
using LifetimeValue.Discounting;
using LifetimeValue.Lifecycle;
using LifetimeValue.Projection;

namespace LifetimeValue.Tests.Projection;

public sealed class ExpectedValueEngineTests
{
    /// <summary>peer_numpy.py --exact (shared/bench), run 2026-11-23: {"exact_mean_pv_w1_det": 463.3902315298484}.</summary>
    internal const double PeerW1Exact = 463.3902315298484;

    [Test]
    public void Project_W1Det_AgreesWithNumpyPeerExactMean()
    {
        var result = ExpectedValueEngine.Project(Presets.W1(), Presets.W1DeterministicRates());

        result.Clv.Should().BeApproximately(PeerW1Exact, PeerW1Exact * 1e-9, "peer_numpy.py --exact, 1e-9 relative (issue 2)");
    }

    [Test]
    public void Project_OneStageFlatRate_MatchesGeometricSeriesClosedForm()
    {
        // One stage, base margin m, monthly hazard h, flat annual discount R, T months:
        // CLV = −A + m·v·(1 − (v(1−h))^T)/(1 − v(1−h)),  v = (1+R)^(−1/12).
        const double m = 20, q = 0.10, r = 0.08, a = 100;
        const int years = 10;
        var model = new LifecycleModel("one", new StageLadder([new LifeStage("Only", 30, 60, q, [], MarginSchedule.Fixed(m))]),
            AcquisitionProfile.SingleAge(30), a, Horizon.Years(years), Discount.FlatAnnual(r));
        var h = 1 - Math.Pow(1 - q, 1.0 / 12);
        var v = Math.Pow(1 + r, -1.0 / 12);
        var x = v * (1 - h);
        var expected = -a + (m * v * (1 - Math.Pow(x, 12 * years)) / (1 - x));

        var result = ExpectedValueEngine.Project(model, RatePath.Constant(0.03));

        result.Clv.Should().BeApproximately(expected, 1e-10, "closed form of a geometric series (hand derivation in comment)");
        result.Rows[12].Survival.Should().BeApproximately(1 - q, 1e-14, "survival after 12 months is 1 − q");
    }

    [Test]
    public void Project_ProductAdoption_ContributesProbabilityTimesNetMargin()
    {
        // Two months, no attrition, no discounting: CF per month = base 1 + p(m − c) = 1 + 0.25(40 − 8) = 9.
        var product = new Product("Card", 0.25, MarginSchedule.Fixed(40), monthlyServicingCost: 8);
        var model = new LifecycleModel("p", new StageLadder([new LifeStage("S", 20, 30, 0, [product], MarginSchedule.Fixed(1))]),
            AcquisitionProfile.SingleAge(20), 0, Horizon.Months(2), Discount.FlatAnnual(0));

        var result = ExpectedValueEngine.Project(model, RatePath.Constant(0));

        result.Rows[0].ExpectedCashFlow.Should().BeApproximately(9, 1e-12, "hand calc: 1 + 0.25 × (40 − 8)");
        result.LineCashFlows("Card")[0].Should().BeApproximately(10, 1e-12, "gross margin line: 0.25 × 40");
        result.LineCashFlows("Servicing cost")[0].Should().BeApproximately(-2, 1e-12, "cost line: −0.25 × 8");
        result.Clv.Should().BeApproximately(18, 1e-12);
    }

    [Test]
    public void Project_StageChange_SwitchesMarginAndHazardOnBirthday()
    {
        // Acquired at 29 with 12 months left in stage A (margin 1, q = 0) then stage B (margin 5, q = 1 → everyone leaves after month 1 of B).
        var model = new LifecycleModel("s", new StageLadder([
                new LifeStage("A", 20, 30, 0, [], MarginSchedule.Fixed(1)),
                new LifeStage("B", 30, 40, 1, [], MarginSchedule.Fixed(5)),
            ]), AcquisitionProfile.SingleAge(29), 0, Horizon.Months(24), Discount.FlatAnnual(0));

        var result = ExpectedValueEngine.Project(model, RatePath.Constant(0));

        result.Rows[11].ExpectedCashFlow.Should().Be(1);
        result.Rows[12].ExpectedCashFlow.Should().Be(5, "age 30 starts stage B");
        result.Rows[13].Survival.Should().Be(0, "annual attrition 1 is a monthly hazard of 1");
        result.Clv.Should().Be(12 + 5, "hand calc: 12 × 1 + 5");
    }

    [Test]
    public void Project_LinesSumToExpectedCashFlow_AndCumulativeEndsAtClv()
    {
        var result = ExpectedValueEngine.Project(Presets.Bank(), Presets.BankRates());

        for (var t = 0; t < result.Rows.Count; t += 37)
        {
            var sum = Enumerable.Range(0, result.LineNames.Count).Sum(i => result.LineCashFlows(i)[t]);
            sum.Should().BeApproximately(result.Rows[t].ExpectedCashFlow, 1e-9, "lines partition the expected cash flow");
        }

        result.Rows[^1].CumulativePresentValue.Should().BeApproximately(result.Clv, 1e-8, "cumulative PV ends at CLV");
        result.Rows[0].CumulativePresentValue.Should().BeApproximately(-result.AcquisitionCost + result.Rows[0].PresentValue, 1e-12);
    }

    [Test]
    public void Project_CohortsAverageToClv()
    {
        var result = ExpectedValueEngine.Project(Presets.W1(), Presets.W1DeterministicRates());

        result.Cohorts.Should().HaveCount(5);
        result.Cohorts.Sum(c => c.Share * c.Clv).Should().BeApproximately(result.Clv, 1e-12);
        result.Cohorts[0].Periods.Should().Be(828);
        result.Cohorts[4].Periods.Should().Be(780);
    }

    [Test]
    public void Project_PeakFundingAndBreakEven_ReadOffTheCurve()
    {
        var result = ExpectedValueEngine.Project(Presets.Bank(), Presets.BankRates());
        var min = result.Rows.Min(r => r.CumulativePresentValue);

        result.PeakFundingPerCustomer.Should().Be(-min);
        result.PeakFunding(10_000).Should().Be(10_000 * -min, "cohort peak funding is −N × min cumulative PV");
        var y = result.BreakEvenYear!.Value;
        result.YearEndCumulativePresentValue[y - 1].Should().BeGreaterThanOrEqualTo(0);
        result.YearEndCumulativePresentValue[y - 2].Should().BeLessThan(0);
    }

    [Test]
    public void Project_IrrPaybackAndBreakEven_AgreeWithTheirDefinitions()
    {
        var result = ExpectedValueEngine.Project(Presets.Bank(), Presets.BankRates());

        // NPV of the expected flows at the IRR is zero (definition of the IRR).
        var m = result.Irr.Rate!.Value;
        var npv = result.ExpectedFlows.Select((f, k) => f / Math.Pow(1 + m, k)).Sum();
        npv.Should().BeApproximately(0, 1e-6, "NPV at the IRR vanishes");
        result.AnnualIrr.Should().BeApproximately(Math.Pow(1 + m, 12) - 1, 1e-15);
        var k0 = result.BreakEven.FirstCrossing!.Value;
        result.Rows[k0 - 1].CumulativePresentValue.Should().BeGreaterThanOrEqualTo(0, "first crossing: month index k is the end of period k − 1");
        result.Rows[k0 - 2].CumulativePresentValue.Should().BeLessThan(0);
        var p = result.PaybackMonths!.Value;
        result.ExpectedFlows.Take(p + 1).Sum().Should().BeGreaterThanOrEqualTo(0, "undiscounted payback");
        result.ExpectedFlows.Take(p).Sum().Should().BeLessThan(0);
        p.Should().BeLessThan(k0, "undiscounted payback comes before discounted break-even");
    }

    [Test]
    public void Project_CurveDipsLate_BreakEvenConventionsDiffer()
    {
        // Profitable stage A (10/month for 24 months) then a loss-making stage B (−30/month for 12 months), no discounting:
        // cumulative −100 → +140 at month 24 → −220 at month 36; first crossing at month 10, no final non-negative run.
        var model = new LifecycleModel("dip", new StageLadder([
                new LifeStage("A", 20, 22, 0, [], MarginSchedule.Fixed(10)),
                new LifeStage("B", 22, 23, 0, [], MarginSchedule.Fixed(-30)),
            ]), AcquisitionProfile.SingleAge(20), 100, Horizon.Months(36), Discount.FlatAnnual(0));

        var result = ExpectedValueEngine.Project(model, RatePath.Constant(0));

        result.BreakEven.FirstCrossing.Should().Be(10, "hand calc: −100 + 10k ≥ 0 first at k = 10");
        result.BreakEven.FinalRunStart.Should().BeNull("the curve ends negative");
        result.Clv.Should().Be(-100 + 240 - 360);
    }

    [Test]
    public void Project_RatePathShorterThanHorizon_Throws()
    {
        var act = () => ExpectedValueEngine.Project(Presets.W1(), RatePath.FromValues([0.03, 0.03]));

        act.Should().Throw<ArgumentException>().WithMessage("*covers 2 periods but 828 are needed*");
    }

    [Test]
    public void Project_NegativeMarginsEarly_AreKeptNotClamped()
    {
        var result = ExpectedValueEngine.Project(Presets.Bank(), Presets.BankRates());

        result.Rows[0].ExpectedCashFlow.Should().BeNegative("a youth account loses money");
        result.BreakEvenYear.Should().BeGreaterThan(10, "the customer-centric strategy pays back over decades");
    }

    [Test]
    public void WriteCsv_HasHeaderAndOneRowPerPeriod()
    {
        var result = ExpectedValueEngine.Project(Presets.W1(), Presets.W1DeterministicRates());
        using var writer = new StringWriter();

        result.WriteCsv(writer);

        var lines = writer.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        lines.Should().HaveCount(829);
        lines[0].Should().StartWith("period,year,survival,expected_cash_flow,discount_factor,present_value,cumulative_present_value,Base margin,Youth product");
        var last = lines[^1].Split(',');
        double.Parse(last[6], System.Globalization.CultureInfo.InvariantCulture).Should().Be(result.Rows[^1].CumulativePresentValue, "round-trip formatting");
    }

    [Test]
    public void WriteJson_IsValidAndCarriesTheSummary()
    {
        var result = ExpectedValueEngine.Project(Presets.Bank(), Presets.BankRates());
        using var stream = new MemoryStream();

        result.WriteJson(stream);

        using var doc = JsonDocument.Parse(stream.ToArray());
        doc.RootElement.GetProperty("clv").GetDouble().Should().Be(result.Clv);
        doc.RootElement.GetProperty("periods").GetArrayLength().Should().Be(result.Rows.Count);
        doc.RootElement.GetProperty("breakEvenYear").GetInt32().Should().Be(result.BreakEvenYear);
    }
}
