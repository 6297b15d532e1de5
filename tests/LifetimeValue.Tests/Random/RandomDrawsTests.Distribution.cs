using LifetimeValue.Random;
using MathNet.Numerics.Distributions;

namespace LifetimeValue.Tests.Random;

public sealed partial class RandomDrawsTests
{
    private const int Draws = 1_000_000;

    [Test]
    public void OpenUniform_MillionDraws_PassChiSquareUniformity()
    {
        // 1,000 equal bins over 10^6 draws from 1,000 customers × 1,000 periods of one stream family.
        const int bins = 1000;
        var counts = new long[bins];
        for (int customer = 0; customer < 1000; customer++)
        {
            var sequence = new DrawSequence(20261123, 0, customer, DrawPurpose.Attrition);
            for (uint period = 0; period < 1000; period++)
            {
                counts[(int)(sequence.OpenUniform(period) * bins)]++;
            }
        }

        double expected = (double)Draws / bins;
        double chiSquare = counts.Sum(c => (c - expected) * (c - expected) / expected);

        // Two-sided at 10^-4 for χ² with 999 degrees of freedom (MathNet ChiSquared.InvCDF).
        chiSquare.Should().BeLessThan(ChiSquared.InvCDF(bins - 1, 1 - 1e-4), "MathNet χ²(999) upper 10^-4 quantile");
        chiSquare.Should().BeGreaterThan(ChiSquared.InvCDF(bins - 1, 1e-4), "MathNet χ²(999) lower 10^-4 quantile (too uniform is suspicious)");
    }

    [Test]
    public void Bernoulli_MillionDraws_FrequencyWithinFourStandardErrors()
    {
        const double p = 0.037; // a monthly churn probability
        ulong threshold = RandomDraws.BernoulliThreshold(p);
        long successes = 0;
        for (int customer = 0; customer < 1000; customer++)
        {
            var sequence = new DrawSequence(7, 1, customer, DrawPurpose.Attrition);
            for (uint period = 0; period < 1000; period++)
            {
                successes += sequence.Bernoulli(period, threshold) ? 1 : 0;
            }
        }

        double standardError = Math.Sqrt(p * (1 - p) / Draws);
        ((double)successes / Draws).Should().BeApproximately(p, 4 * standardError, "binomial: 4 standard errors √(p(1−p)/n)");
    }

    [Test]
    public void StandardNormalPair_MillionDraws_MeanAndVarianceWithinFourStandardErrors()
    {
        var z = NormalDraws();

        double mean = z.Average();
        double variance = z.Sum(x => (x - mean) * (x - mean)) / (z.Length - 1);

        mean.Should().BeApproximately(0, 4 / Math.Sqrt(z.Length), "N(0,1): 4 standard errors of the mean, 4/√n");
        variance.Should().BeApproximately(1, 4 * Math.Sqrt(2.0 / (z.Length - 1)), "N(0,1): 4 standard errors of the variance, 4·√(2/(n−1))");
    }

    [Test]
    public void StandardNormalPair_MillionDraws_PassKolmogorovSmirnovAgainstMathNetNormal()
    {
        var z = NormalDraws();
        Array.Sort(z);

        double d = 0;
        for (int i = 0; i < z.Length; i++)
        {
            double cdf = Normal.CDF(0, 1, z[i]);
            d = Math.Max(d, Math.Max(((i + 1.0) / z.Length) - cdf, cdf - ((double)i / z.Length)));
        }

        // Asymptotic KS critical value at level 10^-4: √(−ln(α/2)/(2n)).
        double critical = Math.Sqrt(-Math.Log(1e-4 / 2) / (2.0 * z.Length));
        d.Should().BeLessThan(critical, "Kolmogorov–Smirnov vs MathNet Normal.CDF at level 10^-4");
    }

    /// <summary>10^6 standard normals: 500 customers × 1,000 periods of RateShock blocks, two per block.</summary>
    private static double[] NormalDraws()
    {
        var z = new double[Draws];
        int k = 0;
        for (int customer = 0; customer < 500; customer++)
        {
            var sequence = new DrawSequence(99, 2, customer, DrawPurpose.RateShock);
            for (uint period = 0; period < 1000; period++)
            {
                var (z0, z1) = RandomDraws.StandardNormalPair(sequence.Block(period));
                z[k++] = z0;
                z[k++] = z1;
            }
        }

        return z;
    }
}
