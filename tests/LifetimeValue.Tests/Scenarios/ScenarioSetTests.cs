using LifetimeValue.Random;
using LifetimeValue.Scenarios;

namespace LifetimeValue.Tests.Scenarios;

/// <summary>Generation layout, W1-det, reproducibility and discount factors of <see cref="ScenarioSet"/>.</summary>
public sealed partial class ScenarioSetTests
{
    private const double Dt = 1.0 / 12.0;

    private static readonly Vasicek W1 = new(0.03, 0.15, 0.035, 0.01, RateScheme.Euler);

    [Test]
    public void Generate_W1Det_EqualsHandRecursionBitForBit()
    {
        var model = W1 with { Sigma = 0.0 };
        var set = ScenarioSet.Generate(model, scenarios: 3, periods: 828, seed: 1);

        double r = 0.03;
        for (var t = 0; t < 828; t++)
        {
            for (var s = 0; s < 3; s++)
            {
                set[s, t].Should().Be(r, "WORKLOAD.md W1-det: r_{t+1} = r_t + κ(θ − r_t)Δ, no shocks, same operation order");
            }

            r = r + 0.15 * (0.035 - r) * (1.0 / 12.0);
        }

        set[0, 1].Should().BeApproximately(0.0300625, 1e-16, "hand calc: 0.03 + 0.15·(0.035 − 0.03)/12");
    }

    [Test]
    public void Generate_W1Det_DoesNotDependOnSeedAndHasNoSignedZeroOrNaN()
    {
        var model = W1 with { Sigma = 0.0 };
        var a = ScenarioSet.Generate(model, 2, 828, seed: 1);
        var b = ScenarioSet.Generate(model, 2, 828, seed: 0xDEADBEEF);

        a.Rates.SequenceEqual(b.Rates).Should().BeTrue("σ = 0 draws no shock, so the seed cannot matter");
        foreach (var rate in a.Rates)
        {
            (double.IsFinite(rate) && rate > 0.0).Should().BeTrue("W1-det rates rise from 3 % towards 3.5 %");
        }
    }

    [Test]
    public void Generate_W1Stochastic_UsesDocumentedShockMapping()
    {
        const ulong seed = 12345;
        var set = ScenarioSet.Generate(W1, scenarios: 4, periods: 7, seed);
        double sqrtDt = Math.Sqrt(Dt);

        for (var s = 0; s < 4; s++)
        {
            var stream = new DrawSequence(seed, s, 0, DrawPurpose.RateShock);
            double r = 0.03;
            for (var t = 0; t < 6; t++)
            {
                var (z0, z1) = RandomDraws.StandardNormalPair(stream.Block((uint)(t / 2)));
                double z = t % 2 == 0 ? z0 : z1;
                RateShocks.Shock(seed, s, t).Should().Be(z, "Z_{s,t} = Box–Muller pair of block ⌊t/2⌋, Z0 for even t, Z1 for odd t");
                r = r + 0.15 * (0.035 - r) * Dt + 0.01 * sqrtDt * z;
                set[s, t + 1].Should().Be(r, "WORKLOAD.md W1 Euler step with the documented shock, bit for bit");
            }
        }
    }

    [Test]
    public void Generate_AnyDegreeOfParallelism_IdenticalPaths()
    {
        var model = new HullWhite(0.1, 0.01, ZeroCurve.Flat(0.03));
        var serial = ScenarioSet.Generate(model, 257, 60, seed: 9, maxDegreeOfParallelism: 1);
        var two = ScenarioSet.Generate(model, 257, 60, seed: 9, maxDegreeOfParallelism: 2);
        var all = ScenarioSet.Generate(model, 257, 60, seed: 9);

        two.Rates.SequenceEqual(serial.Rates).Should().BeTrue("path s depends only on (seed, s)");
        all.Rates.SequenceEqual(serial.Rates).Should().BeTrue("path s depends only on (seed, s)");
    }

    [Test]
    public void Generate_MoreScenarios_KeepsExistingPaths()
    {
        var model = new CoxIngersollRoss(0.03, 0.5, 0.04, 0.1);
        var small = ScenarioSet.Generate(model, 5, 48, seed: 3);
        var large = ScenarioSet.Generate(model, 50, 48, seed: 3);

        large.Path(4).SequenceEqual(small.Path(4)).Should().BeTrue("scenario 4's stream does not depend on the scenario count");
    }

    [Test]
    public void Generate_DifferentSeeds_DifferentPaths()
    {
        var a = ScenarioSet.Generate(W1, 2, 24, seed: 1);
        var b = ScenarioSet.Generate(W1, 2, 24, seed: 2);

        a.Path(0).SequenceEqual(b.Path(0)).Should().BeFalse("the seed keys Philox");
        a.Path(0).SequenceEqual(a.Path(1)).Should().BeFalse("scenarios use different streams");
        a.Path(0)[0].Should().Be(0.03, "r_0 is the initial rate in every scenario");
    }

    [Test]
    public void Generate_CarriesModelSeedAndShape()
    {
        var set = ScenarioSet.Generate(W1, 3, 10, seed: 77);

        set.Model.Should().Be(W1);
        set.Seed.Should().Be(77UL);
        set.ScenarioCount.Should().Be(3);
        set.PeriodCount.Should().Be(10);
        set.Rates.Length.Should().Be(30);
        set.Path(2).ToArray().Should().Equal(set.Rates.Slice(20, 10).ToArray(), "row-major storage");
    }

    [Test]
    public void Generate_DivergentEulerParameters_ThrowsNamingModel()
    {
        var unstable = new Vasicek(0.03, 100.0, 0.035, 0.01, RateScheme.Euler);

        var act = () => ScenarioSet.Generate(unstable, 2, 1200, seed: 1);

        act.Should().Throw<ArgumentException>().Where(e => e.ParamName == "model" && e.Message.Contains("non-finite"),
            "κΔ = 8.3 makes the Euler recursion explode; nothing is clamped");
    }

    [Test]
    public void Generate_Cancelled_Throws()
    {
        using var cts = new CancellationTokenSource();
        cts.Cancel();

        var act = () => ScenarioSet.Generate(W1, 1000, 12, seed: 1, cancellationToken: cts.Token);

        act.Should().Throw<OperationCanceledException>();
    }

    [Test]
    public void FillDiscountFactors_W1Det_MatchesExpOfMinusCumulativeIntegral()
    {
        var set = ScenarioSet.Generate(W1 with { Sigma = 0.0 }, 1, 828, seed: 1);
        var factors = new double[828];
        set.FillDiscountFactors(0, 0.03, factors);

        factors[0].Should().BeApproximately(Math.Exp(-(0.03 + 0.03) / 12.0), 1e-16, "hand calc: D_1 = exp(−(r_0 + 0.03)Δ)");
        double integral = 0.0;
        for (var t = 0; t < 828; t++)
        {
            integral += (set[0, t] + 0.03) * Dt;
            factors[t].Should().Be(Math.Exp(-integral), "D_{t+1} = exp(−Σ_{j≤t}(r_j + s)Δ), numpy's exp(-cumsum(...))");
        }
    }

    [Test]
    public void DiscountFactors_NegativeRates_PositiveAndAboveOne()
    {
        var factors = new double[12];
        DiscountFactors.FillEndOfPeriod(ScenarioSet.Constant(-0.05, 12).Path(0), 0.0, factors);

        factors.Should().OnlyContain(d => d > 1.0, "exp(−∫r) with r < 0 exceeds 1 and is never negative");
        factors[11].Should().BeApproximately(Math.Exp(0.05), 1e-15, "hand calc: exp(0.05·1 year)");
    }

    [Test]
    public void DiscountFactors_WrongDestinationLength_Throws()
    {
        var act = () => DiscountFactors.FillEndOfPeriod(new double[12], 0.0, new double[13]);

        act.Should().Throw<ArgumentException>().WithParameterName("destination").WithMessage("*12*13*");
    }

    [Test]
    public void DiscountFactors_NonFiniteSpread_ThrowsNamingSpread()
    {
        var act = () => DiscountFactors.FillEndOfPeriod(new double[12], double.NaN, new double[12]);

        act.Should().Throw<ArgumentOutOfRangeException>().WithParameterName("annualSpread");
    }

    [Test]
    public void Constant_FillsOneScenario()
    {
        var set = ScenarioSet.Constant(0.025, 24);

        set.ScenarioCount.Should().Be(1);
        set.Path(0).ToArray().Should().AllBeEquivalentTo(0.025);
        set.Model.Should().BeNull();
        set.Seed.Should().BeNull();
    }

    [Test]
    public void FromPaths_CopiesInput()
    {
        var paths = new[] { new[] { 0.01, 0.02 }, new[] { -0.01, 0.0 } };
        var set = ScenarioSet.FromPaths(paths);
        paths[0][0] = 99.0;

        set[0, 0].Should().Be(0.01, "the set is immutable: input arrays are copied");
        set[1, 0].Should().Be(-0.01);
    }

    [Test]
    public void FromPaths_UnequalLengths_ThrowsNamingPath()
    {
        var act = () => ScenarioSet.FromPaths([new[] { 0.01, 0.02 }, new[] { 0.01 }]);

        act.Should().Throw<ArgumentException>().WithParameterName("paths").WithMessage("*paths[1] has 1*paths[0] has 2*");
    }

    [Test]
    public void FromPaths_NonFiniteRate_ThrowsNamingCell()
    {
        var act = () => ScenarioSet.FromPaths([new[] { 0.01, 0.02 }, new[] { 0.01, double.PositiveInfinity }]);

        act.Should().Throw<ArgumentOutOfRangeException>().WithParameterName("paths").WithMessage("paths[1][1] must be a finite annual rate*");
    }

    [Test]
    public void Indexer_OutOfRange_ThrowsNamingIndexAndRange()
    {
        var set = ScenarioSet.Constant(0.02, 12);

        set.Invoking(x => x[1, 0]).Should().Throw<ArgumentOutOfRangeException>().WithMessage("scenario must be in [0, 0] (was 1).*");
        set.Invoking(x => x[0, 12]).Should().Throw<ArgumentOutOfRangeException>().WithMessage("period must be in [0, 11] (was 12).*");
    }
}
