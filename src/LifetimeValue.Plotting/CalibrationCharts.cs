using System.Globalization;
using LifetimeValue.Calibration;
using ScottPlot;

namespace LifetimeValue.Plotting;

/// <summary>
/// PNG diagnostic charts of a fitted repeat-purchase model (Fader, Hardie and Lee 2005, Figs. 2–4; the lifetimes
/// <c>plotting</c> module), rendered headless: frequency–recency heat maps (expected purchases, P(alive)), calibration
/// frequencies observed vs expected, holdout purchases actual vs conditional expectation, and cumulative repeat transactions.
/// </summary>
/// <remarks>
/// <para>The numbers come from <see cref="RepeatPurchaseDiagnostics"/>; these methods only draw. Every method writes one PNG
/// and returns its full path; the directory is created when missing. Sizes in pixels: width in [200, 8000], height in
/// [150, 8000].</para>
/// <para>Thread safety: stateless; each call renders its own plot.</para>
/// </remarks>
public static class CalibrationCharts
{
    private static readonly Color Actual = new(0x1f, 0x4e, 0x79);
    private static readonly Color Model = new(0xc0, 0x50, 0x4d);

    /// <summary>Heat map of a frequency × recency grid (e.g. expected purchases or P(alive)): rows x = 0 … max (bottom to top),
    /// columns t_x = 0 … T.</summary>
    /// <param name="grid">The grid (<see cref="RepeatPurchaseDiagnostics.ExpectedPurchasesMatrix"/> or
    /// <see cref="RepeatPurchaseDiagnostics.ProbabilityAliveMatrix"/>).</param>
    /// <param name="path">The PNG file to write.</param>
    /// <param name="width">Width in pixels, in [200, 8000].</param>
    /// <param name="height">Height in pixels, in [150, 8000].</param>
    /// <returns>The full path written.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="grid"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="path"/> is blank.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A size out of range.</exception>
    public static string FrequencyRecencyHeatmap(ModelGrid grid, string path, int width = 1000, int height = 700)
    {
        ArgumentNullException.ThrowIfNull(grid);
        var rows = grid.Frequencies.Count;
        var cols = grid.Recencies.Count;
        var values = new double[rows, cols];
        for (var i = 0; i < rows; i++)
        {
            for (var j = 0; j < cols; j++)
            {
                // Heat map rows run top to bottom: the largest frequency at the top.
                values[rows - 1 - i, j] = grid.Values[i][j];
            }
        }

        var plot = new Plot();
        var heat = plot.Add.Heatmap(values);
        heat.Colormap = new ScottPlot.Colormaps.Viridis();
        plot.Add.ColorBar(heat);
        var step = Math.Max(1, cols / 10);
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual(
            [.. Enumerable.Range(0, cols).Where(j => j % step == 0).Select(j => new Tick(j, grid.Recencies[j].ToString("G3", CultureInfo.InvariantCulture)))]);
        var rowStep = Math.Max(1, rows / 12);
        plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericManual(
            [.. Enumerable.Range(0, rows).Where(i => i % rowStep == 0).Select(i => new Tick(i, grid.Frequencies[i].ToString(CultureInfo.InvariantCulture)))]);
        plot.Title(string.Create(CultureInfo.InvariantCulture, $"{grid.Quantity} by frequency and recency (age T = {grid.Age:G4})"));
        plot.XLabel("Recency t_x (time of the last repeat purchase)");
        plot.YLabel("Frequency x (repeat purchases)");
        return Charts.Save(plot, path, width, height);
    }

    /// <summary>Customers by calibration frequency: observed bars and the model's expected counts, with Pearson's χ².</summary>
    /// <param name="histogram">From <see cref="RepeatPurchaseDiagnostics.CalibrationFrequencies"/>.</param>
    /// <param name="path">The PNG file to write.</param>
    /// <param name="width">Width in pixels, in [200, 8000].</param>
    /// <param name="height">Height in pixels, in [150, 8000].</param>
    /// <returns>The full path written.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="histogram"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="path"/> is blank.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A size out of range.</exception>
    public static string CalibrationFrequencies(FrequencyHistogram histogram, string path, int width = 1000, int height = 600)
    {
        ArgumentNullException.ThrowIfNull(histogram);
        var plot = new Plot();
        var n = histogram.Observed.Count;
        var bars = new List<Bar>();
        for (var k = 0; k < n; k++)
        {
            bars.Add(new Bar { Position = k - 0.2, Value = histogram.Observed[k], FillColor = Actual, Size = 0.4 });
            bars.Add(new Bar { Position = k + 0.2, Value = histogram.Expected[k], FillColor = Model, Size = 0.4 });
        }

        plot.Add.Bars(bars);
        plot.Legend.ManualItems.Add(new LegendItem { LabelText = "Observed", FillColor = Actual });
        plot.Legend.ManualItems.Add(new LegendItem { LabelText = "Model", FillColor = Model });
        plot.ShowLegend(Alignment.UpperRight);
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual(
            [.. Enumerable.Range(0, n).Select(k => new Tick(k, k == n - 1 ? $"{k}+" : k.ToString(CultureInfo.InvariantCulture)))]);
        plot.Title(string.Create(CultureInfo.InvariantCulture,
            $"Customers by calibration frequency (χ² = {histogram.ChiSquare:F1}, {histogram.DegreesOfFreedom} d.f.)"));
        plot.XLabel("Repeat purchases in calibration");
        plot.YLabel("Customers");
        return Charts.Save(plot, path, width, height);
    }

    /// <summary>Mean holdout purchases by calibration frequency: actual versus the model's conditional expectation.</summary>
    /// <param name="comparison">From <see cref="RepeatPurchaseDiagnostics.ConditionalExpectations"/>.</param>
    /// <param name="path">The PNG file to write.</param>
    /// <param name="width">Width in pixels, in [200, 8000].</param>
    /// <param name="height">Height in pixels, in [150, 8000].</param>
    /// <returns>The full path written.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="comparison"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="path"/> is blank.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A size out of range.</exception>
    public static string HoldoutPurchases(HoldoutComparison comparison, string path, int width = 1000, int height = 600)
    {
        ArgumentNullException.ThrowIfNull(comparison);
        var xs = comparison.Frequencies.Select(f => (double)f).ToArray();
        var plot = new Plot();
        var actual = plot.Add.Scatter(xs, [.. comparison.ActualMean]);
        actual.Color = Actual;
        actual.LineWidth = 2;
        actual.MarkerSize = 7;
        actual.LegendText = "Actual";
        var expected = plot.Add.Scatter(xs, [.. comparison.ExpectedMean]);
        expected.Color = Model;
        expected.LineWidth = 2;
        expected.LinePattern = LinePattern.Dashed;
        expected.MarkerSize = 7;
        expected.LegendText = "Model (conditional expectation)";
        var last = comparison.Frequencies.Count - 1;
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual(
            [.. comparison.Frequencies.Select((f, k) => new Tick(f, k == last ? $"{f}+" : f.ToString(CultureInfo.InvariantCulture)))]);
        plot.Title(string.Create(CultureInfo.InvariantCulture, $"Holdout purchases per customer ({comparison.HoldoutLength:G4} time units) by calibration frequency"));
        plot.XLabel("Repeat purchases in calibration");
        plot.YLabel("Mean purchases in holdout");
        plot.ShowLegend(Alignment.UpperLeft);
        return Charts.Save(plot, path, width, height);
    }

    /// <summary>Cumulative repeat transactions by day: actual versus model, with the calibration end marked when given.</summary>
    /// <param name="series">From <see cref="RepeatPurchaseDiagnostics.CumulativeRepeatTransactions"/>.</param>
    /// <param name="path">The PNG file to write.</param>
    /// <param name="calibrationEnd">The last calibration day (a dashed line), or null.</param>
    /// <param name="width">Width in pixels, in [200, 8000].</param>
    /// <param name="height">Height in pixels, in [150, 8000].</param>
    /// <returns>The full path written.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="series"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="path"/> is blank or the series is empty.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A size out of range.</exception>
    public static string CumulativeRepeatTransactions(TrackingSeries series, string path, DateOnly? calibrationEnd = null, int width = 1000, int height = 600)
    {
        ArgumentNullException.ThrowIfNull(series);
        if (series.Dates.Count == 0)
        {
            throw new ArgumentException("series must hold at least one day.", nameof(series));
        }

        var start = series.Dates[0];
        var xs = series.Dates.Select(d => (double)(d.DayNumber - start.DayNumber)).ToArray();
        var plot = new Plot();
        var actual = plot.Add.ScatterLine(xs, [.. series.Actual]);
        actual.Color = Actual;
        actual.LineWidth = 2;
        actual.LegendText = "Actual";
        var expected = plot.Add.ScatterLine(xs, [.. series.Expected]);
        expected.Color = Model;
        expected.LineWidth = 2;
        expected.LinePattern = LinePattern.Dashed;
        expected.LegendText = "Model";
        if (calibrationEnd is { } end)
        {
            var line = plot.Add.VerticalLine(end.DayNumber - start.DayNumber, 1, Colors.Gray, LinePattern.Dotted);
            line.LegendText = "End of calibration";
        }

        plot.Title(string.Create(CultureInfo.InvariantCulture, $"Cumulative repeat transactions since {start:yyyy-MM-dd}"));
        plot.XLabel("Days");
        plot.YLabel("Cumulative repeat transactions");
        plot.ShowLegend(Alignment.UpperLeft);
        return Charts.Save(plot, path, width, height);
    }
}
