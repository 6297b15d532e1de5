using System.Text;
using System.Text.Json;
using LifetimeValue.Sensitivity;

namespace LifetimeValue.Tests.Comparison;

/// <summary>
/// The sensitivity results' JSON is written by hand (trimming/AOT-safe). Oracle: the reflection serializer's output
/// for the same values in the layout the results used before (camelCase, indented), byte for byte.
/// </summary>
public sealed class SensitivityJsonTests
{
    private static readonly JsonSerializerOptions Reflection = new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    [Test]
    public void TornadoWriteJson_MatchesTheReflectionLayout()
    {
        var tornado = SensitivityAnalysis.Tornado([Presets.Bank(), Presets.Hotel()],
            [SensitivityParameter.AcquisitionCost, SensitivityParameter.AttritionMultiplier], Presets.BankRates(), 0.2);
        var expected = JsonSerializer.Serialize(new
        {
            relativeShift = tornado.RelativeShift,
            baseClv = tornado.BaseClv,
            bars = tornado.Bars.Select(b => new { b.Parameter, b.Strategy, b.BaseValue, b.Low, b.High, b.BaseClv, b.ClvAtLow, b.ClvAtHigh, b.Swing }),
        }, Reflection);

        Write(tornado.WriteJson).Should().Be(expected, "the reflection serializer's layout, byte for byte");
    }

    [Test]
    public void DecisionMapWriteJson_MatchesTheReflectionLayout()
    {
        var map = SensitivityAnalysis.DecisionMap([Presets.Bank(), Presets.Hotel()],
            SensitivityParameter.AcquisitionCost, [50.0, 250.0, 400.0], SensitivityParameter.DiscountRate, [0.01, 0.08], Presets.BankRates());
        var cells = map.YValues.Select((_, i) => map.XValues.Select((_, j) => new
        {
            winner = map.Strategies[map.Winner(i, j)],
            margin = map.Margin(i, j),
            clv = Enumerable.Range(0, map.Strategies.Count).Select(k => map.Clv(k, i, j)).ToArray(),
        }).ToArray()).ToArray();
        var expected = JsonSerializer.Serialize(new
        {
            strategies = map.Strategies,
            x = new { parameter = map.XParameter, values = map.XValues },
            y = new { parameter = map.YParameter, values = map.YValues },
            cells,
        }, Reflection);

        Write(map.WriteJson).Should().Be(expected, "the reflection serializer's layout, byte for byte");
    }

    private static string Write(Action<Stream> write)
    {
        using var stream = new MemoryStream();
        write(stream);
        return Encoding.UTF8.GetString(stream.ToArray());
    }
}
