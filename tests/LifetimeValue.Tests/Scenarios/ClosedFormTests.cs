using LifetimeValue.Scenarios;
using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.OdeSolvers;

namespace LifetimeValue.Tests.Scenarios;

/// <summary>
/// The closed forms against an independent oracle: the moment and affine bond-price ODEs, integrated with
/// MathNet's fourth-order Runge–Kutta (20,000 steps, error ≪ 1e-10). For P(0, τ) = exp(A(τ) − B(τ)·r₀):
/// Vasicek B′ = 1 − κB, A′ = −κθB + σ²B²/2; CIR B′ = 1 − κB − σ²B²/2, A′ = −κθB. Moments: m′ = κ(θ − m);
/// Vasicek v′ = σ² − 2κv; CIR v′ = σ²m − 2κv.
/// </summary>
public sealed class ClosedFormTests
{
    private static IEnumerable<TestCaseData> Models()
    {
        yield return new TestCaseData(new Vasicek(0.03, 0.15, 0.035, 0.01)).SetArgDisplayNames("Vasicek W1");
        yield return new TestCaseData(new Vasicek(0.06, 0.8, -0.01, 0.03)).SetArgDisplayNames("Vasicek negative theta");
        yield return new TestCaseData(new CoxIngersollRoss(0.03, 0.5, 0.04, 0.1)).SetArgDisplayNames("CIR Feller holds");
        yield return new TestCaseData(new CoxIngersollRoss(0.02, 0.3, 0.03, 0.2)).SetArgDisplayNames("CIR Feller violated");
    }

    [TestCaseSource(nameof(Models))]
    public void ClosedForms_MatchRungeKuttaIntegrationOfTheirOdes(ShortRateModel model)
    {
        var (r0, kappa, theta, sigma, cir) = model switch
        {
            Vasicek v => (v.InitialRate, v.Kappa, v.Theta, v.Sigma, false),
            CoxIngersollRoss c => (c.InitialRate, c.Kappa, c.Theta, c.Sigma, true),
            _ => throw new AssertionException("unexpected model"),
        };

        Vector<double> Derivative(double t, Vector<double> y)
        {
            double b = y[0], m = y[2], v = y[3];
            return Vector<double>.Build.DenseOfArray(
            [
                cir ? 1.0 - kappa * b - 0.5 * sigma * sigma * b * b : 1.0 - kappa * b,
                cir ? -kappa * theta * b : -kappa * theta * b + 0.5 * sigma * sigma * b * b,
                kappa * (theta - m),
                (cir ? sigma * sigma * m : sigma * sigma) - 2.0 * kappa * v,
            ]);
        }

        foreach (var horizon in new[] { 0.5, 5.0, 30.0 })
        {
            var states = RungeKutta.FourthOrder(Vector<double>.Build.DenseOfArray([0.0, 0.0, r0, 0.0]), 0.0, horizon, 20_001, Derivative);
            var end = states[^1];

            model.ZeroCouponBondPrice(horizon).Should().BeApproximately(Math.Exp(end[1] - end[0] * r0), 1e-10,
                $"RK4 on the affine bond-price ODEs at {horizon} years");
            model.ExpectedRate(horizon).Should().BeApproximately(end[2], 1e-12, $"RK4 on m′ = κ(θ − m) at {horizon} years");
            model.RateVariance(horizon).Should().BeApproximately(end[3], 1e-12, $"RK4 on the variance ODE at {horizon} years");
        }
    }

    [Test]
    public void ZeroCouponBondPrice_SigmaZero_IsDeterministicDiscount()
    {
        // r(t) = θ + (r₀ − θ)e^{−κt}: ∫₀ᵗ r = θt + (r₀ − θ)(1 − e^{−κt})/κ.
        double integral = 0.035 * 10.0 + (0.03 - 0.035) * (1.0 - Math.Exp(-1.5)) / 0.15;

        new Vasicek(0.03, 0.15, 0.035, 0.0).ZeroCouponBondPrice(10.0).Should().BeApproximately(Math.Exp(-integral), 1e-15, "hand calc");
        new CoxIngersollRoss(0.03, 0.15, 0.035, 0.0).ZeroCouponBondPrice(10.0).Should().BeApproximately(Math.Exp(-integral), 1e-15, "hand calc");
        new CoxIngersollRoss(0.03, 0.15, 0.035, 1e-5).ZeroCouponBondPrice(10.0).Should().BeApproximately(Math.Exp(-integral), 1e-9,
            "the σ → 0 limit of the CIR formula is continuous");
    }

    [Test]
    public void HullWhiteExpectedRate_SolvesMeanOdeWithFittedTheta()
    {
        // Flat f: θ(t) = a·f + σ²(1 − e^{−2at})/(2a) (Hull and White 1990); m′ = θ(t) − a·m, m(0) = f.
        const double a = 0.1, sigma = 0.02, f = 0.03;
        var model = new HullWhite(a, sigma, ZeroCurve.Flat(f));
        var states = RungeKutta.FourthOrder(f, 0.0, 20.0, 20_001,
            (t, m) => a * f + sigma * sigma * (1.0 - Math.Exp(-2.0 * a * t)) / (2.0 * a) - a * m);

        model.ExpectedRate(20.0).Should().BeApproximately(states[^1], 1e-12, "RK4 on the Hull–White mean ODE");
    }

    [Test]
    public void ToString_IsInvariantAndRoundTrippable()
    {
        new Vasicek(0.03, 0.15, 0.035, 0.01, RateScheme.Euler).ToString()
            .Should().Be("Vasicek { InitialRate = 0.03, Kappa = 0.15, Theta = 0.035, Sigma = 0.01, Scheme = Euler }");
        new CoxIngersollRoss(0.1 + 0.2, 0.5, 0.04, 0.1).ToString()
            .Should().Be("CoxIngersollRoss { InitialRate = 0.30000000000000004, Kappa = 0.5, Theta = 0.04, Sigma = 0.1, Scheme = Euler }");
        new HullWhite(0.1, 0.01, ZeroCurve.Flat(0.03)).ToString()
            .Should().Be("HullWhite { MeanReversion = 0.1, Sigma = 0.01, InitialCurve = ZeroCurve { 1: 0.03 }, Scheme = Exact }");
    }
}
