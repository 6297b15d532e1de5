using LifetimeValue.Statistics;

namespace LifetimeValue.Tests.Statistics;

public sealed class AdequacyNoteTests
{
    [Test]
    public void Assess_ScenariosDominate_SaysSoAndSuggestsFourTimesTheScenariosToHalve()
    {
        // 50 scenario means with sd 1,000 (s²_b = 10⁶), σ̂²_w = 4·10⁶ over N = 2,000 → σ̂²_w/N = 2,000: scenarios ≈ 99.8 % of the variance.
        var means = Enumerable.Range(0, 50).Select(i => (i % 2 == 0 ? 1 : -1) * 1000 * Math.Sqrt(49.0 / 50)).ToArray();
        var e = ScenarioMeanEstimator.FromScenarioMeans(means, 2_000, 4_000_000);

        var notes = AdequacyNote.Assess(e, "expected CLV");

        notes.Should().ContainSingle();
        var note = notes[0];
        note.Issue.Should().Be(AdequacyIssue.ScenariosDominate);
        note.ScenarioShare.Should().BeApproximately(0.998, 0.001, "hand calc: (10⁶ − 2,000)/10⁶");
        // Hand calc: halving needs t(S′−1)·√(v/S′) = t(49)·√(v/50)/2, i.e. S′ = 200·(t(S′−1)/t(49))² = 200·(1.9723/2.0096)² ≈ 192.6 → 193.
        note.ScenariosToHalve.Should().Be(193, "4 × 50 scenarios, fewer because the t quantile shrinks with them");
        note.Message.Should().StartWith("The rate scenarios dominate the error of the expected CLV (99.8 % of its variance with 50 scenarios)")
            .And.Contain("more customers per scenario cannot narrow")
            .And.Contain(FormattableString.Invariant($"about {note.ScenariosToHalve:N0} scenarios would halve it"));
    }

    [Test]
    public void Assess_WithTarget_AddsTheScenarioCountForTheTarget()
    {
        var means = Enumerable.Range(0, 50).Select(i => (i % 2 == 0 ? 1 : -1) * 1000 * Math.Sqrt(49.0 / 50)).ToArray();
        var e = ScenarioMeanEstimator.FromScenarioMeans(means, 2_000, 4_000_000);

        var note = AdequacyNote.Assess(e, "expected CLV", targetHalfWidth: 100)[0];

        note.ScenariosForTarget.Should().Be(e.ScenariosForHalfWidth(100));
        note.ScenariosForTarget.Should().BeInRange(385, 390, "normal bound ⌈1.96²·10⁶/100²⌉ = 385 plus the t correction");
        note.Message.Should().EndWith(FormattableString.Invariant($"; about {note.ScenariosForTarget:N0} would give ±100.00."));
    }

    [Test]
    public void Assess_CustomersDominate_NoTarget_SaysNothing()
    {
        // s²_b = 1.0 ≈ σ̂²_w/N = 1.0: the scenario part is about zero.
        var e = ScenarioMeanEstimator.FromScenarioMeans([-1, 1, -1, 1, -1, 1, -1, 1], 100, 100 * 8.0 / 7);

        AdequacyNote.Assess(e, "expected CLV").Should().BeEmpty();
        AdequacyNote.Assess(e, "expected CLV", targetHalfWidth: 1e6).Should().BeEmpty("the target is met");
        var missed = AdequacyNote.Assess(e, "expected CLV", targetHalfWidth: 0.1);
        missed.Should().ContainSingle().Which.Issue.Should().Be(AdequacyIssue.TargetNotReached);
        missed[0].Message.Should().Contain("is wider than the target ±0.10").And.Contain("scenarios would reach it");
    }

    [Test]
    public void Assess_OneScenario_SaysTheIntervalIgnoresRates()
    {
        var e = ScenarioMeanEstimator.FromScenarioMeans([889], 20_000, 1_000_000);

        var note = AdequacyNote.Assess(e, "expected CLV").Should().ContainSingle().Subject;

        note.Issue.Should().Be(AdequacyIssue.SingleScenario);
        note.Message.Should().Be("One rate scenario: the 95 % interval of the expected CLV (±13.86) covers customer sampling only, given that rate path; simulate many scenarios from a rate model to include the rate uncertainty.");
    }
}
