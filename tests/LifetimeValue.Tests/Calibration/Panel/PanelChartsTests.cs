using LifetimeValue.Calibration.Panel;
using LifetimeValue.Plotting;
using SkiaSharp;

namespace LifetimeValue.Tests.Calibration.Panel;

/// <summary>The panel fit report's charts render headless into PNGs that decode, have the asked size and are not blank.</summary>
public sealed class PanelChartsTests
{
    private string _dir = null!;

    [SetUp]
    public void SetUp() => _dir = Directory.CreateTempSubdirectory("ltv-panel-charts-").FullName;

    [TearDown]
    public void TearDown() => Directory.Delete(_dir, true);

    private static void ShouldBeARealChart(string path, int width, int height)
    {
        using var bitmap = SKBitmap.Decode(path);
        bitmap.Should().NotBeNull();
        (bitmap.Width, bitmap.Height).Should().Be((width, height));
        var colours = new HashSet<uint>();
        for (var y = 0; y < bitmap.Height; y += 3)
        {
            for (var x = 0; x < bitmap.Width; x += 3)
            {
                colours.Add((uint)bitmap.GetPixel(x, y));
            }
        }

        colours.Count.Should().BeGreaterThan(20, "a chart, not a blank image");
    }

    [Test]
    public void WriteAll_FitWithHoldout_WritesEveryChart()
    {
        var rates = PanelTestData.WaveRates(new DateOnly(2020, 1, 1), 36);
        var fit = PanelCalibration.Fit(
            SyntheticPanel.Generate(PanelTestData.SmallModel(), new SyntheticPanelOptions { Customers = 2_000, Months = 36, Seed = 1, Rates = rates, BurnInMonths = 240 }),
            new PanelCalibrationOptions { StageBoundaries = PanelTestData.SmallBoundaries, Rates = rates, HoldoutFrom = new DateOnly(2022, 1, 1) });

        var files = PanelCharts.WriteAll(fit, _dir);

        files.Select(Path.GetFileName).Should().Equal("survival-by-age.png", "attrition-by-age.png", "holdings-by-age.png", "margins-by-age.png", "holdout.png");
        ShouldBeARealChart(files[0], 1000, 600);
        ShouldBeARealChart(files[1], 1000, 600);
        ShouldBeARealChart(files[2], 1400, 600); // 3 products: a 2 × 2 grid of 300-pixel rows
        ShouldBeARealChart(files[3], 1400, 600);
        ShouldBeARealChart(files[4], 1000, 800);
    }

    [Test]
    public void Holdout_FitWithoutHoldout_Throws()
    {
        var fit = PanelCalibration.Fit(PanelTestData.HandPanel(), new PanelCalibrationOptions { StageBoundaries = [20, 30, 40] });
        var act = () => PanelCharts.Holdout(fit, Path.Combine(_dir, "h.png"));
        act.Should().Throw<ArgumentException>().WithMessage("The fit has no holdout*");
    }

    [Test]
    public void Survival_BadSize_Throws()
    {
        var fit = PanelCalibration.Fit(PanelTestData.HandPanel(), new PanelCalibrationOptions { StageBoundaries = [20, 30, 40] });
        var act = () => PanelCharts.Survival(fit, Path.Combine(_dir, "s.png"), width: 100);
        act.Should().Throw<ArgumentOutOfRangeException>().WithMessage("width must be in [200, 8000] (was 100).*");
    }
}
