using LifetimeValue.Finance;

namespace LifetimeValue.Tests.Finance;

/// <summary>Break-even conventions on cumulative curves. Oracles: the curves are read by hand.</summary>
public sealed class BreakEvenTests
{
    [Test]
    public void FromCumulative_DipsAgainLate_ConventionsDiffer()
    {
        // ≥ 0 first at index 2; negative again at 4; non-negative from 5 to the end.
        var result = BreakEven.FromCumulative([-5, -2, 1, 3, -1, 2, 4]);

        result.FirstCrossing.Should().Be(2, "read off: first value ≥ 0 is 1 at index 2");
        result.FinalRunStart.Should().Be(5, "read off: non-negative from index 5 to the end");
        result.ConventionsDiffer.Should().BeTrue();
    }

    [Test]
    public void FromCumulative_MonotoneCurve_ConventionsAgree()
    {
        var result = BreakEven.FromCumulative([-3, -1, 0, 2]);

        result.FirstCrossing.Should().Be(2, "0 counts as broken even");
        result.FinalRunStart.Should().Be(2, "read off: non-negative from index 2 on");
        result.ConventionsDiffer.Should().BeFalse();
    }

    [Test]
    public void FromCumulative_EndsNegative_FinalRunStartIsNull()
    {
        var result = BreakEven.FromCumulative([-1, 1, -1]);

        result.FirstCrossing.Should().Be(1, "read off: value 1 at index 1");
        result.FinalRunStart.Should().BeNull("read off: the last value is negative");
        result.ConventionsDiffer.Should().BeTrue();
    }

    [Test]
    public void FromCumulative_NeverNonNegative_BothNull()
    {
        var result = BreakEven.FromCumulative([-3, -2, -1]);

        result.FirstCrossing.Should().BeNull("read off: never ≥ 0");
        result.FinalRunStart.Should().BeNull("read off: never ≥ 0");
        result.ToString().Should().Be("FirstCrossing=never, FinalRunStart=never");
    }

    [Test]
    public void FromCumulative_NonNegativeFromStart_BothZero()
    {
        var result = BreakEven.FromCumulative([0, 1, 2]);

        result.FirstCrossing.Should().Be(0, "read off: 0 at index 0");
        result.FinalRunStart.Should().Be(0, "read off: never negative");
    }

    [Test]
    public void FromCumulative_CumulativePvWithLateCost_ReportsBoth()
    {
        // The 700-month customer of IrrTests (-1000, then 30·0.985^k) with a 500 retention cost in month 120,
        // discounted at 1 %/month. Hand calc: with q = 0.985/1.01 the cumulative PV is -1000 + 1182.0·(1 - q^k),
        // ≥ 0 from k = 75; the cost (PV 151.5) pushes it to -27 at month 120 and the margins recover it at 146.
        // Oracle: mpmath 40 digits: cum[74] = -2.98, cum[75] = +1.60, cum[145] = -0.706, cum[146] = +0.0667.
        var flows = IrrTests.MonthlySeries();
        flows[120] -= 500;
        var curve = new double[flows.Length];
        var sum = 0.0;
        var discount = 1.0;
        for (var k = 0; k < flows.Length; k++)
        {
            sum += flows[k] * discount;
            curve[k] = sum;
            discount /= 1.01;
        }

        var result = BreakEven.FromCumulative(curve);

        result.FirstCrossing.Should().Be(75, "mpmath: cumulative PV first ≥ 0 at month 75");
        result.FinalRunStart.Should().Be(146, "mpmath: cumulative PV ≥ 0 for good from month 146");
        result.ConventionsDiffer.Should().BeTrue();
        result.ToString().Should().Be("FirstCrossing=75, FinalRunStart=146");
        Payback.DiscountedPeriod(flows, 0.01).Should().Be(75, "discounted payback is the first crossing");
    }

    [Test]
    public void FromCumulative_Empty_Throws()
    {
        var act = () => BreakEven.FromCumulative([]);

        act.Should().Throw<ArgumentException>().WithParameterName("cumulativeValue");
    }

    [Test]
    public void FromCumulative_Null_Throws()
    {
        var act = () => BreakEven.FromCumulative(null!);

        act.Should().Throw<ArgumentNullException>().WithParameterName("cumulativeValue");
    }

    [Test]
    public void FromCumulative_NaN_ThrowsNamingIndex()
    {
        var act = () => BreakEven.FromCumulative([-1, 0, double.NaN]);

        act.Should().Throw<ArgumentOutOfRangeException>().WithParameterName("cumulativeValue")
            .WithMessage("cumulativeValue[2] must be a finite number (was NaN).*");
    }
}
