using LifetimeValue.Internal;

namespace LifetimeValue.Calibration;

/// <summary>
/// Numbers for the standard diagnostic plots of a repeat-purchase model (Fader, Hardie and Lee 2005, Figs. 2–4;
/// the lifetimes <c>plotting</c> module): frequency–recency matrices of expected purchases and of P(alive), and
/// cumulative repeat transactions actual versus model. No plotting here.
/// </summary>
/// <remarks>Thread safety: all members are pure.</remarks>
public static class RepeatPurchaseDiagnostics
{
    /// <summary>E[Y(t) | x, t_x, T] on a grid of x = 0 … <paramref name="maxFrequency"/> and t_x = 0 … T.</summary>
    /// <param name="model">Fitted model.</param>
    /// <param name="futureWindow">t, the future window, &gt; 0, in the model's time unit.</param>
    /// <param name="age">T for every cell, &gt; 0.</param>
    /// <param name="maxFrequency">Largest x, 0 … 10,000.</param>
    /// <param name="recencySteps">Number of recency intervals, 1 … 10,000 (columns = steps + 1).</param>
    /// <returns>The grid.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="model"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An argument is out of range.</exception>
    public static ModelGrid ExpectedPurchasesMatrix(IRepeatPurchaseModel model, double futureWindow, double age, int maxFrequency, int recencySteps)
    {
        ArgumentNullException.ThrowIfNull(model);
        Guard.Positive(futureWindow);
        return Grid("E[Y(t) | x, t_x, T]", age, maxFrequency, recencySteps, h => model.ConditionalExpectedPurchases(futureWindow, h));
    }

    /// <summary>P(alive | x, t_x, T) on a grid of x = 0 … <paramref name="maxFrequency"/> and t_x = 0 … T.</summary>
    /// <param name="model">Fitted model.</param>
    /// <param name="age">T for every cell, &gt; 0.</param>
    /// <param name="maxFrequency">Largest x, 0 … 10,000.</param>
    /// <param name="recencySteps">Number of recency intervals, 1 … 10,000.</param>
    /// <returns>The grid.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="model"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An argument is out of range.</exception>
    public static ModelGrid ProbabilityAliveMatrix(IRepeatPurchaseModel model, double age, int maxFrequency, int recencySteps)
    {
        ArgumentNullException.ThrowIfNull(model);
        return Grid("P(alive)", age, maxFrequency, recencySteps, model.ProbabilityAlive);
    }

    /// <summary>
    /// Cumulative repeat transactions per calendar day from <paramref name="start"/> to <paramref name="end"/>: actual
    /// (distinct repeat purchase days of the customers in <paramref name="summary"/>) and expected
    /// (Σ_i E[X(day − first purchase_i)], grouped by acquisition day).
    /// </summary>
    /// <param name="model">Fitted model, in <paramref name="summary"/>'s time unit.</param>
    /// <param name="summary">The customers (their first purchases define the cohort).</param>
    /// <param name="transactions">The same log the summary came from (memory O(distinct customer-days)).</param>
    /// <param name="start">First day of the series.</param>
    /// <param name="end">Last day of the series, ≥ <paramref name="start"/>, at most 100,000 days later.</param>
    /// <returns>The series.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="end"/> is before <paramref name="start"/> or too far after it.</exception>
    public static TrackingSeries CumulativeRepeatTransactions(IRepeatPurchaseModel model, RfmSummary summary, IEnumerable<Transaction> transactions, DateOnly start, DateOnly end)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(summary);
        ArgumentNullException.ThrowIfNull(transactions);
        int days = end.DayNumber - start.DayNumber + 1;
        if (days < 1 || days > 100_000)
        {
            throw new ArgumentException(FormattableString.Invariant($"end must be 0 … 99,999 days after start (was {days - 1})."), nameof(end));
        }

        var first = new Dictionary<string, int>(StringComparer.Ordinal);
        var acquisitions = new SortedDictionary<int, int>();
        foreach (var c in summary.Customers)
        {
            first[c.CustomerId] = c.FirstPurchase.DayNumber;
            acquisitions[c.FirstPurchase.DayNumber] = acquisitions.GetValueOrDefault(c.FirstPurchase.DayNumber) + 1;
        }

        var seen = new HashSet<(string, int)>();
        var daily = new double[days];
        foreach (var t in transactions)
        {
            int day = t.Date.DayNumber;
            if (first.TryGetValue(t.CustomerId, out var f) && day > f && seen.Add((t.CustomerId, day)) && day >= start.DayNumber && day <= end.DayNumber)
            {
                daily[day - start.DayNumber]++;
            }
        }

        // Repeat purchases before the start count towards the first cumulative value.
        double before = 0;
        foreach (var (customer, day) in seen)
        {
            if (day < start.DayNumber)
            {
                before++;
            }
        }

        double daysPer = TimeUnits.DaysPer(summary.Unit);
        var dates = new DateOnly[days];
        var actual = new double[days];
        var expected = new double[days];
        double running = before;
        for (var k = 0; k < days; k++)
        {
            int day = start.DayNumber + k;
            dates[k] = DateOnly.FromDayNumber(day);
            running += daily[k];
            actual[k] = running;
            double e = 0;
            foreach (var (acquired, count) in acquisitions)
            {
                if (day > acquired)
                {
                    e += count * model.ExpectedPurchases((day - acquired) / daysPer);
                }
            }

            expected[k] = e;
        }

        return new TrackingSeries(dates, actual, expected);
    }

    /// <summary>
    /// Mean actual and conditional-expected holdout purchases by calibration frequency x = 0 … <paramref name="censorAt"/>
    /// (the last group holds x ≥ <paramref name="censorAt"/>), over the summary's holdout period.
    /// </summary>
    /// <param name="model">Fitted model, in the summary's time unit.</param>
    /// <param name="summary">Summary with a holdout period.</param>
    /// <param name="censorAt">Largest frequency shown separately, 1 … 10,000.</param>
    /// <returns>The comparison.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="censorAt"/> is out of range.</exception>
    /// <exception cref="ArgumentException">The summary has no holdout period.</exception>
    public static HoldoutComparison ConditionalExpectations(IRepeatPurchaseModel model, RfmSummary summary, int censorAt)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(summary);
        Guard.InRange(censorAt, 1, 10_000);
        if (summary.HoldoutEnd is null)
        {
            throw new ArgumentException("summary has no holdout period; build it with a holdoutEnd.", nameof(summary));
        }

        double length = summary.HoldoutLength;
        var counts = new int[censorAt + 1];
        var actual = new double[censorAt + 1];
        var expected = new double[censorAt + 1];
        foreach (var c in summary.Customers)
        {
            if (c.Age <= 0)
            {
                continue;
            }

            int k = Math.Min(c.Frequency, censorAt);
            counts[k]++;
            actual[k] += c.HoldoutFrequency;
            expected[k] += model.ConditionalExpectedPurchases(length, c.ToRepeatHistory());
        }

        var frequencies = new int[censorAt + 1];
        for (var k = 0; k <= censorAt; k++)
        {
            frequencies[k] = k;
            actual[k] = counts[k] == 0 ? double.NaN : actual[k] / counts[k];
            expected[k] = counts[k] == 0 ? double.NaN : expected[k] / counts[k];
        }

        return new HoldoutComparison(frequencies, counts, actual, expected, length);
    }

    /// <summary>
    /// Calibration-period frequency histogram, observed versus model, and Pearson's χ² (FHL 2005 report χ² = 4.82 with
    /// 3 degrees of freedom for the BG/NBD on CDNOW, groups 0 … 6 and 7+).
    /// </summary>
    /// <param name="model">A fitted model with a closed-form count distribution (e.g. <see cref="BgNbdModel"/>).</param>
    /// <param name="histories">The customers the model was fitted on.</param>
    /// <param name="censorAt">The last group collects x ≥ this value; 1 … 1,000.</param>
    /// <param name="parameters">Number of fitted parameters (for the degrees of freedom), ≥ 0.</param>
    /// <returns>The histogram.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="censorAt"/> or <paramref name="parameters"/> is out of range.</exception>
    public static FrequencyHistogram CalibrationFrequencies(IPurchaseCountDistribution model, IReadOnlyList<RepeatHistory> histories, int censorAt, int parameters)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(histories);
        Guard.InRange(censorAt, 1, 1000);
        Guard.InRange(parameters, 0, 1000);
        var observed = new double[censorAt + 1];
        var expected = new double[censorAt + 1];
        foreach (var h in histories)
        {
            observed[Math.Min(h.Frequency, censorAt)]++;
            double head = 0;
            for (var x = 0; x < censorAt; x++)
            {
                double p = model.ProbabilityOfPurchases(x, h.Age);
                expected[x] += p;
                head += p;
            }

            expected[censorAt] += Math.Max(0.0, 1.0 - head);
        }

        double chi = 0;
        for (var k = 0; k <= censorAt; k++)
        {
            chi += (observed[k] - expected[k]) * (observed[k] - expected[k]) / expected[k];
        }

        return new FrequencyHistogram(observed, expected, chi, censorAt - parameters);
    }

    private static ModelGrid Grid(string quantity, double age, int maxFrequency, int recencySteps, Func<RepeatHistory, double> value)
    {
        Guard.Positive(age);
        Guard.InRange(maxFrequency, 0, 10_000);
        Guard.InRange(recencySteps, 1, 10_000);
        var frequencies = new int[maxFrequency + 1];
        var recencies = new double[recencySteps + 1];
        for (var j = 0; j <= recencySteps; j++)
        {
            recencies[j] = age * j / recencySteps;
        }

        var values = new double[maxFrequency + 1][];
        for (var x = 0; x <= maxFrequency; x++)
        {
            frequencies[x] = x;
            values[x] = new double[recencySteps + 1];
            double zeroRow = x == 0 ? value(new RepeatHistory(0, 0, age)) : 0;
            for (var j = 0; j <= recencySteps; j++)
            {
                values[x][j] = x == 0 ? zeroRow : value(new RepeatHistory(x, recencies[j], age));
            }
        }

        return new ModelGrid(quantity, age, frequencies, recencies, values);
    }
}
