using System.Globalization;
using LifetimeValue.Internal;

namespace LifetimeValue.Calibration;

/// <summary>
/// Streams transactions from a delimited text file one line at a time, so logs far larger than memory can be
/// summarised (see <see cref="RfmSummaryBuilder"/>).
/// </summary>
/// <remarks>
/// <para>Fields may be double-quoted (RFC 4180; a doubled quote inside quotes is a literal quote; no line breaks inside
/// fields). Blank lines are skipped. Numbers and dates use the invariant culture.</para>
/// <para>Malformed rows are not skipped silently: every error is collected as (line, column, value, message) and a
/// <see cref="TransactionFormatException"/> is thrown when the enumeration reaches the end of the file (or as soon as
/// <see cref="TransactionCsvOptions.MaxErrors"/> errors have been seen). Rows before that have already been yielded, so
/// a consumer that must not act on a partly bad file should buffer or use a transaction.</para>
/// <para>Thread safety: stateless; each enumeration owns its state.</para>
/// </remarks>
public static class TransactionCsvReader
{
    /// <summary>Reads transactions from <paramref name="reader"/>.</summary>
    /// <param name="reader">The text source; not disposed.</param>
    /// <param name="options">Layout; null for the defaults.</param>
    /// <returns>A lazy sequence of transactions in file order.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="reader"/> is null.</exception>
    /// <exception cref="TransactionFormatException">During enumeration: malformed rows (all of them listed).</exception>
    public static IEnumerable<Transaction> Read(TextReader reader, TransactionCsvOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(reader);
        return ReadIterator(reader, options ?? new TransactionCsvOptions());
    }

    /// <summary>Reads transactions from a file, streaming.</summary>
    /// <param name="path">File path (UTF-8).</param>
    /// <param name="options">Layout; null for the defaults.</param>
    /// <returns>A lazy sequence; the file is open while it is enumerated.</returns>
    /// <exception cref="ArgumentException"><paramref name="path"/> is blank.</exception>
    /// <exception cref="TransactionFormatException">During enumeration: malformed rows.</exception>
    public static IEnumerable<Transaction> ReadFile(string path, TransactionCsvOptions? options = null)
    {
        Guard.NotBlank(path);
        return ReadFileIterator(path, options ?? new TransactionCsvOptions());
    }

    private static IEnumerable<Transaction> ReadFileIterator(string path, TransactionCsvOptions options)
    {
        using var reader = new StreamReader(path);
        foreach (var t in ReadIterator(reader, options))
        {
            yield return t;
        }
    }

    private static IEnumerable<Transaction> ReadIterator(TextReader reader, TransactionCsvOptions options)
    {
        var errors = new List<CsvError>();
        var fields = new List<string>(8);
        long lineNumber = 0;
        int needed = Math.Max(options.CustomerColumn, Math.Max(options.DateColumn, options.AmountColumn ?? 0));
        string? line;
        while ((line = reader.ReadLine()) is not null)
        {
            lineNumber++;
            if ((lineNumber == 1 && options.HasHeader) || string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            string? splitError = Split(line, options.Separator, fields);
            if (splitError is not null || fields.Count < needed)
            {
                errors.Add(new CsvError(lineNumber, 0, Truncate(line),
                    splitError ?? FormattableString.Invariant($"expected at least {needed} fields, found {fields.Count}")));
            }
            else if (TryParse(fields, options, lineNumber, errors, out var transaction))
            {
                yield return transaction;
            }

            if (errors.Count >= options.MaxErrors)
            {
                throw new TransactionFormatException(errors);
            }
        }

        if (errors.Count > 0)
        {
            throw new TransactionFormatException(errors);
        }
    }

    private static bool TryParse(List<string> fields, TransactionCsvOptions options, long line, List<CsvError> errors, out Transaction transaction)
    {
        transaction = default;
        int before = errors.Count;
        string id = fields[options.CustomerColumn - 1].Trim();
        if (id.Length == 0)
        {
            errors.Add(new CsvError(line, options.CustomerColumn, id, "customer id is blank"));
        }

        string dateText = fields[options.DateColumn - 1].Trim();
        // Parsed as a DateTime so that formats with a time of day work; only the calendar date is kept.
        DateOnly date = default;
        if (DateTime.TryParseExact(dateText, options.DateFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out var dateTime))
        {
            date = DateOnly.FromDateTime(dateTime);
        }
        else
        {
            errors.Add(new CsvError(line, options.DateColumn, Truncate(dateText), $"not a date in the format '{options.DateFormat}'"));
        }

        double amount = 0;
        if (options.AmountColumn is { } column)
        {
            string amountText = fields[column - 1].Trim();
            if (!double.TryParse(amountText, NumberStyles.Float, CultureInfo.InvariantCulture, out amount) || !double.IsFinite(amount))
            {
                errors.Add(new CsvError(line, column, Truncate(amountText), "not a finite number (invariant culture, '.' as decimal point)"));
            }
        }

        if (errors.Count > before)
        {
            return false;
        }

        transaction = new Transaction(id, date, amount);
        return true;
    }

    /// <summary>Splits one line; returns an error message for an unterminated quote.</summary>
    private static string? Split(string line, char? separator, List<string> fields)
    {
        fields.Clear();
        if (separator is null)
        {
            foreach (var part in line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))
            {
                fields.Add(part);
            }

            return null;
        }

        char sep = separator.Value;
        var current = new System.Text.StringBuilder();
        bool quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            char ch = line[i];
            if (quoted)
            {
                if (ch == '"')
                {
                    if (i + 1 < line.Length && line[i + 1] == '"')
                    {
                        current.Append('"');
                        i++;
                    }
                    else
                    {
                        quoted = false;
                    }
                }
                else
                {
                    current.Append(ch);
                }
            }
            else if (ch == '"' && current.Length == 0)
            {
                quoted = true;
            }
            else if (ch == sep)
            {
                fields.Add(current.ToString());
                current.Clear();
            }
            else
            {
                current.Append(ch);
            }
        }

        fields.Add(current.ToString());
        return quoted ? "unterminated quoted field" : null;
    }

    private static string Truncate(string s) => s.Length <= 80 ? s : string.Concat(s.AsSpan(0, 77), "...");
}
