using LifetimeValue.Finance;

namespace LifetimeValue.Tests.Finance;

/// <summary>
/// Excel XNPV. Oracle: Microsoft Support, "XNPV function" (Excel), example: 9 % over the flows
/// -10000, 2750, 4250, 3250, 2750 on 2008-01-01, 2008-03-01, 2008-10-30, 2009-02-15, 2009-04-01 gives
/// 2086.6476 (also quoted as 2086.6476 by the WPS/airsheet XNPV reference); mpmath 40 digits for the exact value.
/// </summary>
public sealed class XnpvTests
{
    internal static readonly double[] DocFlows = [-10000, 2750, 4250, 3250, 2750];

    internal static readonly DateOnly[] DocDates =
        [new(2008, 1, 1), new(2008, 3, 1), new(2008, 10, 30), new(2009, 2, 15), new(2009, 4, 1)];

    [Test]
    public void Of_ExcelDocExample_Returns2086_65()
    {
        var npv = Xnpv.Of(0.09, DocFlows, DocDates);

        npv.Should().BeApproximately(2086.6476, 5e-5, "Excel XNPV doc example (2086.6476)");
        npv.Should().BeApproximately(2086.6476020315366, 1e-9, "mpmath 40 digits");
    }

    [Test]
    public void Of_DatesAfterFirstInAnyOrder_SameAsSorted()
    {
        double[] flows = [-10000, 2750, 2750, 3250, 4250];
        DateOnly[] dates = [new(2008, 1, 1), new(2008, 3, 1), new(2009, 4, 1), new(2009, 2, 15), new(2008, 10, 30)];

        Xnpv.Of(0.09, flows, dates).Should().BeApproximately(2086.6476020315366, 1e-9, "mpmath; Excel allows any order after the first date");
    }

    [Test]
    public void Of_LeapYear_Uses366Over365Years()
    {
        // 2024 is a leap year: 366 days = 366/365 years (Actual/365).
        var npv = Xnpv.Of(0.10, [0, 100], [new(2024, 1, 1), new(2025, 1, 1)]);

        npv.Should().BeApproximately(100 / Math.Pow(1.1, 366.0 / 365.0), 1e-12, "hand calc: 100 / 1.1^(366/365)");
    }

    [Test]
    public void Of_SingleFlow_IsUndiscounted()
    {
        Xnpv.Of(0.5, [-42], [new(2020, 2, 29)]).Should().Be(-42, "hand calc: the first date is t = 0");
    }

    [Test]
    public void Of_OverflowingTermsOfBothSigns_ReturnsSignedInfinityNotNaN()
    {
        // At -99.9 % over 200 years the factors reach 1000^200: -1 at year 199 and +1 at year 200 both overflow,
        // Excel's term-by-term sum would be ∞ - ∞; factored, the sign is that of the year-200 flow (hand calc).
        var start = new DateOnly(2000, 1, 1);
        DateOnly[] dates = [start, start.AddDays(199 * 365), start.AddDays(200 * 365)];

        Xnpv.Of(-0.999, [0, -1, 1], dates).Should().Be(double.PositiveInfinity, "documented: overflow gives ±∞, never NaN");
    }

    [Test]
    public void Of_CountMismatch_Throws()
    {
        var act = () => Xnpv.Of(0.09, DocFlows, DocDates[..4]);

        act.Should().Throw<ArgumentException>().WithParameterName("dates")
            .WithMessage("dates must contain one date per flow (5) (was 4).*");
    }

    [Test]
    public void Of_DateBeforeFirst_ThrowsNamingIndex()
    {
        DateOnly[] dates = [new(2008, 1, 1), new(2008, 3, 1), new(2007, 12, 31)];

        var act = () => Xnpv.Of(0.09, [-1, 1, 1], dates);

        act.Should().Throw<ArgumentOutOfRangeException>().WithParameterName("dates")
            .WithMessage("dates[2] must not precede the first date 2008-01-01 (was 2007-12-31).*");
    }

    [Test]
    public void Of_NullDates_Throws()
    {
        var act = () => Xnpv.Of(0.09, DocFlows, null!);

        act.Should().Throw<ArgumentNullException>().WithParameterName("dates");
    }

    [Test]
    public void Of_RateMinusOne_Throws()
    {
        var act = () => Xnpv.Of(-1, DocFlows, DocDates);

        act.Should().Throw<ArgumentOutOfRangeException>().WithParameterName("rate");
    }

    [Test]
    public void Of_NaNFlow_ThrowsNamingIndex()
    {
        var act = () => Xnpv.Of(0.09, [-1, double.NaN], [new(2020, 1, 1), new(2021, 1, 1)]);

        act.Should().Throw<ArgumentOutOfRangeException>().WithMessage("flows[1] must be a finite number (was NaN).*");
    }
}
