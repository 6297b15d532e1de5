using LifetimeValue.Discounting;
using LifetimeValue.Lifecycle;
using LifetimeValue.Projection;
using LifetimeValue.Scenarios;
using LifetimeValue.Simulation;
using LifetimeValue.Tests.Projection;

namespace LifetimeValue.Tests.Simulation;

public sealed class MonteCarloEngineTests
{
    private static ScenarioSet W1Det() => ScenarioSet.Generate(new Vasicek(0.03, 0.15, 0.035, 0, RateScheme.Euler), 1, Presets.W1MaxPeriods, 1);

    [TestCase(SimulationMethod.EventTime)]
    [TestCase(SimulationMethod.Stepping)]
    public void Simulate_W1Det_MeanWithinFourStandardErrorsOfExact(SimulationMethod method)
    {
        var result = MonteCarloEngine.Simulate(Presets.W1(), W1Det(), new SimulationOptions { Customers = 60_000, Seed = 7, Method = method });

        result.Clv.Mean.Should().BeApproximately(ExpectedValueEngineTests.PeerW1Exact, 4 * result.Clv.StandardError,
            "MC convergence bound: |mean − exact| < 4 SE (exact from peer_numpy.py --exact)");
    }

    [Test]
    public void Simulate_W1DetScenarioPath_EqualsDeterministicEulerPath()
    {
        var path = W1Det().Path(0).ToArray();

        path.Should().Equal(Presets.W1DeterministicRates().Values, "σ = 0 Vasicek–Euler scenarios are W1-det's recursion exactly");
    }

    [Test]
    public void Simulate_SameSeed_BitIdenticalAt1_2And8Threads()
    {
        var scenarios = ScenarioSet.Generate(new Vasicek(0.03, 0.15, 0.035, 0.01, RateScheme.Euler), 3, Presets.Bank().MaxPeriods, 5);
        string Run(int threads)
        {
            var options = new SimulationOptions { Customers = 20_000, Seed = 99, ChunkSize = 1_000, MaxDegreeOfParallelism = threads };
            using var stream = new MemoryStream();
            MonteCarloEngine.Simulate(Presets.Bank(), scenarios, options).WriteJson(stream);
            return System.Text.Encoding.UTF8.GetString(stream.ToArray());
        }

        var one = Run(1);

        Run(2).Should().Be(one, "the result must not depend on the thread count");
        Run(8).Should().Be(one, "the result must not depend on the thread count");
    }

    [Test]
    public void Simulate_DifferentSeeds_DifferentResults()
    {
        var a = MonteCarloEngine.Simulate(Presets.W1(), W1Det(), new SimulationOptions { Customers = 5_000, Seed = 1 });
        var b = MonteCarloEngine.Simulate(Presets.W1(), W1Det(), new SimulationOptions { Customers = 5_000, Seed = 2 });

        a.Clv.Mean.Should().NotBe(b.Clv.Mean);
        a.Fingerprint.Should().NotBe(b.Fingerprint);
    }

    [Test]
    public void Simulate_StochasticRates_MeanMatchesAverageOfExactProjectionsPerScenario()
    {
        // Independent figure: conditional on each scenario's rate path the exact engine gives E[CLV | path];
        // the MC mean over N customers per scenario must be within 4 SE of their average.
        var model = Presets.Bank();
        var scenarios = ScenarioSet.Generate(new Vasicek(0.03, 0.3, 0.03, 0.01, RateScheme.Exact), 4, model.MaxPeriods, 11);
        var exact = Enumerable.Range(0, 4).Average(s => ExpectedValueEngine.Project(model, RatePath.FromValues(scenarios.Path(s).ToArray())).Clv);

        var result = MonteCarloEngine.Simulate(model, scenarios, new SimulationOptions { Customers = 20_000, Seed = 3 });

        result.Clv.Mean.Should().BeApproximately(exact, 4 * result.Clv.StandardError, "MC convergence bound vs the exact conditional expectation");
    }

    [Test]
    public void Simulate_MeanCurve_TracksExactCumulativePv()
    {
        var model = Presets.Bank();
        var rates = ScenarioSet.Constant(0.03, model.MaxPeriods);
        var exact = ExpectedValueEngine.Project(model, Presets.BankRates());

        var result = MonteCarloEngine.Simulate(model, rates, new SimulationOptions { Customers = 40_000, Seed = 4 });

        result.MeanCumulativePresentValue[0].Should().Be(-model.AcquisitionCost);
        foreach (var month in new[] { 12, 120, 300, 600, exact.Rows.Count })
        {
            // The cumulative PV at any month has a smaller SD than the full PV; 4 SE of the CLV bounds it.
            result.MeanCumulativePresentValue[month].Should().BeApproximately(exact.Rows[month - 1].CumulativePresentValue,
                4 * result.Clv.StandardError, $"MC convergence bound at month {month}");
        }

        result.MeanCumulativePresentValue[^1].Should().BeApproximately(result.Clv.Mean, 1e-6, "curve ends at the mean CLV");
    }

    [Test]
    public void Simulate_RandomSmallModels_MeanWithinFourStandardErrorsOfExact([Range(1, 6)] int seed)
    {
        var model = RandomModel(new System.Random(seed));
        var rate = 0.01 + (0.04 * new System.Random(seed + 100).NextDouble());
        var exact = ExpectedValueEngine.Project(model, RatePath.Constant(rate)).Clv;

        var result = MonteCarloEngine.Simulate(model, ScenarioSet.Constant(rate, model.MaxPeriods),
            new SimulationOptions { Customers = 20_000, Seed = (ulong)seed, Method = seed % 2 == 0 ? SimulationMethod.Stepping : SimulationMethod.EventTime });

        result.Clv.Mean.Should().BeApproximately(exact, 4 * result.Clv.StandardError + 1e-9, $"property: random model {seed}, MC within 4 SE of exact");
    }

    [Test]
    public void Simulate_ExactQuantiles_AgreeWithSketchWithinItsBound()
    {
        var options = new SimulationOptions { Customers = 20_000, Seed = 8, ExactQuantileLimit = 100_000 };

        var exact = MonteCarloEngine.Simulate(Presets.W1(), W1Det(), options);
        var sketch = MonteCarloEngine.Simulate(Presets.W1(), W1Det(), options with { ExactQuantileLimit = 0 });

        exact.PercentilesAreExact.Should().BeTrue();
        sketch.PercentilesAreExact.Should().BeFalse();
        foreach (var level in SimulationResult.StandardLevels)
        {
            sketch.Percentile(level).Should().BeApproximately(exact.Percentile(level), options.SketchAccuracy * Math.Abs(exact.Percentile(level)) + 1e-9,
                "sketch bound: relative accuracy α of the exact sample quantile");
        }

        exact.ExpectedShortfall(0.95).Should().BeLessThanOrEqualTo(exact.ValueAtRisk(0.95), "ES is the mean of the tail below VaR");
    }

    [Test]
    public void Simulate_Cancelled_ThrowsOperationCanceled()
    {
        using var cts = new CancellationTokenSource();
        cts.Cancel();

        var act = () => MonteCarloEngine.Simulate(Presets.W1(), W1Det(), new SimulationOptions { Customers = 100_000 }, cts.Token);

        act.Should().Throw<OperationCanceledException>();
    }

    [Test]
    public void Simulate_Progress_ReachesAllChunks()
    {
        var reports = new List<SimulationProgress>();
        var progress = new SyncProgress(reports);

        MonteCarloEngine.Simulate(Presets.W1(), W1Det(), new SimulationOptions { Customers = 10_000, ChunkSize = 1_000, Progress = progress });

        reports.Should().HaveCount(10);
        reports.Max(r => r.CompletedLifetimes).Should().Be(10_000);
        reports.Max(r => r.Fraction).Should().Be(1.0);
    }

    [Test]
    public void Simulate_ScenariosShorterThanHorizon_Throws()
    {
        var act = () => MonteCarloEngine.Simulate(Presets.W1(), ScenarioSet.Constant(0.03, 100), new SimulationOptions());

        act.Should().Throw<ArgumentException>().WithMessage("*scenarios cover 100 periods but the model's longest horizon is 828 months*");
    }

    [TestCase(0L)]
    [TestCase(-3L)]
    public void Options_CustomersOutOfRange_Throws(long customers)
    {
        var act = () => new SimulationOptions { Customers = customers };

        act.Should().Throw<ArgumentOutOfRangeException>().WithMessage("*Customers must be in [1, 1099511627776]*");
    }

    [Test]
    public void Simulate_ScenarioOutcomesAndBreakEvenDistribution_AreConsistent()
    {
        var scenarios = ScenarioSet.Generate(new Vasicek(0.03, 0.15, 0.035, 0.01, RateScheme.Euler), 8, Presets.W1MaxPeriods, 2);

        var result = MonteCarloEngine.Simulate(Presets.W1(), scenarios, new SimulationOptions { Customers = 4_000, Seed = 2 });

        result.ScenarioOutcomes.Should().HaveCount(8);
        result.ScenarioOutcomes.Average(o => o.MeanClv).Should().BeApproximately(result.Clv.Mean, 1e-6, "equal N per scenario");
        result.BreakEvenYearDistribution.Sum(d => d.Scenarios).Should().Be(8);
        for (var k = 0; k < result.MeanCumulativePresentValue.Count; k += 50)
        {
            result.CurveLower[k].Should().BeLessThanOrEqualTo(result.CurveUpper[k]);
        }
    }

    private static LifecycleModel RandomModel(System.Random rng)
    {
        var stages = new List<LifeStage>();
        var age = 20 + rng.Next(10);
        var first = age;
        var count = 1 + rng.Next(4);
        for (var k = 0; k < count; k++)
        {
            var years = 1 + rng.Next(6);
            var products = Enumerable.Range(0, rng.Next(5)).Select(j => new Product($"P{j}", rng.NextDouble(),
                MarginSchedule.RateLinear((rng.NextDouble() * 40) - 10, (rng.NextDouble() * 400) - 200), rng.NextDouble() * 3)).ToList();
            stages.Add(new LifeStage($"S{k}", age, age + years, rng.NextDouble() * 0.5, products, MarginSchedule.Fixed((rng.NextDouble() * 10) - 3)));
            age += years;
        }

        return new LifecycleModel("random", new StageLadder(stages), AcquisitionProfile.Uniform(first, first + rng.Next(2)),
            rng.NextDouble() * 100, Horizon.ToAge(age), rng.Next(2) == 0 ? Discount.FlatAnnual(0.08) : Discount.ShortRatePlus(0.02));
    }

    private sealed class SyncProgress(List<SimulationProgress> reports) : IProgress<SimulationProgress>
    {
        public void Report(SimulationProgress value)
        {
            lock (reports)
            {
                reports.Add(value);
            }
        }
    }
}
