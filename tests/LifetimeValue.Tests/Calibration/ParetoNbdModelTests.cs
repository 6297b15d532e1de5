using LifetimeValue.Calibration;
using MathNet.Numerics;

namespace LifetimeValue.Tests.Calibration;

public sealed class ParetoNbdModelTests
{
    // Published: BTYD (Dziurzynski, Wadsworth, McCarthy) walkthrough vignette and BTYDplus demo/cdnow.R:
    // pnbd.EstimateParameters(cbs) on the CDNOW sample = (0.5534, 10.5802, 0.6061, 11.6562), pnbd.cbs.LL = -9594.976.
    // Fader, Hardie and Lee (2005, Marketing Science 24(2)) print r = 0.553, alpha = 10.578, s = 0.606, beta = 11.669, LL = -9595.0;
    // the flat beta direction makes the last digits optimiser-dependent, so beta is compared at 3 significant digits.
    [Test]
    public void Fit_CdnowSample_ReproducesBtydEstimates()
    {
        var (histories, _) = CdnowData.Summary();
        var model = ParetoNbdModel.Fit(histories);

        model.R.Should().BeApproximately(0.5534, 0.0005, "BTYD: r = 0.5534 (3+ significant digits)");
        model.Alpha.Should().BeApproximately(10.5802, 0.01, "BTYD: alpha = 10.5802");
        model.S.Should().BeApproximately(0.6061, 0.0005, "BTYD: s = 0.6061");
        model.Beta.Should().BeApproximately(11.6562, 0.05, "BTYD: beta = 11.6562 (3 significant digits)");
        model.LogLikelihood.Should().BeApproximately(-9594.976, 0.005, "BTYD pnbd.cbs.LL = -9594.976");
        model.Diagnostics!.Converged.Should().BeTrue(model.Diagnostics.Message);
        model.R.Should().BeApproximately(0.553, 0.0005, "FHL 2005 print r = 0.553");
        model.Alpha.Should().BeApproximately(10.578, 0.0005, "FHL 2005 print alpha = 10.578");
        model.S.Should().BeApproximately(0.606, 0.0005, "FHL 2005 print s = 0.606");
        model.Beta.Should().BeApproximately(11.669, 0.005, "FHL 2005 print beta = 11.669");
    }

    [Test]
    public void LogLikelihoodOf_PublishedParameters_MatchesSourceMd()
    {
        var (histories, _) = CdnowData.Summary();
        double ll = ParetoNbdModel.LogLikelihoodOf(0.5534, 10.5802, 0.6061, 11.6562, histories);
        ll.Should().BeApproximately(-9594.974, 0.002, "shared/data/cdnow/SOURCE.md: Python evaluation -9594.974 (BTYD -9594.976)");
    }

    [Test]
    public void LogLikelihoodOf_AlphaBelowAndAboveBeta_AgreesWithQuadrature()
    {
        // Oracle: the integral form of note 009 eq. 22, I(tx) − I(T) by MathNet Gauss–Kronrod, tolerance 1e-8 relative.
        foreach (var (alpha, beta) in new[] { (10.58, 11.66), (11.66, 10.58), (0.5, 40.0), (40.0, 0.5) })
        {
            const double R = 0.55, S = 0.61;
            var h = new RepeatHistory(3, 12.5, 38.0);
            double direct = ParetoNbdModel.LogLikelihoodOf(R, alpha, S, beta, [h]);
            double integral = Integrate.GaussKronrod(y => Math.Pow(alpha + y, -(R + 3)) * Math.Pow(beta + y, -(S + 1)), 12.5, 38.0, 1e-14, 20, 21);
            double l = Math.Exp(SpecialFunctions.GammaLn(R + 3) - SpecialFunctions.GammaLn(R)) * Math.Pow(alpha, R) * Math.Pow(beta, S)
                * (Math.Pow(alpha + 38, -(R + 3)) * Math.Pow(beta + 38, -S) + S * integral);
            direct.Should().BeApproximately(Math.Log(l), 1e-8, $"quadrature of the likelihood integral (alpha={alpha}, beta={beta})");
        }
    }

    [Test]
    public void Predictions_LargeFrequencyLongHistory_AreFinite()
    {
        var model = ParetoNbdModel.FromParameters(0.5534, 10.5802, 0.6061, 11.6562);
        var h = new RepeatHistory(500, 9_990, 10_000);
        double ll = ParetoNbdModel.LogLikelihoodOf(0.5534, 10.5802, 0.6061, 11.6562, [h]);
        double alive = model.ProbabilityAlive(h);
        double expected = model.ConditionalExpectedPurchases(52, h);
        double dert = model.DiscountedExpectedResidualTransactions(0.15 / 52, h);

        double.IsFinite(ll).Should().BeTrue("log space: no overflow for x = 500, T = 10,000");
        alive.Should().BeInRange(0.0, 1.0).And.BeGreaterThan(0.5, "a customer buying steadily until just before T is probably alive");
        double.IsFinite(expected).Should().BeTrue();
        double.IsFinite(dert).Should().BeTrue();
        expected.Should().BeGreaterThan(0);
    }

    [Test]
    public void DiscountedExpectedResidualTransactions_ShapeBelowOne_MatchesIncompleteGammaClosedForm()
    {
        // Oracle: E[1/(mu + delta)] = (1/delta) z^s e^z Gamma(1 − s, z), z = delta(beta + T), for s < 1
        // (MathNet GammaUpperIncomplete); the model uses quadrature. Tolerance 1e-8 relative.
        var model = ParetoNbdModel.FromParameters(0.5534, 10.5802, 0.6061, 11.6562);
        var h = new RepeatHistory(2, 30.43, 38.86);
        const double Delta = 0.0027;
        double z = Delta * (11.6562 + 38.86);
        double expectation = Math.Pow(z, 0.6061) * Math.Exp(z) * SpecialFunctions.GammaUpperIncomplete(1 - 0.6061, z) / Delta;
        double expected = model.ProbabilityAlive(h) * (0.5534 + 2) / (10.5802 + 38.86) * expectation;
        model.DiscountedExpectedResidualTransactions(Delta, h).Should().BeApproximately(expected, 1e-8 * expected, "closed form via the upper incomplete gamma function");
    }

    [Test]
    public void ConditionalExpectedPurchases_ShapeNearOne_IsContinuous()
    {
        var h = new RepeatHistory(2, 20, 38);
        double below = ParetoNbdModel.FromParameters(0.55, 10.6, 1 - 1e-9, 11.7).ConditionalExpectedPurchases(39, h);
        double at = ParetoNbdModel.FromParameters(0.55, 10.6, 1.0, 11.7).ConditionalExpectedPurchases(39, h);
        at.Should().BeApproximately(below, 1e-7, "s → 1 limit uses ln(1 + t/(beta + T)) (note 009 eq. 21)");
    }

    [Test]
    public void ProbabilityAlive_BtydWalkthroughCustomer_Is09979()
    {
        // BTYD walkthrough vignette p. 8 (also lifetimes test_conditional_probability_alive): x = 26, t_x = 30.86, T = 31
        // at the BTYD estimates -> P(alive) = 0.9979.
        var model = ParetoNbdModel.FromParameters(0.5534, 10.5802, 0.6061, 11.6562);
        model.ProbabilityAlive(new RepeatHistory(26, 30.86, 31)).Should().BeApproximately(0.9979, 0.00005, "BTYD walkthrough: 0.9979");
    }

    [Test]
    public void ConditionalExpectedPurchases_BtydWalkthroughCustomer_Is2546()
    {
        // BTYD walkthrough vignette (lifetimes test_conditional_expectation_returns_same_value_as_R_BTYD):
        // E[Y(52) | x = 26, t_x = 30.86, T = 31] = 25.46 at the fitted CDNOW parameters.
        var model = ParetoNbdModel.FromParameters(0.5534, 10.5802, 0.6061, 11.6562);
        model.ConditionalExpectedPurchases(52, new RepeatHistory(26, 30.86, 31)).Should().BeApproximately(25.46, 0.01, "BTYD walkthrough: 25.46, computed at unrounded estimates; ours uses the 4-decimal ones (lifetimes allows 0.01)");
    }

    [Test]
    public void ExpectedPurchases_OneWeek_MatchesHandCalculation()
    {
        // Hand calculation of note 009 eq. 17 at the BTYD estimates:
        // 0.5534·11.6562/(10.5802·(0.6061 − 1)) · [1 − (11.6562/12.6562)^(0.6061 − 1)] = 0.051008 (5 digits by hand).
        var model = ParetoNbdModel.FromParameters(0.5534, 10.5802, 0.6061, 11.6562);
        model.ExpectedPurchases(1).Should().BeApproximately(0.051008, 1e-5, "hand calculation, 5 significant digits");
    }

    [Test]
    public void Fit_CdnowSample_StandardErrorsMatchClvTools()
    {
        // CLVTools tests/testthat/test_correctness_pnbd_nocov.R (fct.testthat.correctness.nocov.correct.se): SEs from the
        // Hessian at the CDNOW optimum r = 0.0476264, alpha = 0.8427222, s = 0.1872594, beta = 6.2105448 (R tolerance 0.001).
        var (histories, _) = CdnowData.Summary();
        var model = ParetoNbdModel.Fit(histories);
        double[] expected = [0.0476264, 0.8427222, 0.1872594, 6.2105448];
        for (var i = 0; i < 4; i++)
        {
            model.Estimates[i].StandardError.Should().BeApproximately(expected[i], 0.01 * expected[i],
                $"CLVTools SE of {model.Estimates[i].Name}; 1 % relative (numerical Hessian, and beta lies on a flat ridge)");
        }
    }

    [Test]
    public void ProbabilityAlive_ClvToolsNaNRegression_IsFinite()
    {
        // CLVTools test_correctness_pnbd_nocov.R: inputs that produced NaN in an earlier CLVTools implementation.
        var model = ParetoNbdModel.FromParameters(0.5143, 2.8845, 0.2856, 14.1087);
        RepeatHistory[] customers =
        [
            new(221, 103.42857, 103.57143), new(254, 97.14286, 97.28571), new(161, 94.71429, 98.00000), new(204, 98.57143, 99.42857),
        ];
        foreach (var h in customers)
        {
            model.ProbabilityAlive(h).Should().BeInRange(0.0, 1.0, $"finite P(alive) at {h}");
        }
    }

    [Test]
    public void Fit_EveryoneBuysUntilTheEnd_ThrowsNotIdentified()
    {
        // Every customer's last purchase is at T: the data carry no information on dropout, so s and beta run to a
        // boundary. The fit must say so (ModelFitException with diagnostics), not return a silent "success".
        var histories = Enumerable.Range(0, 300).Select(i => new RepeatHistory(1 + (i % 5), 20 + (i % 7), 20 + (i % 7))).ToList();
        var act = () => ParetoNbdModel.Fit(histories);
        var error = act.Should().Throw<ModelFitException>().Which;
        error.Diagnostics.Should().NotBeNull();
        error.Diagnostics!.Converged.Should().BeFalse();
        TestContext.Out.WriteLine(error.Message + " " + error.Diagnostics);
    }

    [TestCase(0.55, 500.0, 0.6, 0.5, 200, 12.5, 38.0)]
    [TestCase(0.55, 0.5, 0.6, 500.0, 200, 12.5, 38.0)]
    [TestCase(0.05, 2000.0, 0.01, 0.01, 500, 0.5, 600.0)]
    [TestCase(3.0, 0.01, 2.0, 3000.0, 50, 9_000.0, 10_000.0)]
    public void LogLikelihoodOf_ExtremeParameters_AgreesWithScaledQuadrature(double r, double alpha, double s, double beta, int x, double tx, double t)
    {
        // Oracle: note 009 eq. 22 with the integral I(tx) − I(T) by MathNet Gauss–Kronrod, the integrand scaled by
        // (alpha + tx)^(r+x)(beta + tx)^(s+1) so that nothing underflows; 1e-7 absolute in ln L. These parameters put the
        // 2F1 argument near 1 with large a and b, where the connection formula cancels.
        double la = -(r + x) * Math.Log(alpha + tx) - (s + 1) * Math.Log(beta + tx);
        double integral = Integrate.GaussKronrod(
            y => Math.Exp(-(r + x) * Math.Log((alpha + y) / (alpha + tx)) - (s + 1) * Math.Log((beta + y) / (beta + tx))), tx, t, 1e-13, 25, 61);
        double died = Math.Log(s) + la + Math.Log(integral);
        double alive = -(r + x) * Math.Log(alpha + t) - s * Math.Log(beta + t);
        double max = Math.Max(alive, died);
        double expected = SpecialFunctions.GammaLn(r + x) - SpecialFunctions.GammaLn(r) + r * Math.Log(alpha) + s * Math.Log(beta)
            + max + Math.Log(Math.Exp(alive - max) + Math.Exp(died - max));
        ParetoNbdModel.LogLikelihoodOf(r, alpha, s, beta, [new RepeatHistory(x, tx, t)]).Should().BeApproximately(expected, 1e-7, "scaled quadrature of the likelihood integral");
    }

    [Test]
    public void ProbabilityOfPurchases_SumsToOneWithMeanEqualToExpectation()
    {
        // Oracle: the note 012 distribution must sum to 1 and have mean E[X(t)] (note 009 eq. 17, an independent formula).
        var model = ParetoNbdModel.FromParameters(0.5534, 10.5802, 0.6061, 11.6562);
        double sum = 0, mean = 0;
        for (var x = 0; x < 60; x++)
        {
            double p = model.ProbabilityOfPurchases(x, 38);
            sum += p;
            mean += x * p;
        }

        sum.Should().BeApproximately(1, 1e-6, "probabilities sum to 1 (tail beyond 60 is negligible)");
        mean.Should().BeApproximately(model.ExpectedPurchases(38), 1e-4, "mean of the distribution = E[X(t)]");
    }

    [Test]
    public void CalibrationFrequencies_Cdnow_ReproducesPublishedChiSquare()
    {
        // FHL 2005 Sec. 6: the Pareto/NBD calibration histogram (groups 0 … 6, 7+) has chi-square 11.99 with 3 df.
        var (histories, _) = CdnowData.Summary();
        var model = ParetoNbdModel.Fit(histories);
        var histogram = RepeatPurchaseDiagnostics.CalibrationFrequencies(model, histories, 7, 4);
        histogram.ChiSquare.Should().BeApproximately(11.99, 0.01, "FHL 2005: chi-square = 11.99");
    }
}
