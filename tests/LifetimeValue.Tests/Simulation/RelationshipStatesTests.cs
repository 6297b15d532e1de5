using LifetimeValue.Discounting;
using LifetimeValue.Lifecycle;
using LifetimeValue.Projection;
using LifetimeValue.Scenarios;
using LifetimeValue.Simulation;

namespace LifetimeValue.Tests.Simulation;

/// <summary>Relationship states (a Markov chain laid over the life-cycle model): hand-computed exact values, MC convergence, validation.</summary>
public sealed class RelationshipStatesTests
{
    private const double Tol = 1e-12;

    private static readonly RelationshipStates ActiveDormant = new(
        [new RelationshipState("Active", 1.0), new RelationshipState("Dormant", 0.0)],
        [[0.9, 0.1], [0.5, 0.5]]);

    /// <summary>One stage (age 30–40), no attrition, base margin 10, a product (margin 5, servicing 1, adopted surely), 3 months, no discounting.</summary>
    private static LifecycleModel Small(RelationshipStates? states) =>
        new LifecycleModel("small",
            new StageLadder([new LifeStage("Adult", 30, 40, 0.0, [new Product("Account", 1.0, MarginSchedule.Fixed(5.0), 1.0)], MarginSchedule.Fixed(10.0))]),
            AcquisitionProfile.SingleAge(30), 0.0, Horizon.Months(3), Discount.FlatAnnual(0.0)) { States = states };

    [Test]
    public void Expected_margin_factors_follow_the_chain()
    {
        // e0 P^t f with f = (1, 0): t0 = 1, t1 = 0.9, t2 = 0.9·0.9 + 0.1·0.5 = 0.86.
        ActiveDormant.ExpectedMarginFactors(3).Should().Equal([1.0, 0.9, 0.86], (a, b) => Math.Abs(a - b) < Tol);
    }

    [Test]
    public void Exact_projection_scales_margins_but_not_servicing()
    {
        // CLV = Σ_t E f_t · (10 + 5) − 3 · 1 = 15 · (1 + 0.9 + 0.86) − 3 = 38.4; without states 15 · 3 − 3 = 42.
        var p = ExpectedValueEngine.Project(Small(ActiveDormant), RatePath.Constant(0.0));
        p.Clv.Should().BeApproximately(38.4, 38.4 * Tol);
        p.LineCashFlows("Servicing cost").Should().Equal([-1.0, -1.0, -1.0]);
        ExpectedValueEngine.Project(Small(null), RatePath.Constant(0.0)).Clv.Should().BeApproximately(42.0, Tol);
    }

    [TestCase(SimulationMethod.EventTime)]
    [TestCase(SimulationMethod.Stepping)]
    public void Monte_Carlo_mean_converges_to_the_exact_value(SimulationMethod method)
    {
        // Bank with an active/dormant/lapsed chain with win-back, on two stochastic rate scenarios: 4 SE bound.
        var model = Presets.Bank() with { States = RelationshipStates.ActiveDormantLapsed(0.01, 0.05, 0.02, 0.005, 0.3) };
        var scenarios = ScenarioSet.Generate(new Vasicek(0.03, 0.15, 0.035, 0.01, RateScheme.Euler), 2, model.MaxPeriods, 9);
        var result = MonteCarloEngine.Simulate(model, scenarios, new SimulationOptions { Seed = 4, Customers = 30_000, Method = method });
        var exact = Enumerable.Range(0, 2).Average(s => ExpectedValueEngine.Project(model, RatePath.FromValues(scenarios.Path(s).ToArray())).Clv);
        Math.Abs(result.Clv.Mean - exact).Should().BeLessThan(4 * result.Clv.StandardError);
        result.Clv.Mean.Should().BeLessThan(MonteCarloEngine.Simulate(Presets.Bank(), scenarios, new SimulationOptions { Seed = 4, Customers = 30_000, Method = method }).Clv.Mean,
            "dormancy and lapses only remove margin");
    }

    [Test]
    public void Small_model_monte_carlo_matches_the_hand_value()
    {
        var result = MonteCarloEngine.Simulate(Small(ActiveDormant), ScenarioSet.Constant(0.0, 3), new SimulationOptions { Seed = 2, Customers = 200_000 });
        Math.Abs(result.Clv.Mean - 38.4).Should().BeLessThan(4 * result.Clv.StandardError);
    }

    [Test]
    public void Same_seed_is_bit_identical_across_threads_and_differs_from_the_stateless_fingerprint()
    {
        var model = Presets.Bank() with { States = RelationshipStates.ActiveDormantLapsed(0.01, 0.05, 0.02, 0.005, 0.3) };
        var scenarios = ScenarioSet.Constant(0.03, model.MaxPeriods);
        var options = new SimulationOptions { Seed = 8, Customers = 3_000, ChunkSize = 500, MaxDegreeOfParallelism = 1 };
        var one = MonteCarloEngine.Simulate(model, scenarios, options);
        var two = MonteCarloEngine.Simulate(model, scenarios, options with { MaxDegreeOfParallelism = 2 });
        two.Clv.Mean.Should().Be(one.Clv.Mean);
        two.MeanCumulativePresentValue.Should().Equal(one.MeanCumulativePresentValue);
        MonteCarloEngine.Fingerprint(model, scenarios, options).Should().NotBe(MonteCarloEngine.Fingerprint(Presets.Bank(), scenarios, options));
    }

    [Test]
    public void Invalid_chains_are_refused_with_the_row_named()
    {
        var sum = () => new RelationshipStates([new RelationshipState("A", 1), new RelationshipState("B", 0)], [[0.9, 0.2], [0.5, 0.5]]);
        sum.Should().Throw<ArgumentException>().WithMessage("*monthlyTransitions[0] (from 'A') must sum to 1*1.1*");
        var negative = () => new RelationshipStates([new RelationshipState("A", 1), new RelationshipState("B", 0)], [[1.0, 0.0], [-0.5, 1.5]]);
        negative.Should().Throw<ArgumentOutOfRangeException>().WithMessage("*monthlyTransitions[1][0] must be in [0, 1]*");
        var one = () => new RelationshipStates([new RelationshipState("A", 1)], [[1.0]]);
        one.Should().Throw<ArgumentOutOfRangeException>().WithMessage("*states.Count must be in [2, 16]*");
        var twins = () => new RelationshipStates([new RelationshipState("A", 1), new RelationshipState("A", 0)], [[1.0, 0.0], [0.0, 1.0]]);
        twins.Should().Throw<ArgumentException>().WithMessage("*states[1] repeats the name 'A'*");
        var factor = () => new RelationshipState("A", 1.5);
        factor.Should().Throw<ArgumentOutOfRangeException>().WithMessage("*MarginFactor must be in [0, 1]*");
    }
}
