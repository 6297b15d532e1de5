using LifetimeValue.Finance;

namespace LifetimeValue.Tests.Finance;

/// <summary>Seeded random-series properties of the IRR solver (System.Random, fixed seeds).</summary>
public sealed partial class IrrTests
{
    private static IEnumerable<double[]> RandomSeries(int seed, int count)
    {
        var random = new System.Random(seed);
        for (var s = 0; s < count; s++)
        {
            var flows = new double[random.Next(2, 31)];
            var conventional = random.Next(2) == 0; // one outflow first, then mostly inflows
            for (var k = 0; k < flows.Length; k++)
            {
                var magnitude = Math.Pow(10, random.NextDouble() * 6 - 3);
                var negative = conventional ? k == 0 : random.Next(2) == 0;
                flows[k] = random.Next(10) == 0 ? 0 : negative ? -magnitude : magnitude;
            }

            yield return flows;
        }
    }

    [Test]
    public void Solve_RandomSeries_EveryRootIsAnNpvZero()
    {
        foreach (var flows in RandomSeries(seed: 20261123, count: 400))
        {
            var result = Irr.Solve(flows);

            result.Roots.Should().BeInAscendingOrder();
            for (var i = 0; i < result.Roots.Count; i++)
            {
                var r = result.Roots[i];
                r.Should().BeGreaterThan(-1);
                if (i > 0)
                {
                    r.Should().BeGreaterThan(result.Roots[i - 1], "roots are distinct");
                }

                // Relative residual |NPV| / Σ|c_k|(1+r)^-k, by direct summation (≤ 30 flows: no overflow for r > -0.99).
                if (r > -0.99)
                {
                    double npv = 0, scale = 0;
                    for (var k = 0; k < flows.Length; k++)
                    {
                        var term = flows[k] / Math.Pow(1 + r, k);
                        npv += term;
                        scale += Math.Abs(term);
                    }

                    Math.Abs(npv).Should().BeLessThanOrEqualTo(1e-9 * scale, $"relative residual at root {r} of [{string.Join(", ", flows)}]");
                }
            }
        }
    }

    [Test]
    public void Solve_RandomSeries_NegationAndPowerOfTwoScalingAreBitwiseInvariant()
    {
        foreach (var flows in RandomSeries(seed: 7, count: 150))
        {
            var baseline = Irr.Solve(flows);
            var negated = Irr.Solve(Array.ConvertAll(flows, c => -c));
            var scaled = Irr.Solve(Array.ConvertAll(flows, c => c * 1024.0));

            negated.Roots.Should().Equal(baseline.Roots, "exact: -c scaled by a power of two gives an exactly negated curve");
            scaled.Roots.Should().Equal(baseline.Roots, "exact: the internal power-of-two scaling absorbs 2^10");
        }
    }

    [Test]
    public void Solve_RandomSeries_DecimalScalingAgreesTo1e12()
    {
        foreach (var flows in RandomSeries(seed: 11, count: 150))
        {
            var baseline = Irr.Solve(flows);
            foreach (var factor in new[] { 1e-6, 1e12 })
            {
                var scaled = Irr.Solve(Array.ConvertAll(flows, c => c * factor));

                scaled.Status.Should().Be(baseline.Status, $"scale-free status for [{string.Join(", ", flows)}] × {factor}");
                scaled.Roots.Should().Equal(baseline.Roots, (a, b) => Math.Abs(a - b) <= 1e-12 * Math.Max(1, Math.Abs(b)),
                    "roots agree to 1e-12 (the inputs' own rounding)");
            }
        }
    }

    [Test]
    public void Solve_RandomConventionalSeries_OneSignChangeIsUnique()
    {
        foreach (var flows in RandomSeries(seed: 3, count: 400))
        {
            if (flows[0] >= 0 || Array.Exists(flows[1..], c => c < 0) || !Array.Exists(flows, c => c > 0))
            {
                continue;
            }

            var result = Irr.Solve(flows);

            result.Status.Should().Be(IrrStatus.Unique, $"Descartes: one sign change in [{string.Join(", ", flows)}]");
            result.Method.Should().Be(IrrMethod.Newton);
        }
    }
}
