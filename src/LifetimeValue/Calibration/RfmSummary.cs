using System.Globalization;
using LifetimeValue.Internal;

namespace LifetimeValue.Calibration;

/// <summary>
/// Per-customer RFM summaries of a transaction log at a calibration cut-off, in an explicit <see cref="TimeUnit"/>,
/// with an optional holdout period. Build with <see cref="FromTransactions"/>, <see cref="FromCsv"/> (streaming) or
/// <see cref="RfmSummaryBuilder"/>.
/// </summary>
/// <remarks>
/// <para>Conventions (Fader, Hardie and Lee 2005; lifetimes <c>summary_data_from_transaction_data</c>): the calibration
/// period includes <see cref="CalibrationEnd"/>; T = (calibration end − first purchase) in days ÷ days per unit; customers
/// whose first purchase falls after the calibration end are not summarised (counted in
/// <see cref="CustomersAcquiredAfterCalibration"/>); purchases after <see cref="HoldoutEnd"/> are ignored.</para>
/// <para>Thread safety: immutable.</para>
/// </remarks>
public sealed class RfmSummary
{
    internal RfmSummary(IReadOnlyList<CustomerRfm> customers, TimeUnit unit, DateOnly calibrationEnd, DateOnly? holdoutEnd, long transactions, int acquiredAfter)
    {
        Customers = ReadOnly.Of(customers);
        Unit = unit;
        CalibrationEnd = calibrationEnd;
        HoldoutEnd = holdoutEnd;
        TransactionsRead = transactions;
        CustomersAcquiredAfterCalibration = acquiredAfter;
    }

    /// <summary>One summary per customer acquired by the calibration end, in order of first appearance.</summary>
    public IReadOnlyList<CustomerRfm> Customers { get; }

    /// <summary>The unit of recency, age and <see cref="HoldoutLength"/>.</summary>
    public TimeUnit Unit { get; }

    /// <summary>The last day of the calibration period (inclusive).</summary>
    public DateOnly CalibrationEnd { get; }

    /// <summary>The last day of the holdout period (inclusive), or null.</summary>
    public DateOnly? HoldoutEnd { get; }

    /// <summary>Length of the holdout period in <see cref="Unit"/> (0 without a holdout).</summary>
    public double HoldoutLength => HoldoutEnd is { } end ? TimeUnits.FromDays(end.DayNumber - CalibrationEnd.DayNumber, Unit) : 0.0;

    /// <summary>Number of transactions read (before same-day merging).</summary>
    public long TransactionsRead { get; }

    /// <summary>Customers whose first purchase is after the calibration end (not in <see cref="Customers"/>).</summary>
    public int CustomersAcquiredAfterCalibration { get; }

    /// <summary>Summarises transactions in any order (they are sorted by customer and date in memory first).</summary>
    /// <param name="transactions">The log.</param>
    /// <param name="calibrationEnd">Last day of the calibration period.</param>
    /// <param name="unit">Time unit of the summaries.</param>
    /// <param name="holdoutEnd">Last day of the holdout period, after <paramref name="calibrationEnd"/>; null for none.</param>
    /// <returns>The summary.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="transactions"/> is null.</exception>
    /// <exception cref="ArgumentException">A blank customer id, a non-finite amount, or a holdout end not after the calibration end.</exception>
    public static RfmSummary FromTransactions(IEnumerable<Transaction> transactions, DateOnly calibrationEnd, TimeUnit unit, DateOnly? holdoutEnd = null)
    {
        ArgumentNullException.ThrowIfNull(transactions);
        var sorted = transactions.OrderBy(t => t.CustomerId, StringComparer.Ordinal).ThenBy(t => t.Date).ToList();
        var builder = new RfmSummaryBuilder(calibrationEnd, unit, holdoutEnd);
        foreach (var t in sorted)
        {
            builder.Add(t);
        }

        return builder.Build();
    }

    /// <summary>Streams a delimited log into summaries without holding the file in memory (memory is O(customers)).</summary>
    /// <param name="reader">Text source.</param>
    /// <param name="options">File layout.</param>
    /// <param name="calibrationEnd">Last day of the calibration period.</param>
    /// <param name="unit">Time unit of the summaries.</param>
    /// <param name="holdoutEnd">Last day of the holdout period; null for none.</param>
    /// <returns>The summary.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="reader"/> or <paramref name="options"/> is null.</exception>
    /// <exception cref="TransactionFormatException">Malformed rows (all listed with line, column and value).</exception>
    /// <exception cref="InvalidOperationException">A customer's transactions are not in date order (sort the file by date, or by customer then date).</exception>
    public static RfmSummary FromCsv(TextReader reader, TransactionCsvOptions options, DateOnly calibrationEnd, TimeUnit unit, DateOnly? holdoutEnd = null)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(options);
        var builder = new RfmSummaryBuilder(calibrationEnd, unit, holdoutEnd);
        foreach (var t in TransactionCsvReader.Read(reader, options))
        {
            builder.Add(t);
        }

        return builder.Build();
    }

    /// <summary>The model inputs (x, t_x, T) of the customers with T &gt; 0 (a customer acquired on the calibration end has no
    /// observation window and is left out).</summary>
    /// <returns>One history per customer with positive age, in <see cref="Customers"/> order.</returns>
    public IReadOnlyList<RepeatHistory> Histories()
    {
        var list = new List<RepeatHistory>(Customers.Count);
        foreach (var c in Customers)
        {
            if (c.Age > 0)
            {
                list.Add(c.ToRepeatHistory());
            }
        }

        return list;
    }

    /// <summary>The Gamma-Gamma inputs (x, z̄) of all customers (x = 0 ones are skipped by the model).</summary>
    /// <returns>One spend history per customer, in <see cref="Customers"/> order.</returns>
    public IReadOnlyList<SpendHistory> SpendHistories() => Customers.Select(c => c.ToSpendHistory()).ToList();

    /// <summary>Splits the customers into acquisition cohorts, e.g. <c>d =&gt; $"{d.Year}-{d.Month:00}"</c> for months.</summary>
    /// <param name="cohortOf">Maps a first-purchase date to a cohort key.</param>
    /// <returns>One summary per cohort (same unit, dates and holdout), keys in order of first appearance.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="cohortOf"/> is null.</exception>
    public IReadOnlyDictionary<string, RfmSummary> ByCohort(Func<DateOnly, string> cohortOf)
    {
        ArgumentNullException.ThrowIfNull(cohortOf);
        var groups = new Dictionary<string, List<CustomerRfm>>(StringComparer.Ordinal);
        var order = new List<string>();
        foreach (var c in Customers)
        {
            var key = cohortOf(c.FirstPurchase);
            if (!groups.TryGetValue(key, out var list))
            {
                groups[key] = list = [];
                order.Add(key);
            }

            list.Add(c);
        }

        var result = new Dictionary<string, RfmSummary>(StringComparer.Ordinal);
        foreach (var key in order)
        {
            result[key] = new RfmSummary(groups[key], Unit, CalibrationEnd, HoldoutEnd, 0, 0);
        }

        return result;
    }

    /// <summary>The quarter cohort key of a date, e.g. <c>1997-Q1</c>.</summary>
    /// <param name="date">A first-purchase date.</param>
    /// <returns>"yyyy-Qn".</returns>
    public static string QuarterOf(DateOnly date) => string.Create(CultureInfo.InvariantCulture, $"{date.Year}-Q{((date.Month - 1) / 3) + 1}");
}
