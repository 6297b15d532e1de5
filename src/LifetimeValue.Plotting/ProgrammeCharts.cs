using LifetimeValue.Programmes;
using ScottPlot;

namespace LifetimeValue.Plotting;

/// <summary>PNG charts of acquisition programmes: cumulative cash with bands and the capital line; the affordable rate against capital.</summary>
/// <remarks>Thread safety: stateless; each call renders its own plot.</remarks>
public static class ProgrammeCharts
{
    private static readonly Color[] Palette = [new(0x1f, 0x4e, 0x79), new(0xc0, 0x50, 0x4d), new(0x2e, 0x8b, 0x57), new(0x8e, 0x44, 0xad)];

    /// <summary>
    /// Each programme's expected cumulative cash by calendar year with its 5–95 % band across scenarios, and the
    /// available capital as a line at −capital (the programme is short of capital where its curve is below it).
    /// </summary>
    /// <param name="results">The programme results (labelled by model name).</param>
    /// <param name="capital">Capital available, drawn when given.</param>
    /// <param name="path">The PNG file to write.</param>
    /// <param name="width">Width in pixels, in [200, 8000].</param>
    /// <param name="height">Height in pixels, in [150, 8000].</param>
    /// <returns>The full path written.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="results"/> is null.</exception>
    public static string CumulativeCash(IReadOnlyList<ProgrammeResult> results, double? capital, string path, int width = 1000, int height = 600)
    {
        ArgumentNullException.ThrowIfNull(results);
        var plot = new Plot();
        for (var i = 0; i < results.Count; i++)
        {
            var r = results[i];
            var color = Palette[i % Palette.Length];
            var xs = Enumerable.Range(0, r.ExpectedCumulativeCash.Count).Select(m => m / 12.0).ToArray();
            if (r.Scenarios > 1)
            {
                var band = plot.Add.FillY(xs, [.. r.CumulativeLower], [.. r.CumulativeUpper]);
                band.FillColor = color.WithAlpha(0.25);
                band.LineColor = color.WithAlpha(0.0);
            }

            var line = plot.Add.ScatterLine(xs, [.. r.ExpectedCumulativeCash]);
            line.Color = color;
            line.LineWidth = 2;
            line.LegendText = r.Programme.Name;
        }

        plot.Add.HorizontalLine(0, 1, Colors.Gray, LinePattern.Dashed);
        if (capital is { } c)
        {
            var line = plot.Add.HorizontalLine(-c, 2, Colors.Black, LinePattern.Dotted);
            line.LegendText = "− capital";
        }

        plot.Title("Programme cumulative cash (expected, 5–95 % band across scenarios)");
        plot.XLabel("Years since the programme's start");
        plot.YLabel("Cumulative net cash");
        plot.ShowLegend(Alignment.LowerRight);
        return Charts.Save(plot, path, width, height);
    }

    /// <summary>The funding gap over time: the paired difference of the two programmes' cumulative cash at each year end, with its interval.</summary>
    /// <param name="comparison">The comparison.</param>
    /// <param name="path">The PNG file to write.</param>
    /// <param name="width">Width in pixels, in [200, 8000].</param>
    /// <param name="height">Height in pixels, in [150, 8000].</param>
    /// <returns>The full path written.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="comparison"/> is null.</exception>
    public static string FundingGap(ProgrammeComparison comparison, string path, int width = 1000, int height = 600)
    {
        ArgumentNullException.ThrowIfNull(comparison);
        var gap = comparison.FundingGapByYear;
        var xs = Enumerable.Range(1, gap.Count).Select(y => (double)y).ToArray();
        var plot = new Plot();
        if (gap.All(e => double.IsFinite(e.CiLow) && double.IsFinite(e.CiHigh)))
        {
            var band = plot.Add.FillY(xs, [.. gap.Select(e => e.CiLow)], [.. gap.Select(e => e.CiHigh)]);
            band.FillColor = Palette[0].WithAlpha(0.25);
            band.LineColor = Palette[0].WithAlpha(0.0);
        }

        var line = plot.Add.ScatterLine(xs, [.. gap.Select(e => e.Mean)]);
        line.Color = Palette[0];
        line.LineWidth = 2;
        line.LegendText = $"{comparison.First.Programme.Name} − {comparison.Second.Programme.Name}";
        plot.Add.HorizontalLine(0, 1, Colors.Gray, LinePattern.Dashed);
        plot.Title($"Funding gap: cumulative cash, paired difference ({comparison.First.ConfidenceLevel:P0} interval)");
        plot.XLabel("Year of the programme");
        plot.YLabel("Difference in cumulative cash");
        plot.ShowLegend(Alignment.LowerRight);
        return Charts.Save(plot, path, width, height);
    }

    /// <summary>The largest affordable first-year acquisition of each programme against the capital available.</summary>
    /// <param name="results">The programme results.</param>
    /// <param name="capitals">The capitals on the x axis, each ≥ 0.</param>
    /// <param name="confidence">The share of scenarios the capital must cover, in (0, 1].</param>
    /// <param name="path">The PNG file to write.</param>
    /// <param name="width">Width in pixels, in [200, 8000].</param>
    /// <param name="height">Height in pixels, in [150, 8000].</param>
    /// <returns>The full path written.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static string AffordableRate(IReadOnlyList<ProgrammeResult> results, IReadOnlyList<double> capitals, double confidence, string path, int width = 1000, int height = 600)
    {
        ArgumentNullException.ThrowIfNull(results);
        ArgumentNullException.ThrowIfNull(capitals);
        var plot = new Plot();
        for (var i = 0; i < results.Count; i++)
        {
            var r = results[i];
            var ys = capitals.Select(c => (double)(r.MaxAffordablePerYear(c, confidence) ?? 0)).ToArray();
            var line = plot.Add.ScatterLine(capitals.ToArray(), ys);
            line.Color = Palette[i % Palette.Length];
            line.LineWidth = 2;
            line.LegendText = r.Programme.Name;
        }

        plot.Title($"Largest affordable customers per year ({confidence:P0} of scenarios within capital)");
        plot.XLabel("Capital available");
        plot.YLabel("Customers per year");
        plot.ShowLegend(Alignment.UpperLeft);
        return Charts.Save(plot, path, width, height);
    }
}
