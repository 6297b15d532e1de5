using LifetimeValue.Calibration.Panel;
using LifetimeValue.Comparison;
using LifetimeValue.Projection;
using LifetimeValue.Scenarios;
using LifetimeValue.Serialization;
using LifetimeValue.Simulation;

namespace LifetimeValue.Tests.Calibration.Panel;

/// <summary>The fitted model works everywhere a model does; the CLV interval is reproducible; the report tables are complete.</summary>
public sealed class PanelFitTests
{
    private static PanelFit Fit()
    {
        var model = PanelTestData.SmallModel();
        var rates = PanelTestData.WaveRates(new DateOnly(2020, 1, 1), 36);
        return PanelCalibration.Fit(SyntheticPanel.Generate(model, new SyntheticPanelOptions { Customers = 3_000, Months = 36, Seed = 2, Rates = rates, BurnInMonths = 240 }),
            new PanelCalibrationOptions { StageBoundaries = PanelTestData.SmallBoundaries, Rates = rates, MarginBandYears = 5, ModelName = "fitted bank" });
    }

    [Test]
    public void Model_RoundTripsThroughAModelFile()
    {
        var fit = Fit();
        var back = ModelFile.Parse(ModelFile.ToJson(new ModelDocument(fit.Model))).Model;
        back.Should().Be(fit.Model, "every number is written with round-trip precision");
        ExpectedValueEngine.Project(back, RatePath.Constant(0.03)).Clv.Should().Be(ExpectedValueEngine.Project(fit.Model, RatePath.Constant(0.03)).Clv);
    }

    [Test]
    public void Model_RunsOnTheMonteCarloEngineAndInAComparison()
    {
        var fit = Fit();
        var scenarios = ScenarioSet.Constant(0.03, fit.Model.MaxPeriods);
        var exact = ExpectedValueEngine.Project(fit.Model, RatePath.Constant(0.03)).Clv;
        var simulated = MonteCarloEngine.Simulate(fit.Model, scenarios, new SimulationOptions { Customers = 40_000, Seed = 3 });
        simulated.Clv.Mean.Should().BeApproximately(exact, 4 * simulated.Clv.StandardError, "Monte Carlo mean within 4 SE of the exact engine");
        var comparison = StrategyComparison.Compare([fit.Model, Presets.Hotel()], ScenarioSet.Constant(0.03, fit.Model.MaxPeriods), new ComparisonOptions { Simulation = new SimulationOptions { Customers = 2_000, Seed = 1 } });
        comparison.Strategies.Select(s => s.Model.Name).Should().Equal("fitted bank", "hotel");
    }

    [Test]
    public void Model_MarginsAreStepsOverTheMarginBands()
    {
        var fit = Fit();
        var family = fit.Model.Stages.Stages[1];
        family.BaseMargin.Intercept.FromAges.Should().Equal(30, 35, 40);
        fit.Margins.Where(m => m.IsBase && m.Stage == "30-44").Select(m => (m.FromAge, m.ToAge)).Should().Equal((30, 35), (35, 40), (40, 45));
        var mortgage = fit.Margins.Single(m => m.Product == "Mortgage" && m.FromAge == 35);
        family.Products.Single(p => p.Name == "Mortgage").Margin.At(37, 0.04).Should().BeApproximately(mortgage.Intercept + (mortgage.RateSlope!.Value * 0.04), 1e-9);
    }

    [Test]
    public void ClvInterval_IsReproducibleAndBracketsThePointEstimate()
    {
        var fit = Fit();
        var rate = RatePath.Constant(0.03);
        var a = fit.ClvInterval(rate, 50, seed: 9);
        var b = fit.ClvInterval(rate, 50, seed: 9);
        a.Draws.Should().Equal(b.Draws, "Philox draws keyed by (seed, draw)");
        fit.ClvInterval(rate, 50, seed: 10).Draws.Should().NotEqual(a.Draws);
        a.PointEstimate.Should().Be(ExpectedValueEngine.Project(fit.Model, rate).Clv);
        a.Lower.Should().BeLessThan(a.PointEstimate);
        a.Upper.Should().BeGreaterThan(a.PointEstimate);
        a.Parameters.Should().Contain("hazard 20-29").And.Contain("acquisition cost");
        var act = () => fit.ClvInterval(rate, 1);
        act.Should().Throw<ArgumentOutOfRangeException>().WithMessage("draws must be in [2, 100000] (was 1).*");
    }

    [Test]
    public void ToTables_HasEveryReportTable()
    {
        var tables = Fit().ToTables();
        tables.Select(t => t.Name).Should().Equal("data", "attrition", "adoption", "margins", "acquisition", "attrition by age", "by age", "survival by age");
        tables.Single(t => t.Name == "attrition").RowCount.Should().Be(3);
        tables.Single(t => t.Name == "adoption").RowCount.Should().Be(4);
    }
}
