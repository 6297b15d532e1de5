using LifetimeValue.Calibration;

namespace LifetimeValue.Tests.Calibration;

public sealed class GammaGammaModelTests
{
    private static List<SpendHistory> Cdnow()
    {
        var (histories, spend) = CdnowData.Summary();
        return [.. histories.Select((h, i) => new SpendHistory(h.Frequency, spend[i]))];
    }

    // Published: Fader and Hardie (2013), "The Gamma-Gamma model of monetary value" (brucehardie.com note 025):
    // p = 6.25, q = 3.74, gamma = 15.44 on the 946 CDNOW sample customers with x > 0; CLVTools
    // tests/testthat/test_correctness_gg.R asserts these and LL = -4055.9177.
    [Test]
    public void Fit_CdnowRepeatCustomers_ReproducesFaderHardie2013()
    {
        var model = GammaGammaModel.Fit(Cdnow());

        model.Customers.Should().Be(946, "SOURCE.md: 946 customers have x > 0");
        model.P.Should().BeApproximately(6.25, 0.005, "Fader & Hardie 2013: p = 6.25");
        model.Q.Should().BeApproximately(3.74, 0.005, "Fader & Hardie 2013: q = 3.74");
        model.Gamma.Should().BeApproximately(15.44, 0.01, "Fader & Hardie 2013: gamma = 15.44 (flat direction: 4 significant digits within one unit)");
        model.LogLikelihood.Should().BeApproximately(-4055.92, 0.005, "SOURCE.md: the summary CSV rounds zbar to cents, giving -4055.92 where CLVTools (unrounded transactions) asserts -4055.9177; see RfmSummaryTests for the unrounded check");
        model.Diagnostics!.Converged.Should().BeTrue(model.Diagnostics.Message);
    }

    [Test]
    public void LogLikelihoodOf_PublishedParameters_MatchesSourceMd()
    {
        GammaGammaModel.LogLikelihoodOf(6.25, 3.74, 15.44, Cdnow()).Should().BeApproximately(-4055.92, 0.005, "SOURCE.md Python evaluation: -4055.92");
    }

    [Test]
    public void ConditionalExpectedSpend_IsWeightedAverage()
    {
        var model = GammaGammaModel.FromParameters(6.25, 3.74, 15.44);
        double population = 6.25 * 15.44 / 2.74;
        double px = 6.25 * 2;
        double expected = (2.74 / (px + 2.74)) * population + (px / (px + 2.74)) * 22.35;
        model.ConditionalExpectedSpend(new SpendHistory(2, 22.35)).Should().BeApproximately(expected, 1e-12, "hand calc: note 025 eq. 5 as a weighted average");
        model.ConditionalExpectedSpend(new SpendHistory(0, 0)).Should().BeApproximately(population, 1e-12, "x = 0: population mean p·gamma/(q-1)");
    }

    [Test]
    public void Fit_NonPositiveSpend_ThrowsWithIndex()
    {
        var act = () => GammaGammaModel.Fit([new(1, 10), new(2, 0), new(3, 12), new(1, 8)]);
        act.Should().Throw<ArgumentException>().WithMessage("*1 customer(s)*first: index 1, value 0*");
    }

    [Test]
    public void ConditionalExpectedSpend_FirstTenCdnowCustomers_MatchesHardieSpreadsheet()
    {
        // Hardie's Gamma-Gamma spreadsheet (brucehardie.com note 025), as asserted by lifetimes
        // test_conditional_expected_average_profit (atol 0.1): first 10 CDNOW sample customers, at the sheet's unrounded MLE
        // (our fit; the 3-digit published parameters move the x = 0 value 35.17 to 35.22).
        double[] expected = [24.65, 18.91, 35.17, 35.17, 35.17, 71.46, 18.91, 35.17, 27.28, 35.17];
        var customers = Cdnow();
        var model = GammaGammaModel.Fit(customers);
        for (var i = 0; i < expected.Length; i++)
        {
            model.ConditionalExpectedSpend(customers[i]).Should().BeApproximately(expected[i], 0.01, $"Hardie spreadsheet, customer {i + 1}, 2 printed decimals; the sheet's MLE differs from ours in the 4th digit");
        }
    }
}
