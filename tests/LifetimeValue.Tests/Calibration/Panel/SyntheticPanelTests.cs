using LifetimeValue.Calibration.Panel;
using LifetimeValue.Lifecycle;
using LifetimeValue.Projection;

namespace LifetimeValue.Tests.Calibration.Panel;

/// <summary>The generator is reproducible, writes a well-formed panel, and draws customers whose survival and revenue match the exact engine.</summary>
public sealed class SyntheticPanelTests
{
    private static readonly SyntheticPanelOptions Small = new() { Customers = 300, Months = 24, Seed = 5 };

    [Test]
    public void Generate_SameSeed_IsIdenticalAndAnotherSeedIsNot()
    {
        var model = PanelTestData.SmallModel();
        SyntheticPanel.Generate(model, Small).Should().Equal(SyntheticPanel.Generate(model, Small), "every draw is a pure function of (seed, customer, month, purpose)");
        SyntheticPanel.Generate(model, Small).Should().NotEqual(SyntheticPanel.Generate(model, Small with { Seed = 6 }));
    }

    [Test]
    public void Generate_Panel_IsWellFormed()
    {
        var model = PanelTestData.SmallModel();
        var rows = SyntheticPanel.Generate(model, Small with { Customers = 2_000 }).ToList();
        var ids = rows.Select(r => r.CustomerId).Distinct().ToList();
        ids.Should().BeInAscendingOrder(StringComparer.Ordinal);
        foreach (var customer in rows.GroupBy(r => r.CustomerId))
        {
            var months = customer.GroupBy(r => r.Month).ToList();
            months.Select(m => m.Key).Should().BeInAscendingOrder();
            months.Zip(months.Skip(1)).All(p => p.Second.Key == p.First.Key.AddMonths(1)).Should().BeTrue("no gaps");
            months.All(m => m.Count(r => r.Product.Length == 0) == 1).Should().BeTrue("one relationship row a month");
            months.SkipLast(1).Any(m => m.Any(r => r.Closed)).Should().BeFalse("only the last month may be closed");
            customer.Select(r => r.DateOfBirth).Distinct().Should().ContainSingle();
            foreach (var m in months)
            {
                var age = ((m.Key.Year - customer.First().DateOfBirth!.Value.Year) * 12) + m.Key.Month - customer.First().DateOfBirth!.Value.Month;
                (age / 12).Should().BeInRange(20, 59, "inside the model's ladder and horizon");
            }
        }

        rows.Count(r => r.AcquisitionCost is not null).Should().Be(ids.Count, "the cost is on each customer's first row");
        rows.Should().OnlyContain(r => r.Month >= new DateOnly(2020, 1, 1) && r.Month < new DateOnly(2022, 1, 1));
    }

    [TestCase(false, false)]
    [TestCase(true, false)]
    [TestCase(false, true)]
    public void Generate_Customers_SurviveAndEarnAsTheExactEngineSays(bool frailty, bool states)
    {
        // Acquisitions inside a 20-year panel (no burn-in): for customers followed for at least t months, the share still present
        // at month t and the mean revenue per acquired customer in month t (every line, net of servicing) are the exact engine's
        // S_t and E[CF_t], within 4 standard errors of the sample mean.
        var model = PanelTestData.SmallModel();
        if (frailty)
        {
            model = model with { Heterogeneity = new LifecycleHeterogeneity(0.7, 0.3) };
        }

        if (states)
        {
            model = model with { States = RelationshipStates.ActiveDormantLapsed(0.03, 0.10, 0.05, 0.02, 0.4) };
        }

        const int Months = 240;
        var rows = SyntheticPanel.Generate(model, new SyntheticPanelOptions { Customers = 8_000, Months = Months, BurnInMonths = 0, Seed = 21 });
        var customers = rows.GroupBy(r => r.CustomerId).Select(g =>
        {
            var first = g.First().Month;
            var revenue = g.GroupBy(r => r.Month).ToDictionary(m => (m.Key.Year - first.Year) * 12 + m.Key.Month - first.Month, m => m.Sum(r => r.NetRevenue));
            return (Start: (first.Year - 2020) * 12 + first.Month - 1, Revenue: revenue);
        }).ToList();
        var projection = ExpectedValueEngine.Project(model, RatePath.Constant(0.03));
        foreach (var t in new[] { 0, 6, 30, 90, 180 })
        {
            var followed = customers.Where(c => c.Start + t < Months).ToList();
            var alive = followed.Count(c => c.Revenue.ContainsKey(t));
            var share = (double)alive / followed.Count;
            var expected = projection.Rows[t].Survival;
            share.Should().BeApproximately(expected, 4 * Math.Sqrt(expected * (1 - expected) / followed.Count) + 1e-12,
                $"survival to month {t} ({followed.Count} customers followed)");

            var values = followed.Select(c => c.Revenue.GetValueOrDefault(t)).ToList();
            var mean = values.Average();
            var sd = Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / (values.Count - 1));
            mean.Should().BeApproximately(projection.Rows[t].ExpectedCashFlow, (4 * sd / Math.Sqrt(values.Count)) + 0.01,
                $"revenue per acquired customer in month {t}");
        }
    }

    [Test]
    public void Generate_RatesNotCoveringThePanel_Throw()
    {
        var act = () => SyntheticPanel.Generate(PanelTestData.SmallModel(), Small with { Rates = MonthlyRates.FromValues(new DateOnly(2020, 1, 1), [0.01]) });
        act.Should().Throw<ArgumentException>().WithMessage("options.Rates (2020-01 to 2020-01) must cover the panel's months 2020-01 to 2021-12.*");
    }

    [Test]
    public void Generate_AgesOnly_GivesTheSameEstimatesAsDatesOfBirth()
    {
        // The age in whole years is the same either way, so attrition, adoption and margins are identical.
        var model = PanelTestData.SmallModel();
        var options = new PanelCalibrationOptions { StageBoundaries = PanelTestData.SmallBoundaries };
        var withBirth = PanelCalibration.Fit(SyntheticPanel.Generate(model, Small with { Customers = 3_000 }), options);
        var withAge = PanelCalibration.Fit(SyntheticPanel.Generate(model, Small with { Customers = 3_000, AgesOnly = true }), options);
        withAge.Attrition.Should().Equal(withBirth.Attrition);
        withAge.Adoption.Should().Equal(withBirth.Adoption);
        withAge.Margins.Should().Equal(withBirth.Margins);
        withAge.Data.CustomersWithAgesOnly.Should().Be(withAge.Data.Customers);
    }
}
