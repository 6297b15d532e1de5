using LifetimeValue.Finance;

namespace LifetimeValue.Tests.Finance;

/// <summary>Payback periods; convention flow 0 at t = 0. Oracles: hand calculations in comments.</summary>
public sealed class PaybackTests
{
    [Test]
    public void Period_PaysBackInSecondPeriod_Returns2()
    {
        // Cumulative: -100, -40, 20 -> first index with S ≥ 0 is 2.
        Payback.Period([-100, 60, 60]).Should().Be(2, "hand calc: cumulative -100, -40, 20");
    }

    [Test]
    public void FractionalPeriod_PaysBackInSecondPeriod_Interpolates()
    {
        Payback.FractionalPeriod([-100, 60, 60]).Should().BeApproximately(1 + 40.0 / 60, 1e-15, "hand calc: 1 + 40/60");
    }

    [Test]
    public void Period_ExactlyZeroCumulative_CountsAsPaidBack()
    {
        Payback.Period([-100, 50, 50, 10]).Should().Be(2, "hand calc: S₂ = 0 ≥ 0");
        Payback.FractionalPeriod([-100, 50, 50, 10]).Should().Be(2, "hand calc: 1 + 50/50");
    }

    [Test]
    public void Period_NonNegativeInitialFlow_ReturnsZero()
    {
        Payback.Period([5, -10, 20]).Should().Be(0, "t = 0 convention: S₀ = 5 ≥ 0");
        Payback.FractionalPeriod([0, -10]).Should().Be(0, "t = 0 convention: S₀ = 0 ≥ 0");
    }

    [Test]
    public void Period_NeverPaysBack_ReturnsNull()
    {
        Payback.Period([-100, 10, 10]).Should().BeNull("hand calc: cumulative -100, -90, -80 stays negative");
        Payback.FractionalPeriod([-100, 10, 10]).Should().BeNull("hand calc: cumulative stays negative");
    }

    [Test]
    public void Period_DipsAgainLate_ReportsFirstCrossing()
    {
        // Cumulative: -100, -40, 20, -30, -20: paid back in period 2, then under water again to the end.
        double[] flows = [-100, 60, 60, -50, 10];

        Payback.Period(flows).Should().Be(2, "hand calc: first crossing of -100, -40, 20, -30, -20");
        BreakEven.FromCumulative([-100, -40, 20, -30, -20]).FinalRunStart.Should().BeNull("hand calc: the curve ends negative");
    }

    [Test]
    public void DiscountedPeriod_TenPercent_Returns2()
    {
        // PVs: -100, 54.545, 49.587 -> cumulative -100, -45.45, 4.13.
        Payback.DiscountedPeriod([-100, 60, 60], 0.10).Should().Be(2, "hand calc: cumulative PV -100, -45.45, 4.13");
    }

    [Test]
    public void DiscountedFractionalPeriod_TenPercent_Interpolates()
    {
        // 1 + (100 - 60/1.1) / (60/1.21) = 1 + (50/1.1)·(1.21/60) = 1 + 55/60.
        Payback.DiscountedFractionalPeriod([-100, 60, 60], 0.10).Should().BeApproximately(1 + 55.0 / 60, 1e-14, "hand calc: 1 + 55/60");
    }

    [Test]
    public void DiscountedPeriod_RateTooHigh_NeverPaysBack()
    {
        // At 50 %: -100 + 40 + 26.67 < 0.
        Payback.DiscountedPeriod([-100, 60, 60], 0.5).Should().BeNull("hand calc: -100 + 40 + 26.67 < 0");
    }

    [Test]
    public void DiscountedPeriod_ZeroRate_EqualsPlainPeriod()
    {
        double[] flows = [-100, 30, 30, 30, 30];

        Payback.DiscountedPeriod(flows, 0).Should().Be(Payback.Period(flows)).And.Be(4, "hand calc: cumulative -100, -70, -40, -10, 20");
    }

    [Test]
    public void Period_EmptyFlows_Throws()
    {
        var act = () => Payback.Period([]);

        act.Should().Throw<ArgumentException>().WithParameterName("flows");
    }

    [Test]
    public void FractionalPeriod_NaNFlow_ThrowsNamingIndex()
    {
        var act = () => Payback.FractionalPeriod([-1, double.NaN]);

        act.Should().Throw<ArgumentOutOfRangeException>().WithMessage("flows[1] must be a finite number (was NaN).*");
    }

    [Test]
    public void DiscountedPeriod_RateMinusOne_Throws()
    {
        var act = () => Payback.DiscountedPeriod([-1, 2], -1);

        act.Should().Throw<ArgumentOutOfRangeException>().WithParameterName("rate");
    }

    [Test]
    public void DiscountedFractionalPeriod_NullFlows_Throws()
    {
        var act = () => Payback.DiscountedFractionalPeriod(null!, 0.1);

        act.Should().Throw<ArgumentNullException>().WithParameterName("flows");
    }
}
