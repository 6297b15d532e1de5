using System.Text.Json;
using LifetimeValue.Comparison;
using LifetimeValue.Model;
using LifetimeValue.Scenarios;
using LifetimeValue.Simulation;

namespace LifetimeValue.Tests.Comparison;

public sealed class StrategyComparisonTests
{
    private static readonly ScenarioSet Scenarios = ScenarioSet.Generate(new Vasicek(0.03, 0.15, 0.035, 0.01, RateScheme.Euler), 3, Presets.Bank().MaxPeriods, 4);

    private static readonly ComparisonOptions Options = new()
    {
        Simulation = new SimulationOptions { Seed = 21, Customers = 4_000, ChunkSize = 2_048 },
        CohortSize = 10_000,
        AvailableCapital = 3_000_000,
    };

    private static readonly Lazy<ComparisonResult> Result = new(() => StrategyComparison.Compare([Presets.Bank(), Presets.Hotel()], Scenarios, Options));

    [Test]
    public void Each_strategy_matches_its_single_model_run_bit_for_bit()
    {
        foreach (var model in new StrategyModel[] { Presets.Bank(), Presets.Hotel() })
        {
            var alone = MonteCarloEngine.Simulate(model, Scenarios, Options.Simulation);
            var side = Result.Value[model.Name];
            side.ExpectedClv.Should().Be(alone.Clv.Mean);
            side.StandardError.Should().Be(alone.ExpectedClv.StandardError, "the total two-level error (issue 13), bit for bit");
            side.ExpectedClvEstimate.CiLow.Should().Be(alone.ExpectedClv.CiLow);
            side.Percentiles.Should().Equal(alone.Percentiles);
            side.PeakFundingPerCustomer.Should().Be(alone.PeakFundingPerCustomer);
            side.BreakEven.FirstCrossing.Should().Be(alone.BreakEven.FirstCrossing);
            side.Simulation.MeanCumulativePresentValue.Should().Equal(alone.MeanCumulativePresentValue);
        }
    }

    [Test]
    public void Metrics_are_consistent_with_the_curves()
    {
        foreach (var s in Result.Value.Strategies)
        {
            var curve = s.Simulation.MeanCumulativePresentValue;
            s.CohortNpv.Should().Be(10_000 * s.ExpectedClv);
            s.Funding.PeakFundingNeed.Should().Be(s.Simulation.PeakFunding(10_000));
            s.Funding.IsFundable.Should().Be(s.Funding.PeakFundingNeed <= 3_000_000);
            s.ValueByYear.Select(v => v.Years).Should().Equal(1, 3, 5, 10, 20, null);
            foreach (var v in s.ValueByYear)
            {
                v.Month.Should().Be(v.Years is { } y ? Math.Min(12 * y, curve.Count - 1) : curve.Count - 1);
                v.CumulativePresentValue.Should().Be(curve[v.Month]);
            }

            // The curve's end equals the mean CLV up to the fixed-point grid (2⁻²⁰ per customer-period sum).
            curve[^1].Should().BeApproximately(s.ExpectedClv, 1e-6 * Math.Max(1, Math.Abs(s.ExpectedClv)));
            var share = s.Simulation.ScenarioOutcomes.Count(o => o.PeakFundingPerCustomer * 10_000 > 3_000_000) / 3.0;
            s.Funding.ShareOfScenariosExceeding.Should().Be(share);
        }
    }

    [Test]
    public void The_bank_needs_funding_and_the_hotel_pays_back_early()
    {
        var bank = Result.Value["bank"];
        var hotel = Result.Value["hotel"];
        bank.PeakFundingPerCustomer.Should().BeGreaterThan(5 * hotel.PeakFundingPerCustomer);
        hotel.PeakFundingPerCustomer.Should().BeApproximately(90.0, 1e-6, "the hotel's trough is its acquisition cost");
        hotel.BreakEven.FirstCrossing.Should().BeLessThan(bank.BreakEven.FirstCrossing ?? int.MaxValue);
        hotel.ValueByYear[0].CumulativePresentValue.Should().BeGreaterThan(bank.ValueByYear[0].CumulativePresentValue);
        bank.Funding.IsFundable.Should().BeFalse("588 per customer × 10,000 exceeds 3,000,000");
        hotel.Funding.IsFundable.Should().BeTrue();
        hotel.Funding.ShareOfScenariosExceeding.Should().Be(0.0);
        bank.Funding.ShareOfScenariosExceeding.Should().Be(1.0);
    }

    [Test]
    public void Crossover_is_where_the_curves_say()
    {
        var c = Result.Value.Crossovers.Should().ContainSingle().Subject;
        var a = Result.Value["bank"].Simulation.MeanCumulativePresentValue;
        var b = Result.Value["hotel"].Simulation.MeanCumulativePresentValue;
        double D(int k) => a[Math.Min(k, a.Count - 1)] - b[Math.Min(k, b.Count - 1)];
        if (c.LeaderAtEnd == "bank")
        {
            c.OvertakingMonth.Should().NotBeNull();
            var k = c.OvertakingMonth!.Value;
            D(k).Should().BeGreaterThan(0);
            D(k - 1).Should().BeLessThanOrEqualTo(0);
            Enumerable.Range(k, Math.Max(a.Count, b.Count) - k).Select(D).Should().OnlyContain(d => d > 0);
        }
        else
        {
            c.LeaderAtEnd.Should().Be("hotel");
        }
    }

    [TestCase(new double[] { -10, -5, 0, 5, 10 }, new double[] { -1, 2, 3, 3, 3 }, "A", 3, 3)]
    [TestCase(new double[] { -1, 2, -3, 4 }, new double[] { 0, 0, 0, 0 }, "A", 3, 2)]
    [TestCase(new double[] { -1, 1, 2, 3 }, new double[] { 0, 0, 0, 0 }, "A", null, null)]
    [TestCase(new double[] { -5, 1, 2 }, new double[] { -1, 5, 6, 7, 8 }, "B", null, null)]
    [TestCase(new double[] { -5, 1, 2, 9 }, new double[] { -1, 5, 6 }, "A", 3, 3)]
    public void Crossover_hand_cases(double[] a, double[] b, string leader, int? overtaking, int? first)
    {
        // Hand: D = A − B with the shorter curve held flat; the final run of D with the end sign starts at the overtaking month.
        var c = Crossover.Between("A", "B", a, b);
        c.LeaderAtEnd.Should().Be(leader);
        c.OvertakingMonth.Should().Be(overtaking);
        c.FirstCrossingMonth.Should().Be(first);
    }

    [Test]
    public void Reports_render_every_table_and_valid_json()
    {
        var text = new StringWriter();
        Result.Value.WriteText(text);
        text.ToString().Should().Contain("Expected CLV").And.Contain("bank").And.Contain("hotel").And.Contain("Crossovers");
        var md = new StringWriter();
        Result.Value.WriteMarkdown(md);
        md.ToString().Should().Contain("### Comparison").And.Contain("| Metric | bank | hotel |");
        var csv = new StringWriter();
        Result.Value.WriteCsv(csv);
        csv.ToString().Should().Contain("# Comparison").And.Contain("Metric,bank,hotel");

        using var stream = new MemoryStream();
        Result.Value.WriteJson(stream);
        using var doc = JsonDocument.Parse(stream.ToArray());
        var strategies = doc.RootElement.GetProperty("strategies");
        strategies.GetArrayLength().Should().Be(2);
        strategies[1].GetProperty("expectedClv").GetDouble().Should().Be(Result.Value["hotel"].ExpectedClv);
        strategies[0].GetProperty("funding").GetProperty("fundable").GetBoolean().Should().BeFalse();
    }

    [Test]
    public void Bad_input_is_refused_with_the_reason()
    {
        var one = () => StrategyComparison.Compare([Presets.Hotel()], Scenarios, Options);
        one.Should().Throw<ArgumentException>().WithMessage("*at least 2*");
        var twins = () => StrategyComparison.Compare([Presets.Hotel(), Presets.Hotel()], Scenarios, Options);
        twins.Should().Throw<ArgumentException>().WithMessage("*models[1]*distinct*");
        var shortScenarios = () => StrategyComparison.Compare([Presets.Bank(), Presets.Hotel()], ScenarioSet.Constant(0.03, 60), Options);
        shortScenarios.Should().Throw<ArgumentException>().WithMessage("*'bank' needs 888*");
        var badCapital = () => Options with { AvailableCapital = -1 };
        badCapital.Should().Throw<ArgumentOutOfRangeException>().WithMessage("*AvailableCapital*");
    }
}
