using System.Globalization;
using LifetimeValue.Internal;

namespace LifetimeValue.Calibration.Panel;

/// <summary>
/// A series of annual short rates by calendar month (e.g. the central-bank rate or the bank's funding rate), consecutive
/// from <see cref="FirstMonth"/>: the <c>r</c> of margins linear in the short rate, <c>a + b·r</c>.
/// </summary>
/// <remarks>
/// <para>The CSV form has a header and two columns, <c>month,rate</c>, one row per month in order without gaps; the rate is
/// annual and decimal (0.035 = 3.5 %).</para>
/// <para>Thread safety: immutable; safe to share.</para>
/// </remarks>
public sealed class MonthlyRates
{
    private readonly double[] _rates;

    private MonthlyRates(DateOnly firstMonth, double[] rates)
    {
        FirstMonth = new DateOnly(firstMonth.Year, firstMonth.Month, 1);
        _rates = rates;
        FirstIndex = (FirstMonth.Year * 12) + FirstMonth.Month - 1;
    }

    /// <summary>The first month of the series (its first day).</summary>
    public DateOnly FirstMonth { get; }

    /// <summary>The last month of the series (its first day).</summary>
    public DateOnly LastMonth => FirstMonth.AddMonths(_rates.Length - 1);

    /// <summary>The annual rates, one per month from <see cref="FirstMonth"/>.</summary>
    public IReadOnlyList<double> Values => _rates;

    /// <summary>Months in the series.</summary>
    public int Count => _rates.Length;

    internal int FirstIndex { get; }

    /// <summary>A series from values.</summary>
    /// <param name="firstMonth">Any day of the first month.</param>
    /// <param name="annualRates">One annual rate per month, finite, in [−1, 1]; at least one.</param>
    /// <returns>The series.</returns>
    /// <exception cref="ArgumentException">Empty, or a rate not finite or outside [−1, 1].</exception>
    public static MonthlyRates FromValues(DateOnly firstMonth, IReadOnlyList<double> annualRates)
    {
        Guard.NotEmpty(annualRates);
        var copy = new double[annualRates.Count];
        for (var i = 0; i < copy.Length; i++)
        {
            copy[i] = Guard.InRange(annualRates[i], -1.0, 1.0, $"annualRates[{i}]");
        }

        return new MonthlyRates(firstMonth, copy);
    }

    /// <summary>Reads a <c>month,rate</c> CSV file (header line first).</summary>
    /// <param name="path">The file.</param>
    /// <param name="monthFormat">Exact month format (InvariantCulture); default <c>yyyy-MM</c>.</param>
    /// <returns>The series.</returns>
    /// <exception cref="ArgumentException"><paramref name="path"/> or <paramref name="monthFormat"/> is blank.</exception>
    /// <exception cref="FileNotFoundException">No such file.</exception>
    /// <exception cref="PanelFormatException">Bad lines (each with its line, column and value), months out of order or with gaps, or no rates.</exception>
    public static MonthlyRates ReadCsv(string path, string monthFormat = "yyyy-MM")
    {
        Guard.NotBlank(path);
        using var reader = new StreamReader(path);
        return ReadCsv(reader, monthFormat);
    }

    /// <summary>Reads a <c>month,rate</c> CSV (header line first).</summary>
    /// <param name="reader">The text; not disposed.</param>
    /// <param name="monthFormat">Exact month format (InvariantCulture); default <c>yyyy-MM</c>.</param>
    /// <returns>The series.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="reader"/> is null.</exception>
    /// <exception cref="PanelFormatException">Bad lines, months out of order or with gaps, or no rates.</exception>
    public static MonthlyRates ReadCsv(TextReader reader, string monthFormat = "yyyy-MM")
    {
        ArgumentNullException.ThrowIfNull(reader);
        Guard.NotBlank(monthFormat);
        var errors = new List<CsvError>();
        var rates = new List<double>();
        DateOnly first = default, previous = default;
        long lineNumber = 0;
        string? line;
        while ((line = reader.ReadLine()) is not null && errors.Count < 100)
        {
            lineNumber++;
            if (lineNumber == 1 || string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            var parts = line.Split(',');
            if (parts.Length != 2)
            {
                errors.Add(new CsvError(lineNumber, 0, PanelCsvReader.Truncate(line), FormattableString.Invariant($"expected 2 fields (month,rate), found {parts.Length}")));
                continue;
            }

            var monthText = parts[0].Trim();
            var rateText = parts[1].Trim();
            if (!DateTime.TryParseExact(monthText, monthFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out var dateTime))
            {
                errors.Add(new CsvError(lineNumber, 1, PanelCsvReader.Truncate(monthText), $"not a month in the format '{monthFormat}'"));
                continue;
            }

            if (!double.TryParse(rateText, NumberStyles.Float, CultureInfo.InvariantCulture, out var rate) || !(rate >= -1.0 && rate <= 1.0))
            {
                errors.Add(new CsvError(lineNumber, 2, PanelCsvReader.Truncate(rateText), "not an annual rate in [-1, 1] (decimal: 0.035 = 3.5 %)"));
                continue;
            }

            var month = new DateOnly(dateTime.Year, dateTime.Month, 1);
            if (rates.Count == 0)
            {
                first = month;
            }
            else if (month != previous.AddMonths(1))
            {
                errors.Add(new CsvError(lineNumber, 1, monthText, FormattableString.Invariant($"expected the month after {previous:yyyy-MM} (rows must be consecutive months)")));
                continue;
            }

            previous = month;
            rates.Add(rate);
        }

        if (errors.Count > 0)
        {
            throw new PanelFormatException(errors);
        }

        if (rates.Count == 0)
        {
            throw new PanelFormatException("the rate series has no rows (expected a header line and month,rate rows).");
        }

        return new MonthlyRates(first, [.. rates]);
    }

    /// <summary>The rate of a month, if the series covers it.</summary>
    /// <param name="month">Any day of the month.</param>
    /// <param name="annualRate">The rate, or 0 when not covered.</param>
    /// <returns>Whether the series covers the month.</returns>
    public bool TryGet(DateOnly month, out double annualRate) => TryGet((month.Year * 12) + month.Month - 1, out annualRate);

    internal bool TryGet(int monthIndex, out double annualRate)
    {
        var i = monthIndex - FirstIndex;
        if (i >= 0 && i < _rates.Length)
        {
            annualRate = _rates[i];
            return true;
        }

        annualRate = 0;
        return false;
    }
}
