using LifetimeValue.Finance;

namespace LifetimeValue.Tests.Finance;

/// <summary>
/// Excel IRR. Oracles: Microsoft Support, "IRR function" (Excel), example: -70000, 12000, 15000, 18000,
/// 21000, 26000 (https://support.microsoft.com/en-us/office/irr-function), with IRR(A2:A6) = -2.1 % (-2.12 %),
/// IRR(A2:A7) = 8.7 % (8.66 %), IRR(A2:A4, -10 %) = -44.4 % (-44.35 %); exact roots from mpmath at 40 digits.
/// Hand calculations in comments.
/// </summary>
public sealed partial class IrrTests
{
    private static readonly double[] DocFlows = [-70000, 12000, 15000, 18000, 21000, 26000];

    [Test]
    public void Solve_ExcelDocFourYears_ReturnsMinus2_12Percent()
    {
        var result = Irr.Solve(DocFlows[..5]);

        result.Status.Should().Be(IrrStatus.Unique, "one sign change: Descartes' rule gives exactly one root");
        result.Rate!.Value.Should().BeApproximately(-0.0212, 5e-5, "Excel IRR doc example (-2.12 %)");
        result.Rate!.Value.Should().BeApproximately(-0.021244848273410991, 1e-12, "mpmath 40 digits");
    }

    [Test]
    public void Solve_ExcelDocFiveYears_Returns8_66Percent()
    {
        var result = Irr.Solve(DocFlows);

        result.Rate!.Value.Should().BeApproximately(0.0866, 5e-5, "Excel IRR doc example (8.66 %)");
        result.Rate!.Value.Should().BeApproximately(0.086630948036531614, 1e-12, "mpmath 40 digits");
        result.Method.Should().Be(IrrMethod.Newton);
        result.Roots.Should().Equal([result.Rate!.Value]);
    }

    [Test]
    public void Solve_ExcelDocTwoYearsGuessMinus10Percent_ReturnsMinus44_35Percent()
    {
        var result = Irr.Solve(DocFlows[..3], -0.10);

        result.Rate!.Value.Should().BeApproximately(-0.4435, 5e-5, "Excel IRR doc example (-44.35 %)");
        result.Rate!.Value.Should().BeApproximately(-0.44350694133474054, 1e-12, "mpmath 40 digits");
    }

    [Test]
    public void Solve_ExcelDocTwoYearsDefaultGuess_FindsSameRoot()
    {
        // Excel needs the -10 % guess here; the unique root does not depend on the guess.
        Irr.Solve(DocFlows[..3]).Rate!.Value.Should().BeApproximately(-0.44350694133474054, 1e-12, "mpmath 40 digits");
    }

    [Test]
    public void Solve_ExcelDocFiveYears_NpvAtIrrIsZero()
    {
        var rate = Irr.Solve(DocFlows).Rate!.Value;

        Npv.OfWithInitial(rate, DocFlows).Should().BeApproximately(0, 1e-7, "Excel IRR doc: NPV(IRR(A2:A7), A2:A7) ≈ 0 (1.79E-09 in Excel)");
    }

    // Hand calculations:
    //   -100, 110           -> 110/100 - 1 = 10 %
    //   -100, 0, 121        -> (1 + r)² = 1.21, r = 10 %
    //   -1000, 1            -> 1/1000 - 1 = -99.9 % (close to the domain's edge)
    //   -1, 1000            -> 1000 - 1 = 99 900 % (far above Newton's 10 % start)
    //   0, -100, 0, 121     -> -100 v + 121 v³ = 0, (1 + r)² = 1.21, r = 10 % (a leading zero changes nothing)
    [TestCase(new[] { -100.0, 110.0 }, 0.10)]
    [TestCase(new[] { -100.0, 0.0, 121.0 }, 0.10)]
    [TestCase(new[] { -1000.0, 1.0 }, -0.999)]
    [TestCase(new[] { -1.0, 1000.0 }, 999.0)]
    [TestCase(new[] { 0.0, -100.0, 0.0, 121.0 }, 0.10)]
    public void Solve_HandComputed_ReturnsRate(double[] flows, double expected)
    {
        var result = Irr.Solve(flows);

        result.Status.Should().Be(IrrStatus.Unique);
        result.Rate!.Value.Should().BeApproximately(expected, 1e-12 * Math.Max(1, Math.Abs(expected)), "hand calc above");
    }

    [Test]
    public void Solve_TwoSignChangesTwoRoots_ReportsSeveral()
    {
        // -100 + 230 v - 132 v² = 0 with v = 1/(1+r)  <=>  100 x² - 230 x + 132 = 0, x = 1 + r = 1.1 or 1.2.
        var result = Irr.Solve([-100, 230, -132]);

        result.Status.Should().Be(IrrStatus.Several);
        result.Roots.Should().HaveCount(2);
        result.Roots[0].Should().BeApproximately(0.10, 1e-12, "hand calc: x = (230 - 10)/200 = 1.1");
        result.Roots[1].Should().BeApproximately(0.20, 1e-12, "hand calc: x = (230 + 10)/200 = 1.2");
        result.Rate!.Value.Should().BeApproximately(0.10, 1e-12, "root closest to the default guess 10 %");
    }

    [Test]
    public void Solve_SeveralRootsGuessNearUpper_PicksRootClosestToGuess()
    {
        var result = Irr.Solve([-100, 230, -132], 0.19);

        result.Rate!.Value.Should().BeApproximately(0.20, 1e-12, "hand calc root 20 % is closest to the 19 % guess");
        result.Roots.Should().BeInAscendingOrder();
    }

    [Test]
    public void Solve_ThreeRoots_FindsAllSorted()
    {
        // (x - 1.05)(x - 1.25)(x - 1.5) = x³ - 3.8 x² + 4.7625 x - 1.96875 with x = 1 + r; flows are the
        // coefficients of x³ … x⁰ because Σ c_k x^(3-k) = 0 <=> NPV = 0 at t = 0…3.
        var result = Irr.Solve([-1, 3.8, -4.7625, 1.96875]);

        result.Status.Should().Be(IrrStatus.Several);
        result.Roots.Should().HaveCount(3);
        result.Roots[0].Should().BeApproximately(0.05, 1e-10, "hand calc: factored cubic");
        result.Roots[1].Should().BeApproximately(0.25, 1e-10, "hand calc: factored cubic");
        result.Roots[2].Should().BeApproximately(0.50, 1e-10, "hand calc: factored cubic");
    }

    [Test]
    public void Solve_CumulativeSumsChangeSignOnce_StillFindsNegativeRoot()
    {
        // Cumulative sums -1, 1, 0.1 change sign once (Norstrøm's criterion: exactly one root with r > 0), but
        // -x² + 2x - 0.9 = 0 in x = 1 + r has x = 1 ± √0.1, so r = ±0.316227766 (hand calc): the criterion does
        // not cover -1 < r < 0, which is why the solver still scans there.
        var result = Irr.Solve([-1, 2, -0.9]);

        result.Status.Should().Be(IrrStatus.Several);
        result.Roots.Should().HaveCount(2);
        result.Roots[0].Should().BeApproximately(-Math.Sqrt(0.1), 1e-12, "hand calc: 1 - √0.1 - 1");
        result.Roots[1].Should().BeApproximately(Math.Sqrt(0.1), 1e-12, "hand calc: 1 + √0.1 - 1");
        result.Rate!.Value.Should().BeApproximately(Math.Sqrt(0.1), 1e-12, "the root closest to the 10 % guess");
    }

    [Test]
    public void Solve_AnyResult_RateIsOneOfSortedRoots()
    {
        foreach (var flows in new[] { DocFlows, [-100, 230, -132], [-1, 3.8, -4.7625, 1.96875], MonthlySeries() })
        {
            foreach (var guess in new[] { -0.5, 0.0, 0.1, 0.3, 10.0 })
            {
                var result = Irr.Solve(flows, guess);

                result.HasRoot.Should().BeTrue();
                result.Roots.Should().BeInAscendingOrder().And.Contain(result.Rate!.Value);
                result.Guess.Should().Be(guess);
                foreach (var root in result.Roots)
                {
                    Math.Abs(root - guess).Should().BeGreaterThanOrEqualTo(Math.Abs(result.Rate!.Value - guess), "documented rule: closest to the guess");
                }
            }
        }
    }

    [Test]
    public void ToString_Unique_IsInvariantSummary()
    {
        Irr.Solve([-100, 110]).ToString().Should().StartWith("Unique: 0.1", "invariant-culture summary");
        Irr.Solve([1, 2]).ToString().Should().Be("None: no internal rate of return");
    }

    // The last case changes sign twice but 1 - 2v + 2v² has discriminant 4 - 8 < 0 (hand calc): no real root.
    [TestCase(new[] { 100.0, 50.0, 25.0 })]
    [TestCase(new[] { -100.0, -50.0 })]
    [TestCase(new[] { 0.0, 0.0, 0.0 })]
    [TestCase(new[] { 1.0, -2.0, 2.0 })]
    public void Solve_NoRoot_ReturnsNoneWithoutThrowing(double[] flows)
    {
        var result = Irr.Solve(flows);

        result.Status.Should().Be(IrrStatus.None);
        result.HasRoot.Should().BeFalse();
        result.Rate.Should().BeNull();
        result.Roots.Should().BeEmpty();
        result.Method.Should().Be(IrrMethod.None);
    }

    [TestCase(1e-6)]
    [TestCase(1e12)]
    [TestCase(-3.7e9)]
    public void Solve_ScaledFlows_SameRate(double scale)
    {
        var scaled = Array.ConvertAll(DocFlows, c => c * scale);
        var several = Array.ConvertAll(new[] { -100.0, 230, -132 }, c => c * scale);

        Irr.Solve(scaled).Rate!.Value.Should().BeApproximately(0.086630948036531614, 1e-12, "mpmath; the rate is scale-free");
        Irr.Solve(several).Roots.Should().Equal([0.1, 0.2], (a, b) => Math.Abs(a - b) < 1e-12, "hand calc roots are scale-free");
    }

    [Test]
    public void Solve_NegatedFlows_SameRoots()
    {
        Irr.Solve(Array.ConvertAll(DocFlows, c => -c)).Rate!.Value
            .Should().BeApproximately(Irr.Solve(DocFlows).Rate!.Value, 1e-15, "NPV(-c) = -NPV(c) has the same roots");
        Irr.Solve([100, -230, 132]).Roots
            .Should().Equal(Irr.Solve([-100, 230, -132]).Roots, (a, b) => Math.Abs(a - b) < 1e-15, "same roots");
    }

    [Test]
    public void Solve_SevenHundredMonthlyFlows_ConvergesWithoutOverflow()
    {
        // Acquisition cost 1000, then a margin of 30·0.985^k in month k = 1 … 699 (retention 98.5 %/month).
        // Hand calc for the infinite series: 30·q/(1 + r - q) = 1000 with q = 0.985 gives r = 0.01455; the
        // 699-month truncation lowers it by 3·10⁻¹¹ (mpmath 50 digits: 0.01454999996857050).
        var flows = MonthlySeries();

        foreach (var guess in new[] { 0.1, 5.0, -0.99, 0.0 })
        {
            var result = Irr.Solve(flows, guess);

            result.Status.Should().Be(IrrStatus.Unique);
            result.Method.Should().Be(IrrMethod.Newton, "one sign change: the log-ratio Newton converges from any guess");
            result.NewtonIterations.Should().BeLessThanOrEqualTo(15);
            result.Rate!.Value.Should().BeApproximately(0.01454999996857050, 1e-12, $"mpmath 50 digits (guess {guess})");
        }
    }

    [Test]
    public void Solve_SevenHundredMonthlyFlowsWithLateDip_FindsAllThreeRoots()
    {
        // A refurbishment cost of 400 in month 600 adds two sign changes. At negative rates that late cost is
        // amplified by (1 + r)^-600 and creates two more roots; the economic root moves from 1.45500 % to
        // 1.45480 %/month. Oracle: mpmath (60 digits) sign scan over ln(1 + r) in steps of 0.005 + bisection.
        var flows = MonthlySeries();
        flows[600] -= 400;

        var result = Irr.Solve(flows);

        result.Status.Should().Be(IrrStatus.Several);
        result.Roots.Should().HaveCount(3);
        result.Roots[0].Should().BeApproximately(-0.10277926953700012, 1e-12, "mpmath 60 digits");
        result.Roots[1].Should().BeApproximately(-0.0019059129530748276, 1e-12, "mpmath 60 digits");
        result.Roots[2].Should().BeApproximately(0.014547962749799557, 1e-12, "mpmath 60 digits");
        result.Rate.Should().Be(result.Roots[2], "the root closest to the 10 % guess");
    }

    internal static double[] MonthlySeries()
    {
        var flows = new double[700];
        flows[0] = -1000;
        var margin = 30.0;
        for (var k = 1; k < flows.Length; k++)
        {
            margin *= 0.985;
            flows[k] = margin;
        }

        return flows;
    }
}
