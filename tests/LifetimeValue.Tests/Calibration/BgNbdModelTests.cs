using LifetimeValue.Calibration;

namespace LifetimeValue.Tests.Calibration;

public sealed class BgNbdModelTests
{
    // Published: Fader, Hardie and Lee (2005), "Counting your customers the easy way", Marketing Science 24(2), Sec. 5:
    // r = 0.243, alpha = 4.414, a = 0.793, b = 2.426, LL = -9582.4 on the 2,357-customer CDNOW sample (weeks).
    // The same numbers are asserted by lifetimes tests/test_estimation.py (TestBetaGeoFitter, params close to Hardie paper).
    [Test]
    public void Fit_CdnowSample_ReproducesFaderHardieLee2005()
    {
        var (histories, _) = CdnowData.Summary();
        var model = BgNbdModel.Fit(histories);

        model.R.Should().BeApproximately(0.243, 0.0005, "FHL 2005 publish r = 0.243 (3 significant digits)");
        model.Alpha.Should().BeApproximately(4.414, 0.0005, "FHL 2005 publish alpha = 4.414");
        model.A.Should().BeApproximately(0.793, 0.0005, "FHL 2005 publish a = 0.793");
        model.B.Should().BeApproximately(2.426, 0.0005, "FHL 2005 publish b = 2.426");
        model.LogLikelihood.Should().BeApproximately(-9582.4, 0.05, "FHL 2005 publish LL = -9582.4");
        model.Diagnostics!.Converged.Should().BeTrue(model.Diagnostics.Message);
        model.Estimates.Should().OnlyContain(e => e.StandardError > 0 && e.StandardError < e.Value, "a well-identified fit has finite, positive SEs");
    }

    [Test]
    public void LogLikelihoodOf_PublishedParameters_MatchesSourceMd()
    {
        var (histories, _) = CdnowData.Summary();
        double ll = BgNbdModel.LogLikelihoodOf(0.243, 4.414, 0.793, 2.426, histories);
        ll.Should().BeApproximately(-9582.43, 0.01, "shared/data/cdnow/SOURCE.md: independent Python evaluation at the published parameters gives -9582.43");
    }

    [Test]
    public void Predictions_LargeFrequencyLongHistory_AreFinite()
    {
        var model = BgNbdModel.FromParameters(0.243, 4.414, 0.793, 2.426);
        var h = new RepeatHistory(500, 9_990, 10_000);
        double ll = BgNbdModel.LogLikelihoodOf(0.243, 4.414, 0.793, 2.426, [h]);
        double alive = model.ProbabilityAlive(h);
        double expected = model.ConditionalExpectedPurchases(52, h);

        double.IsFinite(ll).Should().BeTrue("log space must not overflow for x = 500, T = 10,000");
        alive.Should().BeInRange(0, 1);
        expected.Should().BeGreaterThan(0).And.Match(v => double.IsFinite(v));
        // Oracle: given alive, E[Y(t)] ≈ t·(r+x)/(α+T) for small t/T (posterior mean rate); P(alive) scales it.
        expected.Should().BeApproximately(alive * 52 * (0.243 + 500) / (4.414 + 10_000), 0.02 * 52 * 500 / 10_000,
            "posterior-mean-rate approximation, 2% of the alive rate·t");
    }

    [Test]
    public void ProbabilityAlive_NoRepeatPurchase_IsOne()
    {
        var model = BgNbdModel.FromParameters(0.243, 4.414, 0.793, 2.426);
        model.ProbabilityAlive(new RepeatHistory(0, 0, 30)).Should().Be(1.0, "BG/NBD: dropout only happens after a purchase (FHL 2005 eq. 11)");
    }

    [Test]
    public void ExpectedPurchases_PublishedParameters_MatchesNumericalIntegralOfRate()
    {
        // Oracle: E[X(t)] = ∫ E[λ·P(alive at u)] du needs a Monte-Carlo model; instead check the defining limit
        // E[X(t)] ≈ (r/α)·t for small t (everybody alive), within 0.5 %.
        var model = BgNbdModel.FromParameters(0.243, 4.414, 0.793, 2.426);
        model.ExpectedPurchases(0.01).Should().BeApproximately(0.243 / 4.414 * 0.01, 0.005 * 0.243 / 4.414 * 0.01, "small-t limit r·t/α");
    }

    [Test]
    public void Fit_NoRepeatPurchases_ThrowsNotIdentified()
    {
        var act = () => BgNbdModel.Fit([new RepeatHistory(0, 0, 10), new RepeatHistory(0, 0, 20)]);
        act.Should().Throw<ArgumentException>().WithMessage("*not identified*");
    }

    [TestCase(0.6, 10.0, 0.3, 0.4)]
    [TestCase(0.243, 4.414, 0.793, 2.426)]
    [TestCase(2.0, 5.0, 3.0, 6.0)]
    public void ExpectedPurchases_MatchesSimulationMean(double r, double alpha, double a, double b)
    {
        // Oracle: the mean repeat count of 60,000 customers simulated with the library's Philox generator over T = 20
        // (E[x] = E[X(T)]); tolerance 4 standard errors of the simulated mean. Covers a + b < 1, where 2F1 < 0.
        var model = BgNbdModel.FromParameters(r, alpha, a, b);
        var sim = SyntheticCustomers.BgNbd(model, Enumerable.Repeat(20.0, 60_000).ToArray(), seed: 99);
        double mean = sim.Average(h => h.Frequency);
        double sd = Math.Sqrt(sim.Average(h => (h.Frequency - mean) * (h.Frequency - mean)));
        model.ExpectedPurchases(20).Should().BeApproximately(mean, 4 * sd / Math.Sqrt(60_000), "Monte Carlo mean, 4 SE");
    }

    [Test]
    public void Fit_CdnowSample_MatchesClvToolsToFourDigits()
    {
        // CLVTools tests/testthat/test_correctness_bgnbd.R: r = 0.2425945, alpha = 4.4136019, a = 0.7929199,
        // b = 2.4258881, LL = -9582.429; 2e-4 relative (both optimisers stop on the same flat ridge to about 5 digits).
        var (histories, _) = CdnowData.Summary();
        var model = BgNbdModel.Fit(histories);
        double[] expected = [0.2425945, 4.4136019, 0.7929199, 2.4258881];
        for (var i = 0; i < 4; i++)
        {
            model.Estimates[i].Value.Should().BeApproximately(expected[i], 2e-4 * expected[i], $"CLVTools {model.Estimates[i].Name}");
        }

        model.LogLikelihood.Should().BeApproximately(-9582.429, 0.005, "CLVTools LL = -9582.429 on unrounded times; the summary CSV rounds t_x and T to 2 decimals (see RfmSummaryTests for the exact check)");
    }

    [Test]
    public void CalibrationFrequencies_Cdnow_ReproducesPublishedChiSquare()
    {
        // FHL 2005 Sec. 6: the BG/NBD calibration-period histogram (groups 0 … 6, 7+) has chi-square 4.82 with 3 df.
        var (histories, _) = CdnowData.Summary();
        var model = BgNbdModel.Fit(histories);
        var histogram = RepeatPurchaseDiagnostics.CalibrationFrequencies(model, histories, 7, 4);
        histogram.ChiSquare.Should().BeApproximately(4.82, 0.005, "FHL 2005: chi-square = 4.82");
        histogram.DegreesOfFreedom.Should().Be(3);
        histogram.Observed.Should().Equal(1411, 439, 214, 100, 62, 38, 29, 64);
        histogram.Expected.Sum().Should().BeApproximately(2357, 1e-6);
    }

    [Test]
    public void ProbabilityOfPurchases_SumsToOneWithMeanEqualToExpectation()
    {
        // Oracle: a distribution sums to 1 and its mean is E[X(t)] (FHL 2005 eq. 9), to 1e-10.
        var model = BgNbdModel.FromParameters(0.243, 4.414, 0.793, 2.426);
        double sum = 0, mean = 0;
        for (var x = 0; x < 2000; x++)
        {
            double p = model.ProbabilityOfPurchases(x, 38);
            sum += p;
            mean += x * p;
        }

        sum.Should().BeApproximately(1, 1e-10);
        mean.Should().BeApproximately(model.ExpectedPurchases(38), 1e-10);
    }
}
