using LifetimeValue.Calibration;
using MathNet.Numerics;

namespace LifetimeValue.Tests.Calibration;

public sealed class HypergeometricTests
{
    // Closed forms: Abramowitz and Stegun (1964) 15.1.3–15.1.8 and DLMF 15.4.
    [TestCase(-5.0)]
    [TestCase(-0.5)]
    [TestCase(0.3)]
    [TestCase(0.8)]
    [TestCase(0.99)]
    [TestCase(0.999999)]
    public void Gauss2F1_OneOneTwo_EqualsMinusLogOneMinusZOverZ(double z)
    {
        double expected = -Math.Log(1 - z) / z;
        Hypergeometric.Gauss2F1(1, 1, 2, z).Should().BeApproximately(expected, 1e-9 * Math.Abs(expected),
            "A&S 15.1.3: 2F1(1,1;2;z) = -ln(1-z)/z; c-a-b = 0 is the degenerate connection case near z = 1 (1e-9 relative)");
    }

    [TestCase(0.7, 2.3, 0.2)]
    [TestCase(0.7, 2.3, 0.95)]
    [TestCase(-2.5, 1.1, 0.9)]
    [TestCase(3.2, 0.4, -7.0)]
    public void Gauss2F1_BEqualsC_EqualsBinomial(double a, double b, double z)
    {
        double expected = Math.Pow(1 - z, -a);
        Hypergeometric.Gauss2F1(a, b, b, z).Should().BeApproximately(expected, 1e-11 * Math.Abs(expected), "A&S 15.1.8: 2F1(a,b;b;z) = (1-z)^-a");
    }

    [TestCase(0.9)]
    [TestCase(0.999)]
    public void Gauss2F1_HalfHalfThreeHalves_EqualsArcsin(double x)
    {
        double expected = Math.Asin(x) / x;
        Hypergeometric.Gauss2F1(0.5, 0.5, 1.5, x * x).Should().BeApproximately(expected, 1e-11, "A&S 15.1.6: 2F1(1/2,1/2;3/2;x^2) = arcsin(x)/x");
    }

    [TestCase(3.0)]
    [TestCase(100.0)]
    public void Gauss2F1_NegativeArgument_EqualsArctan(double x)
    {
        double expected = Math.Atan(x) / x;
        Hypergeometric.Gauss2F1(0.5, 1, 1.5, -x * x).Should().BeApproximately(expected, 1e-12, "A&S 15.1.5: 2F1(1/2,1;3/2;-x^2) = arctan(x)/x (Pfaff path)");
    }

    [TestCase(0.5)]
    [TestCase(0.9)]
    [TestCase(0.9999)]
    public void Gauss2F1_CompleteEllipticIntegral_MatchesQuadrature(double m)
    {
        // K(m) = (pi/2) 2F1(1/2,1/2;1;m) (A&S 17.3.9); oracle: MathNet Gauss–Kronrod of the defining integral A&S 17.3.1.
        double k = Integrate.GaussKronrod(t => 1 / Math.Sqrt(1 - m * Math.Sin(t) * Math.Sin(t)), 0, Math.PI / 2, 1e-14, 20, 61);
        (Math.PI / 2 * Hypergeometric.Gauss2F1(0.5, 0.5, 1, m)).Should().BeApproximately(k, 1e-9 * k, "A&S 17.3.9 against quadrature, 1e-9 relative");
    }

    [Test]
    public void Gauss2F1_UnitArgument_EqualsGaussTheorem()
    {
        double expected = Math.Exp(SpecialFunctions.GammaLn(2) + SpecialFunctions.GammaLn(1.25) - SpecialFunctions.GammaLn(1.5) - SpecialFunctions.GammaLn(1.75));
        Hypergeometric.Gauss2F1(0.5, 0.25, 2, 1).Should().BeApproximately(expected, 1e-13, "A&S 15.1.20 (Gauss)");
    }

    [Test]
    public void Gauss2F1_TerminatingSeries_EqualsPolynomial()
    {
        // 2F1(-3,2;1.5;z) = 1 - 4z + 4.8z^2 - (144/78.75)z^3 (hand expansion of the series).
        double z = 0.5;
        Hypergeometric.Gauss2F1(-3, 2, 1.5, z).Should().BeApproximately(1 - 4 * z + 4.8 * z * z - 144.0 / 78.75 * z * z * z, 1e-14, "hand expansion");
    }

    [TestCase(30.6, 1.6, 0.97)]
    [TestCase(500.8, 501.2, 0.3)]
    [TestCase(0.8, 3.6, 0.99)]
    [TestCase(500.02, 1.01, 0.9)]
    [TestCase(500.02, 1.01, 0.999)]
    [TestCase(50.3, 49.9, 0.95)]
    public void LogGauss2F1_ParetoNbdShape_MatchesEulerIntegral(double a, double b, double z)
    {
        // c = a + 1 (the Pareto/NBD case): 2F1(a,b;a+1;z) = a ∫0^1 t^(a-1) (1-zt)^(-b) dt (A&S 15.3.1);
        // oracle: MathNet Gauss–Kronrod on u = t^a, i.e. ∫0^1 (1 - z u^(1/a))^(-b) du, in logs.
        double integral = Integrate.GaussKronrod(u => Math.Exp(-b * Math.Log(1 - z * Math.Pow(u, 1 / a))), 0, 1, 1e-13, 25, 61);
        Hypergeometric.LogGauss2F1(a, b, a + 1, z).Should().BeApproximately(Math.Log(integral), 1e-8, "Euler integral by quadrature, 1e-8 absolute in logs");
    }

    [Test]
    public void LogGauss2F1_LargeParameters_DoesNotOverflow()
    {
        double log = Hypergeometric.LogGauss2F1(2000, 3.5, 3.5, 0.7);
        log.Should().BeApproximately(-2000 * Math.Log(0.3), 1e-8, "A&S 15.1.8 in logs: (1-z)^-a = e^2408 overflows a double, its log does not");
    }

    [Test]
    public void Gauss2F1_InvalidArguments_Throw()
    {
        FluentActions.Invoking(() => Hypergeometric.Gauss2F1(1, 1, -2, 0.5)).Should().Throw<ArgumentOutOfRangeException>().WithMessage("*c must not be 0, −1, −2*");
        FluentActions.Invoking(() => Hypergeometric.Gauss2F1(1, 1, 2, 1.5)).Should().Throw<ArgumentOutOfRangeException>().WithMessage("*z must be*");
        FluentActions.Invoking(() => Hypergeometric.Gauss2F1(1, 1, 2, 1.0)).Should().Throw<ArgumentOutOfRangeException>().WithMessage("*c − a − b > 0*");
    }

    [Test]
    public void Gauss2F1_LemniscaticCase_EqualsGammaQuarterClosedForm()
    {
        // K(1/2) = Γ(1/4)² / (4√π) = 1.8540746773013719 (A&S 17.3.9 with Table 17.1's m = 0.5 entry; DLMF 19.6.E1 / 23.17).
        double k = Math.Pow(SpecialFunctions.Gamma(0.25), 2) / (4 * Math.Sqrt(Math.PI));
        k.Should().BeApproximately(1.8540746773013719, 1e-15, "published value of K(1/2)");
        (Math.PI / 2 * Hypergeometric.Gauss2F1(0.5, 0.5, 1, 0.5)).Should().BeApproximately(k, 1e-14, "2F1(1/2,1/2;1;1/2)·π/2 = K(1/2)");
    }

    [TestCase(0.7, 0.3)]
    [TestCase(2.5, 1.25)]
    public void Gauss2F1_MinusOne_EqualsKummerTheorem(double a, double b)
    {
        // Kummer (A&S 15.1.21): 2F1(a, b; 1 + a − b; −1) = Γ(1 + a − b) Γ(1 + a/2) / (Γ(1 + a) Γ(1 + a/2 − b)).
        double expected = SpecialFunctions.Gamma(1 + a - b) * SpecialFunctions.Gamma(1 + a / 2) / (SpecialFunctions.Gamma(1 + a) * SpecialFunctions.Gamma(1 + a / 2 - b));
        Hypergeometric.Gauss2F1(a, b, 1 + a - b, -1).Should().BeApproximately(expected, 1e-13, "Kummer's theorem");
    }
}
