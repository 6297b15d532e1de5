using LifetimeValue.Scenarios;

namespace LifetimeValue.Tests.Scenarios;

public sealed class ZeroCurveTests
{
    private static readonly ZeroCurve Sloped = ZeroCurve.FromZeroRates([1.0, 2.0, 5.0], [0.02, 0.03, 0.036]);

    [TestCase(0.0, 0.02)]
    [TestCase(0.5, 0.02)]
    [TestCase(1.5, 0.025)]
    [TestCase(3.5, 0.033)]
    [TestCase(5.0, 0.036)]
    [TestCase(40.0, 0.036)]
    public void ZeroRate_LinearInsideFlatOutside(double years, double expected)
    {
        Sloped.ZeroRate(years).Should().BeApproximately(expected, 1e-15, "hand calc: linear interpolation in R, flat extrapolation");
    }

    [Test]
    public void DiscountFactor_IsExpOfMinusRateTimesTime()
    {
        Sloped.DiscountFactor(1.5).Should().BeApproximately(Math.Exp(-0.025 * 1.5), 1e-15, "hand calc: P = e^{−R(t)t}");
        Sloped.DiscountFactor(0.0).Should().Be(1.0);
    }

    [TestCase(0.5, 0.02)]
    [TestCase(1.0, 0.03)]           // right derivative: R = 0.02, R′ = 0.01 on [1, 2]: 0.02 + 1·0.01
    [TestCase(1.5, 0.04)]           // 0.025 + 1.5·0.01
    [TestCase(3.0, 0.038)]          // R = 0.032, R′ = 0.002 on [2, 5]: 0.032 + 3·0.002
    [TestCase(5.0, 0.036)]
    public void InstantaneousForward_IsRatePlusTimeTimesSlope(double years, double expected)
    {
        Sloped.InstantaneousForward(years).Should().BeApproximately(expected, 1e-15, "hand calc: f = R + t·R′ (right derivative)");
    }

    [Test]
    public void InstantaneousForward_IntegratesToMinusLogDiscountFactor()
    {
        double integral = MathNet.Numerics.Integrate.OnClosedInterval(Sloped.InstantaneousForward, 1.0, 2.0)
            + MathNet.Numerics.Integrate.OnClosedInterval(Sloped.InstantaneousForward, 2.0, 5.0);

        integral.Should().BeApproximately(Math.Log(Sloped.DiscountFactor(1.0) / Sloped.DiscountFactor(5.0)), 1e-10,
            "∫f = ln P(1)/P(5) (MathNet double-exponential quadrature per smooth segment)");
    }

    [Test]
    public void Equality_ByNodes()
    {
        ZeroCurve.Flat(0.03).Should().Be(ZeroCurve.FromZeroRates([1.0], [0.03]));
        ZeroCurve.Flat(0.03).GetHashCode().Should().Be(ZeroCurve.FromZeroRates([1.0], [0.03]).GetHashCode());
        ZeroCurve.Flat(0.03).Should().NotBe(ZeroCurve.Flat(0.031));
        new HullWhite(0.1, 0.01, ZeroCurve.Flat(0.03)).Should().Be(new HullWhite(0.1, 0.01, ZeroCurve.Flat(0.03)), "records compare curves by value");
        Sloped.ToString().Should().Be("ZeroCurve { 1: 0.02, 2: 0.03, 5: 0.036 }");
    }
}
