using System.Text.Json.Nodes;
using LifetimeValue.Projection;
using LifetimeValue.Scenarios;
using LifetimeValue.Simulation;
using LifetimeValue.Statistics;

namespace LifetimeValue.Tests.Simulation;

/// <summary>The two-level error of a Monte Carlo run (scenarios outer, customers inner) through the engine.</summary>
public sealed class TwoLevelErrorTests
{
    private static readonly ScenarioSet Rates = ScenarioSet.Generate(new Vasicek(0.03, 0.15, 0.035, 0.01), 40, Presets.W1MaxPeriods, 17);

    private static string Json(SimulationResult result, params string[] drop)
    {
        using var stream = new MemoryStream();
        result.WriteJson(stream);
        var node = JsonNode.Parse(stream.ToArray())!.AsObject();
        foreach (var key in drop)
        {
            node.Remove(key);
        }

        return node.ToJsonString();
    }

    [Test]
    public void ExpectedClv_Parts_MatchTheExactConditionalMeans()
    {
        // Both levels known: given scenario s the exact engine gives μ_s = E[CLV | path s]. The scenario part must reproduce the
        // spread of the μ_s, and the mean must sit within the customer part's error of their average (the customer part is
        // the error of Ȳ given the paths).
        var model = Presets.W1();
        var result = MonteCarloEngine.Simulate(model, Rates, new SimulationOptions { Customers = 20_000, Seed = 3 });
        var exact = Enumerable.Range(0, Rates.ScenarioCount)
            .Select(s => ExpectedValueEngine.Project(model, RatePath.FromValues(Rates.Path(s).ToArray())).Clv).ToArray();
        var (exactMean, exactVariance) = (exact.Average(), exact.Sum(m => (m - exact.Average()) * (m - exact.Average())) / (exact.Length - 1));
        var e = result.ExpectedClv;
        var s = (double)Rates.ScenarioCount;
        var noise = e.WithinScenarioVariance / e.CustomersPerScenario;

        // s²_b − σ̂²_w/N estimates the μ_s spread; the customer noise e_s (variance σ²_w/N) leaves 2·cov(μ, e) + (s²(e) − σ²_w/N),
        // with sd ≈ (2·s_μ·√(σ²_w/N) + σ²_w/N·√2)/√(S − 1): 4 of those bound it.
        var tolerance = 4 * ((2 * Math.Sqrt(exactVariance * noise)) + (noise * Math.Sqrt(2))) / Math.Sqrt(s - 1);
        (e.ScenarioStandardError * e.ScenarioStandardError * s).Should().BeApproximately(exactVariance, tolerance,
            "oracle: sample variance of the exact conditional means E[CLV | path] (ExpectedValueEngine)");
        e.ScenarioShare.Should().BeGreaterThan(0.5, "σ = 1 % rate paths move W1's CLV far more than 20,000 customers' sampling does");
        e.Mean.Should().BeApproximately(exactMean, 4 * e.CustomerStandardError, "given the paths only customer sampling is left: |Ȳ − mean μ_s| < 4 customer SE");
        e.Mean.Should().Be(result.Clv.Mean);
        e.CustomerStandardError.Should().BeApproximately(Math.Sqrt(e.WithinScenarioVariance / (s * 20_000)), 1e-12);
    }

    [Test]
    public void CurveStandardError_AtTheHorizon_EqualsTheClvError()
    {
        // The cumulative PV at the horizon is the CLV; the curve's error comes from the flows, the CLV's from the PVs, so they
        // agree up to the 2^-20 fixed-point grid of each (relative 1e-6 is far above that, far below any real difference).
        var result = MonteCarloEngine.Simulate(Presets.W1(), Rates, new SimulationOptions { Customers = 2_000, Seed = 5 });

        result.CurveStandardError[^1].Should().BeApproximately(result.ExpectedClv.StandardError, 1e-6 * result.ExpectedClv.StandardError);
        result.CurveStandardError[0].Should().Be(0, "at acquisition every scenario has −A exactly");
        result.YearEndEstimates[^1].StandardError.Should().Be(result.CurveStandardError[^1]);
        result.CurveCiLow.Zip(result.CurveCiHigh).Should().OnlyContain(p => p.First <= p.Second);
        result.PeakFundingEstimate.Mean.Should().Be(result.PeakFundingPerCustomer);
        result.PeakFundingEstimate.StandardError.Should().Be(result.CurveStandardError[result.PeakFundingMonth]);
    }

    [Test]
    public void CurveStandardError_IsTheSpreadOfTheScenarioCurves()
    {
        // Hand recomputation from the five scenario means the result lists (the curve at the horizon is the scenario's mean CLV).
        var options = new SimulationOptions { Customers = 1_000, Seed = 8 };
        var few = ScenarioSet.FromPaths([.. Enumerable.Range(0, 5).Select(s => (IReadOnlyList<double>)Rates.Path(s).ToArray())]);
        var result = MonteCarloEngine.Simulate(Presets.W1(), few, options);
        var values = result.ScenarioOutcomes.Select(o => o.MeanClv).ToArray();
        var mean = values.Average();
        var se = Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / 4 / 5);

        result.ExpectedClv.StandardError.Should().BeApproximately(Math.Max(se, result.ExpectedClv.CustomerStandardError), 1e-9 * se,
            "hand recomputation: √(max(s²_b, σ̂²_w/N)/S) from the five scenario means");
        result.CurveStandardError[^1].Should().BeApproximately(se, 1e-6 * se, "hand recomputation: s_b/√S of the scenario curves at the horizon");
        result.ExpectedClv.CriticalValue.Should().BeApproximately(2.776445105, 1e-8, "Student-t table, 4 df, 97.5 %");
    }

    [Test]
    public void NewStatistics_BitIdenticalAcrossThreadsChunkSizesAndPartials()
    {
        var model = Presets.Bank();
        var scenarios = ScenarioSet.Generate(new Vasicek(0.03, 0.15, 0.035, 0.01), 6, model.MaxPeriods, 2);
        var options = new SimulationOptions { Customers = 3_000, Seed = 12, ChunkSize = 500 };
        var one = MonteCarloEngine.Simulate(model, scenarios, options with { MaxDegreeOfParallelism = 1 });
        var four = MonteCarloEngine.Simulate(model, scenarios, options with { MaxDegreeOfParallelism = 4 });
        var plan = MonteCarloEngine.Plan(scenarios, options);
        var parts = Enumerable.Range(0, 5).Reverse().Select(p =>
        {
            var (first, count) = plan.Part(p, 5);
            return MonteCarloEngine.SimulateChunks(model, scenarios, options, first, count);
        }).ToList();
        var merged = MonteCarloEngine.Combine(model, scenarios, options, parts);

        Json(four).Should().Be(Json(one), "integer sums merge exactly whatever the thread count");
        Json(merged).Should().Be(Json(one), "and whatever the chunk ranges and their order");
        Json(one).Should().Contain("\"scenarioStandardError\"").And.Contain("\"customerStandardError\"").And.Contain("\"ciLow\"");
    }

    [Test]
    public void SimulateToPrecision_StopsAtTheTarget_AndEqualsAPlainRunOfTheFinalCount()
    {
        var model = Presets.W1();
        ScenarioSet Make(int count) => ScenarioSet.Generate(new Vasicek(0.03, 0.15, 0.035, 0.01), count, model.MaxPeriods, 17);
        var options = new SimulationOptions { Customers = 300, Seed = 4 };
        var first = MonteCarloEngine.Simulate(model, Make(10), options).ExpectedClv;
        var target = first.HalfWidth / 3;
        var rounds = new List<PrecisionRound>();

        var result = MonteCarloEngine.SimulateToPrecision(model, Make, options, new PrecisionOptions(target) { InitialScenarios = 10, Progress = new Sync(rounds) });
        var plain = MonteCarloEngine.Simulate(model, Make(result.Plan.ScenarioCount), options);

        result.Precision!.Reached.Should().BeTrue();
        result.ExpectedClv.HalfWidth.Should().BeLessThanOrEqualTo(target);
        result.Precision.Rounds.Should().Equal(rounds);
        rounds[0].Should().Be(new PrecisionRound(10, first.HalfWidth));
        rounds.SkipLast(1).Should().OnlyContain(r => r.HalfWidth > target, "the run stops at the first round that meets the target");
        rounds.Zip(rounds.Skip(1)).Should().OnlyContain(p => p.Second.Scenarios > p.First.Scenarios && p.Second.Scenarios <= 4 * p.First.Scenarios && p.Second.Scenarios % 10 == 0,
            "each round adds whole blocks of 10 scenarios, at most ×4");
        Json(result, "adequacy", "precision").Should().Be(Json(plain, "adequacy", "precision"), "extending keeps the earlier scenarios' sums: bit-identical to one run");
        MonteCarloEngine.SimulateToPrecision(model, Make, options, new PrecisionOptions(target) { InitialScenarios = 10 }).Precision!.Rounds
            .Should().Equal(rounds, "the rounds are a deterministic function of the seeds and the target");
    }

    [Test]
    public void SimulateToPrecision_Cap_StopsThereAndSaysSo()
    {
        var model = Presets.W1();
        ScenarioSet Make(int count) => ScenarioSet.Generate(new Vasicek(0.03, 0.15, 0.035, 0.01), count, model.MaxPeriods, 3);

        var result = MonteCarloEngine.SimulateToPrecision(model, Make, new SimulationOptions { Customers = 100 },
            new PrecisionOptions(0.001) { InitialScenarios = 4, BlockSize = 3, MaxScenarios = 11 });

        result.Precision!.Reached.Should().BeFalse();
        // Round 1: 4 scenarios; the target asks for far more, so ×4 = 16, rounded up to blocks of 3 = 18, capped at 11.
        result.Precision.Rounds.Select(r => r.Scenarios).Should().Equal(4, 11);
        result.Adequacy.Should().ContainSingle().Which.Message.Should().Contain("would give ±0.00");
    }

    [Test]
    public void SimulateToPrecision_ScenarioSourceThatChangesEarlierPaths_IsRefused()
    {
        var model = Presets.W1();
        ScenarioSet Make(int count) => ScenarioSet.Generate(new Vasicek(0.03, 0.15, 0.035, 0.01), count, model.MaxPeriods, (ulong)count);

        var act = () => MonteCarloEngine.SimulateToPrecision(model, Make, new SimulationOptions { Customers = 100 }, new PrecisionOptions(0.001) { InitialScenarios = 4 });

        act.Should().Throw<ArgumentException>().WithMessage("Scenario 0 of the larger set differs from scenario 0 of the current set*same model and seed*");
    }

    [Test]
    public void SimulateToPrecision_InitialAboveCap_IsRefusedBeforeAnyWork()
    {
        var calls = 0;
        ScenarioSet Make(int count)
        {
            calls++;
            return ScenarioSet.Generate(new Vasicek(0.03, 0.15, 0.035, 0.01), count, Presets.W1MaxPeriods, 3);
        }

        var act = () => MonteCarloEngine.SimulateToPrecision(Presets.W1(), Make, new SimulationOptions(), new PrecisionOptions(1) { InitialScenarios = 50, MaxScenarios = 20 });

        act.Should().Throw<ArgumentException>().WithMessage("precision.InitialScenarios (50) must not exceed precision.MaxScenarios (20).*");
        calls.Should().Be(0);
        FluentActions.Invoking(() => new PrecisionOptions(0)).Should().Throw<ArgumentOutOfRangeException>().WithMessage("TargetHalfWidth*(was 0)*");
    }

    [Test]
    public void Adequacy_OneScenario_AndScenarioDominated_AreReported()
    {
        var single = MonteCarloEngine.Simulate(Presets.W1(), ScenarioSet.Constant(0.03, Presets.W1MaxPeriods), new SimulationOptions { Customers = 1_000 });
        var many = MonteCarloEngine.Simulate(Presets.W1(), Rates, new SimulationOptions { Customers = 5_000 });

        single.Adequacy.Should().ContainSingle().Which.Issue.Should().Be(AdequacyIssue.SingleScenario);
        double.IsNaN(single.CurveStandardError[^1]).Should().BeTrue("the per-customer spread of the curve is not kept");
        single.BreakEvenInterval.Should().BeNull();
        many.Adequacy.Should().ContainSingle().Which.Issue.Should().Be(AdequacyIssue.ScenariosDominate);
    }

    private sealed class Sync(List<PrecisionRound> rounds) : IProgress<PrecisionRound>
    {
        public void Report(PrecisionRound value) => rounds.Add(value);
    }
}
