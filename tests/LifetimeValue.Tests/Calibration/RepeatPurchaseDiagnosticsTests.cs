using LifetimeValue.Calibration;

namespace LifetimeValue.Tests.Calibration;

public sealed class RepeatPurchaseDiagnosticsTests
{
    [Test]
    public void ProbabilityAliveMatrix_BgNbd_IncreasesWithRecency()
    {
        var model = BgNbdModel.FromParameters(0.243, 4.414, 0.793, 2.426);
        var grid = RepeatPurchaseDiagnostics.ProbabilityAliveMatrix(model, 38.86, 10, 20);
        grid.Values.Should().HaveCount(11);
        grid.Values[0].Should().OnlyContain(v => v == 1.0, "BG/NBD: x = 0 customers are alive (FHL 2005 eq. 11)");
        for (var x = 1; x <= 10; x++)
        {
            grid.Values[x].Should().BeInAscendingOrder("a more recent last purchase makes the customer more likely alive");
            grid.Values[x][20].Should().BeApproximately(model.ProbabilityAlive(new RepeatHistory(x, 38.86, 38.86)), 1e-15);
        }
    }

    [Test]
    public void CumulativeRepeatTransactions_CdnowBgNbd_TracksActual()
    {
        // Actual totals from SOURCE.md: 2,457 repeat days in calibration, 2,457 + 1,882 = 4,339 by 1998-06-30.
        // FHL 2005 Sec. 6 (comparison table): the BG/NBD under-forecasts cumulative repeat sales by about 4 % at week 78.
        var path = CdnowData.File("CDNOW_sample.txt");
        var summary = RfmSummaryTests.CdnowFromTransactions();
        var model = BgNbdModel.Fit(summary.Histories());
        var series = RepeatPurchaseDiagnostics.CumulativeRepeatTransactions(model, summary,
            TransactionCsvReader.ReadFile(path, RfmSummaryTests.CdnowSampleLayout), new DateOnly(1997, 1, 1), new DateOnly(1998, 6, 30));

        series.Actual[^1].Should().Be(4339, "SOURCE.md: 2,457 + 1,882 repeat customer-days");
        int calibrationEnd = new DateOnly(1997, 9, 30).DayNumber - new DateOnly(1997, 1, 1).DayNumber;
        series.Actual[calibrationEnd].Should().Be(2457, "SOURCE.md: sum of x");
        series.Expected[calibrationEnd].Should().BeApproximately(2457, 0.03 * 2457, "the fitted model reproduces calibration totals (FHL 2005 Fig. 3)");
        (series.Expected[^1] / series.Actual[^1]).Should().BeApproximately(0.96, 0.015,
            "FHL 2005 Sec. 6: the BG/NBD under-forecasts cumulative repeat transactions at week 78 by about 4 %");
    }

    [Test]
    public void ConditionalExpectations_CdnowZeroClass_MatchesFaderHardieLee2005()
    {
        // FHL 2005 Sec. 6: the 1,411 customers with no repeat purchase in calibration made 334 purchases in the 39-week
        // holdout (0.24 each); the BG/NBD predicts 0.23 each and the Pareto/NBD 0.14 (2 printed decimals).
        var summary = RfmSummaryTests.CdnowFromTransactions();
        var bg = RepeatPurchaseDiagnostics.ConditionalExpectations(BgNbdModel.Fit(summary.Histories()), summary, 7);
        var pareto = RepeatPurchaseDiagnostics.ConditionalExpectations(ParetoNbdModel.Fit(summary.Histories()), summary, 7);

        bg.Customers[0].Should().Be(1411);
        (bg.ActualMean[0] * 1411).Should().BeApproximately(334, 1e-9, "FHL 2005: 334 holdout purchases by the zero class");
        bg.ExpectedMean[0].Should().BeApproximately(0.23, 0.005, "FHL 2005: BG/NBD zero-class conditional expectation 0.23");
        pareto.ExpectedMean[0].Should().BeApproximately(0.14, 0.005, "FHL 2005: Pareto/NBD zero-class conditional expectation 0.14");
    }

    [Test]
    public void FitReport_CdnowBgNbd_BundlesConsistentNumbers()
    {
        var summary = RfmSummaryTests.CdnowFromTransactions();
        var model = BgNbdModel.Fit(summary.Histories());
        var report = FitReport.Create(model, summary, TransactionCsvReader.ReadFile(CdnowData.File("CDNOW_sample.txt"), RfmSummaryTests.CdnowSampleLayout));

        report.Aic.Should().BeApproximately(8 - 2 * model.LogLikelihood, 1e-9, "AIC = 2k - 2LL, k = 4");
        report.Bic.Should().BeApproximately(4 * Math.Log(2357) - 2 * model.LogLikelihood, 1e-9, "BIC = k ln n - 2LL");
        report.Holdout!.HoldoutLength.Should().Be(39);
        report.Tracking!.Actual[^1].Should().Be(4339);
        report.Frequencies!.Observed.Sum().Should().Be(2357);
        report.ExpectedPurchases.Values[3][20].Should().BeApproximately(model.ConditionalExpectedPurchases(39, new RepeatHistory(3, report.ExpectedPurchases.Age, report.ExpectedPurchases.Age)), 1e-12);
    }
}
