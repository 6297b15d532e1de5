using LifetimeValue.Calibration;

namespace LifetimeValue.Tests.Calibration;

/// <summary>
/// Do the fits' standard errors mean what they say? Simulate many data sets from known parameters, fit each, and count how
/// often the 95 % interval θ̂·exp(±1.96 SE(ln θ̂)) from <see cref="ParameterCovariance.Interval"/> covers the truth.
/// </summary>
/// <remarks>
/// <para>Oracle: with correct standard errors each interval covers with probability ≈ 0.95, so over n independent data sets
/// the count is Binomial(n, 0.95). The default run uses n = 60 per parameter and accepts coverage in
/// [0.95 − 3σ, 1], σ = √(0.95·0.05/60) = 0.028, i.e. ≥ 0.865 (it fails if the SEs are ~25 % too small, coverage ≈ 0.87…0.85).
/// The long versions are <c>[Category("Slow")]</c> and <c>[Explicit]</c> (run by name, see docs/calibration.md); they use n = 400 and
/// the band 92–98 % (0.95 ± 2.75σ, σ = 0.0109), and also checks the joint (Mahalanobis) coverage of all parameters
/// with the full covariance against the χ² quantile.</para>
/// </remarks>
public sealed class FitCoverageTests
{
    // 95 % quantile of χ²: 3 and 4 degrees of freedom.
    private static readonly double[] ChiSquare95 = [0, 3.841458820694124, 5.991464547107979, 7.814727903251178, 9.487729036781154];

    private static readonly double[] BgTruth = [0.243, 4.414, 0.793, 2.426];

    private static readonly double[] GgTruth = [6.25, 3.74, 15.44];

    [Test]
    public void BgNbd_Intervals_Cover95Percent_Short() => BgNbdCoverage(60, 1500, 0.865, 1.0);

    [Test]
    [Category("Slow")]
    [Explicit("400 BG/NBD fits; run by name: dotnet test --filter Name=BgNbd_Intervals_Cover95Percent_Long")]
    public void BgNbd_Intervals_Cover95Percent_Long() => BgNbdCoverage(400, 2000, 0.92, 0.98);

    [Test]
    public void GammaGamma_Intervals_Cover95Percent_Short() => GammaGammaCoverage(60, 800, 0.865, 1.0);

    [Test]
    [Category("Slow")]
    [Explicit("400 Gamma-Gamma fits; run by name: dotnet test --filter Name=GammaGamma_Intervals_Cover95Percent_Long")]
    public void GammaGamma_Intervals_Cover95Percent_Long() => GammaGammaCoverage(400, 1000, 0.92, 0.98);

    private static void BgNbdCoverage(int dataSets, int customers, double low, double high)
    {
        var truth = BgNbdModel.FromParameters(BgTruth[0], BgTruth[1], BgTruth[2], BgTruth[3]);
        var ages = Enumerable.Range(0, customers).Select(i => 27.0 + (12.0 * (i % 84) / 84.0)).ToArray();
        Check("BG/NBD", BgTruth, dataSets, low, high, d =>
        {
            var fit = BgNbdModel.Fit(SyntheticCustomers.BgNbd(truth, ages, 1000 + (ulong)d));
            return fit.Diagnostics!.Covariance!;
        });
    }

    private static void GammaGammaCoverage(int dataSets, int customers, double low, double high)
    {
        var truth = GammaGammaModel.FromParameters(GgTruth[0], GgTruth[1], GgTruth[2]);
        var frequencies = Enumerable.Range(0, customers).Select(i => 1 + (i % 7)).ToArray();
        Check("Gamma-Gamma", GgTruth, dataSets, low, high, d =>
        {
            var fit = GammaGammaModel.Fit(SyntheticCustomers.GammaGamma(truth, frequencies, 5000 + (ulong)d));
            return fit.Diagnostics!.Covariance!;
        });
    }

    private static void Check(string model, double[] truth, int dataSets, double low, double high, Func<int, ParameterCovariance> fit)
    {
        int k = truth.Length;
        var covered = new int[k];
        int jointCovered = 0;
        for (var d = 0; d < dataSets; d++)
        {
            var cov = fit(d);
            var diff = new double[k];
            for (var i = 0; i < k; i++)
            {
                var (lower, upper) = cov.Interval(i, 0.95);
                covered[i] += lower <= truth[i] && truth[i] <= upper ? 1 : 0;
                diff[i] = Math.Log(truth[i] / cov.Value(i));
            }

            // Joint: (ln θ − ln θ̂)ᵀ Σ⁻¹ (ln θ − ln θ̂) ≤ χ²_k(0.95), with Σ⁻¹ by solving against the log-scale covariance.
            var sigma = MathNet.Numerics.LinearAlgebra.Matrix<double>.Build.Dense(k, k, (i, j) => cov.LogCovariance(i, j));
            var v = MathNet.Numerics.LinearAlgebra.Vector<double>.Build.DenseOfArray(diff);
            double m2 = v.DotProduct(sigma.Cholesky().Solve(v));
            jointCovered += m2 <= ChiSquare95[k] ? 1 : 0;
        }

        for (var i = 0; i < k; i++)
        {
            double share = (double)covered[i] / dataSets;
            TestContext.Out.WriteLine($"{model} parameter {i}: 95 % interval covered the truth in {covered[i]}/{dataSets} = {share:P1} (accepted [{low:P1}, {high:P1}])");
            share.Should().BeInRange(low, high, $"{model} parameter {i}: Binomial({dataSets}, 0.95) coverage");
        }

        double joint = (double)jointCovered / dataSets;
        TestContext.Out.WriteLine($"{model} joint 95 % ellipsoid (full covariance): {jointCovered}/{dataSets} = {joint:P1}");
        joint.Should().BeInRange(low, high, $"{model} joint coverage with the full covariance");
    }
}
