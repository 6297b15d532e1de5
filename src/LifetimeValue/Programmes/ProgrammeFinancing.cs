using LifetimeValue.Internal;

namespace LifetimeValue.Programmes;

/// <summary>
/// How a programme's cash position is financed and valued: the deficit is borrowed at a fixed annual rate or at the
/// scenario's short rate plus a spread, a surplus earns a deposit rate, and the programme's NPV is taken at a discount
/// rate.
/// </summary>
/// <remarks>
/// <para>Annual rates are converted to monthly ones by (1 + r)^(1/12) − 1. The balance B is carried month by month:
/// B_0 = F_0 and B_m = B_{m−1}·(1 + i_m) + F_m, where F_m is the programme's net cash flow at month m and i_m is the
/// borrowing rate of month m when B_{m−1} &lt; 0, else the deposit rate. With a spread, the borrowing rate of month m is
/// the short rate of calendar period m − 1 (the month over which the interest accrues) plus the spread.</para>
/// <para>Thread safety: immutable; safe to share.</para>
/// </remarks>
public sealed record ProgrammeFinancing
{
    private readonly double _borrowRate = 0.06;
    private readonly double? _borrowSpread;
    private readonly double _depositRate;
    private readonly double _discountRate = 0.08;

    /// <summary>The default: borrow at 6 % fixed, no deposit interest, NPV at 8 %.</summary>
    public static ProgrammeFinancing Default { get; } = new();

    /// <summary>Fixed annual borrowing rate, in (−1, 1] (default 0.06); ignored when <see cref="BorrowSpread"/> is set.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Outside (−1, 1] or not finite.</exception>
    public double BorrowRate { get => _borrowRate; init => _borrowRate = CheckRate(value, nameof(BorrowRate)); }

    /// <summary>
    /// When set: the deficit is financed at the scenario's short rate plus this annual spread, in [−1, 1] (the rate path
    /// must then cover the programme's whole horizon in calendar months); null (default): <see cref="BorrowRate"/>.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">Outside [−1, 1] or not finite.</exception>
    public double? BorrowSpread { get => _borrowSpread; init => _borrowSpread = value is { } v ? Guard.InRange(v, -1, 1, nameof(BorrowSpread)) : null; }

    /// <summary>Annual rate earned on a positive balance, in (−1, 1] (default 0).</summary>
    /// <exception cref="ArgumentOutOfRangeException">Outside (−1, 1] or not finite.</exception>
    public double DepositRate { get => _depositRate; init => _depositRate = CheckRate(value, nameof(DepositRate)); }

    /// <summary>Annual rate at which the programme's NPV is taken, in (−1, 1] (default 0.08).</summary>
    /// <exception cref="ArgumentOutOfRangeException">Outside (−1, 1] or not finite.</exception>
    public double DiscountRate { get => _discountRate; init => _discountRate = CheckRate(value, nameof(DiscountRate)); }

    /// <summary>The monthly rate equivalent to an annual one: (1 + r)^(1/12) − 1.</summary>
    /// <param name="annualRate">Annual rate, &gt; −1.</param>
    /// <returns>The monthly rate.</returns>
    public static double Monthly(double annualRate) => Math.Pow(1 + annualRate, 1.0 / 12) - 1;

    private static double CheckRate(double value, string name)
    {
        if (!(value > -1 && value <= 1))
        {
            Guard.Throw(name, value, "must be in (-1, 1]");
        }

        return value;
    }
}
