using System.Globalization;
using LifetimeValue.Internal;
using LifetimeValue.Lifecycle;

namespace LifetimeValue.Calibration.Panel;

/// <summary>
/// Streams a customer-month panel from a delimited text file one line at a time, in bounded memory, so panels far larger
/// than memory can be calibrated (<see cref="PanelCalibration"/>).
/// </summary>
/// <remarks>
/// <para>Fields may be double-quoted (RFC 4180; a doubled quote inside quotes is a literal quote; no line breaks inside
/// fields). Blank lines are skipped. Numbers and dates use the invariant culture. The layout is set by
/// <see cref="PanelCsvOptions"/>.</para>
/// <para>Bad fields are not skipped silently: every error is collected as (line, column, value, message) — the value quoted
/// to at most 80 characters — and a <see cref="PanelFormatException"/> is thrown when the enumeration reaches the end of
/// the file, or as soon as <see cref="PanelCsvOptions.MaxErrors"/> errors have been seen. Rows before that have already
/// been yielded; <see cref="PanelCalibration"/> adds its own structural errors and refuses the whole panel.</para>
/// <para>Memory: one line, the current customer id and the distinct product names (interned, so a row allocates no
/// strings for them). Thread safety: stateless; each enumeration owns its state.</para>
/// </remarks>
public static class PanelCsvReader
{
    private const int MaxInternedProducts = 10_000;

    /// <summary>Reads panel rows from <paramref name="reader"/>.</summary>
    /// <param name="reader">The text source; not disposed.</param>
    /// <param name="options">Layout; null for the defaults.</param>
    /// <returns>A lazy sequence of rows in file order, each with its <see cref="PanelRow.Line"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="reader"/> is null.</exception>
    /// <exception cref="ArgumentException">Both or neither of the date-of-birth and age columns are set.</exception>
    /// <exception cref="PanelFormatException">During enumeration: bad fields (all of them listed, up to the limit).</exception>
    public static IEnumerable<PanelRow> Read(TextReader reader, PanelCsvOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(reader);
        options ??= new PanelCsvOptions();
        CheckLayout(options);
        return ReadIterator(reader, options);
    }

    /// <summary>Reads panel rows from a file, streaming; each enumeration reads the file afresh.</summary>
    /// <param name="path">File path (UTF-8).</param>
    /// <param name="options">Layout; null for the defaults.</param>
    /// <returns>A lazy sequence; the file is open while it is enumerated.</returns>
    /// <exception cref="ArgumentException"><paramref name="path"/> is blank, or both or neither of the date-of-birth and age columns are set.</exception>
    /// <exception cref="PanelFormatException">During enumeration: bad fields.</exception>
    public static IEnumerable<PanelRow> ReadFile(string path, PanelCsvOptions? options = null)
    {
        Guard.NotBlank(path);
        options ??= new PanelCsvOptions();
        CheckLayout(options);
        return ReadFileIterator(path, options);
    }

    private static void CheckLayout(PanelCsvOptions options)
    {
        if ((options.DateOfBirthColumn is null) == (options.AgeColumn is null))
        {
            throw new ArgumentException(FormattableString.Invariant(
                $"Set exactly one of DateOfBirthColumn and AgeColumn (were {options.DateOfBirthColumn?.ToString(CultureInfo.InvariantCulture) ?? "null"} and {options.AgeColumn?.ToString(CultureInfo.InvariantCulture) ?? "null"})."),
                nameof(options));
        }
    }

    private static IEnumerable<PanelRow> ReadFileIterator(string path, PanelCsvOptions options)
    {
        using var reader = new StreamReader(path, System.Text.Encoding.UTF8, detectEncodingFromByteOrderMarks: true, bufferSize: 1 << 16);
        foreach (var row in ReadIterator(reader, options))
        {
            yield return row;
        }
    }

    private static IEnumerable<PanelRow> ReadIterator(TextReader reader, PanelCsvOptions options)
    {
        var state = new ParseState(options);
        long lineNumber = 0;
        string? line;
        while ((line = reader.ReadLine()) is not null)
        {
            lineNumber++;
            if ((lineNumber == 1 && options.HasHeader) || string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            if (state.TryParse(line, lineNumber, out var row))
            {
                yield return row;
            }

            if (state.Errors.Count >= options.MaxErrors)
            {
                throw new PanelFormatException(state.Errors, stoppedAtLimit: true);
            }
        }

        if (state.Errors.Count > 0)
        {
            throw new PanelFormatException(state.Errors);
        }
    }

    /// <summary>Quotes at most 80 characters of a bad value.</summary>
    internal static string Truncate(ReadOnlySpan<char> s) => s.Length <= 80 ? s.ToString() : string.Concat(s[..77], "...");

    /// <summary>The per-enumeration parser: field splitting into spans, interned ids and product names.</summary>
    private sealed class ParseState
    {
        private readonly PanelCsvOptions _options;
        private readonly Dictionary<string, string> _products = new(StringComparer.Ordinal);
        private readonly Dictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> _productLookup;
        private readonly List<(int Start, int Length, bool Escaped)> _fields = new(12);
        private readonly bool _fastMonth;
        private readonly bool _fastBirth;
        private string _lastId = string.Empty;

        public ParseState(PanelCsvOptions options)
        {
            _options = options;
            _productLookup = _products.GetAlternateLookup<ReadOnlySpan<char>>();
            _fastMonth = options.MonthFormat == "yyyy-MM";
            _fastBirth = options.DateOfBirthFormat == "yyyy-MM-dd";
        }

        public List<CsvError> Errors { get; } = [];

        public bool TryParse(string line, long lineNumber, out PanelRow row)
        {
            row = default;
            var splitError = Split(line);
            var needed = _options.LastColumn;
            if (splitError is not null || _fields.Count < needed)
            {
                Errors.Add(new CsvError(lineNumber, 0, Truncate(line),
                    splitError ?? FormattableString.Invariant($"expected at least {needed} fields, found {_fields.Count}")));
                return false;
            }

            var before = Errors.Count;
            var idSpan = Field(line, _options.CustomerColumn, out var idText).Trim();
            string id = string.Empty;
            if (idSpan.IsEmpty)
            {
                Errors.Add(new CsvError(lineNumber, _options.CustomerColumn, string.Empty, "customer id is blank"));
            }
            else
            {
                id = idText is null && idSpan.SequenceEqual(_lastId) ? _lastId : (idText?.Trim() ?? idSpan.ToString());
                _lastId = id;
            }

            var monthSpan = Field(line, _options.MonthColumn, out _).Trim();
            DateOnly month = default;
            if (!TryParseDate(monthSpan, _options.MonthFormat, _fastMonth ? 7 : 0, out month))
            {
                Errors.Add(new CsvError(lineNumber, _options.MonthColumn, Truncate(monthSpan), $"not a month in the format '{_options.MonthFormat}'"));
            }

            DateOnly? birth = null;
            int? age = null;
            if (_options.DateOfBirthColumn is { } birthColumn)
            {
                var birthSpan = Field(line, birthColumn, out _).Trim();
                if (!TryParseDate(birthSpan, _options.DateOfBirthFormat, _fastBirth ? 10 : 0, out var b))
                {
                    Errors.Add(new CsvError(lineNumber, birthColumn, Truncate(birthSpan), $"not a date of birth in the format '{_options.DateOfBirthFormat}'"));
                }
                else if (Errors.Count == before && (b.Year * 12) + b.Month > (month.Year * 12) + month.Month)
                {
                    Errors.Add(new CsvError(lineNumber, birthColumn, Truncate(birthSpan), FormattableString.Invariant($"date of birth is after the row's month {month:yyyy-MM}")));
                }
                else if (Errors.Count == before && (month.Year * 12) + month.Month - (b.Year * 12) - b.Month >= 12 * AgeSchedule.MaxAge)
                {
                    Errors.Add(new CsvError(lineNumber, birthColumn, Truncate(birthSpan), FormattableString.Invariant($"gives an age of {AgeSchedule.MaxAge} or more in {month:yyyy-MM}")));
                }
                else
                {
                    birth = b;
                }
            }
            else
            {
                var column = _options.AgeColumn!.Value;
                var ageSpan = Field(line, column, out _).Trim();
                if (!int.TryParse(ageSpan, NumberStyles.None, CultureInfo.InvariantCulture, out var a) || a >= AgeSchedule.MaxAge)
                {
                    Errors.Add(new CsvError(lineNumber, column, Truncate(ageSpan), FormattableString.Invariant($"not an age in whole years in [0, {AgeSchedule.MaxAge - 1}]")));
                }
                else
                {
                    age = a;
                }
            }

            var productSpan = Field(line, _options.ProductColumn, out var productText).Trim();
            var product = productText?.Trim() ?? Intern(productSpan);

            double? balance = null;
            if (_options.BalanceColumn is { } balanceColumn)
            {
                var balanceSpan = Field(line, balanceColumn, out _).Trim();
                if (!balanceSpan.IsEmpty)
                {
                    if (TryNumber(balanceSpan, out var v))
                    {
                        balance = v;
                    }
                    else
                    {
                        Errors.Add(new CsvError(lineNumber, balanceColumn, Truncate(balanceSpan), "not a finite number or blank (invariant culture, '.' as decimal point)"));
                    }
                }
            }

            var revenueSpan = Field(line, _options.RevenueColumn, out _).Trim();
            if (!TryNumber(revenueSpan, out var revenue))
            {
                Errors.Add(new CsvError(lineNumber, _options.RevenueColumn, Truncate(revenueSpan), "not a finite number (invariant culture, '.' as decimal point)"));
            }

            var closedSpan = Field(line, _options.ClosedColumn, out _).Trim();
            var closed = false;
            if (!TryMarker(closedSpan, out closed))
            {
                Errors.Add(new CsvError(lineNumber, _options.ClosedColumn, Truncate(closedSpan), "not an account-closed marker: expected 1/0, true/false, yes/no, y/n or blank"));
            }

            double? cost = null;
            if (_options.AcquisitionCostColumn is { } costColumn)
            {
                var costSpan = Field(line, costColumn, out _).Trim();
                if (!costSpan.IsEmpty)
                {
                    if (TryNumber(costSpan, out var c) && c >= 0)
                    {
                        cost = c;
                    }
                    else
                    {
                        Errors.Add(new CsvError(lineNumber, costColumn, Truncate(costSpan), "not a finite number ≥ 0 or blank"));
                    }
                }
            }

            if (Errors.Count > before)
            {
                return false;
            }

            row = new PanelRow(id, month, birth, age, product, revenue, closed, balance, cost) { Line = lineNumber };
            return true;
        }

        private string Intern(ReadOnlySpan<char> name)
        {
            if (name.IsEmpty)
            {
                return string.Empty;
            }

            if (_productLookup.TryGetValue(name, out var known))
            {
                return known;
            }

            var text = name.ToString();
            if (_products.Count < MaxInternedProducts)
            {
                _products[text] = text;
            }

            return text;
        }

        /// <summary>The field's characters; <paramref name="unescaped"/> is set (and returned as a span) when the quoted field held doubled quotes.</summary>
        private ReadOnlySpan<char> Field(string line, int column, out string? unescaped)
        {
            var (start, length, escaped) = _fields[column - 1];
            var span = line.AsSpan(start, length);
            if (!escaped)
            {
                unescaped = null;
                return span;
            }

            unescaped = span.ToString().Replace("\"\"", "\"", StringComparison.Ordinal);
            return unescaped;
        }

        private string? Split(string line)
        {
            _fields.Clear();
            if (_options.Separator is not { } sep)
            {
                var i = 0;
                while (i < line.Length)
                {
                    while (i < line.Length && char.IsWhiteSpace(line[i]))
                    {
                        i++;
                    }

                    var start = i;
                    while (i < line.Length && !char.IsWhiteSpace(line[i]))
                    {
                        i++;
                    }

                    if (i > start)
                    {
                        _fields.Add((start, i - start, false));
                    }
                }

                return null;
            }

            var pos = 0;
            while (true)
            {
                // Skip blanks before an opening quote only; an unquoted field keeps its text (trimmed by the caller).
                var q = pos;
                while (q < line.Length && line[q] == ' ')
                {
                    q++;
                }

                if (q < line.Length && line[q] == '"')
                {
                    var start = q + 1;
                    var i = start;
                    var escaped = false;
                    while (true)
                    {
                        if (i >= line.Length)
                        {
                            return "unterminated quoted field";
                        }

                        if (line[i] == '"')
                        {
                            if (i + 1 < line.Length && line[i + 1] == '"')
                            {
                                escaped = true;
                                i += 2;
                                continue;
                            }

                            break;
                        }

                        i++;
                    }

                    _fields.Add((start, i - start, escaped));
                    i++;
                    while (i < line.Length && line[i] != sep)
                    {
                        if (!char.IsWhiteSpace(line[i]))
                        {
                            return "text after a closing quote";
                        }

                        i++;
                    }

                    if (i >= line.Length)
                    {
                        return null;
                    }

                    pos = i + 1;
                }
                else
                {
                    var next = line.IndexOf(sep, pos);
                    if (next < 0)
                    {
                        _fields.Add((pos, line.Length - pos, false));
                        return null;
                    }

                    _fields.Add((pos, next - pos, false));
                    pos = next + 1;
                }
            }
        }

        private static bool TryParseDate(ReadOnlySpan<char> text, string format, int fastLength, out DateOnly date)
        {
            date = default;
            if (fastLength != 0)
            {
                // yyyy-MM or yyyy-MM-dd, the common case, without the general parser.
                if (text.Length != fastLength || text[4] != '-' || (fastLength == 10 && text[7] != '-'))
                {
                    return false;
                }

                if (!int.TryParse(text[..4], NumberStyles.None, CultureInfo.InvariantCulture, out var y)
                    || !int.TryParse(text.Slice(5, 2), NumberStyles.None, CultureInfo.InvariantCulture, out var m)
                    || y < 1 || m < 1 || m > 12)
                {
                    return false;
                }

                var d = 1;
                if (fastLength == 10 && (!int.TryParse(text.Slice(8, 2), NumberStyles.None, CultureInfo.InvariantCulture, out d) || d < 1 || d > DateTime.DaysInMonth(y, m)))
                {
                    return false;
                }

                date = new DateOnly(y, m, d);
                return true;
            }

            if (DateTime.TryParseExact(text, format, CultureInfo.InvariantCulture, DateTimeStyles.None, out var dateTime))
            {
                date = DateOnly.FromDateTime(dateTime);
                return true;
            }

            return false;
        }

        private static bool TryNumber(ReadOnlySpan<char> text, out double value) =>
            double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value) && double.IsFinite(value);

        private static bool TryMarker(ReadOnlySpan<char> text, out bool closed)
        {
            closed = false;
            if (text.IsEmpty || text is "0" || text.Equals("false", StringComparison.OrdinalIgnoreCase)
                || text.Equals("no", StringComparison.OrdinalIgnoreCase) || text.Equals("n", StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }

            if (text is "1" || text.Equals("true", StringComparison.OrdinalIgnoreCase)
                || text.Equals("yes", StringComparison.OrdinalIgnoreCase) || text.Equals("y", StringComparison.OrdinalIgnoreCase))
            {
                closed = true;
                return true;
            }

            return false;
        }
    }
}
