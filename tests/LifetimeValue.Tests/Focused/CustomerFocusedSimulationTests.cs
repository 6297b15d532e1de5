using LifetimeValue.Focused;
using LifetimeValue.Projection;
using LifetimeValue.Scenarios;
using LifetimeValue.Simulation;

namespace LifetimeValue.Tests.Focused;

/// <summary>
/// The customer-focused Monte Carlo kernel converges to the exact recursion (|MC − exact| &lt; 4 SE, a 1-in-15,000
/// false alarm for a normal mean), is reproducible across thread counts and merges from partials.
/// </summary>
public sealed class CustomerFocusedSimulationTests
{
    [Test]
    public void Hotel_mean_agrees_with_the_exact_value_within_four_standard_errors()
    {
        var model = Presets.Hotel();
        var scenarios = ScenarioSet.Constant(0.03, model.MaxPeriods);
        var result = MonteCarloEngine.Simulate(model, scenarios, new SimulationOptions { Seed = 11, Customers = 200_000 });
        var exact = ExpectedValueEngine.Project(model, RatePath.Constant(0.03));
        Math.Abs(result.Clv.Mean - exact.Clv).Should().BeLessThan(4 * result.Clv.StandardError);

        // The mean cumulative PV curve converges too (end of the horizon, same bound).
        result.MeanCumulativePresentValue[^1].Should().BeApproximately(exact.Rows[^1].CumulativePresentValue, 4 * result.Clv.StandardError);
    }

    [Test]
    public void Stochastic_rates_mean_agrees_with_the_average_of_exact_projections()
    {
        var model = Presets.Hotel();
        var scenarios = ScenarioSet.Generate(new Vasicek(0.03, 0.2, 0.035, 0.02), 8, model.MaxPeriods, 5);
        var result = MonteCarloEngine.Simulate(model, scenarios, new SimulationOptions { Seed = 3, Customers = 40_000 });
        var exact = Enumerable.Range(0, 8).Average(s => ExpectedValueEngine.Project(model, RatePath.FromValues(scenarios.Path(s).ToArray())).Clv);
        Math.Abs(result.Clv.Mean - exact).Should().BeLessThan(4 * result.Clv.StandardError);
    }

    [TestCase(true, 0.0)]
    [TestCase(false, 0.02)]
    public void Levers_off_and_on_converge(bool attribute, double attrition)
    {
        var model = CustomerFocusedLeverTests.Base(24) with
        {
            Purchases = new PurchaseProcess(0.4, 100.0, 60.0, attrition),
            Recovery = new ServiceRecovery(30.0, 40.0, 0.1, 0.3),
            Referrals = new ReferralProgramme(0.1, 0.02, 3.0, attribute),
            Feedback = new FeedbackProgramme(0.3, 0.05, 0.5),
        };
        var result = MonteCarloEngine.Simulate(model, ScenarioSet.Constant(0.0, 24), new SimulationOptions { Seed = 9, Customers = 100_000 });
        var exact = ExpectedValueEngine.Project(model, RatePath.Constant(0.0)).Clv;
        Math.Abs(result.Clv.Mean - exact).Should().BeLessThan(4 * result.Clv.StandardError);
    }

    [Test]
    public void Same_seed_is_bit_identical_at_one_and_two_threads_and_merges_from_parts()
    {
        var model = Presets.Hotel();
        var scenarios = ScenarioSet.Generate(new Vasicek(0.03, 0.2, 0.035, 0.01), 3, model.MaxPeriods, 2);
        var options = new SimulationOptions { Seed = 77, Customers = 5_000, ChunkSize = 1_024, MaxDegreeOfParallelism = 1 };
        var one = MonteCarloEngine.Simulate(model, scenarios, options);
        var two = MonteCarloEngine.Simulate(model, scenarios, options with { MaxDegreeOfParallelism = 2 });
        BitConverter.DoubleToInt64Bits(two.Clv.Mean).Should().Be(BitConverter.DoubleToInt64Bits(one.Clv.Mean));
        BitConverter.DoubleToInt64Bits(two.Clv.Variance).Should().Be(BitConverter.DoubleToInt64Bits(one.Clv.Variance));
        two.MeanCumulativePresentValue.Should().Equal(one.MeanCumulativePresentValue);

        var plan = MonteCarloEngine.Plan(scenarios, options);
        var parts = Enumerable.Range(0, 3).Select(k => plan.Part(k, 3))
            .Select(r => MonteCarloEngine.SimulateChunks(model, scenarios, options, r.First, r.Count)).ToArray();
        var merged = MonteCarloEngine.Combine(model, scenarios, options, parts);
        merged.Clv.Mean.Should().Be(one.Clv.Mean);
        merged.Percentile(0.5).Should().Be(one.Percentile(0.5));
    }

    [Test]
    public void Different_seeds_differ()
    {
        var model = Presets.Hotel();
        var scenarios = ScenarioSet.Constant(0.03, model.MaxPeriods);
        var a = MonteCarloEngine.Simulate(model, scenarios, new SimulationOptions { Seed = 1, Customers = 2_000 });
        var b = MonteCarloEngine.Simulate(model, scenarios, new SimulationOptions { Seed = 2, Customers = 2_000 });
        a.Clv.Mean.Should().NotBe(b.Clv.Mean);
    }
}
