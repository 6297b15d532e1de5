using LifetimeValue.Discounting;

namespace LifetimeValue.Tests.Discounting;

public sealed class DiscountTests
{
    [Test]
    public void FlatAnnual_TwelveMonths_IsOneOverOnePlusRate()
    {
        var df = new double[24];
        Discount.FlatAnnual(0.08).Fill(RatePath.Constant(0), df);

        df[11].Should().BeApproximately(1 / 1.08, 1e-15, "hand calc: D_12 = 1/1.08");
        df[23].Should().BeApproximately(1 / (1.08 * 1.08), 1e-15, "hand calc: D_24 = 1/1.08²");
        df[0].Should().BeApproximately(Math.Pow(1.08, -1.0 / 12), 1e-15);
    }

    [Test]
    public void ShortRatePlus_IsExpOfMinusCumulativeRatePlusSpread()
    {
        var df = new double[3];
        Discount.ShortRatePlus(0.03).Fill(RatePath.FromValues([0.01, 0.02, -0.05]), df);

        // hand calc: D_1 = e^{-(0.04)/12}, D_2 = e^{-(0.04+0.05)/12}, D_3 = e^{-(0.04+0.05-0.02)/12}.
        df[0].Should().BeApproximately(Math.Exp(-0.04 / 12), 1e-15);
        df[1].Should().BeApproximately(Math.Exp(-0.09 / 12), 1e-15);
        df[2].Should().BeApproximately(Math.Exp(-0.07 / 12), 1e-15, "a negative rate raises the factor; it never turns negative");
    }

    [Test]
    public void ShortRatePlus_PathTooShort_Throws()
    {
        var act = () => Discount.ShortRatePlus(0.03).Fill(RatePath.FromValues([0.01, 0.02]), new double[3]);

        act.Should().Throw<ArgumentException>().WithMessage("*covers 2 periods but 3 are needed*");
    }

    [Test]
    public void ZeroCurve_InterpolatesLinearlyAndExtrapolatesFlat()
    {
        var curve = new ZeroCurveDiscounting([1.0, 3.0], [0.02, 0.04]);

        curve.ZeroRate(2.0).Should().BeApproximately(0.03, 1e-15, "hand calc: midpoint of linear interpolation");
        curve.ZeroRate(0.5).Should().Be(0.02);
        curve.ZeroRate(10).Should().Be(0.04);
        var df = new double[24];
        curve.Fill(RatePath.Constant(0), df);
        df[23].Should().BeApproximately(Math.Exp(-0.03 * 2), 1e-15, "hand calc: D(2y) = exp(−z(2)·2)");
    }

    [Test]
    public void ZeroCurve_UnorderedTenors_Throws()
    {
        var act = () => new ZeroCurveDiscounting([2.0, 1.0], [0.02, 0.04]);

        act.Should().Throw<ArgumentException>().WithMessage("*tenorsYears[1] must be greater than tenorsYears[0] = 2 (was 1)*");
    }

    [TestCase(-1.0)]
    [TestCase(double.PositiveInfinity)]
    public void FlatAnnual_RateOutOfRange_Throws(double rate)
    {
        var act = () => Discount.FlatAnnual(rate);

        act.Should().Throw<ArgumentOutOfRangeException>().WithMessage("*AnnualRate must be a finite number > -1*");
    }
}

public sealed class RatePathTests
{
    [Test]
    public void VasicekEulerMean_FollowsTheRecursion()
    {
        var path = RatePath.VasicekEulerMean(0.03, 0.15, 0.035, 3);

        // hand calc: r1 = 0.03 + 0.15 × (0.035 − 0.03)/12 = 0.0300625.
        path.At(1).Should().BeApproximately(0.0300625, 1e-15);
        path.At(2).Should().BeApproximately(0.0300625 + (0.15 * (0.035 - 0.0300625) / 12), 1e-15);
    }

    [Test]
    public void FromValues_NonFinite_ThrowsNamingIndex()
    {
        var act = () => RatePath.FromValues([0.01, double.NaN]);

        act.Should().Throw<ArgumentOutOfRangeException>().WithMessage("*annualRates[1] must be a finite number (was NaN)*");
    }

    [Test]
    public void At_BeyondPath_Throws()
    {
        var act = () => RatePath.FromValues([0.01]).At(1);

        act.Should().Throw<ArgumentOutOfRangeException>().WithMessage("*shorter than the horizon*");
    }
}
