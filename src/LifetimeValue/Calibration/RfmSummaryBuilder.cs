using System.Globalization;
using LifetimeValue.Internal;

namespace LifetimeValue.Calibration;

/// <summary>
/// Accumulates transactions one at a time into per-customer RFM summaries in O(customers) memory, so a log of tens of
/// millions of rows can be summarised while it streams from disk.
/// </summary>
/// <remarks>
/// <para>Each customer's transactions must arrive in non-decreasing date order (any interleaving of customers is fine,
/// so a log sorted by date, or by customer then date, works); an out-of-order row throws rather than being miscounted.
/// Use <see cref="RfmSummary.FromTransactions"/> for unsorted in-memory data.</para>
/// <para>Thread safety: not thread-safe; use one builder per thread.</para>
/// </remarks>
public sealed class RfmSummaryBuilder
{
    private readonly Dictionary<string, Accumulator> _customers = new(StringComparer.Ordinal);
    private readonly List<Accumulator> _order = [];
    private readonly int _calibrationEnd;
    private readonly int _holdoutEnd;
    private readonly DateOnly _calibrationEndDate;
    private readonly DateOnly? _holdoutEndDate;
    private readonly TimeUnit _unit;
    private readonly HashSet<string> _lateCustomers = new(StringComparer.Ordinal);
    private long _transactions;

    /// <summary>Creates a builder.</summary>
    /// <param name="calibrationEnd">Last day of the calibration period (inclusive).</param>
    /// <param name="unit">Time unit of recency and age.</param>
    /// <param name="holdoutEnd">Last day of the holdout period (inclusive), after <paramref name="calibrationEnd"/>; null for none.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="unit"/> is undefined.</exception>
    /// <exception cref="ArgumentException"><paramref name="holdoutEnd"/> is not after <paramref name="calibrationEnd"/>.</exception>
    public RfmSummaryBuilder(DateOnly calibrationEnd, TimeUnit unit, DateOnly? holdoutEnd = null)
    {
        _ = TimeUnits.DaysPer(unit);
        if (holdoutEnd is { } h && h <= calibrationEnd)
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"holdoutEnd must be after calibrationEnd {calibrationEnd:yyyy-MM-dd} (was {h:yyyy-MM-dd})."), nameof(holdoutEnd));
        }

        _calibrationEndDate = calibrationEnd;
        _holdoutEndDate = holdoutEnd;
        _calibrationEnd = calibrationEnd.DayNumber;
        _holdoutEnd = holdoutEnd?.DayNumber ?? calibrationEnd.DayNumber;
        _unit = unit;
    }

    /// <summary>Adds one transaction.</summary>
    /// <param name="transaction">The purchase; same-day purchases of a customer are merged.</param>
    /// <exception cref="ArgumentException">Blank customer id or non-finite amount.</exception>
    /// <exception cref="InvalidOperationException">The date is earlier than this customer's previous transaction.</exception>
    public void Add(Transaction transaction)
    {
        if (string.IsNullOrWhiteSpace(transaction.CustomerId))
        {
            throw new ArgumentException("transaction.CustomerId must not be blank.", nameof(transaction));
        }

        Guard.Finite(transaction.Amount);
        _transactions++;
        int day = transaction.Date.DayNumber;
        if (!_customers.TryGetValue(transaction.CustomerId, out var acc))
        {
            if (day > _calibrationEnd)
            {
                _lateCustomers.Add(transaction.CustomerId);
                return;
            }

            acc = new Accumulator(transaction.CustomerId, day, transaction.Amount);
            _customers[transaction.CustomerId] = acc;
            _order.Add(acc);
            return;
        }

        if (day < acc.LastDay)
        {
            throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture,
                $"Transactions of customer '{acc.Id}' are not in date order: {transaction.Date:yyyy-MM-dd} after {DateOnly.FromDayNumber(acc.LastDay):yyyy-MM-dd}. Sort the log by date (or by customer, then date), or use RfmSummary.FromTransactions."));
        }

        bool sameDay = day == acc.LastDay;
        acc.LastDay = day;
        if (day == acc.FirstDay)
        {
            acc.FirstValue += transaction.Amount;
        }
        else if (day <= _calibrationEnd)
        {
            if (!sameDay)
            {
                acc.Frequency++;
            }

            acc.LastRepeatDay = day;
            acc.RepeatValue += transaction.Amount;
        }
        else if (day <= _holdoutEnd)
        {
            if (!sameDay)
            {
                acc.HoldoutFrequency++;
            }

            acc.HoldoutValue += transaction.Amount;
        }
    }

    /// <summary>The summaries of everything added so far.</summary>
    /// <returns>An immutable summary; the builder can keep accumulating.</returns>
    public RfmSummary Build()
    {
        double daysPer = TimeUnits.DaysPer(_unit);
        var customers = new CustomerRfm[_order.Count];
        for (var i = 0; i < customers.Length; i++)
        {
            var a = _order[i];
            customers[i] = new CustomerRfm(
                a.Id,
                DateOnly.FromDayNumber(a.FirstDay),
                a.Frequency,
                a.Frequency == 0 ? 0.0 : (a.LastRepeatDay - a.FirstDay) / daysPer,
                (_calibrationEnd - a.FirstDay) / daysPer,
                a.Frequency == 0 ? 0.0 : a.RepeatValue / a.Frequency,
                a.FirstValue,
                a.HoldoutFrequency,
                a.HoldoutValue);
        }

        return new RfmSummary(customers, _unit, _calibrationEndDate, _holdoutEndDate, _transactions, _lateCustomers.Count);
    }

    private sealed class Accumulator(string id, int firstDay, double firstValue)
    {
        public string Id { get; } = id;

        public int FirstDay { get; } = firstDay;

        public int LastDay { get; set; } = firstDay;

        public int LastRepeatDay { get; set; } = firstDay;

        public int Frequency { get; set; }

        public double FirstValue { get; set; } = firstValue;

        public double RepeatValue { get; set; }

        public int HoldoutFrequency { get; set; }

        public double HoldoutValue { get; set; }
    }
}
