using LifetimeValue.Calibration;
using LifetimeValue.Plotting;
using SkiaSharp;

namespace LifetimeValue.Tests.Plotting;

/// <summary>Calibration diagnostic charts render headless into PNGs that decode, have the asked size and are not blank.</summary>
public sealed class CalibrationChartsTests
{
    private static readonly BgNbdModel Model = BgNbdModel.FromParameters(0.243, 4.414, 0.793, 2.426); // FHL 2005 CDNOW estimates
    private string _dir = null!;

    [SetUp]
    public void SetUp() => _dir = Directory.CreateTempSubdirectory("ltv-calibration-charts-").FullName;

    [TearDown]
    public void TearDown() => Directory.Delete(_dir, true);

    /// <summary>Decodes the PNG; a blank or failed render has a handful of colours, a chart many.</summary>
    private static void ShouldBeARealChart(string path, int width, int height)
    {
        File.Exists(path).Should().BeTrue();
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

    /// <summary>Synthetic transactions: 300 customers acquired over 8 weeks of 2024, buying at customer-specific rates for a year.</summary>
    private static List<Transaction> Transactions()
    {
        var list = new List<Transaction>();
        var start = new DateOnly(2024, 1, 1);
        for (var c = 0; c < 300; c++)
        {
            var id = $"c{c}";
            var first = start.AddDays(c % 56);
            list.Add(new Transaction(id, first, 20.0));
            var gap = 7 + (c % 11 * 9);
            var life = 30 + (c * 37 % 340);
            for (var d = gap; d < life; d += gap)
            {
                list.Add(new Transaction(id, first.AddDays(d), 10.0 + (c % 7)));
            }
        }

        return list;
    }

    [Test]
    public void Heat_maps_are_written()
    {
        var expected = RepeatPurchaseDiagnostics.ExpectedPurchasesMatrix(Model, 52.0, 38.86, 20, 30);
        ShouldBeARealChart(CalibrationCharts.FrequencyRecencyHeatmap(expected, Path.Combine(_dir, "nested", "expected.png")), 1000, 700);
        var alive = RepeatPurchaseDiagnostics.ProbabilityAliveMatrix(Model, 38.86, 20, 30);
        ShouldBeARealChart(CalibrationCharts.FrequencyRecencyHeatmap(alive, Path.Combine(_dir, "alive.png"), 800, 600), 800, 600);
    }

    [Test]
    public void Frequencies_holdout_and_tracking_charts_are_written()
    {
        var transactions = Transactions();
        var summary = RfmSummary.FromTransactions(transactions, new DateOnly(2024, 6, 30), TimeUnit.Week, new DateOnly(2024, 12, 31));
        var fitted = BgNbdModel.FromParameters(1.0, 5.0, 0.5, 3.0); // charts only draw: any model will do

        var histogram = RepeatPurchaseDiagnostics.CalibrationFrequencies(fitted, summary.Histories(), 7, 4);
        ShouldBeARealChart(CalibrationCharts.CalibrationFrequencies(histogram, Path.Combine(_dir, "frequencies.png")), 1000, 600);

        var holdout = RepeatPurchaseDiagnostics.ConditionalExpectations(fitted, summary, 7);
        ShouldBeARealChart(CalibrationCharts.HoldoutPurchases(holdout, Path.Combine(_dir, "holdout.png")), 1000, 600);

        var tracking = RepeatPurchaseDiagnostics.CumulativeRepeatTransactions(fitted, summary, transactions, new DateOnly(2024, 1, 1), new DateOnly(2024, 12, 31));
        ShouldBeARealChart(CalibrationCharts.CumulativeRepeatTransactions(tracking, Path.Combine(_dir, "tracking.png"), new DateOnly(2024, 6, 30)), 1000, 600);
    }

    [Test]
    public void Bad_sizes_are_refused()
    {
        var grid = RepeatPurchaseDiagnostics.ProbabilityAliveMatrix(Model, 38.86, 5, 5);
        var act = () => CalibrationCharts.FrequencyRecencyHeatmap(grid, Path.Combine(_dir, "x.png"), 1000, 100);
        act.Should().Throw<ArgumentOutOfRangeException>().WithMessage("*height must be in [150, 8000] (was 100)*");
    }
}
