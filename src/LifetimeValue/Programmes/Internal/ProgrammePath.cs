namespace LifetimeValue.Programmes.Internal;

/// <summary>
/// One rate path's programme: the convolution of a cohort curve with the schedule, the cumulative cash, the financed
/// balance and the NPV. All formulas are stated on <see cref="Programme"/> and <see cref="ProgrammeFinancing"/>.
/// </summary>
internal sealed class ProgrammePath
{
    private ProgrammePath(double[] flows, double[] monthlyBorrow)
    {
        Flows = flows;
        MonthlyBorrow = monthlyBorrow;
    }

    /// <summary>F_m, the programme's net cash flow at calendar month m (undiscounted, before financing).</summary>
    public double[] Flows { get; }

    /// <summary>The borrowing rate of month m + 1 (accruing from m to m + 1), per calendar month.</summary>
    public double[] MonthlyBorrow { get; }

    /// <summary>
    /// F_m = Σ_j n_j · f_{m−j}: the direct (scatter) convolution, cohorts in acquisition order. O(M·P): at 360 × 1,000
    /// it takes well under a millisecond, below the break-even size of an FFT (which would also lose bit-reproducibility).
    /// </summary>
    public static double[] Convolve(ReadOnlySpan<double> cohort, ReadOnlySpan<double> schedule)
    {
        var flows = new double[checked(schedule.Length + cohort.Length - 1)];
        for (var j = 0; j < schedule.Length; j++)
        {
            var n = schedule[j];
            if (n == 0)
            {
                continue;
            }

            var target = flows.AsSpan(j, cohort.Length);
            for (var k = 0; k < cohort.Length; k++)
            {
                target[k] += n * cohort[k];
            }
        }

        return flows;
    }

    /// <summary>
    /// F_m = Σ_j n_j · f_{⌊j/12⌋}(m − j): cohorts acquired in year k follow curve k (the last curve serves every later
    /// year; with one curve this is <see cref="Convolve(ReadOnlySpan{double}, ReadOnlySpan{double})"/>, bit for bit).
    /// </summary>
    public static double[] Convolve(IReadOnlyList<double[]> cohortsByYear, ReadOnlySpan<double> schedule)
    {
        if (cohortsByYear.Count == 1)
        {
            return Convolve(cohortsByYear[0], schedule);
        }

        var length = cohortsByYear[0].Length;
        var flows = new double[checked(schedule.Length + length - 1)];
        for (var j = 0; j < schedule.Length; j++)
        {
            var n = schedule[j];
            if (n == 0)
            {
                continue;
            }

            var cohort = cohortsByYear[Math.Min(j / 12, cohortsByYear.Count - 1)];
            var target = flows.AsSpan(j, length);
            for (var k = 0; k < length; k++)
            {
                target[k] += n * cohort[k];
            }
        }

        return flows;
    }

    public static ProgrammePath Create(IReadOnlyList<double[]> cohortsByYear, ReadOnlySpan<double> schedule, ProgrammeFinancing financing, Func<int, double>? shortRate)
    {
        var flows = Convolve(cohortsByYear, schedule);
        return new ProgrammePath(flows, BorrowRates(flows.Length, financing, shortRate));
    }

    public static double[] BorrowRates(int months, ProgrammeFinancing financing, Func<int, double>? shortRate)
    {
        var rates = new double[months];
        if (financing.BorrowSpread is { } spread)
        {
            ArgumentNullException.ThrowIfNull(shortRate);
            for (var m = 0; m < months; m++)
            {
                rates[m] = ProgrammeFinancing.Monthly(shortRate(m) + spread);
            }
        }
        else
        {
            Array.Fill(rates, ProgrammeFinancing.Monthly(financing.BorrowRate));
        }

        return rates;
    }

    /// <summary>The cumulative cash C_m = Σ_{i≤m} F_i.</summary>
    public static double[] Cumulative(ReadOnlySpan<double> flows)
    {
        var c = new double[flows.Length];
        var sum = 0.0;
        for (var m = 0; m < flows.Length; m++)
        {
            sum += flows[m];
            c[m] = sum;
        }

        return c;
    }

    /// <summary>The peak need max(0, −min C) and its first month (null when C never goes below 0).</summary>
    public static (double Need, int? Month) Peak(ReadOnlySpan<double> cumulative)
    {
        var min = 0.0;
        int? month = null;
        for (var m = 0; m < cumulative.Length; m++)
        {
            if (cumulative[m] < min)
            {
                min = cumulative[m];
                month = m;
            }
        }

        return (-min, month);
    }

    /// <summary>The month from which the cumulative cash stays ≥ 0 to the end (null when it ends below 0).</summary>
    public static int? SelfFunding(ReadOnlySpan<double> cumulative)
    {
        int? start = null;
        for (var m = cumulative.Length - 1; m >= 0 && cumulative[m] >= 0; m--)
        {
            start = m;
        }

        return start;
    }

    /// <summary>
    /// The financed balance of <paramref name="scale"/>·F: interest paid on deficits (the financing cost, ≥ 0), interest
    /// earned on surpluses, the deepest balance (the need including financing) and the final balance.
    /// </summary>
    public Financed Finance(double scale, double monthlyDeposit)
    {
        var flows = Flows;
        var borrow = MonthlyBorrow;
        double balance = 0, cost = 0, income = 0, min = 0;
        for (var m = 0; m < flows.Length; m++)
        {
            if (m > 0)
            {
                var interest = balance * (balance < 0 ? borrow[m - 1] : monthlyDeposit);
                if (balance < 0)
                {
                    cost -= interest;
                }
                else
                {
                    income += interest;
                }

                balance += interest;
            }

            balance += scale * flows[m];
            min = Math.Min(min, balance);
        }

        return new Financed(cost, income, -min, balance);
    }

    /// <summary>NPV = Σ F_m (1 + d)^−m at the monthly discount rate d.</summary>
    public static double Npv(ReadOnlySpan<double> flows, double monthlyDiscount)
    {
        var v = 1.0 / (1 + monthlyDiscount);
        double npv = 0, factor = 1;
        for (var m = 0; m < flows.Length; m++)
        {
            npv += flows[m] * factor;
            factor *= v;
        }

        return npv;
    }

    internal readonly record struct Financed(double Cost, double DepositIncome, double NeedWithFinancing, double FinalBalance);
}
