using LifetimeValue.Calibration.Panel;

namespace LifetimeValue.Tests.Calibration.Panel;

/// <summary>The holdout check: the exact engine's forecast for the cohort against an independent month-by-month computation and against what happened.</summary>
public sealed class PanelHoldoutTests
{
    private static readonly DateOnly First = new(2020, 1, 1);
    private static readonly DateOnly Cut = new(2022, 1, 1);

    private static (List<PanelRow> Rows, PanelFit Fit) Run()
    {
        var model = PanelTestData.SmallModel();
        var rates = PanelTestData.WaveRates(First, 48);
        var rows = SyntheticPanel.Generate(model, new SyntheticPanelOptions { Customers = 6_000, Months = 48, Seed = 17, Rates = rates, BurnInMonths = 240 }).ToList();
        var fit = PanelCalibration.Fit(rows, new PanelCalibrationOptions { StageBoundaries = PanelTestData.SmallBoundaries, Rates = rates, HoldoutFrom = Cut });
        return (rows, fit);
    }

    [Test]
    public void Holdout_Forecast_EqualsAMonthByMonthSurvivalComputedFromTheRows()
    {
        // Oracle: for every customer open in 2021-12 (age x months then), the probability of still being a customer j + 1 months
        // later is Π_{u=1..j+1} (1 − h(stage at age-month x + u)), with the fitted hazards; customers past the ladder's end drop out.
        var (rows, fit) = Run();
        var model = fit.Model;
        var before = Cut.AddMonths(-1);
        var cohort = rows.Where(r => r.Month == before).GroupBy(r => r.CustomerId).Where(g => !g.Any(r => r.Closed))
            .Select(g => ((before.Year - g.First().DateOfBirth!.Value.Year) * 12) + before.Month - g.First().DateOfBirth!.Value.Month).ToList();
        fit.Holdout!.CohortSize.Should().Be(cohort.Count);
        var forecasts = fit.Holdout.Rows.Where(r => r.Quantity == "customers").ToList();
        forecasts.Should().HaveCount(24);
        for (var j = 0; j < forecasts.Count; j++)
        {
            var expected = 0.0;
            foreach (var x in cohort)
            {
                var s = 1.0;
                for (var u = 1; u <= j + 1 && s > 0; u++)
                {
                    var age = (x + u) / 12;
                    s = age >= model.Stages.EndAge ? 0 : u == j + 1 ? s : s * (1 - model.Stages.Stages[model.Stages.IndexOf(age)].MonthlyHazard);
                }

                expected += s;
            }

            forecasts[j].Forecast.Should().BeApproximately(expected, 1e-9 * cohort.Count, $"customers in holdout month {j}");
        }
    }

    [Test]
    public void Holdout_Synthetic_WhatHappenedIsWithinTheForecastErrors()
    {
        var (_, fit) = Run();
        var holdout = fit.Holdout!;
        var customers = holdout.Rows.Where(r => r.Quantity == "customers").ToList();
        customers.Where(r => r.Z is not null).Should().OnlyContain(r => Math.Abs(r.Z!.Value) < 4, "survivors within 4 binomial SE of the forecast");
        holdout.WeightedAbsolutePercentageError("customers").Should().BeLessThan(0.01);
        holdout.WeightedAbsolutePercentageError("revenue").Should().BeLessThan(0.05, "revenue of a model-following cohort is forecast within a few per cent");
        holdout.Quantities.Should().Contain(["customers", "holders: Card", "holders: Mortgage", "holders: Savings", "revenue"]);
        fit.Data.CalibrationCustomerMonths.Should().BeLessThan(fit.Data.CustomerMonths, "the holdout months are not used to fit");
        var holders = holdout.Rows.Where(r => r.Quantity.StartsWith("holders", StringComparison.Ordinal) && r.Z is not null).ToList();
        holders.Count(r => Math.Abs(r.Z!.Value) <= 2).Should().BeGreaterThan((int)(0.85 * holders.Count), "about 95 % of months within 2 SE (months are correlated, so loosely)");
    }

    [Test]
    public void Holdout_AfterTheLastMonth_HasNoMonthsAndSaysSo()
    {
        var fit = PanelCalibration.Fit(PanelTestData.HandPanel(), new PanelCalibrationOptions { StageBoundaries = [20, 30, 40], HoldoutFrom = new DateOnly(2020, 7, 1) });
        fit.Holdout!.Rows.Should().BeEmpty();
        fit.Notes.Should().Contain("Holdout: the panel has no months from the cut-off on.");
    }
}
