using LifetimeValue.Scenarios;

namespace LifetimeValue.Tests.Scenarios;

/// <summary>Grid fitting of the Hull–White shift to the initial curve.</summary>
public sealed class HullWhiteTests
{
    private static readonly ZeroCurve Sloped = ZeroCurve.FromZeroRates([0.25, 1.0, 2.0, 5.0, 10.0, 30.0], [0.010, 0.015, 0.020, 0.028, 0.033, 0.036]);

    [TestCase(RateScheme.Exact)]
    [TestCase(RateScheme.Euler)]
    public void Generate_SigmaZero_DiscountFactorsEqualInitialCurve(RateScheme scheme)
    {
        var model = new HullWhite(0.05, 0.0, Sloped, scheme);
        var set = ScenarioSet.Generate(model, 1, 1200, seed: 1);
        var factors = new double[1200];
        set.FillDiscountFactors(0, 0.0, factors);

        for (var k = 1; k <= 1200; k++)
        {
            factors[k - 1].Should().BeApproximately(Sloped.DiscountFactor(k / 12.0), 1e-13 * k,
                "σ = 0: the grid-fitted shift is the discrete forward, so D_k = P(0, kΔ) up to rounding");
        }
    }

    [Test]
    public void InitialRate_IsOneMonthZeroRateAndStartsEveryPath()
    {
        var model = new HullWhite(0.1, 0.01, ZeroCurve.Flat(0.03));
        var set = ScenarioSet.Generate(model, 3, 12, seed: 4);

        model.InitialRate.Should().Be(0.03, "flat curve: R(Δ) = 0.03");
        set[2, 0].Should().BeApproximately(0.03, 1e-15, "r_0 = α_0 = −ln P(0, Δ)/Δ");
    }

    [TestCase(RateScheme.Exact, 1e-6)]
    [TestCase(RateScheme.Euler, 6e-5)]
    public void FittedShift_FlatCurve_MatchesContinuousMean(RateScheme scheme, double tolerance)
    {
        // Flat curve f = 0.03: α_k − f is the convexity term σ²(1 − e^{−a·kΔ})²/(2a²) of Hull–White (1990) at kΔ,
        // up to O(Δ²) for Exact (observed < 5e-8) and Euler's O(aΔ) relative variance bias (observed < 4.3e-5 of a
        // convexity term up to 8e-3).
        var model = new HullWhite(0.1, 0.02, ZeroCurve.Flat(0.03), scheme);
        var shift = model.FittedShift(1200);

        for (var k = 0; k < 1200; k += 97)
        {
            shift[k].Should().BeApproximately(model.ExpectedRate(k / 12.0), tolerance,
                $"Hull–White 1990 α(t) = f + σ²(1 − e^{{−at}})²/(2a²) at t = {k}/12, {scheme} grid");
        }
    }

    [Test]
    public void FittedShift_SlopedCurveSigmaZero_IsPeriodAverageForward()
    {
        var model = new HullWhite(0.05, 0.0, Sloped);
        var shift = model.FittedShift(400);

        for (var k = 0; k < 400; k += 13)
        {
            double average = MathNet.Numerics.Integrate.OnClosedInterval(Sloped.InstantaneousForward, k / 12.0, (k + 1) / 12.0) * 12.0;
            shift[k].Should().BeApproximately(average, 1e-10, "σ = 0: α_k = (1/Δ)∫ f(0, t) dt over period k (MathNet quadrature)");
        }
    }

    [Test]
    public void ZeroCouponBondPrice_IsInitialCurve()
    {
        var model = new HullWhite(0.1, 0.01, Sloped);

        model.ZeroCouponBondPrice(7.3).Should().Be(Sloped.DiscountFactor(7.3), "the fitted model reproduces P(0, t)");
        model.RateVariance(3.0).Should().BeApproximately(0.01 * 0.01 * (1 - Math.Exp(-0.6)) / 0.2, 1e-18, "hand calc: σ²(1 − e^{−2at})/(2a)");
    }
}
