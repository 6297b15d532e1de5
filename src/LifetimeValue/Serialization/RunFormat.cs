using System.Text.Json;
using LifetimeValue.Scenarios;
using LifetimeValue.Simulation;

namespace LifetimeValue.Serialization;

/// <summary>JSON for the run parts of a model file: <c>$.scenarios</c> and <c>$.simulation</c>.</summary>
internal static class RunFormat
{
    public static ScenarioSpec ReadScenarios(JsonSource source, JsonElement element, string path)
    {
        var kind = JsonObjectReader.Open(source, element, path, "kind", "rate", "periods", "model", "count", "seed", "path")
            .Choice("kind", "constant", "shortRate", "csv");
        switch (kind)
        {
            case "constant":
            {
                var o = JsonObjectReader.Open(source, element, path, "kind", "rate", "periods");
                return new ConstantRateScenarioSpec(o.Number("rate"), Periods(o));
            }

            case "shortRate":
            {
                var o = JsonObjectReader.Open(source, element, path, "kind", "model", "count", "seed", "periods");
                var model = ReadShortRateModel(source, o.Required("model"), o.PathOf("model"));
                return new ShortRateScenarioSpec(model, (int)o.Integer("count", 1, ScenarioSet.MaxScenarios), o.UnsignedInteger("seed", 1), Periods(o));
            }

            default:
            {
                var o = JsonObjectReader.Open(source, element, path, "kind", "path");
                return new CsvScenarioSpec(o.String("path"));
            }
        }
    }

    public static void WriteScenarios(Utf8JsonWriter writer, ScenarioSpec spec)
    {
        writer.WriteStartObject("scenarios");
        switch (spec)
        {
            case ConstantRateScenarioSpec c:
                writer.WriteString("kind", "constant");
                writer.WriteNumber("rate", c.AnnualRate);
                WritePeriods(writer, c.Periods);
                break;
            case ShortRateScenarioSpec s:
                writer.WriteString("kind", "shortRate");
                WriteShortRateModel(writer, s.Model);
                writer.WriteNumber("count", s.Count);
                writer.WriteNumber("seed", s.Seed);
                WritePeriods(writer, s.Periods);
                break;
            case CsvScenarioSpec csv:
                writer.WriteString("kind", "csv");
                writer.WriteString("path", csv.Path);
                break;
            default:
                throw new NotSupportedException($"Scenario specification {spec.GetType().Name} has no model-file form.");
        }

        writer.WriteEndObject();
    }

    public static SimulationOptions ReadSimulation(JsonSource source, JsonElement element, string path)
    {
        var o = JsonObjectReader.Open(source, element, path, "seed", "customers", "chunkSize", "method", "sketchAccuracy", "exactQuantileLimit");
        var defaults = new SimulationOptions();
        return new SimulationOptions
        {
            Seed = o.UnsignedInteger("seed", defaults.Seed),
            Customers = o.Integer("customers", 1, SimulationOptions.MaxCustomers, defaults.Customers),
            ChunkSize = (int)o.Integer("chunkSize", 1, 1 << 20, defaults.ChunkSize),
            Method = o.Has("method") ? (o.Choice("method", "eventTime", "stepping") == "stepping" ? SimulationMethod.Stepping : SimulationMethod.EventTime) : defaults.Method,
            SketchAccuracy = o.InRange("sketchAccuracy", 1e-4, 0.1, defaults.SketchAccuracy),
            ExactQuantileLimit = (int)o.Integer("exactQuantileLimit", 0, 10_000_000, defaults.ExactQuantileLimit),
        };
    }

    public static void WriteSimulation(Utf8JsonWriter writer, SimulationOptions options)
    {
        writer.WriteStartObject("simulation");
        writer.WriteNumber("seed", options.Seed);
        writer.WriteNumber("customers", options.Customers);
        writer.WriteNumber("chunkSize", options.ChunkSize);
        writer.WriteString("method", options.Method == SimulationMethod.Stepping ? "stepping" : "eventTime");
        writer.WriteNumber("sketchAccuracy", options.SketchAccuracy);
        writer.WriteNumber("exactQuantileLimit", options.ExactQuantileLimit);
        writer.WriteEndObject();
    }

    private static ShortRateModel ReadShortRateModel(JsonSource source, JsonElement element, string path)
    {
        var kind = JsonObjectReader.Open(source, element, path,
                "kind", "initialRate", "kappa", "theta", "sigma", "scheme", "meanReversion", "initialCurve")
            .Choice("kind", "vasicek", "cir", "hullWhite");
        if (kind == "hullWhite")
        {
            var hw = JsonObjectReader.Open(source, element, path, "kind", "meanReversion", "sigma", "initialCurve", "scheme");
            var curve = hw.Object("initialCurve", "tenorsYears", "zeroRates");
            var tenors = curve.Numbers("tenorsYears", 1, 200);
            var zeros = curve.Numbers("zeroRates", tenors.Count, tenors.Count);
            var zeroCurve = curve.Build(() => ZeroCurve.FromZeroRates(tenors, zeros));
            var a = hw.Positive("meanReversion");
            var sigma = hw.NonNegative("sigma");
            var scheme = Scheme(hw, RateScheme.Exact);
            return hw.Build(() => new HullWhite(a, sigma, zeroCurve, scheme));
        }

        var o = JsonObjectReader.Open(source, element, path, "kind", "initialRate", "kappa", "theta", "sigma", "scheme");
        var r0 = o.Number("initialRate");
        var kappa = o.Positive("kappa");
        var theta = o.Number("theta");
        var s = o.NonNegative("sigma");
        return kind == "vasicek"
            ? o.Build(() => new Vasicek(r0, kappa, theta, s, Scheme(o, RateScheme.Exact)))
            : o.Build(() => new CoxIngersollRoss(r0, kappa, theta, s, Scheme(o, RateScheme.Euler)));
    }

    private static void WriteShortRateModel(Utf8JsonWriter writer, ShortRateModel model)
    {
        writer.WriteStartObject("model");
        switch (model)
        {
            case Vasicek v:
                writer.WriteString("kind", "vasicek");
                WriteOneFactor(writer, v.InitialRate, v.Kappa, v.Theta, v.Sigma);
                break;
            case CoxIngersollRoss c:
                writer.WriteString("kind", "cir");
                WriteOneFactor(writer, c.InitialRate, c.Kappa, c.Theta, c.Sigma);
                break;
            case HullWhite h:
                writer.WriteString("kind", "hullWhite");
                writer.WriteNumber("meanReversion", h.MeanReversion);
                writer.WriteNumber("sigma", h.Sigma);
                writer.WriteStartObject("initialCurve");
                ModelPartsFormat.WriteNumbers(writer, "tenorsYears", h.InitialCurve.Tenors);
                ModelPartsFormat.WriteNumbers(writer, "zeroRates", h.InitialCurve.ZeroRates);
                writer.WriteEndObject();
                break;
            default:
                throw new NotSupportedException($"Short-rate model {model.GetType().Name} has no model-file form.");
        }

        writer.WriteString("scheme", model.Scheme == RateScheme.Euler ? "euler" : "exact");
        writer.WriteEndObject();
    }

    private static void WriteOneFactor(Utf8JsonWriter writer, double r0, double kappa, double theta, double sigma)
    {
        writer.WriteNumber("initialRate", r0);
        writer.WriteNumber("kappa", kappa);
        writer.WriteNumber("theta", theta);
        writer.WriteNumber("sigma", sigma);
    }

    private static RateScheme Scheme(JsonObjectReader o, RateScheme defaultScheme) =>
        o.Has("scheme") ? (o.Choice("scheme", "euler", "exact") == "euler" ? RateScheme.Euler : RateScheme.Exact) : defaultScheme;

    private static int? Periods(JsonObjectReader o) => o.Has("periods") ? (int)o.Integer("periods", 1, ScenarioSet.MaxPeriods) : null;

    private static void WritePeriods(Utf8JsonWriter writer, int? periods)
    {
        if (periods is { } p)
        {
            writer.WriteNumber("periods", p);
        }
    }
}
