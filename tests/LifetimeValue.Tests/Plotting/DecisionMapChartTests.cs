using LifetimeValue.Plotting;
using LifetimeValue.Sensitivity;
using SkiaSharp;

namespace LifetimeValue.Tests.Plotting;

/// <summary>Issue 14: the decision map shows where each strategy wins (diverging scale about zero, labels, zero contour).</summary>
public sealed class DecisionMapChartTests
{
    private static DecisionMap Map() => SensitivityAnalysis.DecisionMap([Presets.Bank(), Presets.Hotel()],
        SensitivityParameter.AttritionMultiplier, [0.5, 0.75, 1.0, 1.25, 1.5],
        SensitivityParameter.DiscountRate, [0.01, 0.02, 0.03, 0.04, 0.05, 0.06, 0.07, 0.08], Presets.BankRates());

    [Test]
    public void Zero_contour_separates_exactly_the_cells_of_different_winners()
    {
        var map = Map();
        var segments = Charts.ZeroContour(map);
        // Independent count: every horizontal or vertical pair of neighbouring cells with different winners is one edge.
        var expected = 0;
        for (var i = 0; i < map.YValues.Count; i++)
        {
            for (var j = 0; j < map.XValues.Count; j++)
            {
                if (j + 1 < map.XValues.Count && map.Winner(i, j) != map.Winner(i, j + 1))
                {
                    expected++;
                }

                if (i + 1 < map.YValues.Count && map.Winner(i, j) != map.Winner(i + 1, j))
                {
                    expected++;
                }
            }
        }

        expected.Should().BeGreaterThan(0, "the bank wins at cheap capital and the hotel at dear capital, so the map has a boundary");
        segments.Should().HaveCount(expected);
        segments.Should().OnlyContain(s => (s.X1 == s.X2 && Math.Abs(s.Y2 - s.Y1 - 1) < 1e-12) || (s.Y1 == s.Y2 && Math.Abs(s.X2 - s.X1 - 1) < 1e-12),
            "each segment is one cell edge");
    }

    [Test]
    public void Decision_map_png_uses_a_diverging_scale_and_draws_the_contour()
    {
        var dir = Directory.CreateTempSubdirectory("ltv-map-").FullName;
        try
        {
            var path = Charts.DecisionMap(Map(), Path.Combine(dir, "map.png"));
            using var bitmap = SKBitmap.Decode(path);
            bitmap.Width.Should().Be(1000);
            bitmap.Height.Should().Be(700);
            int blue = 0, red = 0, black = 0;
            for (var y = 0; y < bitmap.Height; y += 2)
            {
                for (var x = 0; x < bitmap.Width; x += 2)
                {
                    var c = bitmap.GetPixel(x, y);
                    if (c.Blue > c.Red + 60)
                    {
                        blue++;
                    }
                    else if (c.Red > c.Blue + 60)
                    {
                        red++;
                    }
                    else if (c.Red < 30 && c.Green < 30 && c.Blue < 30)
                    {
                        black++;
                    }
                }
            }

            // Both winners' cells are visible as hues of their own, and the contour adds dark pixels beyond the text.
            blue.Should().BeGreaterThan(5_000, "cells the bank wins are blue");
            red.Should().BeGreaterThan(5_000, "cells the hotel wins are red");
            black.Should().BeGreaterThan(500, "labels and the zero contour are drawn in black");
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }
}
