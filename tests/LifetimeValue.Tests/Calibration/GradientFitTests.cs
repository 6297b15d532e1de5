using LifetimeValue.Calibration;
using LifetimeValue.Calibration.Internal;
using MathNet.Numerics.Differentiation;
using MathNet.Numerics.LinearAlgebra;

namespace LifetimeValue.Tests.Calibration;

/// <summary>
/// The analytic gradients behind the quasi-Newton fits, checked against central differences of the log-likelihood
/// (an independent computation from the value alone), the fit options (caps, cancellation) and the covariance matrix.
/// </summary>
public sealed class GradientFitTests
{
    private static readonly double[] Ages = [.. Enumerable.Range(0, 3000).Select(i => 27.0 + (12.0 * (i % 84) / 84.0))];

    [TestCase(false)]
    [TestCase(true)]
    public void BgFamilyGradient_MatchesCentralDifferences(bool modified)
    {
        var histories = modified
            ? SyntheticCustomers.ModifiedBgNbd(ModifiedBgNbdModel.FromParameters(0.5, 6.0, 1.2, 3.0), Ages, 5)
            : SyntheticCustomers.BgNbd(BgNbdModel.FromParameters(0.243, 4.414, 0.793, 2.426), Ages, 5);
        var data = CollapsedHistories.Create(histories, rescale: false);
        double[] theta = [0.3, 5.0, 0.9, 2.2];
        var gradient = new double[4];
        double ll = BgFamilyLikelihood.Sum(theta[0], theta[1], theta[2], theta[3], data, modified, gradient);
        Func<double[], double> f = t => BgFamilyLikelihood.Sum(t[0], t[1], t[2], t[3], data, modified, Span<double>.Empty);
        ll.Should().Be(f(theta), "the gradient pass returns the same value");
        var numeric = new NumericalJacobian(5, 2).Evaluate(f, theta);
        for (var i = 0; i < 4; i++)
        {
            gradient[i].Should().BeApproximately(numeric[i], 1e-6 * Math.Max(1, Math.Abs(numeric[i])) + 1e-5,
                $"∂LL/∂θ[{i}]: 5-point central differences (MathNet), relative 1e-6");
        }
    }

    [Test]
    public void GammaGammaGradient_MatchesCentralDifferences()
    {
        var frequencies = Enumerable.Range(0, 2000).Select(i => 1 + (i % 9)).ToArray();
        var customers = SyntheticCustomers.GammaGamma(GammaGammaModel.FromParameters(6.25, 3.74, 15.44), frequencies, 3);
        double[] theta = [5.0, 4.0, 12.0];
        var gradient = new double[3];
        double ll = GammaGammaModel.LogLikelihoodGradient(theta[0], theta[1], theta[2], customers, gradient);
        Func<double[], double> f = t => GammaGammaModel.LogLikelihoodOf(t[0], t[1], t[2], customers);
        ll.Should().BeApproximately(f(theta), 1e-9 * Math.Abs(ll));
        var numeric = new NumericalJacobian(5, 2).Evaluate(f, theta);
        for (var i = 0; i < 3; i++)
        {
            gradient[i].Should().BeApproximately(numeric[i], 1e-6 * Math.Max(1, Math.Abs(numeric[i])) + 1e-5, $"∂LL/∂θ[{i}]: central differences");
        }
    }

    [Test]
    public void Fit_UsesFewEvaluations_AndReportsTheGradientPath()
    {
        var truth = BgNbdModel.FromParameters(0.243, 4.414, 0.793, 2.426);
        var model = BgNbdModel.Fit(SyntheticCustomers.BgNbd(truth, Ages, 9));
        model.Diagnostics!.Converged.Should().BeTrue(model.Diagnostics.Message);
        model.Diagnostics.FunctionEvaluations.Should().BeLessThan(400,
            "3 starts of BFGS on the analytic gradient plus Newton checks (the derivative-free path used 600–1,300)");
        model.Diagnostics.Message.Should().NotContain("fallback");
    }

    [Test]
    public void Fit_IterationCap_ThrowsNamingTheOption()
    {
        var histories = SyntheticCustomers.BgNbd(BgNbdModel.FromParameters(0.243, 4.414, 0.793, 2.426), Ages, 9);
        var act = () => BgNbdModel.Fit(histories, new FitOptions { MaxIterations = 2 });
        act.Should().Throw<ModelFitException>().WithMessage("*not converged after 2 iterations per start (FitOptions.MaxIterations)*");
    }

    [Test]
    public void Fit_TimeLimit_ThrowsNamingTheOption()
    {
        var histories = SyntheticCustomers.BgNbd(BgNbdModel.FromParameters(0.243, 4.414, 0.793, 2.426), Ages, 9);
        var act = () => BgNbdModel.Fit(histories, new FitOptions { TimeLimit = TimeSpan.FromTicks(1) });
        act.Should().Throw<ModelFitException>().WithMessage("*not converged within the time limit*FitOptions.TimeLimit*");
    }

    [Test]
    public void Fit_CancelledToken_ThrowsOperationCanceled()
    {
        var histories = SyntheticCustomers.BgNbd(BgNbdModel.FromParameters(0.243, 4.414, 0.793, 2.426), Ages, 9);
        using var source = new CancellationTokenSource();
        source.Cancel();
        var act = () => ParetoNbdModel.Fit(histories, new FitOptions { CancellationToken = source.Token });
        act.Should().Throw<OperationCanceledException>();
    }

    [Test]
    public void FitOptions_RejectsOutOfRange()
    {
        var iterations = () => new FitOptions { MaxIterations = 0 };
        iterations.Should().Throw<ArgumentOutOfRangeException>().WithMessage("*MaxIterations must be in [1, 1000000] (was 0)*");
        var time = () => new FitOptions { TimeLimit = TimeSpan.Zero };
        time.Should().Throw<ArgumentOutOfRangeException>().WithMessage("*TimeLimit must be positive*");
    }

    [Test]
    public void Covariance_OnCdnow_IsTheInverseOfAnIndependentNumericalHessian()
    {
        // Oracle: MathNet's NumericalHessian of the public LogLikelihoodOf in natural parameters at the fitted optimum,
        // inverted: Cov(θ̂) = (−∇²LL)⁻¹. The fit's covariance comes from its own log-scale Hessian (differences of the analytic
        // gradient on rescaled time) mapped by the delta method, so agreement to 2 % checks both.
        var (histories, _) = CdnowData.Summary();
        var model = BgNbdModel.Fit(histories);
        var cov = model.Diagnostics!.Covariance!;
        double[] theta = [model.R, model.Alpha, model.A, model.B];
        Func<double[], double> f = t => -BgNbdModel.LogLikelihoodOf(t[0], t[1], t[2], t[3], histories);
        var h = Matrix<double>.Build.DenseOfArray(new NumericalHessian(5, 2).Evaluate(f, theta));
        var oracle = ((h + h.Transpose()) / 2).Inverse();
        for (var i = 0; i < 4; i++)
        {
            cov.StandardError(i).Should().BeApproximately(model.Estimates[i].StandardError, 1e-12, "the estimates carry the covariance's diagonal");
            for (var j = 0; j < 4; j++)
            {
                cov.Covariance(i, j).Should().BeApproximately(oracle[i, j], 0.02 * Math.Sqrt(oracle[i, i] * oracle[j, j]), $"Cov[{i},{j}] against the numerical Hessian");
                cov.Covariance(i, j).Should().Be(cov.Covariance(j, i));
            }
        }

        TestContext.Out.WriteLine($"CDNOW BG/NBD corr(r, alpha) = {cov.Correlation(0, 1):F3}, corr(a, b) = {cov.Correlation(2, 3):F3}");
        cov.Correlation(0, 1).Should().BeGreaterThan(0.5, "r and α move together (same mean rate r/α)");
        var (lower, upper) = cov.Interval(0);
        lower.Should().BeLessThan(model.R);
        upper.Should().BeGreaterThan(model.R);
        Math.Log(upper / model.R).Should().BeApproximately(1.959963984540054 * cov.StandardError(0) / model.R, 1e-9, "log-scale Wald interval");
    }

    [Test]
    public void LargeSample_FitsAreThreadAndChunkConsistent()
    {
        // 300,000 distinct histories (5 chunks of 65,536): the chunked parallel sum equals a sequential sum of the same terms
        // to rounding (1e-12 relative), and the fit recovers the truth within 4 standard errors.
        var truth = BgNbdModel.FromParameters(0.243, 4.414, 0.793, 2.426);
        var ages = Enumerable.Range(0, 300_000).Select(i => 27.0 + (12.0 * (i % 997) / 997.0)).ToArray();
        var histories = SyntheticCustomers.BgNbd(truth, ages, 21);
        var data = CollapsedHistories.Create(histories, rescale: false);
        double chunked = BgFamilyLikelihood.Sum(0.243, 4.414, 0.793, 2.426, data, false, Span<double>.Empty);
        double sequential = 0;
        for (var i = 0; i < data.Count; i++)
        {
            var h = new RepeatHistory(data.X[i], data.Tx[i], data.T[i]);
            sequential += data.Weight[i] * BgNbdModel.LogLikelihoodOf(0.243, 4.414, 0.793, 2.426, [h]);
        }

        chunked.Should().BeApproximately(sequential, 1e-12 * Math.Abs(sequential), "per-customer sum, one history at a time");
        var model = BgNbdModel.Fit(histories);
        double[] fitted = [model.R, model.Alpha, model.A, model.B];
        double[] expected = [0.243, 4.414, 0.793, 2.426];
        for (var i = 0; i < 4; i++)
        {
            fitted[i].Should().BeApproximately(expected[i], 4 * model.Estimates[i].StandardError, $"{model.Estimates[i].Name} within 4 SE of the truth");
        }
    }
}
