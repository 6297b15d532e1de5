using System.Globalization;
using System.Text.Json;
using LifetimeValue.Internal;
using LifetimeValue.Model;
using LifetimeValue.Projection;
using LifetimeValue.Reporting;

namespace LifetimeValue.Sensitivity;

/// <summary>
/// Sensitivity of the strategies' expected CLV: tornado (one parameter at a time, ± a relative shift or between
/// bounds) and decision map (a 2-D sweep showing which strategy wins where).
/// </summary>
/// <remarks>
/// <para>Both use the exact expected-value engine along the given rate path, so they are deterministic and free of
/// sampling noise: a difference in the table is a difference in the model, not in the random numbers.</para>
/// <para>Thread safety: stateless; safe to call concurrently.</para>
/// </remarks>
public static class SensitivityAnalysis
{
    /// <summary>Moves each parameter to <c>base·(1 ± relativeShift)</c> (for base 0: ± <see cref="SensitivityParameter.ZeroBaseStep"/>) and records each model's CLV.</summary>
    /// <param name="models">The strategies.</param>
    /// <param name="parameters">The parameters; one that does not apply to a model is skipped for that model.</param>
    /// <param name="rates">The rate path.</param>
    /// <param name="relativeShift">The shift, in (0, 1] (e.g. 0.1 for ±10 %).</param>
    /// <returns>The tornado, bars sorted by swing (largest first).</returns>
    /// <exception cref="ArgumentException">Empty lists, or a shift out of range.</exception>
    public static TornadoResult Tornado(IReadOnlyList<StrategyModel> models, IReadOnlyList<SensitivityParameter> parameters, RatePath rates, double relativeShift = 0.1)
    {
        Guard.InRange(relativeShift, double.Epsilon, 1.0);
        return Tornado(models, parameters, rates, (p, m, b) => b == 0.0 ? (-p.ZeroBaseStep, p.ZeroBaseStep) : (b * (1 - relativeShift), b * (1 + relativeShift)), relativeShift);
    }

    /// <summary>Moves each parameter between given absolute bounds and records each model's CLV.</summary>
    /// <param name="models">The strategies.</param>
    /// <param name="bounds">Each parameter with its (low, high) values.</param>
    /// <param name="rates">The rate path.</param>
    /// <returns>The tornado, bars sorted by swing (largest first).</returns>
    public static TornadoResult Tornado(IReadOnlyList<StrategyModel> models, IReadOnlyList<(SensitivityParameter Parameter, double Low, double High)> bounds, RatePath rates)
    {
        ArgumentNullException.ThrowIfNull(bounds);
        Guard.NotEmpty(bounds);
        var lookup = bounds.ToDictionary(b => b.Parameter, b => (b.Low, b.High));
        return Tornado(models, [.. bounds.Select(b => b.Parameter)], rates, (p, m, b) => lookup[p], null);
    }

    /// <summary>Sweeps two parameters over a grid and records, per cell, each model's CLV and the winner.</summary>
    /// <param name="models">Two or more strategies.</param>
    /// <param name="x">The parameter along the columns.</param>
    /// <param name="xValues">Its values (at least one).</param>
    /// <param name="y">The parameter along the rows.</param>
    /// <param name="yValues">Its values (at least one).</param>
    /// <param name="rates">The rate path.</param>
    /// <returns>The map.</returns>
    /// <exception cref="ArgumentException">Fewer than two models, empty value lists, or a parameter that does not apply to a model.</exception>
    public static DecisionMap DecisionMap(IReadOnlyList<StrategyModel> models, SensitivityParameter x, IReadOnlyList<double> xValues,
        SensitivityParameter y, IReadOnlyList<double> yValues, RatePath rates)
    {
        ArgumentNullException.ThrowIfNull(models);
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        ArgumentNullException.ThrowIfNull(rates);
        if (models.Count < 2)
        {
            throw new ArgumentException($"models must hold at least 2 strategies (was {models.Count}).", nameof(models));
        }

        Guard.AllFinite(Guard.NotEmpty(xValues));
        Guard.AllFinite(Guard.NotEmpty(yValues));
        var clv = new double[models.Count][,];
        for (var k = 0; k < models.Count; k++)
        {
            clv[k] = new double[yValues.Count, xValues.Count];
            for (var i = 0; i < yValues.Count; i++)
            {
                var (my, ry) = y.Apply(models[k], rates, yValues[i]);
                for (var j = 0; j < xValues.Count; j++)
                {
                    var (m, r) = x.Apply(my, ry, xValues[j]);
                    clv[k][i, j] = ExpectedValueEngine.Project(m, r).Clv;
                }
            }
        }

        return new DecisionMap([.. models.Select(m => m.Name)], x.LabelFor(models), [.. xValues], y.LabelFor(models), [.. yValues], clv);
    }

    private static TornadoResult Tornado(IReadOnlyList<StrategyModel> models, IReadOnlyList<SensitivityParameter> parameters, RatePath rates,
        Func<SensitivityParameter, StrategyModel, double, (double Low, double High)> range, double? shift)
    {
        ArgumentNullException.ThrowIfNull(models);
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(rates);
        Guard.NotEmpty(models);
        Guard.NotEmpty(parameters);
        var bars = new List<TornadoBar>();
        var skipped = new List<string>();
        var baseClv = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var model in models)
        {
            var b = ExpectedValueEngine.Project(model, rates).Clv;
            baseClv[model.Name] = b;
            foreach (var p in parameters)
            {
                if (p.BaseValue(model) is not { } value)
                {
                    continue;
                }

                var (low, high) = range(p, model, value);
                double clvLow, clvHigh;
                try
                {
                    var (ml, rl) = p.Apply(model, rates, low);
                    clvLow = ExpectedValueEngine.Project(ml, rl).Clv;
                    var (mh, rh) = p.Apply(model, rates, high);
                    clvHigh = ExpectedValueEngine.Project(mh, rh).Clv;
                }
                catch (ArgumentException e)
                {
                    // A move that leaves the model invalid (a horizon past the stage ladder, say) is skipped with its reason,
                    // so the default tornado works for every model.
                    skipped.Add(string.Create(CultureInfo.InvariantCulture,
                        $"{p.LabelFor([model])} of {model.Name} skipped: moving it from {value:G6} to {low:G6} / {high:G6} leaves the model invalid ({e.Message.Split(" (Parameter", 2)[0]})"));
                    continue;
                }

                bars.Add(new TornadoBar(p.LabelFor([model]), model.Name, value, low, high, b, clvLow, clvHigh));
            }
        }

        return new TornadoResult([.. bars.OrderByDescending(b => b.Swing)], baseClv, shift) { Skipped = ReadOnly.Copy(skipped) };
    }
}

/// <summary>One bar of a tornado: a parameter moved for one strategy.</summary>
/// <param name="Parameter">Parameter name.</param>
/// <param name="Strategy">Model name.</param>
/// <param name="BaseValue">The parameter's base value.</param>
/// <param name="Low">The low value.</param>
/// <param name="High">The high value.</param>
/// <param name="BaseClv">CLV at the base value.</param>
/// <param name="ClvAtLow">CLV at the low value.</param>
/// <param name="ClvAtHigh">CLV at the high value.</param>
public readonly record struct TornadoBar(string Parameter, string Strategy, double BaseValue, double Low, double High, double BaseClv, double ClvAtLow, double ClvAtHigh)
{
    /// <summary>|CLV at high − CLV at low|.</summary>
    public double Swing => Math.Abs(ClvAtHigh - ClvAtLow);
}

/// <summary>A tornado: CLV swings per parameter and strategy.</summary>
/// <remarks>Thread safety: immutable.</remarks>
public sealed class TornadoResult
{
    internal TornadoResult(IReadOnlyList<TornadoBar> bars, IReadOnlyDictionary<string, double> baseClv, double? relativeShift)
    {
        Bars = ReadOnly.Of(bars);
        BaseClv = baseClv;
        RelativeShift = relativeShift;
    }

    /// <summary>The bars, largest swing first.</summary>
    public IReadOnlyList<TornadoBar> Bars { get; }

    /// <summary>Each strategy's CLV at the base case.</summary>
    public IReadOnlyDictionary<string, double> BaseClv { get; }

    /// <summary>The moves that were skipped because they would leave a model invalid, each with its reason.</summary>
    public IReadOnlyList<string> Skipped { get; internal init; } = [];

    /// <summary>The relative shift used, or null when bounds were given.</summary>
    public double? RelativeShift { get; }

    /// <summary>The result as one typed table: each bar's parameter, strategy, base and moved values, and CLVs.</summary>
    /// <returns>The "Tornado (CLV)" table.</returns>
    public IReadOnlyList<ResultTable> ToTables() =>
    [
        new ResultTable("Tornado (CLV)",
            [ResultColumn.Text("Parameter"), ResultColumn.Text("Strategy"), ResultColumn.Number("Base value"), ResultColumn.Number("Low"), ResultColumn.Number("High"),
             ResultColumn.Currency("Base CLV"), ResultColumn.Currency("CLV at low"), ResultColumn.Currency("CLV at high"), ResultColumn.Currency("Swing")],
            Bars.Select(b => (IReadOnlyList<object?>)[b.Parameter, b.Strategy, b.BaseValue, b.Low, b.High, b.BaseClv, b.ClvAtLow, b.ClvAtHigh, b.Swing])),
    ];

    /// <summary>The result as a report: the run block (strategies, move, rates, library version) and <see cref="ToTables"/>.</summary>
    /// <param name="rates">How the rate path was chosen, or null.</param>
    /// <returns>The report.</returns>
    public ResultReport ToReport(string? rates = null) => new("Tornado",
    [
        new("Models", ValueKind.Text, string.Join(", ", BaseClv.Keys)),
        new("Move", ValueKind.Text, RelativeShift is { } r ? string.Create(CultureInfo.InvariantCulture, $"± {r * 100:0.##} % of each base value") : "given bounds"),
        new("Rates", ValueKind.Text, rates ?? "given rate path"),
        ReportRows.Library,
    ], ToTables(), Skipped);

    /// <summary>Writes the result as JSON.</summary>
    /// <param name="stream">Destination.</param>
    public void WriteJson(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);

        // Written by hand (no reflection, so the core stays trimming- and AOT-safe); the layout is the one the
        // reflection serializer produced before: camelCase names, indented, doubles round-trip.
        using var json = new Utf8JsonWriter(stream, SensitivityJson.Options);
        json.WriteStartObject();
        SensitivityJson.WriteNullable(json, "relativeShift", RelativeShift);
        json.WriteStartObject("baseClv");
        foreach (var (strategy, clv) in BaseClv)
        {
            json.WriteNumber(strategy, clv);
        }

        json.WriteEndObject();
        json.WriteStartArray("bars");
        foreach (var b in Bars)
        {
            json.WriteStartObject();
            json.WriteString("parameter", b.Parameter);
            json.WriteString("strategy", b.Strategy);
            json.WriteNumber("baseValue", b.BaseValue);
            json.WriteNumber("low", b.Low);
            json.WriteNumber("high", b.High);
            json.WriteNumber("baseClv", b.BaseClv);
            json.WriteNumber("clvAtLow", b.ClvAtLow);
            json.WriteNumber("clvAtHigh", b.ClvAtHigh);
            json.WriteNumber("swing", b.Swing);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }
}

/// <summary>A decision map: each strategy's CLV over a grid of two parameters, and the winner per cell.</summary>
/// <remarks>Thread safety: immutable.</remarks>
public sealed class DecisionMap
{
    private readonly double[][,] _clv;

    internal DecisionMap(string[] strategies, string xName, double[] x, string yName, double[] y, double[][,] clv)
    {
        Strategies = ReadOnly.Of(strategies);
        XParameter = xName;
        XValues = ReadOnly.Of(x);
        YParameter = yName;
        YValues = ReadOnly.Of(y);
        _clv = clv;
    }

    /// <summary>Strategy names.</summary>
    public IReadOnlyList<string> Strategies { get; }

    /// <summary>The column parameter.</summary>
    public string XParameter { get; }

    /// <summary>Its values.</summary>
    public IReadOnlyList<double> XValues { get; }

    /// <summary>The row parameter.</summary>
    public string YParameter { get; }

    /// <summary>Its values.</summary>
    public IReadOnlyList<double> YValues { get; }

    /// <summary>CLV of strategy <paramref name="strategy"/> at (<paramref name="row"/>, <paramref name="column"/>).</summary>
    /// <param name="strategy">Strategy index.</param>
    /// <param name="row">Index into <see cref="YValues"/>.</param>
    /// <param name="column">Index into <see cref="XValues"/>.</param>
    /// <returns>The CLV.</returns>
    public double Clv(int strategy, int row, int column) => _clv[strategy][row, column];

    /// <summary>The index of the strategy with the highest CLV at a cell (the first on ties).</summary>
    /// <param name="row">Row.</param>
    /// <param name="column">Column.</param>
    /// <returns>The winner's index.</returns>
    public int Winner(int row, int column)
    {
        var best = 0;
        for (var k = 1; k < _clv.Length; k++)
        {
            if (_clv[k][row, column] > _clv[best][row, column])
            {
                best = k;
            }
        }

        return best;
    }

    /// <summary>Winner's CLV minus the runner-up's CLV at a cell (≥ 0).</summary>
    /// <param name="row">Row.</param>
    /// <param name="column">Column.</param>
    /// <returns>The margin.</returns>
    public double Margin(int row, int column)
    {
        var w = Winner(row, column);
        var second = double.NegativeInfinity;
        for (var k = 0; k < _clv.Length; k++)
        {
            if (k != w)
            {
                second = Math.Max(second, _clv[k][row, column]);
            }
        }

        return _clv[w][row, column] - second;
    }

    /// <summary>
    /// The result as typed tables (rows: Y values, columns: X values): the winner grid, for two strategies the
    /// difference grid (first − second CLV), and one CLV grid per strategy.
    /// </summary>
    /// <returns>The tables.</returns>
    public IReadOnlyList<ResultTable> ToTables()
    {
        ResultColumn[] Columns(ValueKind kind) => [ResultColumn.Number($"{YParameter} \\ {XParameter}"), .. XValues.Select(v => new ResultColumn(TableWriter.Exact(v), kind))];
        var tables = new List<ResultTable>
        {
            new("Decision map (winner)", Columns(ValueKind.Text),
                YValues.Select((y, i) => (IReadOnlyList<object?>)[y, .. XValues.Select((_, j) => (object?)Strategies[Winner(i, j)])])),
        };
        if (Strategies.Count == 2)
        {
            tables.Add(new ResultTable($"CLV of {Strategies[0]} minus {Strategies[1]}", Columns(ValueKind.Currency),
                YValues.Select((y, i) => (IReadOnlyList<object?>)[y, .. XValues.Select((_, j) => (object?)(_clv[0][i, j] - _clv[1][i, j]))])));
        }

        for (var k = 0; k < Strategies.Count; k++)
        {
            var kk = k;
            tables.Add(new ResultTable($"CLV of {Strategies[k]}", Columns(ValueKind.Currency),
                YValues.Select((y, i) => (IReadOnlyList<object?>)[y, .. XValues.Select((_, j) => (object?)_clv[kk][i, j])])));
        }

        return tables;
    }

    /// <summary>The result as a report: the run block (strategies, axes, rates, library version) and <see cref="ToTables"/>.</summary>
    /// <param name="rates">How the rate path was chosen, or null.</param>
    /// <returns>The report.</returns>
    public ResultReport ToReport(string? rates = null)
    {
        var wins = Strategies.Select((s, k) => (s, Count: Enumerable.Range(0, YValues.Count).Sum(i => Enumerable.Range(0, XValues.Count).Count(j => Winner(i, j) == k))));
        return new ResultReport("Decision map",
        [
            new("Models", ValueKind.Text, string.Join(", ", Strategies)),
            new("X parameter", ValueKind.Text, XParameter),
            new("Y parameter", ValueKind.Text, YParameter),
            new("Rates", ValueKind.Text, rates ?? "given rate path"),
            ReportRows.Library,
        ], ToTables(), [string.Join("; ", wins.Select(w => string.Create(CultureInfo.InvariantCulture, $"{w.s} wins {w.Count} of {XValues.Count * YValues.Count} cells")))]);
    }

    /// <summary>Writes the result as JSON.</summary>
    /// <param name="stream">Destination.</param>
    public void WriteJson(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);

        // Written by hand (no reflection: trimming- and AOT-safe), in the layout the reflection serializer produced.
        using var json = new Utf8JsonWriter(stream, SensitivityJson.Options);
        json.WriteStartObject();
        json.WriteStartArray("strategies");
        foreach (var strategy in Strategies)
        {
            json.WriteStringValue(strategy);
        }

        json.WriteEndArray();
        SensitivityJson.WriteAxis(json, "x", XParameter, XValues);
        SensitivityJson.WriteAxis(json, "y", YParameter, YValues);
        json.WriteStartArray("cells");
        for (var i = 0; i < YValues.Count; i++)
        {
            json.WriteStartArray();
            for (var j = 0; j < XValues.Count; j++)
            {
                json.WriteStartObject();
                json.WriteString("winner", Strategies[Winner(i, j)]);
                json.WriteNumber("margin", Margin(i, j));
                json.WriteStartArray("clv");
                for (var k = 0; k < Strategies.Count; k++)
                {
                    json.WriteNumberValue(_clv[k][i, j]);
                }

                json.WriteEndArray();
                json.WriteEndObject();
            }

            json.WriteEndArray();
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }
}

/// <summary>Shared JSON settings and pieces of the sensitivity results.</summary>
internal static class SensitivityJson
{
    public static readonly JsonWriterOptions Options = new() { Indented = true };

    public static void WriteNullable(Utf8JsonWriter json, string name, double? value)
    {
        if (value is { } v)
        {
            json.WriteNumber(name, v);
        }
        else
        {
            json.WriteNull(name);
        }
    }

    public static void WriteAxis(Utf8JsonWriter json, string name, string parameter, IReadOnlyList<double> values)
    {
        json.WriteStartObject(name);
        json.WriteString("parameter", parameter);
        json.WriteStartArray("values");
        foreach (var value in values)
        {
            json.WriteNumberValue(value);
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }
}
