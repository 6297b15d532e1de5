using LifetimeValue.Lifecycle.Internal;

namespace LifetimeValue.Tests.Simulation;

/// <summary>
/// The event-time attrition draw is defined by exact comparisons with the table ρⁿ: g = max{n ≤ L : u ≤ ρⁿ}
/// months survived, leaving in month Start + g (flows stop at Start + g + 1). These cases sit exactly on
/// the table's boundaries, where a log-only formula may round either way.
/// </summary>
public sealed class EventAttritionTests
{
    private static Segment FirstSegment()
    {
        var model = new CompiledLifecycleModel(Presets.W1());
        return model.Cohorts[0].Segments[0];
    }

    [Test]
    public void Boundary_values_follow_the_table_exactly()
    {
        var seg = FirstSegment();
        var p = seg.SurvivalPowers;
        p[0].Should().Be(1.0);
        for (var n = 1; n < Math.Min(seg.Length, 40); n++)
        {
            // u = ρⁿ exactly: survived n months (u ≤ ρⁿ), so the leaving month is Start + n.
            LifecycleKernel.EventAttrition(seg, p[n], out var leaves).Should().Be(seg.Start + n + 1);
            leaves.Should().BeTrue();

            // Just above ρⁿ: survived only n − 1 months.
            LifecycleKernel.EventAttrition(seg, Math.BitIncrement(p[n]), out leaves).Should().Be(seg.Start + n);
            leaves.Should().BeTrue();
        }
    }

    [Test]
    public void Values_at_or_below_the_last_power_survive_the_stage()
    {
        var seg = FirstSegment();
        var last = seg.SurvivalPowers[seg.Length];
        LifecycleKernel.EventAttrition(seg, last, out var leaves).Should().Be(seg.End);
        leaves.Should().BeFalse();
        LifecycleKernel.EventAttrition(seg, last / 2, out leaves).Should().Be(seg.End);
        leaves.Should().BeFalse();
        LifecycleKernel.EventAttrition(seg, Math.BitIncrement(last), out leaves).Should().Be(seg.End);
        leaves.Should().BeTrue("u just above ρ^L means leaving in the stage's last month");
    }

    [Test]
    public void Agrees_with_the_log_formula_away_from_boundaries()
    {
        // ⌊ln u / ln ρ⌋ is the textbook inverse; away from boundaries the table must give the same month.
        var seg = FirstSegment();
        var rng = new System.Random(7);
        for (var i = 0; i < 10_000; i++)
        {
            var u = rng.NextDouble() * 0.999 + 0.0005;
            var x = Math.Log(u) / Math.Log(1 - seg.Hazard);
            if (Math.Abs(x - Math.Round(x)) < 1e-9)
            {
                continue;
            }

            var expected = x >= seg.Length ? seg.End : seg.Start + (int)x + 1;
            LifecycleKernel.EventAttrition(seg, u, out _).Should().Be(expected);
        }
    }
}
