using LifetimeValue.Calibration.Panel;
using LifetimeValue.Lifecycle;
using LifetimeValue.Projection;
using MathNet.Numerics.Distributions;

namespace LifetimeValue.Tests.Calibration.Panel;

/// <summary>
/// Recovery: panels drawn from known models (<see cref="SyntheticPanel"/>, fixed seeds, so the data are deterministic) are
/// calibrated, and the estimates must cover the truth as their standard errors say — one seed within a few standard errors,
/// and, over many seeds, 95 % intervals covering the truth a binomially plausible number of times.
/// </summary>
public sealed class PanelRecoveryTests
{
    private static readonly DateOnly First = new(2020, 1, 1);

    /// <summary>The truth behind each estimate of a fit: (kind, estimate, standard error, true value).</summary>
    private static List<(string Kind, string Name, double Estimate, double Se, double Truth)> Compare(PanelFit fit, LifecycleModel truth)
    {
        var result = new List<(string, string, double, double, double)>();
        var ladder = truth.Stages;
        foreach (var a in fit.Attrition)
        {
            result.Add(("hazard", a.Stage, a.MonthlyHazard, a.MonthlyHazardStandardError, ladder.Stages[ladder.IndexOf(a.StartAge)].MonthlyHazard));
        }

        foreach (var a in fit.Adoption)
        {
            var stage = ladder.Stages[ladder.IndexOf(fit.Attrition.Single(x => x.Stage == a.Stage).StartAge)];
            result.Add(("adoption", $"{a.Stage} {a.Product}", a.EntryProbability, a.EntryStandardError, stage.Products.Single(p => p.Name == a.Product).AdoptionProbability));
        }

        foreach (var m in fit.Margins.Where(m => m.BorrowedFrom is null))
        {
            var stage = ladder.Stages[ladder.IndexOf(m.FromAge)];
            var (margin, servicing) = m.IsBase ? (stage.BaseMargin, 0.0) : (stage.Products.Single(p => p.Name == m.Product).Margin, stage.Products.Single(p => p.Name == m.Product).MonthlyServicingCost);
            result.Add(("margin a", $"{m.Product} {m.FromAge}", m.Intercept, m.InterceptStandardError, margin.Intercept.ValueAt(m.FromAge) - servicing));
            if (m.RateSlope is { } b)
            {
                result.Add(("margin b", $"{m.Product} {m.FromAge}", b, m.RateSlopeStandardError!.Value, margin.RateSlope.ValueAt(m.FromAge)));
            }
        }

        return result;
    }

    [Test]
    public void Fit_BankPresetPanel_RecoversEveryParameter()
    {
        // 20,000 acquisitions over 74 years of burn-in and a 5-year panel (~750,000 rows); margins by single year of age, so the
        // fitted model can represent the preset's age-dependent loan rates exactly.
        var bank = Presets.Bank();
        var rates = PanelTestData.WaveRates(First, 60);
        var panel = SyntheticPanel.Generate(bank, new SyntheticPanelOptions { Customers = 20_000, Months = 60, Seed = 20260401, Rates = rates });
        var fit = PanelCalibration.Fit(panel, new PanelCalibrationOptions { StageBoundaries = PanelTestData.BankBoundaries, MarginBandYears = 1, Rates = rates });

        var comparisons = Compare(fit, bank);
        comparisons.Count(c => c.Kind == "hazard").Should().Be(7);
        comparisons.Count(c => c.Kind == "adoption").Should().Be(20, "every product of every stage is found");
        foreach (var (kind, name, estimate, se, truth) in comparisons)
        {
            // 3 SE for the 27 hazards and adoptions; 4 SE for the ~700 margin coefficients (P(|z| > 4) = 6e-5 each).
            var k = kind.StartsWith("margin", StringComparison.Ordinal) ? 4 : 3;
            if (se > 0)
            {
                Math.Abs(estimate - truth).Should().BeLessThanOrEqualTo(k * se, $"{kind} {name} = {estimate:G5} ± {se:G3} should cover the truth {truth:G5} within {k} SE");
            }
            else
            {
                estimate.Should().BeApproximately(truth, 1e-9, $"{kind} {name}: no sampling error (deterministic margin)");
            }
        }

        fit.AcquisitionCost!.Value.Value.Should().Be(250);
        fit.Model.Acquisition.Ages.Should().Equal(11, 12, 13, 14, 15);
        var rate = RatePath.Constant(0.03);
        var interval = fit.ClvInterval(rate, 200, seed: 5);
        var sd = Math.Sqrt(interval.Draws.Sum(d => (d - interval.Mean) * (d - interval.Mean)) / (interval.Draws.Count - 1));
        var trueClv = ExpectedValueEngine.Project(bank, rate).Clv;
        Math.Abs(interval.PointEstimate - trueClv).Should().BeLessThanOrEqualTo(3 * sd,
            $"the fitted CLV {interval.PointEstimate:F1} should be within 3 bootstrap SD ({sd:F1}) of the preset's {trueClv:F1}");
    }

    [Test]
    public void FindStages_BankPresetPanel_FindsThePresetsLadder()
    {
        var bank = Presets.Bank();
        var panel = SyntheticPanel.Generate(bank, new SyntheticPanelOptions { Customers = 20_000, Months = 60, Seed = 3 });
        PanelCalibration.FindStages(panel).Should().Equal(PanelTestData.BankBoundaries,
            "every boundary of the preset changes the products held, which binary segmentation with a BIC penalty detects at this size");
    }

    [Test]
    public void Fit_StagesFromData_AreUsedAndNoted()
    {
        var model = PanelTestData.SmallModel();
        var panel = SyntheticPanel.Generate(model, new SyntheticPanelOptions { Customers = 4_000, Months = 36, Seed = 8 }).ToList();
        var fit = PanelCalibration.Fit(panel);
        fit.StagesFromData.Should().BeTrue();
        fit.Model.Stages.Stages.Select(s => s.StartAge).Append(fit.Model.Stages.EndAge).Should().Equal(PanelTestData.SmallBoundaries);
        fit.Notes[0].Should().Be("Stages found from the data (binary segmentation, BIC): boundaries 20, 30, 45, 60.");
    }

    [Test]
    public void Fit_ManySeeds_NinetyFivePercentIntervalsCoverAsOften()
    {
        var (covered, total, clvCovered) = Coverage(seeds: 40);
        foreach (var kind in total.Keys)
        {
            var (lo, hi) = BinomialRange(total[kind], 0.95, 0.001);
            covered[kind].Should().BeInRange(lo, hi,
                $"{kind}: {covered[kind]} of {total[kind]} 95 % intervals cover the truth; Binomial({total[kind]}, 0.95) puts 99.9 % of outcomes in [{lo}, {hi}]");
        }

        var (clvLo, _) = BinomialRange(40, 0.95, 0.001);
        clvCovered.Should().BeGreaterThanOrEqualTo(clvLo, $"the generating model's CLV lies in the fitted model's 95 % interval in {clvCovered} of 40 panels");
        TestContext.Out.WriteLine(string.Join("; ", total.Keys.Select(k => $"{k} {covered[k]}/{total[k]}")) + $"; CLV {clvCovered}/40");
    }

    [Test]
    [Category("Slow")]
    public void Fit_FourHundredSeeds_NinetyFivePercentIntervalsCoverAsOften()
    {
        var (covered, total, clvCovered) = Coverage(seeds: 400);
        foreach (var kind in total.Keys)
        {
            var (lo, hi) = BinomialRange(total[kind], 0.95, 0.001);
            covered[kind].Should().BeInRange(lo, hi, $"{kind}: {covered[kind]} of {total[kind]}");
        }

        var (clvLo, clvHi) = BinomialRange(400, 0.95, 0.001);
        clvCovered.Should().BeInRange(clvLo, clvHi, $"CLV: {clvCovered} of 400");
        TestContext.Out.WriteLine(string.Join("; ", total.Keys.Select(k => $"{k} {covered[k]}/{total[k]}")) + $"; CLV {clvCovered}/400");
    }

    /// <summary>Per seed: a 3-year panel of the small model (about 90,000 rows) with a moving rate; 95 % Wald intervals of every estimate and the CLV bootstrap interval.</summary>
    private static (Dictionary<string, int> Covered, Dictionary<string, int> Total, int ClvCovered) Coverage(int seeds)
    {
        var model = PanelTestData.SmallModel();
        var rates = PanelTestData.WaveRates(First, 36);
        var rate = RatePath.Constant(0.03);
        var trueClv = ExpectedValueEngine.Project(model, rate).Clv;
        var covered = new Dictionary<string, int>();
        var total = new Dictionary<string, int>();
        var clvCovered = 0;
        for (var seed = 1; seed <= seeds; seed++)
        {
            // The default burn-in (the model's 40-year horizon) puts customers at every age of the ladder in the panel.
            var panel = SyntheticPanel.Generate(model, new SyntheticPanelOptions { Customers = 5_000, Months = 36, Seed = (ulong)seed, Rates = rates });
            var fit = PanelCalibration.Fit(panel, new PanelCalibrationOptions { StageBoundaries = PanelTestData.SmallBoundaries, Rates = rates });
            foreach (var (kind, _, estimate, se, truth) in Compare(fit, model))
            {
                total[kind] = total.GetValueOrDefault(kind) + 1;
                covered[kind] = covered.GetValueOrDefault(kind) + (Math.Abs(estimate - truth) <= 1.959964 * se ? 1 : 0);
            }

            var interval = fit.ClvInterval(rate, 200, (ulong)seed);
            clvCovered += trueClv >= interval.Lower && trueClv <= interval.Upper ? 1 : 0;
        }

        return (covered, total, clvCovered);
    }

    /// <summary>The central range holding at least 1 − alpha of Binomial(n, p).</summary>
    private static (int Lo, int Hi) BinomialRange(int n, double p, double alpha)
    {
        var lo = 0;
        while (Binomial.CDF(p, n, lo) < alpha / 2)
        {
            lo++;
        }

        var hi = n;
        while (hi > 0 && 1 - Binomial.CDF(p, n, hi - 1) < alpha / 2)
        {
            hi--;
        }

        return (lo, hi);
    }
}
