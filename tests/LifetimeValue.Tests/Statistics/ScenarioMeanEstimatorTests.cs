using LifetimeValue.Statistics;

namespace LifetimeValue.Tests.Statistics;

public sealed class ScenarioMeanEstimatorTests
{
    [Test]
    public void FromScenarioMeans_FourScenarios_MatchesHandCalculation()
    {
        // Hand calc: means 1, 2, 3, 4 → Ȳ = 2.5, s²_b = (2.25 + 0.25 + 0.25 + 2.25)/3 = 5/3; N = 10, σ̂²_w = 2:
        // customer var = 2/(10·4) = 0.05; scenario var = (5/3 − 0.2)/4 = 0.3666…; total = 0.4166… = s²_b/S.
        // t(0.975, 3 df) = 3.182446305 (Student-t table).
        var e = ScenarioMeanEstimator.FromScenarioMeans([1, 2, 3, 4], 10, withinScenarioVariance: 2);

        e.Mean.Should().Be(2.5);
        e.ScenarioMeanVariance.Should().BeApproximately(5.0 / 3, 1e-15, "hand calc");
        e.CustomerStandardError.Should().BeApproximately(Math.Sqrt(0.05), 1e-15, "hand calc: √(σ̂²_w/(N·S))");
        e.ScenarioStandardError.Should().BeApproximately(Math.Sqrt(((5.0 / 3) - 0.2) / 4), 1e-15, "hand calc: √((s²_b − σ̂²_w/N)/S)");
        e.StandardError.Should().BeApproximately(Math.Sqrt(5.0 / 12), 1e-15, "hand calc: √(s²_b/S)");
        e.ScenarioShare.Should().BeApproximately((((5.0 / 3) - 0.2) / 4) / (5.0 / 12), 1e-14);
        e.Method.Should().Be(IntervalMethod.StudentT);
        e.DegreesOfFreedom.Should().Be(3);
        e.CriticalValue.Should().BeApproximately(3.182446305, 1e-8, "Student-t table, 3 df, 97.5 %");
        e.CiLow.Should().BeApproximately(2.5 - (3.182446305 * Math.Sqrt(5.0 / 12)), 1e-8);
        e.CiHigh.Should().BeApproximately(2.5 + (3.182446305 * Math.Sqrt(5.0 / 12)), 1e-8);
    }

    [Test]
    public void FromScenarioMeans_ScenarioMeansVaryLessThanCustomerNoise_ScenarioPartZeroAndTotalIsCustomerPart()
    {
        // s²_b = 5/3 but σ̂²_w/N = 100/10 = 10 > s²_b: the positive part sets the scenario part to 0 and the total to √(10/4).
        var e = ScenarioMeanEstimator.FromScenarioMeans([1, 2, 3, 4], 10, withinScenarioVariance: 100);

        e.ScenarioStandardError.Should().Be(0);
        e.StandardError.Should().BeApproximately(Math.Sqrt(2.5), 1e-15, "hand calc: √(σ̂²_w/(N·S))");
        e.StandardError.Should().Be(e.CustomerStandardError);
    }

    [Test]
    public void FromScenarioMeans_WithinUnknown_ReportsTotalOnly()
    {
        var e = ScenarioMeanEstimator.FromScenarioMeans([1, 2, 3, 4], 10);

        e.StandardError.Should().BeApproximately(Math.Sqrt(5.0 / 12), 1e-15, "hand calc: √(s²_b/S)");
        double.IsNaN(e.ScenarioStandardError).Should().BeTrue();
        double.IsNaN(e.CustomerStandardError).Should().BeTrue();
    }

    [Test]
    public void FromScenarioMeans_OneScenario_NormalIntervalOnCustomerPart()
    {
        var e = ScenarioMeanEstimator.FromScenarioMeans([7], 400, withinScenarioVariance: 16);

        e.StandardError.Should().BeApproximately(0.2, 1e-15, "hand calc: √(16/400)");
        double.IsNaN(e.ScenarioStandardError).Should().BeTrue("one scenario cannot show the scenario spread");
        e.Method.Should().Be(IntervalMethod.Normal);
        e.CriticalValue.Should().BeApproximately(1.959963985, 1e-8, "normal table, 97.5 %");
        e.ScenariosForHalfWidth(0.1).Should().BeNull();
    }

    [Test]
    public void FromMoments_ValuesOnTheGrid_EqualsTheDoublePathAndTheMergedMean()
    {
        // Values that are multiples of 2^-20 are stored exactly, so the integer path and the double path agree.
        var rng = new System.Random(5);
        var scenarios = new List<FixedPointMoments>();
        var means = new double[6];
        var within = 0.0;
        for (var s = 0; s < 6; s++)
        {
            var values = Enumerable.Range(0, 50).Select(_ => Math.Round(((rng.NextDouble() * 200) - 50 + (s * 10)) * 1024) / 1024).ToArray();
            var m = new FixedPointMoments();
            m.AddRange(values);
            scenarios.Add(m);
            means[s] = values.Average();
            within += values.Sum(v => (v - means[s]) * (v - means[s])) / 49;
        }

        var exact = ScenarioMeanEstimator.FromMoments(scenarios);
        var viaDoubles = ScenarioMeanEstimator.FromScenarioMeans(means, 50, within / 6);
        var merged = new FixedPointMoments();
        scenarios.ForEach(merged.Merge);

        exact.Mean.Should().Be(merged.ToSummary().Mean, "the same integer sums, the same division");
        exact.Mean.Should().BeApproximately(viaDoubles.Mean, 1e-12);
        exact.ScenarioMeanVariance.Should().BeApproximately(viaDoubles.ScenarioMeanVariance, 1e-10 * viaDoubles.ScenarioMeanVariance);
        exact.WithinScenarioVariance.Should().BeApproximately(viaDoubles.WithinScenarioVariance, 1e-10 * viaDoubles.WithinScenarioVariance);
        exact.StandardError.Should().BeApproximately(viaDoubles.StandardError, 1e-10 * viaDoubles.StandardError);
    }

    [Test]
    public void FromMoments_AnySplitAndOrder_BitIdentical()
    {
        var rng = new System.Random(9);
        var values = Enumerable.Range(0, 4).Select(_ => Enumerable.Range(0, 300).Select(_ => (rng.NextDouble() * 1000) - 300).ToArray()).ToArray();
        FixedPointMoments Whole(double[] v)
        {
            var m = new FixedPointMoments();
            m.AddRange(v);
            return m;
        }

        FixedPointMoments Split(double[] v)
        {
            var a = new FixedPointMoments();
            var b = new FixedPointMoments();
            a.AddRange(v.AsSpan(170));
            b.AddRange(v.AsSpan(0, 170));
            a.Merge(b);
            return a;
        }

        var one = ScenarioMeanEstimator.FromMoments([.. values.Select(Whole)]);
        var two = ScenarioMeanEstimator.FromMoments([.. values.Select(Split)]);

        two.ToString().Should().Be(one.ToString());
        BitConverter.DoubleToInt64Bits(two.StandardError).Should().Be(BitConverter.DoubleToInt64Bits(one.StandardError), "exact integer sums");
        BitConverter.DoubleToInt64Bits(two.CustomerStandardError).Should().Be(BitConverter.DoubleToInt64Bits(one.CustomerStandardError));
    }

    [Test]
    public void FromScenarioMeans_TwoLevelNormal_DecompositionAndCoverageWithinMonteCarloBounds()
    {
        // Synthetic two-level model with both levels known: θ_s ~ N(μ, σ_b²), Y_si | θ_s ~ N(θ_s, σ_w²).
        // Var(Ȳ) = (σ_b² + σ_w²/N)/S = (9 + 100/20)/10 = 1.4; customer part σ_w²/(N·S) = 0.5; scenario part σ_b²/S = 0.9.
        const double Mu = 50, SigmaB = 3, SigmaW = 10;
        const int S = 10, N = 20, Replications = 4000;
        var rng = new System.Random(2026);
        double Gauss() => Math.Sqrt(-2 * Math.Log(1 - rng.NextDouble())) * Math.Cos(2 * Math.PI * rng.NextDouble());
        double total = 0, customer = 0, scenario = 0;
        var covered = 0;
        var means = new double[S];
        for (var r = 0; r < Replications; r++)
        {
            var pooled = 0.0;
            for (var s = 0; s < S; s++)
            {
                var theta = Mu + (SigmaB * Gauss());
                double sum = 0, squares = 0;
                var y = new double[N];
                for (var i = 0; i < N; i++)
                {
                    y[i] = theta + (SigmaW * Gauss());
                    sum += y[i];
                }

                means[s] = sum / N;
                foreach (var v in y)
                {
                    squares += (v - means[s]) * (v - means[s]);
                }

                pooled += squares / (N - 1) / S;
            }

            var e = ScenarioMeanEstimator.FromScenarioMeans(means, N, pooled);
            total += e.StandardError * e.StandardError / Replications;
            customer += e.CustomerStandardError * e.CustomerStandardError / Replications;
            scenario += e.ScenarioStandardError * e.ScenarioStandardError / Replications;
            covered += e.CiLow <= Mu && Mu <= e.CiHigh ? 1 : 0;
        }

        // Tolerances: the customer part is unbiased with sd ≈ 0.5·√(2/(S(N−1)))/√R ≈ 0.0018 → 0.01; s²_b/S is unbiased with
        // sd ≈ 1.4·√(2/9)/√R ≈ 0.0104, and the positive part adds a small upward bias (P(s²_b < σ̂²_w/N) ≈ 2 %) → 0.05 (≈ 3.5 %);
        // coverage of the t interval: binomial sd √(0.95·0.05/R) ≈ 0.0034, slightly conservative because of the positive part → [0.94, 0.97].
        customer.Should().BeApproximately(0.5, 0.01, "closed form σ_w²/(N·S)");
        total.Should().BeApproximately(1.4, 0.05, "closed form (σ_b² + σ_w²/N)/S");
        scenario.Should().BeApproximately(0.9, 0.05, "closed form σ_b²/S");
        (covered / (double)Replications).Should().BeInRange(0.94, 0.97, "a 95 % t interval on S − 1 df covers μ about 95 % of the time");
    }

    [Test]
    public void ScenariosForHalfWidth_InvertsTheTInterval()
    {
        // v = s²_b = 1,000,000 (sd 1,000 per scenario mean): for ±100 at 95 %, the normal answer is ⌈1.96²·10⁶/10⁴⌉ = 385; the t
        // quantile on 384 df (1.9662) asks for a few more: the smallest S′ with t(S′−1)·1000/√S′ ≤ 100 is 387.
        var e = ScenarioMeanEstimator.FromScenarioMeans([-1000, 1000], 1000);
        e.ScenarioMeanVariance.Should().Be(2_000_000);
        var half = ScenarioMeanEstimator.FromScenarioMeans([-1000 / Math.Sqrt(2), 1000 / Math.Sqrt(2)], 1000);

        var needed = half.ScenariosForHalfWidth(100)!.Value;

        needed.Should().Be(387, "the smallest S′ with t(0.975, S′−1)·1000/√S′ ≤ 100");
        (MathNet.Numerics.Distributions.StudentT.InvCDF(0, 1, needed - 1, 0.975) * 1000 / Math.Sqrt(needed)).Should().BeLessThanOrEqualTo(100);
        (MathNet.Numerics.Distributions.StudentT.InvCDF(0, 1, needed - 2, 0.975) * 1000 / Math.Sqrt(needed - 1)).Should().BeGreaterThan(100);
    }

    [Test]
    public void ScaleAndLevel_ScaleTheMeanAndErrors_AndWidenTheInterval()
    {
        var e = ScenarioMeanEstimator.FromScenarioMeans([1, 2, 3, 4], 10, withinScenarioVariance: 2);

        var cohort = e.Scale(10_000);
        var ninetyNine = e.WithConfidenceLevel(0.99);

        cohort.Mean.Should().Be(25_000);
        cohort.StandardError.Should().BeApproximately(10_000 * e.StandardError, 1e-9);
        cohort.CustomerStandardError.Should().BeApproximately(10_000 * e.CustomerStandardError, 1e-9);
        cohort.CiLow.Should().BeApproximately(10_000 * e.CiLow, 1e-7);
        ninetyNine.CriticalValue.Should().BeApproximately(5.840909310, 1e-8, "Student-t table, 3 df, 99.5 %");
        ninetyNine.StandardError.Should().Be(e.StandardError);
        e.Scale(-1).CiLow.Should().BeApproximately(-e.CiHigh, 1e-12);
    }

    [Test]
    public void BadInput_IsRefusedWithTheValueAndTheRange()
    {
        FluentActions.Invoking(() => ScenarioMeanEstimator.FromScenarioMeans([], 10)).Should().Throw<ArgumentException>().WithMessage("*at least one*");
        FluentActions.Invoking(() => ScenarioMeanEstimator.FromScenarioMeans([1, double.NaN], 10)).Should().Throw<ArgumentOutOfRangeException>().WithMessage("scenarioMeans[1] must be a finite number (was NaN)*");
        FluentActions.Invoking(() => ScenarioMeanEstimator.FromScenarioMeans([1, 2], 0)).Should().Throw<ArgumentOutOfRangeException>().WithMessage("*customersPerScenario*");
        FluentActions.Invoking(() => ScenarioMeanEstimator.FromScenarioMeans([1, 2], 5, -1)).Should().Throw<ArgumentOutOfRangeException>().WithMessage("*withinScenarioVariance*");
        FluentActions.Invoking(() => ScenarioMeanEstimator.FromScenarioMeans([1, 2], 5, confidenceLevel: 1)).Should().Throw<ArgumentOutOfRangeException>().WithMessage("confidenceLevel must be in (0, 1), e.g. 0.95 (was 1)*");
        var a = new FixedPointMoments();
        a.Add(1);
        var b = new FixedPointMoments();
        b.Add(1);
        b.Add(2);
        FluentActions.Invoking(() => ScenarioMeanEstimator.FromMoments([a, b])).Should().Throw<ArgumentException>().WithMessage("scenarios[1] holds 2 values but scenarios[0] holds 1*");
        FluentActions.Invoking(() => ScenarioMeanEstimator.FromScenarioMeans([1, 2], 5).ScenariosForHalfWidth(0)).Should().Throw<ArgumentOutOfRangeException>();
    }
}
