using System.Text.Json;
using LifetimeValue.Programmes;

namespace LifetimeValue.Serialization;

/// <summary>A model file's <c>programme</c> section: <see cref="ProgrammeTerms"/>.</summary>
internal static class ProgrammeFormat
{
    private static readonly string[] Keys = ["perYear", "years", "growth", "timing", "borrowRate", "borrowSpread", "depositRate", "discountRate"];

    public static ProgrammeTerms Read(JsonSource source, JsonElement element, string path)
    {
        var o = JsonObjectReader.Open(source, element, path, Keys);
        var perYear = o.NonNegative("perYear");
        var years = (int)o.Integer("years", 1, AcquisitionSchedule.MaxMonths / 12, 15);
        var growth = o.Number("growth", 0);
        var timing = o.Has("timing") && o.Choice("timing", "monthly", "yearly") == "yearly" ? AcquisitionTiming.StartOfYear : AcquisitionTiming.SpreadMonthly;
        var defaults = ProgrammeFinancing.Default;
        var borrowRate = o.Number("borrowRate", defaults.BorrowRate);
        double? spread = o.Has("borrowSpread") ? o.Number("borrowSpread") : null;
        var deposit = o.Number("depositRate", defaults.DepositRate);
        var discount = o.Number("discountRate", defaults.DiscountRate);
        return o.Build(() => new ProgrammeTerms
        {
            PerYear = perYear,
            Years = years,
            Growth = growth,
            Timing = timing,
            Financing = new ProgrammeFinancing { BorrowRate = borrowRate, BorrowSpread = spread, DepositRate = deposit, DiscountRate = discount },
        });
    }

    public static void Write(Utf8JsonWriter writer, ProgrammeTerms terms)
    {
        writer.WriteStartObject("programme");
        writer.WriteNumber("perYear", terms.PerYear);
        writer.WriteNumber("years", terms.Years);
        writer.WriteNumber("growth", terms.Growth);
        writer.WriteString("timing", terms.Timing == AcquisitionTiming.StartOfYear ? "yearly" : "monthly");
        writer.WriteNumber("borrowRate", terms.Financing.BorrowRate);
        if (terms.Financing.BorrowSpread is { } spread)
        {
            writer.WriteNumber("borrowSpread", spread);
        }

        writer.WriteNumber("depositRate", terms.Financing.DepositRate);
        writer.WriteNumber("discountRate", terms.Financing.DiscountRate);
        writer.WriteEndObject();
    }
}
