using System.Globalization;
using System.Reflection;
using LifetimeValue.Statistics;

namespace LifetimeValue.Reporting;

/// <summary>Rows shared by the results' reports: a two-level estimate's error and interval, the library version.</summary>
internal static class ReportRows
{
    /// <summary>The library's version (informational, without the source revision).</summary>
    public static string LibraryVersion { get; } = Version();

    /// <summary>The run rows every report ends with.</summary>
    public static MetricRow Library => new("Library version", ValueKind.Text, LibraryVersion);

    /// <summary>A level as "95 %".</summary>
    public static string Level(double level) => string.Create(CultureInfo.InvariantCulture, $"{level * 100:0.##} %");

    /// <summary>"Student t, 49 df" or "normal".</summary>
    public static string Method(TwoLevelEstimate e) => e.Method == IntervalMethod.StudentT
        ? string.Create(CultureInfo.InvariantCulture, $"Student t, {e.DegreesOfFreedom:0.#} df")
        : "normal";

    /// <summary>
    /// The rows of an estimate, one value per column (null where a column has none): the mean (when
    /// <paramref name="withMean"/>), its standard error split between and within scenarios, and its interval with level
    /// and method.
    /// </summary>
    public static IEnumerable<MetricRow> Estimate(string label, ValueKind kind, IReadOnlyList<TwoLevelEstimate?> estimates, string? key = null, bool withMean = true)
    {
        key ??= ReportKeys.CamelCase(label);
        var level = estimates.FirstOrDefault(e => e is not null) is { } any ? Level(any.ConfidenceLevel) : Level(TwoLevelEstimate.DefaultConfidenceLevel);
        if (withMean)
        {
            yield return new MetricRow(label, kind, [.. estimates.Select(e => (object?)e?.Mean)]) { Key = key };
        }

        yield return new MetricRow($"{label}: standard error", kind, [.. estimates.Select(e => Number(e?.StandardError))]) { Key = key + "StandardError" };
        yield return new MetricRow($"{label}: SE between scenarios", kind, [.. estimates.Select(e => Number(e?.ScenarioStandardError))]) { Key = key + "SeBetweenScenarios" };
        yield return new MetricRow($"{label}: SE within scenarios", kind, [.. estimates.Select(e => Number(e?.CustomerStandardError))]) { Key = key + "SeWithinScenarios" };
        yield return new MetricRow($"{label}: {level} interval low", kind, [.. estimates.Select(e => Number(e?.CiLow))]) { Key = key + "CiLow" };
        yield return new MetricRow($"{label}: {level} interval high", kind, [.. estimates.Select(e => Number(e?.CiHigh))]) { Key = key + "CiHigh" };
        yield return new MetricRow($"{label}: interval method", ValueKind.Text, [.. estimates.Select(e => e is null || !double.IsFinite(e.StandardError) ? null : (object)Method(e))]) { Key = key + "CiMethod" };
    }

    /// <summary>Discounting in words: "short rate + 3 % spread", "flat 5 % a year", "zero curve".</summary>
    public static string DiscountingText(LifetimeValue.Discounting.Discount discount) => discount switch
    {
        LifetimeValue.Discounting.ShortRateDiscounting s => string.Create(CultureInfo.InvariantCulture, $"short rate + {s.AnnualSpread * 100:0.##} % a year (discount spread over the short rate)"),
        LifetimeValue.Discounting.FlatAnnualDiscounting f => string.Create(CultureInfo.InvariantCulture, $"flat {f.AnnualRate * 100:0.##} % a year"),
        LifetimeValue.Discounting.ZeroCurveDiscounting => "zero curve",
        _ => discount.GetType().Name,
    };

    /// <summary>A number, or null (not defined) when it is not finite.</summary>
    public static object? Number(double? value) => value is { } v && double.IsFinite(v) ? v : null;

    private static string Version()
    {
        var assembly = typeof(ReportRows).Assembly;
        var text = assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
            ?? assembly.GetName().Version?.ToString() ?? "unknown";
        var plus = text.IndexOf('+', StringComparison.Ordinal);
        return plus < 0 ? text : text[..plus];
    }
}
