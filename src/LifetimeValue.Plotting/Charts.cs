using LifetimeValue.Comparison;
using LifetimeValue.Sensitivity;
using LifetimeValue.Simulation;
using ScottPlot;

namespace LifetimeValue.Plotting;

/// <summary>
/// PNG charts of LifetimeValue results, rendered headless (ScottPlot on SkiaSharp; no display or system fonts
/// needed): cumulative PV curves with bands, CLV distributions, tornado and decision map.
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

            if (r.CurveCiLow.All(double.IsFinite) && r.CurveCiHigh.All(double.IsFinite))
            {
                // The interval of the mean itself (sampling error), narrower and darker than the spread across scenarios.
                var ci = plot.Add.FillY(xs, [.. r.CurveCiLow], [.. r.CurveCiHigh]);
                ci.FillColor = color.WithAlpha(0.55);
                ci.LineColor = color.WithAlpha(0.0);
            }

            var line = plot.Add.ScatterLine(xs, [.. r.MeanCumulativePresentValue]);
            line.Color = color;
            line.LineWidth = 2;
            line.LegendText = r.Model.Name;
        }

        plot.Add.HorizontalLine(0, 1, Colors.Gray, LinePattern.Dashed);
        var level = results.Count > 0 ? (results[0].Options.ConfidenceLevel * 100).ToString("0.##", System.Globalization.CultureInfo.InvariantCulture) : "95";
        plot.Title($"Cumulative present value per customer: mean, its {level} % interval (dark), 5–95 % of scenarios (light)");
        plot.XLabel("Years since acquisition");
        plot.YLabel("Cumulative PV per customer (currency units)");
        plot.ShowLegend(Alignment.LowerRight);
        return Save(plot, path, width, height);
    }

    /// <summary>
    /// The CLV distribution of each strategy as a cumulative distribution (the share of customers whose CLV is at most x),
    /// drawn from its percentiles P0.5 … P99.5, with each mean marked. A CDF stays readable when one strategy's CLVs spread
    /// over thousands and the other's bunch on a few values, where a shared-axis histogram becomes a comb of spikes.
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
        var levels = Enumerable.Range(0, 199).Select(k => 0.005 + (k * 0.005)).ToArray();
        double low = double.PositiveInfinity, high = double.NegativeInfinity;
        for (var i = 0; i < results.Count; i++)
        {
            var r = results[i];
            var color = Palette[i % Palette.Length];
            var q = levels.Select(r.Percentile).ToArray();
            low = Math.Min(low, q[0]);
            high = Math.Max(high, q[^1]);
            var line = plot.Add.ScatterLine(q, levels.Select(l => l * 100).ToArray());
            line.Color = color;
            line.LineWidth = 2.5f;
            line.ConnectStyle = ConnectStyle.StepHorizontal;
            line.LegendText = r.Model.Name;
            var mean = plot.Add.VerticalLine(r.Clv.Mean, 1.5f, color, LinePattern.Dashed);
            mean.LegendText = $"{r.Model.Name} mean {r.Clv.Mean.ToString("#,0", System.Globalization.CultureInfo.InvariantCulture)}";
        }

        var pad = Math.Max(1.0, (high - low) * 0.03);
        plot.Axes.SetLimits(low - pad, high + pad, 0, 100);
        plot.Title("CLV distribution: share of customers with CLV at most x (P0.5 to P99.5)");
        plot.XLabel("CLV per customer (currency units)");
        plot.YLabel("Customers (cumulative %)");
        plot.ShowLegend(Alignment.LowerRight);
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
        plot.XLabel("Δ CLV per customer from the base case (currency units)");
        return Save(plot, path, width, height);
    }

    /// <summary>
    /// Decision map: a heat map of the first strategy's CLV minus the second's on a diverging scale centred at zero
    /// (blue: the first wins, red: the second wins, white: a tie), each cell labelled with its winner and the difference,
    /// and the zero contour drawn as a black boundary between the cells each strategy wins.
    /// </summary>
    /// <param name="map">The map (two or more strategies; the first two are compared).</param>
    /// <param name="path">The PNG file to write.</param>
    /// <param name="width">Width in pixels.</param>
    /// <param name="height">Height in pixels.</param>
    /// <returns>The full path written.</returns>
    public static string DecisionMap(DecisionMap map, string path, int width = 1000, int height = 700)
    {
        ArgumentNullException.ThrowIfNull(map);
        var rows = map.YValues.Count;
        var cols = map.XValues.Count;
        // Each side of zero is shaded relative to its own largest margin, so a winner with small margins (the hotel's
        // hundreds against the bank's thousands) is still a clear hue; the labels carry the amounts.
        var maxFirst = 0.0;
        var maxSecond = 0.0;
        for (var i = 0; i < rows; i++)
        {
            for (var j = 0; j < cols; j++)
            {
                var d = map.Clv(0, i, j) - map.Clv(1, i, j);
                maxFirst = Math.Max(maxFirst, d);
                maxSecond = Math.Max(maxSecond, -d);
            }
        }

        double Shade(double d) => d >= 0 ? (maxFirst > 0 ? d / maxFirst : 0) : (maxSecond > 0 ? d / maxSecond : 0);
        var shade = new double[rows, cols];
        for (var i = 0; i < rows; i++)
        {
            for (var j = 0; j < cols; j++)
            {
                // Heat map rows run top to bottom: put the largest Y at the top. A winner's cells are at least 25 % shaded.
                var d = map.Clv(0, i, j) - map.Clv(1, i, j);
                shade[rows - 1 - i, j] = Math.Sign(d) * (0.25 + (0.75 * Math.Abs(Shade(d))));
            }
        }

        var plot = new Plot();
        var heat = plot.Add.Heatmap(shade);
        // Diverging about zero (white), reversed so the first strategy is blue and the second red.
        heat.Colormap = new ScottPlot.Colormaps.Balance().Reversed();
        heat.ManualRange = new ScottPlot.Range(-1.15, 1.15);
        for (var i = 0; i < rows; i++)
        {
            for (var j = 0; j < cols; j++)
            {
                var d = map.Clv(0, i, j) - map.Clv(1, i, j);
                var winner = d >= 0 ? map.Strategies[0] : map.Strategies[1];
                var label = plot.Add.Text($"{winner}\n{d.ToString("+#,0;−#,0;0", System.Globalization.CultureInfo.InvariantCulture)}", j, i);
                label.LabelAlignment = Alignment.MiddleCenter;
                label.LabelFontSize = 13;
                label.LabelBold = true;
                label.LabelFontColor = Math.Abs(Shade(d)) > 0.55 ? Colors.White : Colors.Black;
            }
        }

        foreach (var (x1, y1, x2, y2) in ZeroContour(map))
        {
            var line = plot.Add.Line(x1, y1, x2, y2);
            line.LineWidth = 4;
            line.LineColor = Colors.Black;
        }

        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual(
            [.. map.XValues.Select((v, j) => new Tick(j, v.ToString("G4", System.Globalization.CultureInfo.InvariantCulture)))]);
        plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericManual(
            [.. map.YValues.Select((v, i) => new Tick(i, v.ToString("G4", System.Globalization.CultureInfo.InvariantCulture)))]);
        var wins = Enumerable.Range(0, rows).Sum(i => Enumerable.Range(0, cols).Count(j => map.Clv(0, i, j) < map.Clv(1, i, j)));
        plot.Title($"Decision map: CLV of {map.Strategies[0]} − CLV of {map.Strategies[1]} per customer\n"
            + $"blue: {map.Strategies[0]} wins {(rows * cols) - wins} cells, red: {map.Strategies[1]} wins {wins}; black line: where the winner changes");
        plot.XLabel(map.XParameter);
        plot.YLabel(map.YParameter);
        return Save(plot, path, width, height);
    }

    /// <summary>
    /// The zero contour of a decision map as cell-edge segments (x1, y1, x2, y2) in cell coordinates (cell (i, j) centred
    /// at x = j, y = i): an edge between two neighbouring cells whose first-minus-second CLV differ in sign (≥ 0 against &lt; 0).
    /// </summary>
    internal static List<(double X1, double Y1, double X2, double Y2)> ZeroContour(DecisionMap map)
    {
        var segments = new List<(double, double, double, double)>();
        bool First(int i, int j) => map.Clv(0, i, j) >= map.Clv(1, i, j);
        for (var i = 0; i < map.YValues.Count; i++)
        {
            for (var j = 0; j < map.XValues.Count; j++)
            {
                if (j + 1 < map.XValues.Count && First(i, j) != First(i, j + 1))
                {
                    segments.Add((j + 0.5, i - 0.5, j + 0.5, i + 0.5));
                }

                if (i + 1 < map.YValues.Count && First(i, j) != First(i + 1, j))
                {
                    segments.Add((j - 0.5, i + 0.5, j + 0.5, i + 0.5));
                }
            }
        }

        return segments;
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

        // Tick labels in the invariant culture (a German machine would otherwise print 4.500 for four thousand five hundred).
        foreach (var axis in new ScottPlot.IAxis[] { plot.Axes.Bottom, plot.Axes.Left })
        {
            if (axis.TickGenerator is ScottPlot.TickGenerators.NumericAutomatic automatic)
            {
                automatic.LabelFormatter = v => v.ToString("#,0.####", System.Globalization.CultureInfo.InvariantCulture);
            }
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
