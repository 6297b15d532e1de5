using System.Globalization;
using LifetimeValue.Lifecycle;

namespace LifetimeValue.Calibration.Panel.Internal;

/// <summary>
/// One streaming pass over a panel: checks its structure row by row and folds each customer, once its rows are complete,
/// into sufficient statistics by age, stage, margin band and product. Holds one customer's months at a time, never the rows.
/// </summary>
/// <remarks>
/// <para>Memory: O(ages × products + bands × products + months of the panel) for the statistics, plus one 64-bit hash per
/// customer seen (to check that each customer's rows are together; a hash collision between two ids — probability about
/// n²/2⁶⁵ for n customers — would be reported as such an error).</para>
/// </remarks>
internal sealed class PanelAccumulator
{
    public const int Ages = AgeSchedule.MaxAge;
    public const int MaxProducts = 4096;

    private readonly PanelLayout _layout;
    private readonly int _cutoff;
    private readonly MonthlyRates? _rates;
    private readonly int _maxErrors;
    private readonly ColumnNames _columns;
    private readonly Dictionary<string, int> _productIndex = new(StringComparer.Ordinal);
    private readonly HashSet<ulong> _seen = [];

    // The current customer.
    private readonly List<CustomerMonth> _months = [];
    private readonly List<(int Product, double Revenue)> _holdings = [];
    private string? _customer;
    private bool _bad;
    private int? _birthMonth;
    private bool _ageOnly;
    private double? _cost;
    private int[] _ageMonths = new int[64];

    // Per-customer scratch for episodes and margin clusters, indexed by product.
    private long[] _episodeHeld = new long[16];
    private bool[] _isTouched = new bool[16];
    private int[] _clusterBand = new int[16];
    private double[][] _clusterSums = new double[16][];
    private readonly List<int> _touched = [];
    private readonly double[] _baseSums = new double[6];
    private int _baseBand = -1;

    private readonly Dictionary<long, AcquisitionCell> _acquisitions = [];
    private readonly Dictionary<int, long> _openAtEnd = [];
    private readonly Dictionary<int, long> _cohort = [];

    public PanelAccumulator(PanelLayout layout, DateOnly? holdoutFrom, MonthlyRates? rates, int maxErrors, PanelCsvOptions? columns)
    {
        _layout = layout;
        _cutoff = holdoutFrom is { } h ? (h.Year * 12) + h.Month - 1 : int.MaxValue;
        _rates = rates;
        _maxErrors = maxErrors;
        _columns = new ColumnNames(columns);
        var stages = layout.StageCount;
        Episodes = new long[stages];
        EpisodeMonths = new double[stages];
        EpisodeMonthsSquared = new double[stages];
        BaseRegressions = new ClusteredRegression[layout.BandCount];
        for (var b = 0; b < BaseRegressions.Length; b++)
        {
            BaseRegressions[b] = new ClusteredRegression();
        }
    }

    public List<CsvError> Errors { get; } = [];

    public List<string> ProductNames { get; } = [];

    // Per age in years (calibration months only).
    public long[] Exposure { get; } = new long[Ages];

    public long[] Closures { get; } = new long[Ages];

    public double[] BaseRevenueSum { get; } = new double[Ages];

    public double[] RateSum { get; } = new double[Ages];

    /// <summary>Customer-years: the first calibration month of each age-year a customer is seen in.</summary>
    public long[] EntryObservations { get; } = new long[Ages];

    // Per age in months (KM on the age scale: at risk and closures per age-month).
    public long[] AtRisk { get; } = new long[Ages * 12];

    public long[] Deaths { get; } = new long[Ages * 12];

    // Per product, per age in years.
    public List<long[]> HoldingMonths { get; } = [];

    public List<double[]> RevenueSum { get; } = [];

    public List<double[]> HolderRateSum { get; } = [];

    public List<long[]> EntryHolders { get; } = [];

    // Per stage (and per product and stage).
    public long[] Episodes { get; }

    public double[] EpisodeMonths { get; }

    public double[] EpisodeMonthsSquared { get; }

    public List<long[]> EpisodeHolders { get; } = [];

    public List<double[]> HeldMonths { get; } = [];

    public List<double[]> HeldMonthsSquared { get; } = [];

    public List<double[]> HeldTimesMonths { get; } = [];

    // Margin regressions per band: the base margin and each product's.
    public ClusteredRegression[] BaseRegressions { get; }

    public List<ClusteredRegression[]> ProductRegressions { get; } = [];

    // Holdout: the cohort at the cut-off by age in months, and what it did afterwards by month offset.
    public IReadOnlyDictionary<int, long> Cohort => _cohort;

    public List<long> HoldoutSurvivors { get; } = [];

    public List<double> HoldoutRevenue { get; } = [];

    public List<List<long>> HoldoutHolders { get; } = [];

    // Summary.
    public long Rows { get; private set; }

    public long Customers { get; private set; }

    public long CustomerMonths { get; private set; }

    public long CalibrationCustomerMonths { get; private set; }

    public long MonthsOutsideLadder { get; private set; }

    public long CustomersWithBirthDates { get; private set; }

    public long CustomersWithAgesOnly { get; private set; }

    public long CustomersWithoutAgeChange { get; private set; }

    public int FirstMonth { get; private set; } = int.MaxValue;

    public int LastMonth { get; private set; } = int.MinValue;

    public int? FirstMissingRate { get; private set; }

    public long MonthsWithoutRate { get; private set; }

    public double BalanceSum { get; private set; }

    public long BalanceCount { get; private set; }

    public IReadOnlyDictionary<long, AcquisitionCell> Acquisitions => _acquisitions;

    public IReadOnlyDictionary<int, long> OpenAtEnd => _openAtEnd;

    /// <summary>Adds one row; <paramref name="ordinal"/> is its 1-based position in the sequence.</summary>
    public void Add(in PanelRow row, long ordinal)
    {
        Rows++;
        var line = row.Line != 0 ? row.Line : ordinal;
        if (row.CustomerId is null)
        {
            // default(PanelRow): never built by the constructor.
            _bad = true;
            Errors.Add(new CsvError(line, 0, string.Empty, "an empty row (default(PanelRow)): build rows with the PanelRow constructor"));
            if (Errors.Count >= _maxErrors)
            {
                throw new PanelFormatException(Errors, stoppedAtLimit: true);
            }

            return;
        }

        if (!string.Equals(row.CustomerId, _customer, StringComparison.Ordinal))
        {
            FinishCustomer();
            _customer = row.CustomerId;
            _bad = false;
            _birthMonth = null;
            _ageOnly = row.DateOfBirth is null;
            _cost = null;
            if (!_seen.Add(Hash(row.CustomerId)))
            {
                Fail(line, _columns.Customer, row.CustomerId,
                    "this customer's rows are not together: a customer's rows must be consecutive (sort the panel by customer, then month)");
                return;
            }
        }

        if (_bad)
        {
            return;
        }

        if (row.Balance is { } balance)
        {
            BalanceSum += balance;
            BalanceCount++;
        }

        var month = row.MonthIndex;
        if ((row.DateOfBirth is null) != _ageOnly)
        {
            Fail(line, row.DateOfBirth is null ? _columns.Age : _columns.Birth, row.DateOfBirth?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? string.Empty,
                "this customer's rows mix dates of birth and ages: give one or the other for all of a customer's rows");
            return;
        }

        int ageYears;
        if (row.DateOfBirth is { } birth)
        {
            var birthMonth = (birth.Year * 12) + birth.Month - 1;
            if (_birthMonth is { } known && known != birthMonth)
            {
                Fail(line, _columns.Birth, birth.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                    FormattableString.Invariant($"date of birth differs from this customer's earlier rows (born {known / 12:D4}-{(known % 12) + 1:D2})"));
                return;
            }

            _birthMonth = birthMonth;
            if (month - birthMonth < 0 || month - birthMonth >= Ages * 12)
            {
                Fail(line, _columns.Birth, birth.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                    FormattableString.Invariant($"gives an age outside [0, {Ages - 1}] in {MonthText(month)}"));
                return;
            }

            ageYears = (month - birthMonth) / 12;
        }
        else
        {
            ageYears = row.AgeYears!.Value;
        }

        if (row.AcquisitionCost is { } cost)
        {
            if (_cost is { } c && c != cost)
            {
                Fail(line, _columns.Cost, cost.ToString("R", CultureInfo.InvariantCulture),
                    FormattableString.Invariant($"acquisition cost differs from this customer's earlier rows ({c:R}); give one value per customer"));
                return;
            }

            _cost = cost;
        }

        if (_months.Count > 0)
        {
            var last = _months[^1];
            if (month < last.Month)
            {
                Fail(line, _columns.Month, MonthText(month), FormattableString.Invariant($"month comes after {MonthText(last.Month)}: a customer's rows must be in month order"));
                return;
            }

            if (month > last.Month && last.Closed)
            {
                Fail(line, _columns.Month, MonthText(month), FormattableString.Invariant($"row after the month the relationship was closed ({MonthText(last.Month)})"));
                return;
            }

            if (month > last.Month + 1)
            {
                Fail(line, _columns.Month, MonthText(month), FormattableString.Invariant(
                    $"no rows for {MonthText(last.Month + 1)}{(month > last.Month + 2 ? " to " + MonthText(month - 1) : string.Empty)}: the panel must list every month a customer is a customer"));
                return;
            }

            if (month == last.Month)
            {
                if (ageYears != last.Age)
                {
                    Fail(line, _ageOnly ? _columns.Age : _columns.Birth, ageYears.ToString(CultureInfo.InvariantCulture),
                        FormattableString.Invariant($"age differs from the age {last.Age} on this customer's other rows of {MonthText(month)}"));
                    return;
                }

                AddToMonth(row, line);
                return;
            }
        }

        _months.Add(new CustomerMonth(month, ageYears, line, _holdings.Count));
        AddToMonth(row, line);
    }

    /// <summary>Folds the last customer; call once after the last row.</summary>
    public void Complete() => FinishCustomer();

    private void AddToMonth(in PanelRow row, long line)
    {
        var m = _months[^1];
        if (row.Closed)
        {
            m.Closed = true;
        }

        if (row.Product.Length == 0)
        {
            m.Base += row.NetRevenue;
        }
        else
        {
            var p = ProductOf(row.Product, line);
            if (p < 0)
            {
                return;
            }

            var found = false;
            for (var i = m.HoldingStart; i < _holdings.Count; i++)
            {
                if (_holdings[i].Product == p)
                {
                    // Two rows of one product in a month (e.g. two cards): held once, revenues added.
                    _holdings[i] = (p, _holdings[i].Revenue + row.NetRevenue);
                    found = true;
                    break;
                }
            }

            if (!found)
            {
                _holdings.Add((p, row.NetRevenue));
            }
        }

        _months[^1] = m;
    }

    private int ProductOf(string name, long line)
    {
        if (_productIndex.TryGetValue(name, out var p))
        {
            return p;
        }

        if (_productIndex.Count >= MaxProducts)
        {
            Fail(line, _columns.Product, name, FormattableString.Invariant($"more than {MaxProducts} distinct products: is the product column the right one?"));
            return -1;
        }

        p = _productIndex.Count;
        _productIndex[name] = p;
        ProductNames.Add(name);
        HoldingMonths.Add(new long[Ages]);
        RevenueSum.Add(new double[Ages]);
        HolderRateSum.Add(new double[Ages]);
        EntryHolders.Add(new long[Ages]);
        EpisodeHolders.Add(new long[_layout.StageCount]);
        HeldMonths.Add(new double[_layout.StageCount]);
        HeldMonthsSquared.Add(new double[_layout.StageCount]);
        HeldTimesMonths.Add(new double[_layout.StageCount]);
        var regressions = new ClusteredRegression[_layout.BandCount];
        for (var b = 0; b < regressions.Length; b++)
        {
            regressions[b] = new ClusteredRegression();
        }

        ProductRegressions.Add(regressions);
        HoldoutHolders.Add([]);
        if (p >= _episodeHeld.Length)
        {
            Array.Resize(ref _episodeHeld, _episodeHeld.Length * 2);
            Array.Resize(ref _isTouched, _isTouched.Length * 2);
            Array.Resize(ref _clusterBand, _clusterBand.Length * 2);
            Array.Resize(ref _clusterSums, _clusterSums.Length * 2);
        }

        _clusterSums[p] = new double[6];
        return p;
    }

    private void Fail(long line, int column, string value, string message)
    {
        _bad = true;
        Errors.Add(new CsvError(line, column, PanelCsvReader.Truncate(value), $"customer '{PanelCsvReader.Truncate(_customer ?? string.Empty)}': {message}"));
        if (Errors.Count >= _maxErrors)
        {
            throw new PanelFormatException(Errors, stoppedAtLimit: true);
        }
    }

    private void FinishCustomer()
    {
        try
        {
            if (_months.Count > 0 && !_bad && AgeMonths())
            {
                Fold();
            }
        }
        finally
        {
            _months.Clear();
            _holdings.Clear();
        }
    }

    /// <summary>Ages in months for the current customer's months; false (with an error) when ages are inconsistent.</summary>
    private bool AgeMonths()
    {
        var n = _months.Count;
        if (_ageMonths.Length < n)
        {
            _ageMonths = new int[Math.Max(n, _ageMonths.Length * 2)];
        }

        if (!_ageOnly)
        {
            for (var i = 0; i < n; i++)
            {
                _ageMonths[i] = _months[i].Month - _birthMonth!.Value;
            }

            CustomersWithBirthDates++;
            return true;
        }

        CustomersWithAgesOnly++;
        var anchor = -1;
        for (var i = 1; i < n; i++)
        {
            var step = _months[i].Age - _months[i - 1].Age;
            if (step is < 0 or > 1)
            {
                Fail(_months[i].Line, _columns.Age, _months[i].Age.ToString(CultureInfo.InvariantCulture),
                    FormattableString.Invariant($"age goes from {_months[i - 1].Age} to {_months[i].Age} in one month"));
                return false;
            }

            if (step == 1 && anchor < 0)
            {
                anchor = i;
            }
        }

        if (anchor >= 0)
        {
            // The birthday month is known: age in months = 12·age there, one more each month.
            var start = (12 * _months[anchor].Age) - anchor;
            for (var i = 0; i < n; i++)
            {
                _ageMonths[i] = start + i;
                if (_ageMonths[i] < 0 || _ageMonths[i] / 12 != _months[i].Age)
                {
                    Fail(_months[i].Line, _columns.Age, _months[i].Age.ToString(CultureInfo.InvariantCulture),
                        FormattableString.Invariant($"age {_months[i].Age} does not fit a birthday in {MonthText(_months[anchor].Month)}: ages must change once every 12 months"));
                    return false;
                }
            }

            return true;
        }

        if (n > 12)
        {
            Fail(_months[12].Line, _columns.Age, _months[12].Age.ToString(CultureInfo.InvariantCulture),
                "age has not changed in 13 months");
            return false;
        }

        // No birthday seen: place the observed months in the middle of the possible range (documented).
        CustomersWithoutAgeChange++;
        var first = (12 * _months[0].Age) + ((12 - n) / 2);
        for (var i = 0; i < n; i++)
        {
            _ageMonths[i] = first + i;
        }

        return true;
    }

    private void Fold()
    {
        Customers++;
        var n = _months.Count;
        CustomerMonths += n;
        FirstMonth = Math.Min(FirstMonth, _months[0].Month);
        LastMonth = Math.Max(LastMonth, _months[^1].Month);
        var stageOf = _layout.StageOfAge;
        var bandOf = _layout.BandOfAge;
        var hasStages = _layout.HasStages;

        if (_months[0].Month < _cutoff)
        {
            var key = ((long)_months[0].Month * 256) + _months[0].Age;
            _acquisitions.TryGetValue(key, out var cell);
            cell.Customers++;
            if (_cost is { } cost)
            {
                cell.CostCount++;
                cell.CostSum += cost;
                cell.CostSumSquares += cost * cost;
            }

            _acquisitions[key] = cell;
        }

        var lastCalibration = -1;
        var prevYear = -1;
        var episodeStage = -1;
        long episodeMonths = 0;
        _baseBand = -1;
        for (var j = 0; j < n; j++)
        {
            var cm = _months[j];
            if (cm.Month >= _cutoff)
            {
                break;
            }

            lastCalibration = j;
            CalibrationCustomerMonths++;
            var y = cm.Age;
            var k = hasStages ? stageOf![y] : 0;
            if (k < 0)
            {
                MonthsOutsideLadder++;
                CloseEpisode(ref episodeStage, ref episodeMonths);
                FoldBase();
                prevYear = -1;
                continue;
            }

            var r = 0.0;
            if (_rates is not null && !_rates.TryGet(cm.Month, out r))
            {
                MonthsWithoutRate++;
                FirstMissingRate = Math.Min(FirstMissingRate ?? int.MaxValue, cm.Month);
            }

            Exposure[y]++;
            var am = _ageMonths[j];
            AtRisk[am]++;
            if (cm.Closed)
            {
                Closures[y]++;
                Deaths[am]++;
            }

            BaseRevenueSum[y] += cm.Base;
            RateSum[y] += r;
            var holdingEnd = j + 1 < n ? _months[j + 1].HoldingStart : _holdings.Count;
            var newYear = y != prevYear;
            if (newYear)
            {
                EntryObservations[y]++;
            }

            var newEpisode = hasStages && k != episodeStage;
            if (newEpisode)
            {
                CloseEpisode(ref episodeStage, ref episodeMonths);
                episodeStage = k;
                Episodes[k]++;
            }

            if (hasStages)
            {
                episodeMonths++;
                var band = bandOf![y];
                if (band != _baseBand)
                {
                    FoldBase();
                    _baseBand = band;
                }

                AddSums(_baseSums, r, cm.Base);
            }

            for (var i = cm.HoldingStart; i < holdingEnd; i++)
            {
                var (p, revenue) = _holdings[i];
                HoldingMonths[p][y]++;
                RevenueSum[p][y] += revenue;
                HolderRateSum[p][y] += r;
                if (newYear)
                {
                    EntryHolders[p][y]++;
                }

                if (!hasStages)
                {
                    continue;
                }

                if (newEpisode)
                {
                    EpisodeHolders[p][k]++;
                }

                if (!_isTouched[p])
                {
                    _isTouched[p] = true;
                    _touched.Add(p);
                    _clusterBand[p] = -1;
                }

                _episodeHeld[p]++;
                var b = bandOf![y];
                if (_clusterBand[p] != b)
                {
                    FoldProduct(p);
                    _clusterBand[p] = b;
                }

                AddSums(_clusterSums[p], r, revenue);
            }

            prevYear = y;
        }

        CloseEpisode(ref episodeStage, ref episodeMonths);
        FoldBase();
        foreach (var p in _touched)
        {
            FoldProduct(p);
            _clusterBand[p] = -1;
            _episodeHeld[p] = 0;
            _isTouched[p] = false;
        }

        _touched.Clear();

        if (lastCalibration >= 0 && !_months[lastCalibration].Closed)
        {
            // Censored at its last calibration month (the panel's last one, or earlier when its rows stop without a closure).
            var last = _months[lastCalibration].Month;
            _openAtEnd.TryGetValue(last, out var open);
            _openAtEnd[last] = open + 1;
        }

        if (hasStages && _cutoff != int.MaxValue)
        {
            Holdout(stageOf!);
        }
    }

    private void Holdout(int[] stageOf)
    {
        var at = _cutoff - 1 - _months[0].Month;
        if (at < 0 || at >= _months.Count || _months[at].Closed || stageOf[_months[at].Age] < 0)
        {
            return;
        }

        _cohort.TryGetValue(_ageMonths[at], out var count);
        _cohort[_ageMonths[at]] = count + 1;
        for (var j = at + 1; j < _months.Count; j++)
        {
            var cm = _months[j];
            if (stageOf[cm.Age] < 0)
            {
                continue;
            }

            var offset = cm.Month - _cutoff;
            while (HoldoutSurvivors.Count <= offset)
            {
                HoldoutSurvivors.Add(0);
                HoldoutRevenue.Add(0);
            }

            HoldoutSurvivors[offset]++;
            var revenue = cm.Base;
            var holdingEnd = j + 1 < _months.Count ? _months[j + 1].HoldingStart : _holdings.Count;
            for (var i = cm.HoldingStart; i < holdingEnd; i++)
            {
                var (p, r) = _holdings[i];
                revenue += r;
                var list = HoldoutHolders[p];
                while (list.Count <= offset)
                {
                    list.Add(0);
                }

                list[offset]++;
            }

            HoldoutRevenue[offset] += revenue;
        }
    }

    private void CloseEpisode(ref int stage, ref long months)
    {
        if (stage < 0)
        {
            return;
        }

        EpisodeMonths[stage] += months;
        EpisodeMonthsSquared[stage] += (double)months * months;
        foreach (var p in _touched)
        {
            double h = _episodeHeld[p];
            if (h > 0)
            {
                HeldMonths[p][stage] += h;
                HeldMonthsSquared[p][stage] += h * h;
                HeldTimesMonths[p][stage] += h * months;
                _episodeHeld[p] = 0;
            }
        }

        stage = -1;
        months = 0;
    }

    private void FoldBase()
    {
        if (_baseBand >= 0)
        {
            var s = _baseSums;
            BaseRegressions[_baseBand].AddCluster(s[0], s[1], s[2], s[3], s[4], s[5]);
            Array.Clear(s);
        }

        _baseBand = -1;
    }

    private void FoldProduct(int p)
    {
        var s = _clusterSums[p];
        if (_clusterBand[p] >= 0 && s[0] > 0)
        {
            ProductRegressions[p][_clusterBand[p]].AddCluster(s[0], s[1], s[2], s[3], s[4], s[5]);
        }

        Array.Clear(s);
    }

    private static void AddSums(double[] s, double r, double v)
    {
        s[0] += 1;
        s[1] += r;
        s[2] += r * r;
        s[3] += v;
        s[4] += r * v;
        s[5] += v * v;
    }

    /// <summary>FNV-1a, 64 bits, over the id's UTF-16 code units.</summary>
    private static ulong Hash(string id)
    {
        var h = 14695981039346656037UL;
        foreach (var ch in id)
        {
            h = (h ^ ch) * 1099511628211UL;
        }

        return h;
    }

    internal static string MonthText(int monthIndex) => FormattableString.Invariant($"{monthIndex / 12:D4}-{(monthIndex % 12) + 1:D2}");

    private struct CustomerMonth(int month, int age, long line, int holdingStart)
    {
        public readonly int Month = month;
        public readonly int Age = age;
        public readonly long Line = line;
        public readonly int HoldingStart = holdingStart;
        public bool Closed;
        public double Base;
    }

    /// <summary>Acquisitions in one (first month, age) cell, with acquisition-cost sums.</summary>
    internal struct AcquisitionCell
    {
        public long Customers;
        public long CostCount;
        public double CostSum;
        public double CostSumSquares;
    }

    /// <summary>The CSV columns named in errors (0 when the rows do not come from a file).</summary>
    private readonly struct ColumnNames(PanelCsvOptions? o)
    {
        public int Customer { get; } = o?.CustomerColumn ?? 0;

        public int Month { get; } = o?.MonthColumn ?? 0;

        public int Birth { get; } = o?.DateOfBirthColumn ?? 0;

        public int Age { get; } = o?.AgeColumn ?? 0;

        public int Product { get; } = o?.ProductColumn ?? 0;

        public int Cost { get; } = o?.AcquisitionCostColumn ?? 0;
    }
}
