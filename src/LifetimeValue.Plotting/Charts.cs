using LifetimeValue.Comparison;
using LifetimeValue.Sensitivity;
using LifetimeValue.Simulation;
using ScottPlot;

namespace LifetimeValue.Plotting;

/// <summary>
/// PNG charts of LifetimeValue results, rendered headless (ScottPlot on SkiaSharp; no display or system fonts
/// needed): cumulative PV curves with bands, CLV histograms, tornado and decision map.
/// </summary>
/// <remarks>
/// <para>Every method writes one PNG file and returns its full path; the directory is created when missing. Sizes are
/// in pixels.</para>
/// <para>Thread safety: stateless; each call renders its own plot.</para>
/// </remarks>
public static class Charts
{
    private static readonly Color[] Palette =
    [
        new(0x1f, 0x4e, 0x79), new(0xc0, 0x50, 0x4d), new(0x2e, 0x8b, 0x57), new(0x8e, 0x44, 0xad), new(0xe6, 0x7e, 0x22),
    ];

    /// <summary>
    /// Mean cumulative PV per customer of each strategy by year since acquisition, with the 5–95 % band across
    /// scenarios; zero line marked.
    /// </summary>
    /// <param name="result">The comparison.</param>
    /// <param name="path">The PNG file to write.</param>
    /// <param name="width">Width in pixels, in [200, 8000].</param>
    /// <param name="height">Height in pixels, in [150, 8000].</param>
    /// <returns>The full path written.</returns>
    public static string CumulativeValue(ComparisonResult result, string path, int width = 1000, int height = 600)
    {
        ArgumentNullException.ThrowIfNull(result);
        return CumulativeValue(result.Strategies.Select(s => s.Simulation).ToArray(), path, width, height);
    }

    /// <summary>Mean cumulative PV curves with bands for one or more simulation results.</summary>
    /// <param name="results">The results (labelled by model name).</param>
    /// <param name="path">The PNG file to write.</param>
    /// <param name="width">Width in pixels, in [200, 8000].</param>
    /// <param name="height">Height in pixels, in [150, 8000].</param>
    /// <returns>The full path written.</returns>
    public static string CumulativeValue(IReadOnlyList<SimulationResult> results, string path, int width = 1000, int height = 600)
    {
        ArgumentNullException.ThrowIfNull(results);
        var plot = new Plot();
        for (var i = 0; i < results.Count; i++)
        {
            var r = results[i];
            var color = Palette[i % Palette.Length];
            var xs = Enumerable.Range(0, r.MeanCumulativePresentValue.Count).Select(k => k / 12.0).ToArray();
            if (r.Plan.ScenarioCount > 1)
            {
                var band = plot.Add.FillY(xs, [.. r.CurveLower], [.. r.CurveUpper]);
                band.FillColor = color.WithAlpha(0.25);
                band.LineColor = color.WithAlpha(0.0);
            }

            var line = plot.Add.ScatterLine(xs, [.. r.MeanCumulativePresentValue]);
            line.Color = color;
            line.LineWidth = 2;
            line.LegendText = r.Model.Name;
        }

        plot.Add.HorizontalLine(0, 1, Colors.Gray, LinePattern.Dashed);
        plot.Title("Cumulative present value per customer (mean, 5–95 % band across scenarios)");
        plot.XLabel("Years since acquisition");
        plot.YLabel("Cumulative PV");
        plot.ShowLegend(Alignment.LowerRight);
        return Save(plot, path, width, height);
    }

    /// <summary>
    /// Density histogram of each strategy's CLV distribution, from its percentiles: bars of equal probability mass
    /// (1 %) between P0.5 and P99.5, whose heights are mass / width.
    /// </summary>
    /// <param name="results">The results.</param>
    /// <param name="path">The PNG file to write.</param>
    /// <param name="width">Width in pixels.</param>
    /// <param name="height">Height in pixels.</param>
    /// <returns>The full path written.</returns>
    public static string ClvHistogram(IReadOnlyList<SimulationResult> results, string path, int width = 1000, int height = 600)
    {
        ArgumentNullException.ThrowIfNull(results);
        var plot = new Plot();
        for (var i = 0; i < results.Count; i++)
        {
            var r = results[i];
            var color = Palette[i % Palette.Length];
            var levels = Enumerable.Range(0, 100).Select(k => 0.005 + (k * 0.01)).ToArray();
            var q = levels.Select(r.Percentile).ToArray();
            var xs = new List<double>();
            var ys = new List<double>();
            for (var k = 0; k + 1 < q.Length; k++)
            {
                var w = q[k + 1] - q[k];
                var density = w > 0 ? 0.01 / w : 0.0;
                xs.AddRange([q[k], q[k + 1]]);
                ys.AddRange([density, density]);
            }

            var line = plot.Add.ScatterLine(xs.ToArray(), ys.ToArray());
            line.Color = color;
            line.LineWidth = 2;
            line.FillY = true;
            line.FillYColor = color.WithAlpha(0.2);
            line.LegendText = r.Model.Name;
            var mean = plot.Add.VerticalLine(r.Clv.Mean, 1, color, LinePattern.Dotted);
            mean.LegendText = $"{r.Model.Name} mean {r.Clv.Mean:N0}";
        }

        plot.Title("CLV distribution (density between P0.5 and P99.5)");
        plot.XLabel("CLV per customer");
        plot.YLabel("Density");
        plot.ShowLegend(Alignment.UpperRight);
        return Save(plot, path, width, height);
    }

    /// <summary>Tornado chart: for each bar, the CLV range between the parameter's low and high values, around the base CLV.</summary>
    /// <param name="tornado">The tornado.</param>
    /// <param name="path">The PNG file to write.</param>
    /// <param name="width">Width in pixels.</param>
    /// <param name="height">Height in pixels.</param>
    /// <returns>The full path written.</returns>
    public static string Tornado(TornadoResult tornado, string path, int width = 1000, int height = 600)
    {
        ArgumentNullException.ThrowIfNull(tornado);
        var plot = new Plot();
        var strategies = tornado.BaseClv.Keys.ToList();
        var bars = tornado.Bars.Reverse().ToArray();
        var ticks = new List<Tick>();
        for (var i = 0; i < bars.Length; i++)
        {
            var b = bars[i];
            var color = Palette[strategies.IndexOf(b.Strategy) % Palette.Length];
            var bar = new Bar
            {
                Position = i,
                ValueBase = Math.Min(b.ClvAtLow, b.ClvAtHigh) - b.BaseClv,
                Value = Math.Max(b.ClvAtLow, b.ClvAtHigh) - b.BaseClv,
                FillColor = color,
                Orientation = Orientation.Horizontal,
            };
            plot.Add.Bar(bar);
            ticks.Add(new Tick(i, $"{b.Parameter} ({b.Strategy})"));
        }

        plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericManual([.. ticks]);
        plot.Add.VerticalLine(0, 1, Colors.Black);
        plot.Title("Tornado: change in CLV from the base case");
        plot.XLabel("Δ CLV per customer");
        return Save(plot, path, width, height);
    }

    /// <summary>Decision map: a heat map of the first strategy's CLV minus the second's (positive: the first wins).</summary>
    /// <param name="map">The map.</param>
    /// <param name="path">The PNG file to write.</param>
    /// <param name="width">Width in pixels.</param>
    /// <param name="height">Height in pixels.</param>
    /// <returns>The full path written.</returns>
    public static string DecisionMap(DecisionMap map, string path, int width = 1000, int height = 700)
    {
        ArgumentNullException.ThrowIfNull(map);
        var rows = map.YValues.Count;
        var cols = map.XValues.Count;
        var diff = new double[rows, cols];
        for (var i = 0; i < rows; i++)
        {
            for (var j = 0; j < cols; j++)
            {
                // Heat map rows run top to bottom: put the largest Y at the top.
                diff[rows - 1 - i, j] = map.Clv(0, i, j) - map.Clv(1, i, j);
            }
        }

        var plot = new Plot();
        var heat = plot.Add.Heatmap(diff);
        heat.Colormap = new ScottPlot.Colormaps.Turbo();
        plot.Add.ColorBar(heat);
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual(
            [.. map.XValues.Select((v, j) => new Tick(j, v.ToString("G4", System.Globalization.CultureInfo.InvariantCulture)))]);
        plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericManual(
            [.. map.YValues.Select((v, i) => new Tick(i, v.ToString("G4", System.Globalization.CultureInfo.InvariantCulture)))]);
        plot.Title($"CLV of {map.Strategies[0]} − CLV of {map.Strategies[1]} (> 0: {map.Strategies[0]} wins)");
        plot.XLabel(map.XParameter);
        plot.YLabel(map.YParameter);
        return Save(plot, path, width, height);
    }

    /// <summary>Writes the comparison's standard charts (cumulative value, CLV histogram) into a folder.</summary>
    /// <param name="result">The comparison.</param>
    /// <param name="directory">The folder (created when missing).</param>
    /// <returns>The files written.</returns>
    public static IReadOnlyList<string> WriteAll(ComparisonResult result, string directory)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        var sims = result.Strategies.Select(s => s.Simulation).ToArray();
        return
        [
            CumulativeValue(result, Path.Combine(directory, "cumulative-value.png")),
            ClvHistogram(sims, Path.Combine(directory, "clv-histogram.png")),
        ];
    }

    /// <summary>Validates the size and writes the PNG (shared by every chart of the package).</summary>
    internal static string Save(Plot plot, string path, int width, int height)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        if (width is < 200 or > 8000)
        {
            throw new ArgumentOutOfRangeException(nameof(width), width, $"width must be in [200, 8000] (was {width}).");
        }

        if (height is < 150 or > 8000)
        {
            throw new ArgumentOutOfRangeException(nameof(height), height, $"height must be in [150, 8000] (was {height}).");
        }

        var full = Path.GetFullPath(path);
        var folder = Path.GetDirectoryName(full)!;
        Directory.CreateDirectory(folder);

        // Drawn under a temporary name in the same folder and moved into place: a failure leaves an existing chart intact.
        var temp = Path.Combine(folder, $".{Path.GetFileName(full)}.{Guid.NewGuid():N}.tmp.png");
        try
        {
            plot.SavePng(temp, width, height);
            File.Move(temp, full, overwrite: true);
        }
        finally
        {
            File.Delete(temp);
        }

        return full;
    }
}
