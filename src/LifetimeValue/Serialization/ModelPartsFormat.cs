using System.Text.Json;
using LifetimeValue.Discounting;
using LifetimeValue.Lifecycle;

namespace LifetimeValue.Serialization;

/// <summary>JSON for the parts models share: age schedules, margins, discounting and horizons.</summary>
internal static class ModelPartsFormat
{
    /// <summary>An age schedule: a number (constant from age 0), or steps <c>[{"fromAge": a, "value": v}, …]</c>.</summary>
    public static AgeSchedule ReadAgeSchedule(JsonSource source, JsonElement element, string path)
    {
        if (element.ValueKind == JsonValueKind.Number)
        {
            return AgeSchedule.Constant(JsonObjectReader.NumberAt(source, element, path));
        }

        if (element.ValueKind != JsonValueKind.Array)
        {
            throw source.Error(path, $"must be a number or an array of {{\"fromAge\", \"value\"}} steps (was {JsonObjectReader.Describe(element)}).");
        }

        var steps = new List<(int, double)>();
        var index = 0;
        foreach (var item in element.EnumerateArray())
        {
            var stepPath = JsonSource.Item(path, index++);
            var step = JsonObjectReader.Open(source, item, stepPath, "fromAge", "value");
            var fromAge = (int)step.Integer("fromAge", 0, AgeSchedule.MaxAge);
            if (steps.Count > 0 && fromAge <= steps[^1].Item1)
            {
                throw step.Error("fromAge", $"must be greater than the previous step's fromAge = {steps[^1].Item1} (was {fromAge}): ages must be strictly increasing.");
            }

            steps.Add((fromAge, step.Number("value")));
        }

        return steps.Count == 0 ? throw source.Error(path, "must have at least one step.") : AgeSchedule.Steps(steps);
    }

    public static void WriteAgeSchedule(Utf8JsonWriter writer, string name, AgeSchedule schedule)
    {
        if (schedule.IsConstant && schedule.FromAges[0] == 0)
        {
            writer.WriteNumber(name, schedule.Values[0]);
            return;
        }

        writer.WriteStartArray(name);
        for (var i = 0; i < schedule.Values.Count; i++)
        {
            writer.WriteStartObject();
            writer.WriteNumber("fromAge", schedule.FromAges[i]);
            writer.WriteNumber("value", schedule.Values[i]);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    }

    /// <summary>
    /// A margin: <c>{"intercept", "rateSlope"}</c> (both age schedules, default 0), or the shorthands
    /// <c>{"loan": {"balance", "customerRate", "fundingSpread"}}</c> and <c>{"deposit": {"balance", "customerRate"}}</c>.
    /// </summary>
    public static MarginSchedule ReadMargin(JsonSource source, JsonElement element, string path)
    {
        var o = JsonObjectReader.Open(source, element, path, "intercept", "rateSlope", "loan", "deposit");
        var forms = (o.Has("intercept") || o.Has("rateSlope") ? 1 : 0) + (o.Has("loan") ? 1 : 0) + (o.Has("deposit") ? 1 : 0);
        if (forms > 1)
        {
            throw source.Error(path, "must use exactly one form: {\"intercept\", \"rateSlope\"}, {\"loan\": …} or {\"deposit\": …}.");
        }

        if (o.Has("loan"))
        {
            var loan = o.Object("loan", "balance", "customerRate", "fundingSpread");
            var balance = loan.NonNegative("balance");
            var rate = ReadAgeSchedule(source, loan.Required("customerRate"), loan.PathOf("customerRate"));
            var spread = loan.Number("fundingSpread", 0);
            return loan.Build(() => MarginSchedule.Loan(balance, rate, spread));
        }

        if (o.Has("deposit"))
        {
            var deposit = o.Object("deposit", "balance", "customerRate");
            var balance = deposit.NonNegative("balance");
            var rate = ReadAgeSchedule(source, deposit.Required("customerRate"), deposit.PathOf("customerRate"));
            return deposit.Build(() => MarginSchedule.Deposit(balance, rate));
        }

        var intercept = o.Has("intercept") ? ReadAgeSchedule(source, o.Required("intercept"), o.PathOf("intercept")) : AgeSchedule.Constant(0);
        var slope = o.Has("rateSlope") ? ReadAgeSchedule(source, o.Required("rateSlope"), o.PathOf("rateSlope")) : AgeSchedule.Constant(0);
        return o.Build(() => new MarginSchedule(intercept, slope));
    }

    public static void WriteMargin(Utf8JsonWriter writer, string name, MarginSchedule margin)
    {
        writer.WriteStartObject(name);
        WriteAgeSchedule(writer, "intercept", margin.Intercept);
        WriteAgeSchedule(writer, "rateSlope", margin.RateSlope);
        writer.WriteEndObject();
    }

    /// <summary>Discounting: <c>flatAnnual</c> (annualRate), <c>shortRatePlus</c> (annualSpread) or <c>zeroCurve</c> (tenorsYears, zeroRates).</summary>
    public static Discount ReadDiscount(JsonSource source, JsonElement element, string path)
    {
        var kind = JsonObjectReader.Open(source, element, path, "kind", "annualRate", "annualSpread", "tenorsYears", "zeroRates")
            .Choice("kind", "flatAnnual", "shortRatePlus", "zeroCurve");
        switch (kind)
        {
            case "flatAnnual":
            {
                var o = JsonObjectReader.Open(source, element, path, "kind", "annualRate");
                var rate = o.Number("annualRate");
                return rate > -1 ? Discount.FlatAnnual(rate) : throw o.Error("annualRate", $"must be a finite number > -1 (was {JsonObjectReader.R(rate)}).");
            }

            case "shortRatePlus":
            {
                var o = JsonObjectReader.Open(source, element, path, "kind", "annualSpread");
                // A plausible spread: a negative one discounts decades of cash flows at a negative rate (CLVs of 1e16).
                return Discount.ShortRatePlus(o.InRange("annualSpread", -0.1, 1));
            }

            default:
            {
                var o = JsonObjectReader.Open(source, element, path, "kind", "tenorsYears", "zeroRates");
                var tenors = o.Numbers("tenorsYears", 1, 200);
                var rates = o.Numbers("zeroRates", tenors.Count, tenors.Count);
                return o.Build(() => new ZeroCurveDiscounting(tenors, rates));
            }
        }
    }

    public static void WriteDiscount(Utf8JsonWriter writer, string name, Discount discount)
    {
        writer.WriteStartObject(name);
        switch (discount)
        {
            case FlatAnnualDiscounting flat:
                writer.WriteString("kind", "flatAnnual");
                writer.WriteNumber("annualRate", flat.AnnualRate);
                break;
            case ShortRateDiscounting shortRate:
                writer.WriteString("kind", "shortRatePlus");
                writer.WriteNumber("annualSpread", shortRate.AnnualSpread);
                break;
            case ZeroCurveDiscounting curve:
                writer.WriteString("kind", "zeroCurve");
                WriteNumbers(writer, "tenorsYears", curve.TenorsYears);
                WriteNumbers(writer, "zeroRates", curve.ZeroRates);
                break;
            default:
                throw new NotSupportedException($"Discounting {discount.GetType().Name} has no model-file form.");
        }

        writer.WriteEndObject();
    }

    /// <summary>A horizon: <c>{"toAge": a}</c> or <c>{"months": n}</c>.</summary>
    public static Horizon ReadHorizon(JsonSource source, JsonElement element, string path)
    {
        var o = JsonObjectReader.Open(source, element, path, "toAge", "months");
        if (o.Has("toAge") == o.Has("months"))
        {
            throw source.Error(path, "must have exactly one of \"toAge\" (years) or \"months\".");
        }

        return o.Has("toAge")
            ? Horizon.ToAge((int)o.Integer("toAge", 1, AgeSchedule.MaxAge))
            : Horizon.Months((int)o.Integer("months", 1, Horizon.MaxPeriods));
    }

    public static void WriteHorizon(Utf8JsonWriter writer, string name, Horizon horizon)
    {
        writer.WriteStartObject(name);
        if (horizon.IsEndAge)
        {
            writer.WriteNumber("toAge", horizon.EndAge);
        }
        else
        {
            writer.WriteNumber("months", horizon.Periods);
        }

        writer.WriteEndObject();
    }

    public static void WriteNumbers(Utf8JsonWriter writer, string name, IReadOnlyList<double> values)
    {
        writer.WriteStartArray(name);
        foreach (var v in values)
        {
            writer.WriteNumberValue(v);
        }

        writer.WriteEndArray();
    }
}
