using System.Globalization;

namespace LifetimeValue.Reporting;

/// <summary>
/// The one formatter of report cells. For readers (<see cref="Display"/>): currency with two decimals and thousands
/// separators, percents from fractions with one decimal, months and counts as whole numbers, years with one decimal
/// (whole years as integers), plain numbers with four decimals, "–" for a value that is not defined (null, NaN, ∞).
/// For machines (<see cref="Exact"/>): round-trip numbers, empty for not defined — never the text "NaN".
/// </summary>
/// <remarks>Thread safety: stateless.</remarks>
public static class CellFormat
{
    /// <summary>What readers see for a value that is not defined.</summary>
    public const string NotDefined = "–";

    /// <summary>What readers see for a number that exists but means nothing (an IRR beyond <see cref="MaxMeaningfulAnnualIrr"/>).</summary>
    public const string NotMeaningful = "n/m";

    /// <summary>
    /// The largest annual IRR reported as a number: 10 (1,000 % a year). Beyond it the rate only says that payback is
    /// (nearly) immediate — the hotel's first month repays its acquisition cost — and is shown as <see cref="NotMeaningful"/>.
    /// </summary>
    public const double MaxMeaningfulAnnualIrr = 10.0;

    /// <summary>An annual IRR as a report cell: the rate, null when there is none, <see cref="NotMeaningful"/> above the cap.</summary>
    /// <param name="annualIrr">The annual effective IRR (a fraction), or null.</param>
    /// <returns>The cell.</returns>
    public static object? AnnualIrr(double? annualIrr) => annualIrr switch
    {
        null => null,
        double r when !double.IsFinite(r) || r > MaxMeaningfulAnnualIrr => NotMeaningful,
        double r => r,
    };

    /// <summary>The note that explains an <see cref="NotMeaningful"/> IRR.</summary>
    /// <param name="subject">Whose IRR (a model name).</param>
    /// <param name="annualIrr">The rate.</param>
    /// <returns>The note.</returns>
    public static string IrrNote(string subject, double annualIrr) => string.Create(CultureInfo.InvariantCulture,
        $"{subject}: annual IRR n/m (not meaningful): the rate is {annualIrr:#,0.##} ({annualIrr * 100:#,0} % a year) because the acquisition cost is repaid almost at once; read payback and break-even instead.");

    /// <summary>A cell for readers, formatted by its kind.</summary>
    /// <param name="value">The cell.</param>
    /// <param name="kind">Its kind.</param>
    /// <returns>The text.</returns>
    public static string Display(object? value, ValueKind kind) => value switch
    {
        null => NotDefined,
        double d when !double.IsFinite(d) => NotDefined,
        bool b => b ? "yes" : "no",
        string s => s,
        double d => Number(d, kind),
        int i => Whole(i, kind),
        long l => Whole(l, kind),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? string.Empty,
    };

    /// <summary>A cell for machines (CSV): round-trip numbers, <c>true</c>/<c>false</c>, empty for not defined.</summary>
    /// <param name="value">The cell.</param>
    /// <returns>The text.</returns>
    public static string Exact(object? value) => value switch
    {
        null => string.Empty,
        double d when !double.IsFinite(d) => string.Empty,
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        bool b => b ? "true" : "false",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? string.Empty,
    };

    /// <summary>The Excel number format of a kind (for spreadsheets).</summary>
    /// <param name="kind">The kind.</param>
    /// <returns>A format code such as <c>#,##0.00</c>.</returns>
    public static string ExcelFormat(ValueKind kind) => kind switch
    {
        ValueKind.Currency => "#,##0.00",
        ValueKind.Percent => "0.0%",
        ValueKind.Months or ValueKind.Count => "#,##0",
        ValueKind.Years => "0.0",
        ValueKind.Number => "0.0000",
        _ => "@",
    };

    private static string Number(double d, ValueKind kind) => kind switch
    {
        ValueKind.Currency => d.ToString("#,0.00", CultureInfo.InvariantCulture),
        ValueKind.Percent => (d * 100).ToString("#,0.0", CultureInfo.InvariantCulture) + " %",
        ValueKind.Months => d.ToString("0", CultureInfo.InvariantCulture),
        ValueKind.Count => d.ToString("#,0", CultureInfo.InvariantCulture),
        ValueKind.Years => d == Math.Floor(d) ? d.ToString("0", CultureInfo.InvariantCulture) : d.ToString("0.0", CultureInfo.InvariantCulture),
        _ => Math.Abs(d) >= 1e9 || (d != 0 && Math.Abs(d) < 1e-4) ? d.ToString("0.###E+0", CultureInfo.InvariantCulture) : d.ToString("#,0.0000", CultureInfo.InvariantCulture),
    };

    private static string Whole(long v, ValueKind kind) => kind switch
    {
        ValueKind.Currency => v.ToString("#,0.00", CultureInfo.InvariantCulture),
        ValueKind.Percent => (v * 100).ToString("#,0.0", CultureInfo.InvariantCulture) + " %",
        ValueKind.Years or ValueKind.Months => v.ToString(CultureInfo.InvariantCulture),
        _ => v.ToString("#,0", CultureInfo.InvariantCulture),
    };
}
