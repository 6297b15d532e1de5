using System.Globalization;
using LifetimeValue.Calibration;

namespace LifetimeValue.Tests.Calibration;

public sealed class RfmSummaryTests
{
    internal static readonly TransactionCsvOptions CdnowSampleLayout = new()
    {
        Separator = null,
        HasHeader = false,
        CustomerColumn = 2,
        DateColumn = 3,
        AmountColumn = 5,
        DateFormat = "yyyyMMdd",
    };

    internal static RfmSummary CdnowFromTransactions()
    {
        using var reader = new StreamReader(CdnowData.File("CDNOW_sample.txt"));
        return RfmSummary.FromCsv(reader, CdnowSampleLayout, new DateOnly(1997, 9, 30), TimeUnit.Week, new DateOnly(1998, 6, 30));
    }

    [Test]
    public void FromTransactions_HandExample_MergesSameDayAndSplitsHoldout()
    {
        Transaction[] log =
        [
            new("A", new DateOnly(2024, 1, 8), 10), // first purchase
            new("A", new DateOnly(2024, 1, 8), 5), // same day: merged into the first
            new("A", new DateOnly(2024, 1, 22), 20), // repeat, 2 weeks later
            new("A", new DateOnly(2024, 1, 29), 30), // repeat, 3 weeks after first
            new("A", new DateOnly(2024, 1, 29), 10), // same day: merged
            new("A", new DateOnly(2024, 2, 10), 7), // holdout
            new("B", new DateOnly(2024, 1, 29), 4), // one purchase only
            new("C", new DateOnly(2024, 2, 12), 9), // acquired after calibration
        ];
        var summary = RfmSummary.FromTransactions(log.Reverse(), new DateOnly(2024, 2, 5), TimeUnit.Week, new DateOnly(2024, 3, 4));

        summary.Customers.Should().HaveCount(2);
        summary.CustomersAcquiredAfterCalibration.Should().Be(1);
        summary.HoldoutLength.Should().Be(4, "hand calc: 2024-02-05 → 2024-03-04 is 28 days");
        var a = summary.Customers.Single(c => c.CustomerId == "A");
        a.Should().Be(new CustomerRfm("A", new DateOnly(2024, 1, 8), 2, 3, 4, 30, 15, 1, 7),
            "hand calc: x = 2 repeat days, t_x = 21/7, T = 28/7, mean repeat value (20 + 40)/2, first day 10 + 5");
        summary.Customers.Single(c => c.CustomerId == "B").ToRepeatHistory().Should().Be(new RepeatHistory(0, 0, 1));
    }

    [Test]
    public void FromCsv_OutOfOrderCustomer_Throws()
    {
        const string Csv = "c,d,a\nA,2024-01-10,1\nA,2024-01-03,1\n";
        var act = () => RfmSummary.FromCsv(new StringReader(Csv), new TransactionCsvOptions(), new DateOnly(2024, 2, 1), TimeUnit.Day);
        act.Should().Throw<InvalidOperationException>().WithMessage("*'A'*not in date order*2024-01-03 after 2024-01-10*");
    }

    [Test]
    public void FromCsv_CdnowSample_MatchesPublishedSummary()
    {
        // Oracle: lifetimes' cdnow_customers_summary_with_transactions.csv (x, t_x, T rounded to 2 decimals, zbar),
        // and SOURCE.md: sum x = 2,457, 1,411 customers with x = 0, 1,882 holdout repeat days.
        var summary = CdnowFromTransactions();
        var (histories, spend) = CdnowData.Summary();
        summary.Customers.Should().HaveCount(2357);
        summary.TransactionsRead.Should().Be(6919);
        summary.HoldoutLength.Should().Be(39);
        summary.Customers.Sum(c => c.Frequency).Should().Be(2457);
        summary.Customers.Count(c => c.Frequency == 0).Should().Be(1411);
        summary.Customers.Sum(c => c.HoldoutFrequency).Should().Be(1882);
        var byId = summary.Customers.ToDictionary(c => int.Parse(c.CustomerId, CultureInfo.InvariantCulture));
        for (var i = 0; i < histories.Count; i++)
        {
            var c = byId[i + 1];
            c.Frequency.Should().Be(histories[i].Frequency);
            c.Recency.Should().BeApproximately(histories[i].Recency, 0.0051, "the published summary rounds to 2 decimals");
            c.Age.Should().BeApproximately(histories[i].Age, 0.0051, "the published summary rounds to 2 decimals");
            c.MeanRepeatValue.Should().BeApproximately(spend[i], 0.0051, "zbar rounded to cents");
        }
    }

    [Test]
    public void GammaGammaFit_UnroundedCdnowTransactions_MatchesClvTools()
    {
        // CLVTools tests/testthat/test_correctness_gg.R fits the transaction data (unrounded means):
        // p = 6.25, q = 3.74, gamma = 15.44, LL = -4055.9177 (Fader & Hardie 2013).
        var model = GammaGammaModel.Fit(CdnowFromTransactions().SpendHistories());
        model.P.Should().BeApproximately(6.25, 0.005, "Fader & Hardie 2013: p = 6.25");
        model.Q.Should().BeApproximately(3.74, 0.005, "Fader & Hardie 2013: q = 3.74");
        model.Gamma.Should().BeApproximately(15.44, 0.01, "Fader & Hardie 2013: gamma = 15.44");
        model.LogLikelihood.Should().BeApproximately(-4055.9177, 0.001, "CLVTools: LL = -4055.9177");
    }

    [Test]
    public void BgNbdFit_UnroundedCdnowTransactions_MatchesFaderHardieLee2005()
    {
        var model = BgNbdModel.Fit(CdnowFromTransactions().Histories());
        model.R.Should().BeApproximately(0.243, 0.0005, "FHL 2005: r = 0.243");
        model.Alpha.Should().BeApproximately(4.414, 0.0005, "FHL 2005: alpha = 4.414");
        model.A.Should().BeApproximately(0.793, 0.0005, "FHL 2005: a = 0.793");
        model.B.Should().BeApproximately(2.426, 0.0005, "FHL 2005: b = 2.426");
        model.LogLikelihood.Should().BeApproximately(-9582.4, 0.05, "FHL 2005: LL = -9582.4");
        model.LogLikelihood.Should().BeApproximately(-9582.429, 0.001, "CLVTools test_correctness_bgnbd.R on the same unrounded data: LL = -9582.429");
    }

    [Test]
    public void ParetoNbdFit_UnroundedCdnowTransactions_MatchesBtydLikelihood()
    {
        // BTYD walkthrough / BTYDplus demo: pnbd.cbs.LL at the MLE = -9594.976 on the CDNOW elog summary (unrounded times).
        var model = ParetoNbdModel.Fit(CdnowFromTransactions().Histories());
        model.LogLikelihood.Should().BeApproximately(-9594.976, 0.001, "BTYD: -9594.976");
        model.R.Should().BeApproximately(0.553, 0.0005, "FHL 2005: r = 0.553");
        model.S.Should().BeApproximately(0.606, 0.0005, "FHL 2005: s = 0.606");
    }

    [Test]
    public void CohortsFit_UnidentifiedCohort_IsReportedNotThrown()
    {
        Transaction[] log =
        [
            new("A", new DateOnly(2024, 1, 2), 1), new("A", new DateOnly(2024, 1, 9), 1),
            new("B", new DateOnly(2024, 2, 2), 1), // February cohort: nobody repeats
        ];
        var summary = RfmSummary.FromTransactions(log, new DateOnly(2024, 3, 31), TimeUnit.Week);
        var fits = Cohorts.Fit(summary, d => d.ToString("yyyy-MM", CultureInfo.InvariantCulture), s => BgNbdModel.Fit(s.Histories()));
        var february = fits.Single(f => f.Key == "2024-02");
        february.Model.Should().BeNull();
        february.Error.Should().BeOfType<ArgumentException>().Which.Message.Should().Contain("not identified");
    }

    [Test]
    public void ByCohort_CdnowSample_OneQuarter()
    {
        var cohorts = CdnowFromTransactions().ByCohort(RfmSummary.QuarterOf);
        cohorts.Keys.Should().Equal(["1997-Q1"], "SOURCE.md: all first purchases fall in 1997-01-01 … 1997-03-25");
    }

    [Test]
    public void ByCohort_MonthlyCdnowCohorts_FitSeparately()
    {
        // Acquisition cohorts January, February, March 1997, each fitted on its own. The pooled model is the special
        // case of equal parameters, so the cohort log-likelihoods sum to at least the pooled one.
        var summary = CdnowFromTransactions();
        var cohorts = summary.ByCohort(d => d.ToString("yyyy-MM", CultureInfo.InvariantCulture));
        cohorts.Keys.Should().Equal("1997-01", "1997-02", "1997-03");
        cohorts.Values.Sum(c => c.Customers.Count).Should().Be(2357);
        var fits = Cohorts.Fit(summary, d => d.ToString("yyyy-MM", CultureInfo.InvariantCulture), s => BgNbdModel.Fit(s.Histories()));
        fits.Select(f => f.Key).Should().Equal("1997-01", "1997-02", "1997-03");
        fits.Should().OnlyContain(f => f.Error == null && f.Model!.Diagnostics!.Converged);
        double pooled = BgNbdModel.Fit(summary.Histories()).LogLikelihood;
        fits.Sum(f => f.Model!.LogLikelihood).Should().BeGreaterThanOrEqualTo(pooled - 1e-6, "separate cohort fits nest the pooled fit");
    }
}
