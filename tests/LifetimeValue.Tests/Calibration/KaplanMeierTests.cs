using LifetimeValue.Calibration;

namespace LifetimeValue.Tests.Calibration;

public sealed class KaplanMeierTests
{
    [Test]
    public void Estimate_HandExample_MatchesProductLimit()
    {
        // 8 customers; tenure in months, + = censored (still active): 1, 2, 2, 2+, 3, 4+, 5, 6+.
        // Hand calculation (Kaplan & Meier 1958):
        // t=1: n=8, d=1 -> S = 7/8 = 0.875
        // t=2: n=7, d=2 (the 2+ is still at risk at 2) -> S = 0.875 * 5/7 = 0.625
        // t=3: n=4, d=1 -> S = 0.625 * 3/4 = 0.46875
        // t=5: n=2, d=1 (4+ left) -> S = 0.46875 * 1/2 = 0.234375
        double[] tenure = [1, 2, 2, 2, 3, 4, 5, 6];
        bool[] churned = [true, true, true, false, true, false, true, false];
        var curve = KaplanMeier.Estimate(tenure, churned);

        curve.Times.Should().Equal(1, 2, 3, 5);
        curve.AtRisk.Should().Equal(8, 7, 4, 2);
        curve.Events.Should().Equal(1, 2, 1, 1);
        curve.Censored.Should().Equal(0, 1, 1, 1);
        curve.Survival.Should().Equal([0.875, 0.625, 0.46875, 0.234375], (a, e) => Math.Abs(a - e) < 1e-15, "hand calculation above");
        double greenwood = 1.0 / (8 * 7) + 2.0 / (7 * 5) + 1.0 / (4 * 3);
        curve.StandardError[2].Should().BeApproximately(0.46875 * Math.Sqrt(greenwood), 1e-15, "Greenwood (1926) by hand");
        curve.At(0.5).Should().Be(1.0);
        curve.At(4.9).Should().Be(0.46875, "right-continuous step function");
        curve.At(100).Should().Be(0.234375);
    }

    [Test]
    public void Estimate_MismatchedLengths_Throws()
    {
        var act = () => KaplanMeier.Estimate([1.0, 2.0], [true]);
        act.Should().Throw<ArgumentException>().WithMessage("*one entry per duration*");
    }
}
