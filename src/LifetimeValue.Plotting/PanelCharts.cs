using System.Globalization;
using LifetimeValue.Calibration.Panel;
using ScottPlot;

namespace LifetimeValue.Plotting;

/// <summary>
/// PNG charts of a customer-month panel calibration (<see cref="PanelFit"/>), observed against fitted, rendered headless:
/// survival by age (Kaplan–Meier with left truncation against the fitted stage hazards), attrition by age, holding shares
/// by age per product, margins by age per product, and the holdout check.
/// </summary>
/// <remarks>
/// <para>The numbers come from the fit; these methods only draw. Every method writes one PNG and returns its full path;
/// the directory is created when missing. Sizes in pixels: width in [200, 8000], height in [150, 8000] (per row of panels
/// for the charts with one panel per product).</para>
/// <para>Thread safety: stateless; each call renders its own plot.</para>
/// </remarks>
public static class PanelCharts
{
    private static readonly Color Observed = new(0x1f, 0x4e, 0x79);
    private static readonly Color Fitted = new(0xc0, 0x50, 0x4d);

    /// <summary>Writes every chart of the fit into <paramref name="folder"/>: <c>survival-by-age.png</c>, <c>attrition-by-age.png</c>,
    /// <c>holdings-by-age.png</c>, <c>margins-by-age.png</c> and, with a holdout, <c>holdout.png</c>.</summary>
    /// <param name="fit">The calibration.</param>
    /// <param name="folder">The folder (created when missing).</param>
    /// <returns>The full paths written.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="fit"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="folder"/> is blank.</exception>
    public static IReadOnlyList<string> WriteAll(PanelFit fit, string folder)
    {
        ArgumentNullException.ThrowIfNull(fit);
        ArgumentException.ThrowIfNullOrWhiteSpace(folder);
        var files = new List<string>
        {
            Survival(fit, Path.Combine(folder, "survival-by-age.png")),
            AttritionByAge(fit, Path.Combine(folder, "attrition-by-age.png")),
            Holdings(fit, Path.Combine(folder, "holdings-by-age.png")),
            Margins(fit, Path.Combine(folder, "margins-by-age.png")),
        };
        if (fit.Holdout is not null)
        {
            files.Add(Holdout(fit, Path.Combine(folder, "holdout.png")));
        }

        return files;
    }

    /// <summary>
    /// Survival by age from the ladder's first age: the panel's product-limit estimate month by month of age (at risk = customers
    /// seen at that age, so customers who joined later count from their entry) with its 95 % band (Greenwood), and the fitted
    /// model's survival under its stage hazards; stage boundaries dotted.
    /// </summary>
    /// <param name="fit">The calibration.</param>
    /// <param name="path">The PNG file to write.</param>
    /// <param name="width">Width in pixels, in [200, 8000].</param>
    /// <param name="height">Height in pixels, in [150, 8000].</param>
    /// <returns>The full path written.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="fit"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="path"/> is blank.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A size out of range.</exception>
    public static string Survival(PanelFit fit, string path, int width = 1000, int height = 600)
    {
        ArgumentNullException.ThrowIfNull(fit);
        var points = fit.Survival;
        var plot = new Plot();
        if (points.Count > 0)
        {
            var xs = points.Select(p => p.Age).ToArray();
            var lower = points.Select(p => double.IsFinite(p.StandardError) ? Math.Max(0, p.Observed - (1.96 * p.StandardError)) : p.Observed).ToArray();
            var upper = points.Select(p => double.IsFinite(p.StandardError) ? Math.Min(1, p.Observed + (1.96 * p.StandardError)) : p.Observed).ToArray();
            var band = plot.Add.FillY(xs, lower, upper);
            band.FillColor = Observed.WithAlpha(0.2);
            band.LineColor = Observed.WithAlpha(0.0);
            band.LegendText = "95 % band (Greenwood)";
            var observed = plot.Add.ScatterLine(xs, [.. points.Select(p => p.Observed)]);
            observed.Color = Observed;
            observed.LineWidth = 2;
            observed.LegendText = "Panel (Kaplan–Meier by month of age)";
            var fitted = plot.Add.ScatterLine(xs, [.. points.Select(p => p.Fitted)]);
            fitted.Color = Fitted;
            fitted.LineWidth = 2;
            fitted.LinePattern = LinePattern.Dashed;
            fitted.LegendText = "Fitted model (stage hazards)";
        }

        StageLines(plot, fit);
        plot.Axes.SetLimitsY(0, 1.02);
        plot.Title(string.Create(CultureInfo.InvariantCulture, $"Survival by age from age {fit.Model.Stages.StartAge}: panel and fitted model"));
        plot.XLabel("Age (years)");
        plot.YLabel("Probability of still being a customer");
        plot.ShowLegend(Alignment.LowerLeft);
        return Charts.Save(plot, path, width, height);
    }

    /// <summary>Annual attrition by age: each year of age on its own (with ±2 standard errors) against the stage's fitted attrition.</summary>
    /// <param name="fit">The calibration.</param>
    /// <param name="path">The PNG file to write.</param>
    /// <param name="width">Width in pixels, in [200, 8000].</param>
    /// <param name="height">Height in pixels, in [150, 8000].</param>
    /// <returns>The full path written.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="fit"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="path"/> is blank.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A size out of range.</exception>
    public static string AttritionByAge(PanelFit fit, string path, int width = 1000, int height = 600)
    {
        ArgumentNullException.ThrowIfNull(fit);
        var rows = fit.AttritionByAge;
        var plot = new Plot();
        if (rows.Count > 0)
        {
            var xs = rows.Select(r => (double)r.Age).ToArray();
            var ys = rows.Select(r => r.ObservedAnnualAttrition).ToArray();
            var bars = plot.Add.ErrorBar(xs, ys, [.. rows.Select(r => 2 * r.StandardError)]);
            bars.Color = Observed.WithAlpha(0.6);
            var observed = plot.Add.ScatterPoints(xs, ys);
            observed.Color = Observed;
            observed.MarkerSize = 6;
            observed.LegendText = "Panel, one year of age (±2 SE)";
        }

        var steps = StepLine(fit, a => fit.Attrition[fit.Model.Stages.IndexOf(a)].AnnualAttrition);
        var fitted = plot.Add.ScatterLine(steps.Xs, steps.Ys);
        fitted.Color = Fitted;
        fitted.LineWidth = 2;
        fitted.LegendText = "Fitted stage attrition";
        StageLines(plot, fit);
        plot.Axes.Bottom.Label.Text = "Age (years)";
        plot.Title("Annual attrition by age: panel and fitted model");
        plot.YLabel("Annual attrition (probability of leaving within a year)");
        plot.ShowLegend(Alignment.UpperRight);
        return Charts.Save(plot, path, width, height);
    }

    /// <summary>One panel per product: the share of customers holding it at each age against the fitted adoption probability of the age's stage.</summary>
    /// <param name="fit">The calibration.</param>
    /// <param name="path">The PNG file to write.</param>
    /// <param name="width">Width in pixels, in [200, 8000].</param>
    /// <param name="rowHeight">Height of each row of panels in pixels, in [150, 2000].</param>
    /// <returns>The full path written.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="fit"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="path"/> is blank.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A size out of range.</exception>
    public static string Holdings(PanelFit fit, string path, int width = 1400, int rowHeight = 300)
    {
        ArgumentNullException.ThrowIfNull(fit);
        return Grid(fit, fit.Products, path, width, rowHeight, (plot, product, first) =>
        {
            var rows = fit.AgeProfile.Where(r => r.Product == product).ToList();
            AddPair(plot, rows.Where(r => r.CustomerMonths > 0).Select(r => ((double)r.Age, r.ObservedShare)),
                StepLine(fit, a => fit.Model.Stages.Stages[fit.Model.Stages.IndexOf(a)].Products.FirstOrDefault(p => p.Name == product)?.AdoptionProbability ?? 0),
                first ? "Share holding (panel)" : null, first ? "Fitted adoption" : null);
            plot.Axes.SetLimitsY(0, 1.05);
            plot.YLabel("Share holding");
        });
    }

    /// <summary>One panel per product and the base margin: the mean monthly net revenue per holder at each age against the fitted margin at the same rates.</summary>
    /// <param name="fit">The calibration.</param>
    /// <param name="path">The PNG file to write.</param>
    /// <param name="width">Width in pixels, in [200, 8000].</param>
    /// <param name="rowHeight">Height of each row of panels in pixels, in [150, 2000].</param>
    /// <returns>The full path written.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="fit"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="path"/> is blank.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A size out of range.</exception>
    public static string Margins(PanelFit fit, string path, int width = 1400, int rowHeight = 300)
    {
        ArgumentNullException.ThrowIfNull(fit);
        string[] lines = [PanelFit.BaseMarginName, .. fit.Products];
        return Grid(fit, lines, path, width, rowHeight, (plot, product, first) =>
        {
            var rows = fit.AgeProfile.Where(r => r.Product == product && r.HoldingMonths > 0).ToList();
            var observed = plot.Add.ScatterPoints(rows.Select(r => (double)r.Age).ToArray(), rows.Select(r => r.ObservedMargin).ToArray());
            observed.Color = Observed;
            observed.MarkerSize = 5;
            observed.LegendText = first ? "Mean per holder (panel)" : string.Empty;
            var fitted = rows.Where(r => double.IsFinite(r.FittedMargin)).ToList();
            var line = plot.Add.ScatterLine(fitted.Select(r => (double)r.Age).ToArray(), fitted.Select(r => r.FittedMargin).ToArray());
            line.Color = Fitted;
            line.LineWidth = 2;
            line.LinePattern = LinePattern.Dashed;
            line.LegendText = first ? "Fitted margin (same rates)" : string.Empty;
            plot.YLabel("Net revenue per month");
        });
    }

    /// <summary>
    /// The holdout check: customers of the cohort still present, and their net revenue, month by month after the cut-off —
    /// what happened against the exact engine's forecast (customers with a ±2 standard-error band).
    /// </summary>
    /// <param name="fit">The calibration (with a holdout).</param>
    /// <param name="path">The PNG file to write.</param>
    /// <param name="width">Width in pixels, in [200, 8000].</param>
    /// <param name="height">Height in pixels, in [150, 8000].</param>
    /// <returns>The full path written.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="fit"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="path"/> is blank, or the fit has no holdout.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A size out of range.</exception>
    public static string Holdout(PanelFit fit, string path, int width = 1000, int height = 800)
    {
        ArgumentNullException.ThrowIfNull(fit);
        var holdout = fit.Holdout ?? throw new ArgumentException("The fit has no holdout (PanelCalibrationOptions.HoldoutFrom was not set).", nameof(fit));
        var multiplot = new Multiplot();
        multiplot.AddPlots(2);
        multiplot.Layout = new ScottPlot.MultiplotLayouts.Grid(2, 1);
        string[] quantities = ["customers", "revenue"];
        string[] titles =
        [
            string.Create(CultureInfo.InvariantCulture, $"Holdout: of the {holdout.CohortSize:N0} customers open in {holdout.From.AddMonths(-1):yyyy-MM}, how many are still customers"),
            "Holdout: their net revenue per month",
        ];
        for (var i = 0; i < 2; i++)
        {
            var plot = multiplot.GetPlot(i);
            var rows = holdout.Rows.Where(r => r.Quantity == quantities[i]).ToList();
            var xs = rows.Select((_, j) => (double)j + 1).ToArray();
            if (rows.Any(r => r.StandardError is > 0))
            {
                var band = plot.Add.FillY(xs, [.. rows.Select(r => r.Forecast - (2 * (r.StandardError ?? 0)))], [.. rows.Select(r => r.Forecast + (2 * (r.StandardError ?? 0)))]);
                band.FillColor = Fitted.WithAlpha(0.2);
                band.LineColor = Fitted.WithAlpha(0.0);
                band.LegendText = "±2 standard errors";
            }

            var actual = plot.Add.ScatterLine(xs, [.. rows.Select(r => r.Actual)]);
            actual.Color = Observed;
            actual.LineWidth = 2;
            actual.MarkerSize = 4;
            actual.LegendText = "Panel";
            var forecast = plot.Add.ScatterLine(xs, [.. rows.Select(r => r.Forecast)]);
            forecast.Color = Fitted;
            forecast.LineWidth = 2;
            forecast.LinePattern = LinePattern.Dashed;
            forecast.LegendText = "Fitted model (exact engine)";
            plot.Title(titles[i]);
            plot.XLabel(string.Create(CultureInfo.InvariantCulture, $"Month of the holdout (1 = {holdout.From:yyyy-MM})"));
            plot.YLabel(i == 0 ? "Customers" : "Net revenue");
            plot.ShowLegend(i == 0 ? Alignment.LowerLeft : Alignment.UpperCenter);
        }

        return SaveMultiplot(multiplot, path, width, height);
    }

    private static void AddPair(Plot plot, IEnumerable<(double X, double Y)> observed, (double[] Xs, double[] Ys) fitted, string? observedLabel, string? fittedLabel)
    {
        var points = observed.ToList();
        var scatter = plot.Add.ScatterPoints(points.Select(p => p.X).ToArray(), points.Select(p => p.Y).ToArray());
        scatter.Color = Observed;
        scatter.MarkerSize = 5;
        scatter.LegendText = observedLabel ?? string.Empty;
        var line = plot.Add.ScatterLine(fitted.Xs, fitted.Ys);
        line.Color = Fitted;
        line.LineWidth = 2;
        line.LinePattern = LinePattern.Dashed;
        line.LegendText = fittedLabel ?? string.Empty;
    }

    /// <summary>A step line of a per-age value over the ladder: flat across each year, from its first age to the ladder's end.</summary>
    private static (double[] Xs, double[] Ys) StepLine(PanelFit fit, Func<int, double> value)
    {
        var ladder = fit.Model.Stages;
        var xs = new List<double>();
        var ys = new List<double>();
        for (var a = ladder.StartAge; a < ladder.EndAge; a++)
        {
            var v = value(a);
            xs.Add(a);
            ys.Add(v);
            xs.Add(a + 1);
            ys.Add(v);
        }

        return ([.. xs], [.. ys]);
    }

    private static void StageLines(Plot plot, PanelFit fit)
    {
        foreach (var stage in fit.Model.Stages.Stages.Skip(1))
        {
            plot.Add.VerticalLine(stage.StartAge, 1, Colors.Gray.WithAlpha(0.6), LinePattern.Dotted);
        }
    }

    private static string Grid(PanelFit fit, IReadOnlyList<string> names, string path, int width, int rowHeight, Action<Plot, string, bool> draw)
    {
        if (rowHeight is < 150 or > 2000)
        {
            throw new ArgumentOutOfRangeException(nameof(rowHeight), rowHeight, $"rowHeight must be in [150, 2000] (was {rowHeight}).");
        }

        var n = Math.Max(1, names.Count);
        var columns = Math.Min(4, (int)Math.Ceiling(Math.Sqrt(n)));
        var rows = (n + columns - 1) / columns;
        var multiplot = new Multiplot();
        multiplot.AddPlots(n);
        multiplot.Layout = new ScottPlot.MultiplotLayouts.Grid(rows, columns);
        for (var i = 0; i < names.Count; i++)
        {
            var plot = multiplot.GetPlot(i);
            draw(plot, names[i], i == 0);
            StageLines(plot, fit);
            plot.Title(names[i], 13);
            plot.XLabel("Age (years)");
            plot.Axes.SetLimitsX(fit.Model.Stages.StartAge, fit.Model.Stages.EndAge);
            if (i == 0)
            {
                plot.ShowLegend(Alignment.UpperRight);
            }
        }

        return SaveMultiplot(multiplot, path, width, Math.Min(8000, rows * rowHeight));
    }

    private static string SaveMultiplot(Multiplot multiplot, string path, int width, int height)
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
            multiplot.SavePng(temp, width, height);
            File.Move(temp, full, overwrite: true);
        }
        finally
        {
            File.Delete(temp);
        }

        return full;
    }
}
