using System.Globalization;
using System.Text;
using LifetimeValue.Internal;

namespace LifetimeValue.Scenarios;

/// <content>CSV input and output of scenario sets.</content>
/// <remarks>
/// <para>
/// Format ("long", one rate per line): UTF-8 text, a header line <c>scenario,period,rate</c>, then one row
/// <c>s,t,r</c> per (scenario, period): s an integer in [0, <see cref="MaxScenarios"/> − 1], t an integer in
/// [0, <see cref="MaxPeriods"/> − 1], r the annual continuously compounded short rate of period t as an
/// invariant-culture decimal (<c>0.0300625</c>, <c>-1.5E-3</c>; no thousands separators; NaN and infinities
/// are rejected). Fields are separated by commas and never quoted; they may be surrounded by spaces; the header
/// is matched case-insensitively; blank lines are ignored; rows may come in any order.
/// The scenarios must be 0 … S − 1 and each must have exactly the periods 0 … T − 1, once each.
/// </para>
/// <para>
/// <see cref="WriteCsv(TextWriter)"/> writes rows in scenario-then-period order with <c>\n</c> line ends and the
/// shortest round-trip ("R") formatting, so reading the file back gives bit-identical rates.
/// </para>
/// <para>
/// Errors: every row is checked on its own and all problems are collected as (line, field, message) —
/// a bad row never hides or shifts the others — then a single <see cref="ScenarioCsvException"/> is thrown.
/// </para>
/// </remarks>
public sealed partial class ScenarioSet
{
    /// <summary>The header line of the CSV format.</summary>
    public const string CsvHeader = "scenario,period,rate";

    /// <summary>Reads scenarios from CSV text in the documented long format (see remarks of <see cref="ScenarioSet"/>).</summary>
    /// <param name="reader">The text; read to its end, not disposed.</param>
    /// <returns>The scenarios (with no model or seed).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="reader"/> is null.</exception>
    /// <exception cref="ScenarioCsvException">The text is malformed; <see cref="ScenarioCsvException.Errors"/> lists every problem by line and field.</exception>
    /// <remarks>
    /// Format: header <c>scenario,period,rate</c>, then rows <c>s,t,r</c> in any order covering every
    /// (s, t) in [0, S − 1] × [0, T − 1] exactly once, invariant culture.
    /// </remarks>
    public static ScenarioSet ReadCsv(TextReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var errors = new List<ScenarioCsvError>();
        var cells = new List<Cell>();
        int lineNumber = 1;
        string? header = reader.ReadLine();
        if (header is null)
        {
            errors.Add(new ScenarioCsvError(1, "header", $"the file is empty; expected the header '{CsvHeader}'."));
            throw new ScenarioCsvException(errors);
        }

        if (!IsHeader(header))
        {
            errors.Add(new ScenarioCsvError(1, "header", $"expected '{CsvHeader}' (was '{Truncate(header)}')."));
        }

        int maxScenario = -1, maxPeriod = -1;
        for (string? line = reader.ReadLine(); line is not null; line = reader.ReadLine())
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            if (ParseRow(line, lineNumber, errors) is { } cell)
            {
                cells.Add(cell);
                maxScenario = Math.Max(maxScenario, cell.Scenario);
                maxPeriod = Math.Max(maxPeriod, cell.Period);
            }
        }

        if (cells.Count == 0)
        {
            if (errors.Count == 0)
            {
                errors.Add(new ScenarioCsvError(lineNumber + 1, "row", "the file has a header but no data rows."));
            }

            throw new ScenarioCsvException(errors);
        }

        // Both indices are range-checked per row, so S·T ≤ MaxScenarios·MaxPeriods fits one array. Every (s, t) needs a
        // row, so when S·T is far beyond the rows read the file is refused before S·T cells are allocated (a two-line file
        // naming scenario 999999 would otherwise ask for gigabytes).
        int scenarios = maxScenario + 1, periods = maxPeriod + 1;
        if ((long)scenarios * periods > (2L * cells.Count) + MissingCellsReported)
        {
            var widest = cells.Find(c => c.Scenario == maxScenario);
            var longest = cells.Find(c => c.Period == maxPeriod);
            var (culprit, field) = widest.Scenario * (long)periods >= longest.Period * (long)scenarios ? (widest, "scenario") : (longest, "period");
            errors.Add(new ScenarioCsvError(culprit.Line, field, FormattableString.Invariant(
                $"scenario indices up to {maxScenario} and periods up to {maxPeriod} need {(long)scenarios * periods} rows (every scenario needs periods 0 … {maxPeriod}), but the file has {cells.Count}.")));
            errors.Sort((a, b) => a.Line.CompareTo(b.Line));
            throw new ScenarioCsvException(errors);
        }

        var rates = new double[scenarios * periods];
        var lineOf = new int[scenarios * periods];          // 0 = no row yet
        var firstLineOfScenario = new int[scenarios];
        foreach (var cell in cells)
        {
            int index = (cell.Scenario * periods) + cell.Period;
            if (lineOf[index] != 0)
            {
                errors.Add(new ScenarioCsvError(cell.Line, "period", FormattableString.Invariant(
                    $"duplicate row for scenario {cell.Scenario}, period {cell.Period} (first given on line {lineOf[index]}).")));
                continue;
            }

            lineOf[index] = cell.Line;
            rates[index] = cell.Rate;
            if (firstLineOfScenario[cell.Scenario] == 0 || cell.Line < firstLineOfScenario[cell.Scenario])
            {
                firstLineOfScenario[cell.Scenario] = cell.Line;
            }
        }

        ReportMissing(lineOf, firstLineOfScenario, scenarios, periods, errors);
        if (errors.Count > 0)
        {
            errors.Sort((a, b) => a.Line.CompareTo(b.Line));
            throw new ScenarioCsvException(errors);
        }

        return new ScenarioSet(rates, scenarios, periods, model: null, seed: null);
    }

    /// <summary>Reads scenarios from a CSV file in the documented long format.</summary>
    /// <param name="path">The file path (UTF-8; a byte-order mark is allowed).</param>
    /// <returns>The scenarios (with no model or seed).</returns>
    /// <exception cref="ArgumentException"><paramref name="path"/> is null or blank.</exception>
    /// <exception cref="IOException">The file cannot be read.</exception>
    /// <exception cref="ScenarioCsvException">The file is malformed; <see cref="ScenarioCsvException.Errors"/> lists every problem by line and field.</exception>
    public static ScenarioSet ReadCsv(string path)
    {
        Guard.NotBlank(path);
        using var reader = new StreamReader(path, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        return ReadCsv(reader);
    }

    /// <summary>Writes the scenarios as CSV in the documented long format (round-trips exactly through <see cref="ReadCsv(TextReader)"/>).</summary>
    /// <param name="writer">The destination; not flushed or disposed.</param>
    /// <exception cref="ArgumentNullException"><paramref name="writer"/> is null.</exception>
    /// <remarks>Rows are <c>s,t,r</c> in scenario-then-period order, rates in "R" format, invariant culture, <c>\n</c> line ends.</remarks>
    public void WriteCsv(TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.Write(CsvHeader);
        writer.Write('\n');
        Span<char> buffer = stackalloc char[64];
        for (var s = 0; s < ScenarioCount; s++)
        {
            var path = _rates.AsSpan(s * PeriodCount, PeriodCount);
            for (var t = 0; t < path.Length; t++)
            {
                buffer.TryWrite(CultureInfo.InvariantCulture, $"{s},{t},{path[t]:R}\n", out int written);
                writer.Write(buffer[..written]);
            }
        }
    }

    /// <summary>Writes the scenarios to a CSV file (UTF-8, no byte-order mark) in the documented long format.</summary>
    /// <param name="path">The file path; an existing file is overwritten.</param>
    /// <exception cref="ArgumentException"><paramref name="path"/> is null or blank.</exception>
    /// <exception cref="IOException">The file cannot be written.</exception>
    public void WriteCsv(string path)
    {
        Guard.NotBlank(path);
        using var writer = new StreamWriter(path, append: false, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
        WriteCsv(writer);
    }

    private static bool IsHeader(string line)
    {
        var fields = line.Split(',');
        return fields.Length == 3
            && fields[0].Trim().Equals("scenario", StringComparison.OrdinalIgnoreCase)
            && fields[1].Trim().Equals("period", StringComparison.OrdinalIgnoreCase)
            && fields[2].Trim().Equals("rate", StringComparison.OrdinalIgnoreCase);
    }

    private static Cell? ParseRow(string line, int lineNumber, List<ScenarioCsvError> errors)
    {
        var fields = line.Split(',');
        if (fields.Length != 3)
        {
            errors.Add(new ScenarioCsvError(lineNumber, "row", FormattableString.Invariant(
                $"expected 3 fields (scenario,period,rate), found {fields.Length} in '{Truncate(line)}'.")));
            return null;
        }

        int errorsBefore = errors.Count;
        int scenario = ParseIndex(fields[0], "scenario", MaxScenarios - 1, lineNumber, errors);
        int period = ParseIndex(fields[1], "period", MaxPeriods - 1, lineNumber, errors);
        string rateText = fields[2].Trim();
        if (!double.TryParse(rateText, NumberStyles.Float, CultureInfo.InvariantCulture, out double rate) || !double.IsFinite(rate))
        {
            errors.Add(new ScenarioCsvError(lineNumber, "rate", $"rate must be a finite decimal number such as 0.035 (was '{Truncate(rateText)}')."));
        }

        if (scenario < 0 || period < 0)
        {
            return null;
        }

        // A row whose indices parse but whose rate does not still claims its cell (NaN, never used),
        // so it is not also reported as missing and a duplicate of it is still caught.
        return new Cell(scenario, period, errors.Count == errorsBefore ? rate : double.NaN, lineNumber);
    }

    private static int ParseIndex(string text, string field, int max, int lineNumber, List<ScenarioCsvError> errors)
    {
        string trimmed = text.Trim();
        if (!int.TryParse(trimmed, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out int value))
        {
            errors.Add(new ScenarioCsvError(lineNumber, field, FormattableString.Invariant(
                $"{field} must be an integer in [0, {max}] (was '{Truncate(trimmed)}').")));
            return -1;
        }

        if (value < 0 || value > max)
        {
            errors.Add(new ScenarioCsvError(lineNumber, field, FormattableString.Invariant(
                $"{field} must be in [0, {max}] (was {value}).")));
            return -1;
        }

        return value;
    }

    private static void ReportMissing(int[] lineOf, int[] firstLineOfScenario, int scenarios, int periods, List<ScenarioCsvError> errors)
    {
        const int listed = 10;
        var missing = new List<int>();
        for (var s = 0; s < scenarios; s++)
        {
            missing.Clear();
            int count = 0;
            for (var t = 0; t < periods; t++)
            {
                if (lineOf[(s * periods) + t] == 0)
                {
                    count++;
                    if (missing.Count < listed)
                    {
                        missing.Add(t);
                    }
                }
            }

            if (count == 0)
            {
                continue;
            }

            string message = count == periods
                ? FormattableString.Invariant($"scenario {s} has no rows; scenarios must be numbered 0 … {scenarios - 1} without gaps.")
                : FormattableString.Invariant(
                    $"scenario {s} has no rate for {count} period(s) ({string.Join(", ", missing)}{(count > listed ? ", …" : "")}); every scenario needs periods 0 … {periods - 1}.");
            errors.Add(new ScenarioCsvError(firstLineOfScenario[s], count == periods ? "scenario" : "period", message));
        }
    }

    private static string Truncate(string text) => text.Length <= 40 ? text : string.Concat(text.AsSpan(0, 40), "…");

    /// <summary>Missing cells beyond the rows read that are still reported one by one; more are refused before allocating.</summary>
    private const int MissingCellsReported = 10_000;

    private readonly record struct Cell(int Scenario, int Period, double Rate, int Line);
}
