using System.Numerics;
using LifetimeValue.Statistics;

namespace LifetimeValue.Tests.Statistics;

/// <summary>
/// The sketch's exact bucket mapping against exact rational arithmetic: with the double α = A/2^s,
/// γ^k = (2^s + A)^k / (2^s − A)^k, and BigInteger compares it with any double without rounding. Oracle: L_k is the
/// largest double ≤ γ^k, so L_k ≤ γ^k &lt; next double above L_k. Everything else (the index, the representative)
/// is checked against these boundaries.
/// </summary>
public sealed class LogarithmicMappingTests
{
    private static readonly double[] Alphas = [0.005, 0.01, 0.02, 0.001, 0.05, 0.25, 0.5];

    [TestCaseSource(nameof(Alphas))]
    public void LowerBoundary_IsTheLargestDoubleAtOrBelowGammaToTheK(double alpha)
    {
        var mapping = LogarithmicMapping.For(alpha, QuantileSketch.DefaultMinIndexableValue);
        var random = new System.Random(7);
        // The mapping's domain: from the minimum indexable value to the largest double (γ^k beyond it has no double above).
        int first = mapping.Index(QuantileSketch.DefaultMinIndexableValue) - 1, last = mapping.Index(double.MaxValue) - 1;
        var ks = Enumerable.Range(-40, 81).Concat(Enumerable.Range(0, 60).Select(_ => random.Next(-3000, 3000)))
            .Where(k => k >= first && k <= last).ToList();
        ks.Should().HaveCountGreaterThan(50);
        foreach (var k in ks)
        {
            double lower = mapping.LowerBoundary(k);
            Compare(lower, alpha, k).Should().BeLessThanOrEqualTo(0, $"L_{k} = {lower:R} ≤ γ^{k} (α = {alpha:R})");
            Compare(Math.BitIncrement(lower), alpha, k).Should().BeGreaterThan(0, $"the double after L_{k} is above γ^{k} (α = {alpha:R})");
        }
    }

    [Test]
    public void LowerBoundary_IsExactAtTheEndsOfTheDefaultTable()
    {
        var mapping = LogarithmicMapping.For(QuantileSketch.DefaultRelativeAccuracy, QuantileSketch.DefaultMinIndexableValue);
        int first = mapping.Index(QuantileSketch.DefaultMinIndexableValue);
        int last = mapping.Index(1e300);
        foreach (var k in new[] { first - 1, first, last - 1, last })
        {
            double lower = mapping.LowerBoundary(k);
            Compare(lower, QuantileSketch.DefaultRelativeAccuracy, k).Should().BeLessThanOrEqualTo(0, $"L_{k} ≤ γ^{k}");
            Compare(Math.BitIncrement(lower), QuantileSketch.DefaultRelativeAccuracy, k).Should().BeGreaterThan(0, $"next double above γ^{k}");
        }

        first.Should().Be(-2072, "⌈ln 10⁻⁹ / ln γ⌉ with γ = 1.005/0.995: −20.7233 / 0.0100001 = −2072.31");
        mapping.Index(double.MaxValue).Should().Be(70_978, "⌈ln(1.7977·10³⁰⁸)/ln γ⌉ = ⌈70,977.68⌉");
    }

    [TestCaseSource(nameof(Alphas))]
    [TestCase(1e-4)] // beyond the table's span: boundaries computed per lookup
    public void Index_IsTheSmallestKWithXAtOrBelowItsBoundary(double alpha)
    {
        var mapping = LogarithmicMapping.For(alpha, QuantileSketch.DefaultMinIndexableValue);
        var random = new System.Random(11);
        for (var n = 0; n < 400; n++)
        {
            int k = random.Next(mapping.Index(1e-9) + 1, mapping.Index(1e300));
            double lower = mapping.LowerBoundary(k);
            mapping.Index(lower).Should().Be(k, $"L_{k} = {lower:R} lies in bucket {k}");
            mapping.Index(Math.BitIncrement(lower)).Should().Be(k + 1, $"the next double after L_{k} lies in bucket {k + 1}");
            mapping.Index(Math.BitIncrement(mapping.LowerBoundary(k - 1))).Should().Be(k, $"the first double above L_{k - 1} lies in bucket {k}");
        }

    }

    [Test]
    public void Index_AgreesWithTheLogarithm_AwayFromBoundaries()
    {
        const double alpha = QuantileSketch.DefaultRelativeAccuracy;
        var mapping = LogarithmicMapping.For(alpha, QuantileSketch.DefaultMinIndexableValue);
        double lnGamma = Math.Log((1 + alpha) / (1 - alpha));
        var random = new System.Random(3);
        var compared = 0;
        for (var n = 0; n < 200_000; n++)
        {
            double x = Math.Exp(random.NextDouble() * (Math.Log(1e300) - Math.Log(1e-9)) + Math.Log(1e-9));
            double position = Math.Log(x) / lnGamma;
            if (Math.Abs(position - Math.Round(position)) < 1e-9)
            {
                continue; // within rounding of a boundary: the logarithm is not an oracle there
            }

            mapping.Index(x).Should().Be((int)Math.Ceiling(position), $"x = {x:R}");
            compared++;
        }

        compared.Should().BeGreaterThan(199_000);
    }

    [TestCaseSource(nameof(Alphas))]
    public void Representative_IsWithinAlphaOfEveryValueInItsBucket(double alpha)
    {
        var mapping = LogarithmicMapping.For(alpha, QuantileSketch.DefaultMinIndexableValue);
        double gamma = (1 + alpha) / (1 - alpha);
        int first = mapping.Index(QuantileSketch.DefaultMinIndexableValue), last = mapping.Index(double.MaxValue) - 1;
        foreach (var k in new[] { -2000, -100, -1, 0, 1, 2, 50, 700, 2000 }.Where(k => k >= first && k <= last))
        {
            double representative = mapping.Representative(k);
            double low = Math.BitIncrement(mapping.LowerBoundary(k - 1)), high = mapping.LowerBoundary(k);
            // 2γ^k/(γ+1) is α from both ends of (γ^(k−1), γ^k]; rounding adds about 10⁻¹⁶.
            Math.Abs(representative - low).Should().BeLessThanOrEqualTo(alpha * low * (1 + 1e-12), $"k = {k}, low end");
            Math.Abs(representative - high).Should().BeLessThanOrEqualTo(alpha * high * (1 + 1e-12), $"k = {k}, high end");
            // Independent figure: the same quantity through the host's exp, to within its few-ulp error.
            double viaExp = 2 * Math.Exp(k * Math.Log(gamma)) / (gamma + 1);
            (Math.Abs(representative - viaExp) / viaExp).Should().BeLessThan(1e-12, $"k = {k}");
        }
    }

    [Test]
    public void Mappings_AreSharedPerAccuracy()
    {
        LogarithmicMapping.For(0.005, 1e-9).Should().BeSameAs(LogarithmicMapping.For(0.005, 1e-9));
        LogarithmicMapping.For(0.005, 1e-9).Should().NotBeSameAs(LogarithmicMapping.For(0.01, 1e-9));
    }

    /// <summary>Sign of x − γ^k, exactly (x a positive finite double, α the double).</summary>
    private static int Compare(double x, double alpha, int k)
    {
        var (alphaMantissa, alphaExponent) = Decompose(alpha); // α = a·2^e, e < 0
        var scale = BigInteger.One << -alphaExponent;
        var up = scale + alphaMantissa;   // (1 + α)·2^−e
        var down = scale - alphaMantissa; // (1 − α)·2^−e
        var (numerator, denominator) = k >= 0 ? (BigInteger.Pow(up, k), BigInteger.Pow(down, k)) : (BigInteger.Pow(down, -k), BigInteger.Pow(up, -k));
        var (m, e) = Decompose(x); // x = m·2^e
        var left = m * denominator;
        var right = numerator;
        if (e >= 0)
        {
            left <<= e;
        }
        else
        {
            right <<= -e;
        }

        return left.CompareTo(right);
    }

    private static (BigInteger Mantissa, int Exponent) Decompose(double value)
    {
        long bits = BitConverter.DoubleToInt64Bits(value);
        int biased = (int)((bits >> 52) & 0x7FF);
        long fraction = bits & 0xF_FFFF_FFFF_FFFFL;
        return biased == 0 ? (fraction, -1074) : (fraction | (1L << 52), biased - 1075);
    }
}
