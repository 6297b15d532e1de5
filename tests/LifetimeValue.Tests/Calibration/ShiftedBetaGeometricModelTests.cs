using LifetimeValue.Calibration;

namespace LifetimeValue.Tests.Calibration;

public sealed class ShiftedBetaGeometricModelTests
{
    // Fader and Hardie (2007), "How to project customer retention", J. Interactive Marketing 21(1), Table 1:
    // customers still active (of 1,000 acquired) after years 0–7, and the published fits
    // High End: gamma = 0.668, delta = 3.806; Regular: gamma = 0.704, delta = 1.182.
    // The same series and estimates are asserted by jdmaturen/shifted_beta_geometric_py (test()).
    private static readonly long[] HighEnd = [1000, 869, 743, 653, 593, 551, 517, 491];
    private static readonly long[] Regular = [1000, 631, 468, 382, 326, 289, 262, 241];

    [Test]
    public void Fit_HighEnd_ReproducesFaderHardie2007()
    {
        var model = ShiftedBetaGeometricModel.Fit([HighEnd]);
        model.Gamma.Should().BeApproximately(0.668, 0.0005, "FH 2007 High End: gamma = 0.668");
        model.Delta.Should().BeApproximately(3.806, 0.0005, "FH 2007 High End: delta = 3.806");
        model.Diagnostics!.Converged.Should().BeTrue(model.Diagnostics.Message);
    }

    [Test]
    public void Fit_Regular_ReproducesFaderHardie2007()
    {
        var model = ShiftedBetaGeometricModel.Fit([Regular]);
        model.Gamma.Should().BeApproximately(0.704, 0.0005, "FH 2007 Regular: gamma = 0.704");
        model.Delta.Should().BeApproximately(1.182, 0.0005, "FH 2007 Regular: delta = 1.182");
    }

    [Test]
    public void LogLikelihoodOf_GammaDeltaOne_EqualsHandCalculation()
    {
        // gamma = delta = 1: P(T = t) = 1/(t(t+1)), S(t) = 1/(t+1) (FH 2007 eqs. 1–2 by hand).
        double expected = 0;
        for (var t = 1; t < HighEnd.Length; t++)
        {
            expected += (HighEnd[t - 1] - HighEnd[t]) * Math.Log(1.0 / (t * (t + 1.0)));
        }

        expected += HighEnd[^1] * Math.Log(1.0 / 8.0);
        double ll = ShiftedBetaGeometricModel.LogLikelihoodOf(1, 1, [HighEnd]);
        ll.Should().BeApproximately(expected, 1e-9, "hand calculation");
        (ll / 1000).Should().BeApproximately(-2.115, 0.002, "jdmaturen/shifted_beta_geometric_py test(): LL(1,1) = -2.115 on proportions");
    }

    [Test]
    public void DiscountedExpectedResidualLifetime_MatchesDirectSum()
    {
        var model = ShiftedBetaGeometricModel.FromParameters(0.668, 3.806);
        foreach (var n in new[] { 0, 4, 7 })
        {
            double sum = 0;
            double s = 1;
            for (var k = 1; k < 20_000; k++)
            {
                s *= model.RetentionRate(n + k);
                sum += s / Math.Pow(1.1, k - 1);
            }

            model.DiscountedExpectedResidualLifetime(0.1, n).Should().BeApproximately(sum, 1e-9, $"direct summation of S(n+k)/S(n)/1.1^(k-1), n = {n}");
        }

        double del = 0;
        var curve = model.SurvivalCurve(20_000);
        for (var t = 0; t < curve.Count; t++)
        {
            del += curve[t] / Math.Pow(1.1, t);
        }

        model.DiscountedExpectedLifetime(0.1).Should().BeApproximately(del, 1e-9, "direct summation of S(t)/1.1^t");
    }

    [Test]
    public void SurvivalCurve_EqualsBetaRatio()
    {
        var model = ShiftedBetaGeometricModel.FromParameters(0.704, 1.182);
        var curve = model.SurvivalCurve(12);
        for (var t = 0; t <= 12; t++)
        {
            curve[t].Should().BeApproximately(model.Survival(t), 1e-12, "FH 2007 eq. 2 vs the product of eq. 8 retention rates");
        }
    }

    [Test]
    public void Fit_MultipleCohorts_SharesParameters()
    {
        // Right-censored cohorts of different lengths (the multi-cohort case of jdmaturen's test: 3.80 / 15.19).
        long[][] cohorts = [[10000, 8000, 6480, 5307, 4391], [10000, 8000, 6480, 5307], [10000, 8000, 6480], [10000, 8000]];
        var model = ShiftedBetaGeometricModel.Fit(cohorts);
        model.Diagnostics!.Converged.Should().BeTrue();
        (model.Gamma / (model.Gamma + model.Delta)).Should().BeApproximately(0.2, 0.01, "period-1 churn is 20 % in every cohort");
        model.Gamma.Should().BeApproximately(3.80, 0.04, "jdmaturen/shifted_beta_geometric_py test(): alpha = 3.80 (rtol 1e-2)");
        model.Delta.Should().BeApproximately(15.19, 0.15, "jdmaturen/shifted_beta_geometric_py test(): beta = 15.19 (rtol 1e-2)");
    }

    [Test]
    public void Fit_NoChurn_ThrowsNotIdentified()
    {
        var act = () => ShiftedBetaGeometricModel.Fit([new long[] { 100, 100, 100 }]);
        act.Should().Throw<ArgumentException>().WithMessage("*not identified*");
    }

    [Test]
    public void Fit_IncreasingCounts_ThrowsWithPosition()
    {
        var act = () => ShiftedBetaGeometricModel.Fit([new long[] { 100, 80, 90 }]);
        act.Should().Throw<ArgumentException>().WithMessage("*cohorts[0][2] = 90*");
    }

    [Test]
    public void FitTenures_HighEndCustomers_EqualsCohortFitAndKaplanMeier()
    {
        // The High End cohort as 1,000 individual tenures (churn period, or 7 survived and censored): the individual
        // likelihood is the cohort likelihood, so the estimates agree; Kaplan–Meier on the same data returns the
        // published retention series exactly (no censoring before year 7).
        var periods = new List<int>();
        var churned = new List<bool>();
        for (var t = 1; t < HighEnd.Length; t++)
        {
            periods.AddRange(Enumerable.Repeat(t, (int)(HighEnd[t - 1] - HighEnd[t])));
            churned.AddRange(Enumerable.Repeat(true, (int)(HighEnd[t - 1] - HighEnd[t])));
        }

        periods.AddRange(Enumerable.Repeat(7, (int)HighEnd[^1]));
        churned.AddRange(Enumerable.Repeat(false, (int)HighEnd[^1]));

        var individual = ShiftedBetaGeometricModel.FitTenures(periods, churned);
        var cohort = ShiftedBetaGeometricModel.Fit([HighEnd]);
        individual.Gamma.Should().BeApproximately(cohort.Gamma, 1e-5, "same likelihood");
        individual.Delta.Should().BeApproximately(cohort.Delta, 1e-4, "same likelihood");
        individual.LogLikelihood.Should().BeApproximately(cohort.LogLikelihood, 1e-9);

        var km = KaplanMeier.Estimate([.. periods.Select(p => (double)p)], churned);
        km.Survival.Should().Equal(HighEnd.Skip(1).Select(n => n / 1000.0), (a, e) => Math.Abs(a - e) < 1e-12, "KM without censoring = observed survival shares");
    }
}
