using LifetimeValue.Projection;
using LifetimeValue.Reporting;
using LifetimeValue.Scenarios;
using LifetimeValue.Simulation;

namespace LifetimeValue.Tests.Reporting;

/// <summary>The tables of the projection and simulation results say what the typed results say.</summary>
public sealed class ResultTablesTests
{
    [Test]
    public void Projection_tables_agree_with_the_result()
    {
        var p = ExpectedValueEngine.Project(Presets.Bank(), Presets.BankRates());
        var tables = p.ToTables();
        tables.Select(t => t.Name).Should().Equal("Summary", "By year", "Cash-flow lines by year");
        var summary = tables[0];
        summary[Enumerable.Range(0, summary.RowCount).Single(i => (string)summary[i, 0]! == "CLV"), 1].Should().Be(p.Clv);

        var byYear = tables[1];
        byYear.RowCount.Should().Be(74, "ages 11–15 followed to 85: the longest cohort spans 74 years");
        for (var y = 0; y < byYear.RowCount; y++)
        {
            byYear[y, 4].Should().Be(p.Rows[Math.Min(p.Rows.Count, 12 * (y + 1)) - 1].CumulativePresentValue);
        }

        // Year 1's PV is the first 12 rows' PV; the cash-flow lines of a year add up to its expected cash flow.
        ((double)byYear[0, 3]!).Should().BeApproximately(p.Rows.Take(12).Sum(r => r.PresentValue), 1e-9);
        var lines = tables[2];
        Enumerable.Range(1, lines.Columns.Count - 1).Sum(j => (double)lines[0, j]!).Should().BeApproximately((double)byYear[0, 2]!, 1e-9);
    }

    [Test]
    public void Simulation_tables_agree_with_the_result()
    {
        var r = MonteCarloEngine.Simulate(Presets.Hotel(), ScenarioSet.Constant(0.03, 60), new SimulationOptions { Seed = 3, Customers = 3_000 });
        var tables = r.ToTables();
        tables.Select(t => t.Name).Should().Equal("Summary", "CLV percentiles", "Cumulative PV by year", "Break-even year distribution");
        tables[1].RowCount.Should().Be(7);
        tables[1][3, 1].Should().Be(r.Percentile(0.5));
        tables[2].RowCount.Should().Be(5);
        tables[2][4, 1].Should().Be(r.MeanCumulativePresentValue[60]);
        var text = new StringWriter();
        TableWriter.WriteText(tables, text);
        text.ToString().Should().Contain("Mean CLV").And.Contain("P50");
    }
}
