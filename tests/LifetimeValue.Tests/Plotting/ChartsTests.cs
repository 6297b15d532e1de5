using LifetimeValue.Comparison;
using LifetimeValue.Plotting;
using LifetimeValue.Scenarios;
using LifetimeValue.Sensitivity;
using LifetimeValue.Simulation;
using SkiaSharp;

namespace LifetimeValue.Tests.Plotting;

/// <summary>Charts render headless (CI has no display) into PNGs that decode and are not blank.</summary>
public sealed class ChartsTests
{
    private string _dir = null!;

    [SetUp]
    public void SetUp() => _dir = Directory.CreateTempSubdirectory("ltv-charts-").FullName;

    [TearDown]
    public void TearDown() => Directory.Delete(_dir, true);

    private static ComparisonResult Comparison()
    {
        var scenarios = ScenarioSet.Generate(new Vasicek(0.03, 0.15, 0.035, 0.01, RateScheme.Euler), 4, Presets.Bank().MaxPeriods, 8);
        return StrategyComparison.Compare([Presets.Bank(), Presets.Hotel()], scenarios,
            new ComparisonOptions { Simulation = new SimulationOptions { Seed = 5, Customers = 2_000 } });
    }

    /// <summary>Decodes the PNG and checks size and that it holds many distinct colours (a blank or failed render has a handful).</summary>
    private static void ShouldBeARealChart(string path, int width, int height)
    {
        File.Exists(path).Should().BeTrue();
        new FileInfo(path).Length.Should().BeGreaterThan(10_000);
        using var bitmap = SKBitmap.Decode(path);
        bitmap.Should().NotBeNull();
        bitmap.Width.Should().Be(width);
        bitmap.Height.Should().Be(height);
        var colours = new HashSet<uint>();
        for (var y = 0; y < bitmap.Height; y += 3)
        {
            for (var x = 0; x < bitmap.Width; x += 3)
            {
                colours.Add((uint)bitmap.GetPixel(x, y));
            }
        }

        colours.Count.Should().BeGreaterThan(20);
    }

    [Test]
    public void Comparison_charts_are_written()
    {
        var files = Charts.WriteAll(Comparison(), Path.Combine(_dir, "nested"));
        files.Should().HaveCount(2);
        foreach (var f in files)
        {
            ShouldBeARealChart(f, 1000, 600);
        }
    }

    [Test]
    public void Tornado_and_decision_map_are_written()
    {
        var models = new LifetimeValue.Model.StrategyModel[] { Presets.Bank(), Presets.Hotel() };
        var tornado = SensitivityAnalysis.Tornado(models, [SensitivityParameter.AcquisitionCost, SensitivityParameter.DiscountRate, SensitivityParameter.AttritionMultiplier], Presets.BankRates());
        ShouldBeARealChart(Charts.Tornado(tornado, Path.Combine(_dir, "tornado.png")), 1000, 600);
        var map = SensitivityAnalysis.DecisionMap(models, SensitivityParameter.AcquisitionCost, [50, 150, 250, 350],
            SensitivityParameter.DiscountRate, [0.01, 0.03, 0.05, 0.08], Presets.BankRates());
        ShouldBeARealChart(Charts.DecisionMap(map, Path.Combine(_dir, "map.png"), 800, 600), 800, 600);
    }

    [Test]
    public void Bad_sizes_are_refused()
    {
        var act = () => Charts.Tornado(SensitivityAnalysis.Tornado([Presets.Hotel()], [SensitivityParameter.AcquisitionCost], Presets.BankRates()), Path.Combine(_dir, "t.png"), 10, 600);
        act.Should().Throw<ArgumentOutOfRangeException>().WithMessage("*width must be in [200, 8000] (was 10)*");
    }
}
