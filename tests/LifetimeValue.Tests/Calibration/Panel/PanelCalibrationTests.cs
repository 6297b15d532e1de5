using LifetimeValue.Calibration.Panel;
using LifetimeValue.Projection;

namespace LifetimeValue.Tests.Calibration.Panel;

/// <summary>
/// Every estimator on the hand-made panel of <see cref="PanelTestData.HandPanel"/>, against figures worked out by hand (written
/// out in each test) or computed independently from the rows in the test.
/// </summary>
public sealed class PanelCalibrationTests
{
    private static readonly PanelCalibrationOptions Options = new() { StageBoundaries = [20, 30, 40], AcquisitionCost = null };

    private static PanelFit Fit() => PanelCalibration.Fit(PanelTestData.HandPanel(), Options);

    [Test]
    public void Fit_HandPanel_AttritionIsClosuresOverExposure()
    {
        // Stage [20, 30): a (2 months at 29), b (4 at 25, closes), e (3 at 22): E = 9, D = 1.
        // Stage [30, 40): a (4 from its 30th birthday), c (2, closes), d (6): E = 12, D = 1.
        var fit = Fit();
        fit.Attrition.Select(a => (a.ExposureMonths, a.Closures)).Should().Equal((9L, 1L), (12L, 1L));
        fit.Attrition[0].MonthlyHazard.Should().BeApproximately(1.0 / 9, 1e-15, "D/E by hand");
        fit.Attrition[0].MonthlyHazardStandardError.Should().BeApproximately(Math.Sqrt(1.0 / 9 * (8.0 / 9) / 9), 1e-15, "binomial √(h(1−h)/E)");
        fit.Attrition[1].MonthlyHazard.Should().BeApproximately(1.0 / 12, 1e-15, "D/E by hand");
        fit.Attrition[1].AnnualAttrition.Should().BeApproximately(1 - Math.Pow(11.0 / 12, 12), 1e-15, "q = 1 − (1 − h)¹²");
        fit.Attrition[1].AnnualAttritionStandardError.Should().BeApproximately(12 * Math.Pow(11.0 / 12, 11) * Math.Sqrt(1.0 / 12 * (11.0 / 12) / 12), 1e-15, "delta method");
        fit.Model.Stages.Stages[1].MonthlyHazard.Should().BeApproximately(1.0 / 12, 1e-12, "the model's stage hazard is the estimate");
    }

    [Test]
    public void Fit_HandPanel_AdoptionAtStageEntryAndHoldingShare()
    {
        // [20, 30): entries a (card), b (no card in its first month), e (card) -> card 2/3; holding months 2 + 2 + 3 of 9.
        // [30, 40): entries a at its 30th birthday (card, loan), c (loan), d (none) -> card 1/3, loan 2/3; holding 4/12 and 6/12.
        var fit = Fit();
        var card20 = fit.Adoption.Single(a => a.Stage == "20-29" && a.Product == "Card");
        (card20.StageEntries, card20.EntryHolders, card20.CustomerMonths, card20.HoldingMonths).Should().Be((3L, 2L, 9L, 7L));
        card20.EntryProbability.Should().BeApproximately(2.0 / 3, 1e-15);
        card20.EntryStandardError.Should().BeApproximately(Math.Sqrt(2.0 / 27), 1e-15, "binomial √(p(1−p)/n) = √(2/27)");
        card20.HoldingShare.Should().BeApproximately(7.0 / 9, 1e-15);
        card20.Probability.Should().Be(card20.EntryProbability, "stage entry is the default basis");

        var card30 = fit.Adoption.Single(a => a.Stage == "30-39" && a.Product == "Card");
        var loan30 = fit.Adoption.Single(a => a.Stage == "30-39" && a.Product == "Loan");
        (card30.EntryProbability, loan30.EntryProbability).Should().Be((1.0 / 3, 2.0 / 3));
        (card30.HoldingShare, loan30.HoldingShare).Should().Be((4.0 / 12, 6.0 / 12));

        // Clustered SE of the holding share, by hand: episodes (n, h) = a (4, 4), c (2, 0), d (6, 0); π = 1/3;
        // Σ(h − πn)² = (8/3)² + (2/3)² + 2² = 104/9; × G/(G − 1) = 3/2 -> 156/9; √ / 12.
        card30.HoldingShareStandardError.Should().BeApproximately(Math.Sqrt(156.0 / 9) / 12, 1e-14, "cluster-robust by hand");
        fit.Model.Stages.Stages[1].Products.Select(p => (p.Name, p.AdoptionProbability)).Should().BeEquivalentTo([("Card", 1.0 / 3), ("Loan", 2.0 / 3)]);
    }

    [Test]
    public void Fit_MonthlyHoldingBasis_PutsHoldingSharesInTheModel()
    {
        var fit = PanelCalibration.Fit(PanelTestData.HandPanel(), Options with { AdoptionBasis = AdoptionBasis.MonthlyHolding });
        fit.Model.Stages.Stages[0].Products.Single().AdoptionProbability.Should().BeApproximately(7.0 / 9, 1e-15, "holding months / customer-months");
    }

    [Test]
    public void Fit_HandPanel_MarginsAreMeansWithClusteredErrors()
    {
        // Card [20, 30): a 10, 12; b 8, 6; e 5, 7, 9 -> mean 57/7; clusters (n, Σ) = (2, 22), (2, 14), (3, 21).
        // Loan [30, 40): a 100, 110, 90, 100; c 80, 130 -> mean 610/6; clusters (4, 400), (2, 210).
        // Base [20, 30): a 1, 1; b 0.5 × 4; e 0 × 3 -> 4/9. Base [30, 40): a 1 × 4, c 0 × 2, d 2 × 6 -> 16/12.
        var fit = Fit();
        var card = fit.Margins.Single(m => m.Product == "Card" && m.Stage == "20-29");
        card.Intercept.Should().BeApproximately(57.0 / 7, 1e-12);
        card.RateSlope.Should().BeNull("no rate series");
        card.InterceptStandardError.Should().BeApproximately(ClusteredMeanSe([(2, 22), (2, 14), (3, 21)]), 1e-12, "sandwich G/(G−1) Σ(Σ_i − n_i μ)² / n²");
        (card.Months, card.Clusters).Should().Be((7L, 3L));

        var loan = fit.Margins.Single(m => m.Product == "Loan");
        loan.Intercept.Should().BeApproximately(610.0 / 6, 1e-12);
        loan.InterceptStandardError.Should().BeApproximately(ClusteredMeanSe([(4, 400), (2, 210)]), 1e-12);

        fit.Margins.Where(m => m.IsBase).Select(m => m.Intercept).Should().Equal([4.0 / 9, 16.0 / 12], (a, e) => Math.Abs(a - e) < 1e-12);
        fit.Margins.Single(m => m.Product == "Card" && m.Stage == "30-39").InterceptStandardError.Should().Be(double.NaN, "one customer: not defined");
        fit.Notes.Should().Contain(n => n.Contains("rest on one customer", StringComparison.Ordinal));

        var stage = fit.Model.Stages.Stages[0];
        stage.BaseMargin.At(25, 0.03).Should().BeApproximately(4.0 / 9, 1e-12);
        stage.Products.Single().Margin.At(25, 0.05).Should().BeApproximately(57.0 / 7, 1e-12, "net revenue: no separate servicing cost");
        stage.Products.Single().MonthlyServicingCost.Should().Be(0);
    }

    [Test]
    public void Fit_HandPanel_AcquisitionProfileAndCost()
    {
        // First month 2020-01: a, b and d are existing customers; c (first seen 2020-02 at 34) and e (2020-04 at 22) were acquired,
        // at costs 300 and 200: mean 250, SE = sd/√n = 70.71/√2 = 50.
        var fit = Fit();
        fit.AcquisitionAges.Select(a => (a.Age, a.Customers)).Should().Equal((22, 1L), (34, 1L));
        fit.Data.AcquiredCustomers.Should().Be(2);
        fit.Data.ExistingCustomers.Should().Be(3);
        fit.AcquisitionCost!.Value.Value.Should().Be(250);
        fit.AcquisitionCost.Value.StandardError.Should().BeApproximately(50, 1e-12);
        fit.Model.AcquisitionCost.Should().Be(250);
        fit.Model.Acquisition.Ages.Should().Equal(22, 34);
        fit.Model.Horizon.EndAge.Should().Be(40);
    }

    [Test]
    public void Fit_GivenAcquisitionCost_OverridesThePanel()
    {
        var fit = PanelCalibration.Fit(PanelTestData.HandPanel(), Options with { AcquisitionCost = 90 });
        fit.Model.AcquisitionCost.Should().Be(90);
        fit.AcquisitionCost.Should().BeNull();
    }

    [Test]
    public void Fit_HandPanel_DataSummaryCountsCensoring()
    {
        var data = Fit().Data;
        (data.Customers, data.CustomerMonths, data.Closures, data.OpenAtLastMonth, data.LeftWithoutClosing).Should().Be((5L, 21L, 2L, 3L, 0L));
        data.FirstMonth.Should().Be(new DateOnly(2020, 1, 1));
        data.LastMonth.Should().Be(new DateOnly(2020, 6, 1));
    }

    [Test]
    public void Fit_HandPanel_ModelRunsOnTheExactEngine()
    {
        var fit = Fit();
        var projection = ExpectedValueEngine.Project(fit.Model, RatePath.Constant(0.03));
        projection.Rows[0].Survival.Should().Be(1.0);
        double.IsFinite(projection.Clv).Should().BeTrue();
    }

    [Test]
    public void Fit_RateSeries_MatchesOrdinaryLeastSquaresWithClusteredErrors()
    {
        // Oracle: ordinary least squares by the normal equations on the raw rows, and the cluster-robust sandwich
        // G/(G−1) (X'X)⁻¹ (Σ_g X_g'u_g u_g'X_g) (X'X)⁻¹ computed directly from the residuals, cluster = customer.
        var model = PanelTestData.SmallModel();
        var first = new DateOnly(2020, 1, 1);
        var rates = PanelTestData.WaveRates(first, 36);
        var rows = SyntheticPanel.Generate(model, new SyntheticPanelOptions { Customers = 1500, Months = 36, Seed = 11, Rates = rates, BurnInMonths = 240 }).ToList();
        var fit = PanelCalibration.Fit(rows, new PanelCalibrationOptions { StageBoundaries = PanelTestData.SmallBoundaries, Rates = rates });

        var mortgage = rows.Where(r => r.Product == "Mortgage").ToList();
        var estimate = fit.Margins.Single(m => m.Product == "Mortgage");
        var (a, b, va, vb, cov) = ClusteredOls(mortgage.Select(r => (r.CustomerId, Rate(rates, r.Month), r.NetRevenue)).ToList());
        estimate.Intercept.Should().BeApproximately(a, 1e-8 * Math.Abs(a));
        estimate.RateSlope!.Value.Should().BeApproximately(b, 1e-8 * Math.Abs(b));
        estimate.InterceptStandardError.Should().BeApproximately(Math.Sqrt(va), 1e-6 * Math.Sqrt(va));
        estimate.RateSlopeStandardError!.Value.Should().BeApproximately(Math.Sqrt(vb), 1e-6 * Math.Sqrt(vb));
        estimate.Covariance!.Value.Should().BeApproximately(cov, 1e-6 * Math.Abs(cov));
    }

    private static double Rate(MonthlyRates rates, DateOnly month) => rates.TryGet(month, out var r) ? r : throw new InvalidOperationException();

    private static double ClusteredMeanSe(IReadOnlyList<(double N, double Sum)> clusters)
    {
        var n = clusters.Sum(c => c.N);
        var mean = clusters.Sum(c => c.Sum) / n;
        var g = clusters.Count;
        var meat = clusters.Sum(c => (c.Sum - (c.N * mean)) * (c.Sum - (c.N * mean)));
        return Math.Sqrt(g / (g - 1.0) * meat) / n;
    }

    private static (double A, double B, double Va, double Vb, double Cov) ClusteredOls(List<(string Cluster, double R, double V)> obs)
    {
        double n = obs.Count, sr = obs.Sum(o => o.R), srr = obs.Sum(o => o.R * o.R), sv = obs.Sum(o => o.V), srv = obs.Sum(o => o.R * o.V);
        var det = (n * srr) - (sr * sr);
        double i00 = srr / det, i01 = -sr / det, i11 = n / det;
        var a = (i00 * sv) + (i01 * srv);
        var b = (i01 * sv) + (i11 * srv);
        double m00 = 0, m01 = 0, m11 = 0;
        var groups = obs.GroupBy(o => o.Cluster).ToList();
        foreach (var group in groups)
        {
            double s0 = 0, s1 = 0;
            foreach (var o in group)
            {
                var u = o.V - a - (b * o.R);
                s0 += u;
                s1 += o.R * u;
            }

            m00 += s0 * s0;
            m01 += s0 * s1;
            m11 += s1 * s1;
        }

        var f = groups.Count / (groups.Count - 1.0);
        double[,] inv = { { i00, i01 }, { i01, i11 } }, meat = { { m00, m01 }, { m01, m11 } };
        var v = new double[2, 2];
        for (var i = 0; i < 2; i++)
        {
            for (var j = 0; j < 2; j++)
            {
                for (var k = 0; k < 2; k++)
                {
                    for (var l = 0; l < 2; l++)
                    {
                        v[i, j] += f * inv[i, k] * meat[k, l] * inv[l, j];
                    }
                }
            }
        }

        return (a, b, v[0, 0], v[1, 1], v[0, 1]);
    }
}
