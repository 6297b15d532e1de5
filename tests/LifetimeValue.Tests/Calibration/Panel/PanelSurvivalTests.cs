using LifetimeValue.Calibration;
using LifetimeValue.Calibration.Panel;
using LifetimeValue.Lifecycle;

namespace LifetimeValue.Tests.Calibration.Panel;

/// <summary>
/// The attrition estimates against Kaplan–Meier on the same data: the library's <see cref="KaplanMeier"/> when no customer is
/// left-truncated, an independent product-limit computation with left truncation otherwise, and the exposure-based MLE's
/// survival within the Kaplan–Meier band at every stage end.
/// </summary>
public sealed class PanelSurvivalTests
{
    private static readonly DateOnly First = new(2020, 1, 1);

    [Test]
    public void Survival_NoLeftTruncation_EqualsTheLibrarysKaplanMeier()
    {
        // Everyone acquired at 20 inside the panel: on the age scale all enter at age-month 240, so the panel's product-limit
        // estimate by month of age is the classic Kaplan–Meier of tenure (right censoring only).
        // Followed for at most 10 years, customers stay in the first stage.
        var model = PanelTestData.SmallModel() with { Acquisition = AcquisitionProfile.SingleAge(20) };
        var rows = SyntheticPanel.Generate(model, new SyntheticPanelOptions { Customers = 2_000, Months = 120, BurnInMonths = 0, Seed = 4 }).ToList();
        var fit = PanelCalibration.Fit(rows, new PanelCalibrationOptions { StageBoundaries = [20, 30] });

        var customers = rows.GroupBy(r => r.CustomerId).Select(g => (Months: g.Select(r => r.Month).Distinct().Count(), Closed: g.Any(r => r.Closed))).ToList();
        var km = KaplanMeier.Estimate([.. customers.Select(c => (double)c.Months)], [.. customers.Select(c => c.Closed)]);
        km.Times.Count.Should().BeGreaterThan(20);
        for (var i = 0; i < km.Times.Count; i++)
        {
            // Tenure t months ends in age-month 240 + t − 1, reported at age (240 + t)/12.
            var point = fit.Survival.Single(p => Math.Abs((p.Age * 12) - (240 + km.Times[i])) < 1e-9);
            point.Observed.Should().BeApproximately(km.Survival[i], 1e-12, "the same product-limit estimator on the same data");
            point.StandardError.Should().BeApproximately(km.StandardError[i], 1e-12, "Greenwood");
        }
    }

    [Test]
    public void Survival_LeftTruncated_MatchesAnIndependentProductLimitAndTheFittedHazards()
    {
        // Customers at every age when the panel starts (74 years of burn-in): the risk set at age-month x is every customer seen at x.
        var bank = Presets.Bank();
        var rows = SyntheticPanel.Generate(bank, new SyntheticPanelOptions { Customers = 12_000, Months = 48, Seed = 9 }).ToList();
        var fit = PanelCalibration.Fit(rows, new PanelCalibrationOptions { StageBoundaries = PanelTestData.BankBoundaries });

        var atRisk = new long[130 * 12];
        var closures = new long[130 * 12];
        foreach (var customer in rows.GroupBy(r => r.CustomerId))
        {
            foreach (var month in customer.GroupBy(r => r.Month))
            {
                var r = month.First();
                var ageMonths = ((r.Month.Year - r.DateOfBirth!.Value.Year) * 12) + r.Month.Month - r.DateOfBirth.Value.Month;
                atRisk[ageMonths]++;
                closures[ageMonths] += month.Any(x => x.Closed) ? 1 : 0;
            }
        }

        var s = 1.0;
        var checkedPoints = 0;
        foreach (var point in fit.Survival)
        {
            var x = (int)Math.Round(point.Age * 12) - 1;
            s *= 1 - ((double)closures[x] / atRisk[x]);
            point.AtRisk.Should().Be(atRisk[x]);
            point.Observed.Should().BeApproximately(s, 1e-12, "product limit with left truncation, computed from the rows");
            checkedPoints++;
        }

        checkedPoints.Should().Be(12 * (85 - 11), "every month of age in the ladder is observed at this size");
        foreach (var stage in bank.Stages.Stages)
        {
            var end = fit.Survival.Single(p => Math.Abs(p.Age - stage.EndAge) < 1e-9);
            Math.Abs(end.Fitted - end.Observed).Should().BeLessThanOrEqualTo(3 * end.StandardError,
                $"at {stage.EndAge} the stage hazards' survival {end.Fitted:F4} should lie within 3 Greenwood SE ({end.StandardError:F4}) of Kaplan–Meier {end.Observed:F4}");
        }
    }
}
