using LifetimeValue.Finance;

namespace LifetimeValue.Tests.Finance;

/// <summary>
/// Excel MIRR. Oracles: Microsoft Support, "MIRR function" (Excel), example -120000, 39000, 30000, 21000,
/// 37000, 46000 with finance rate 10 % and reinvestment rate 12 % (https://support.microsoft.com/en-us/office/mirr-function):
/// 13 % (12.61 %) over five years, -5 % (-4.80 %) over three, 13 % (13.48 %) at 14 % reinvestment; exact values
/// from mpmath at 40 digits. MESCIUS SpreadJS MIRR reference: MIRR({7300,-15000,4036,3050}, 6.5 %, 8 %) = 0.0564050548577524.
/// </summary>
public sealed class MirrTests
{
    private static readonly double[] DocFlows = [-120000, 39000, 30000, 21000, 37000, 46000];

    [Test]
    public void Of_ExcelDocFiveYears_Returns12_61Percent()
    {
        var mirr = Mirr.Of(DocFlows, 0.10, 0.12);

        mirr.Should().BeApproximately(0.1261, 5e-5, "Excel MIRR doc example (12.61 %)");
        mirr.Should().BeApproximately(0.12609413036590515, 1e-13, "mpmath 40 digits");
    }

    [Test]
    public void Of_ExcelDocThreeYears_ReturnsMinus4_80Percent()
    {
        Mirr.Of(DocFlows[..4], 0.10, 0.12).Should().BeApproximately(-0.048044655249980820, 1e-13, "mpmath; Excel doc shows -5 % (-4.80 %)");
    }

    [Test]
    public void Of_ExcelDocReinvestAt14Percent_Returns13_48Percent()
    {
        Mirr.Of(DocFlows, 0.10, 0.14).Should().BeApproximately(0.13475911082831485, 1e-13, "mpmath; Excel doc shows 13 % (13.48 %)");
    }

    [Test]
    public void Of_SpreadJsExample_MatchesPublishedDigits()
    {
        Mirr.Of([7300, -15000, 4036, 3050], 0.065, 0.08).Should().BeApproximately(0.0564050548577524, 1e-14, "SpreadJS MIRR reference example");
    }

    [Test]
    public void Of_TwoFlows_EqualsIrr()
    {
        // With one outflow now and one inflow later, MIRR = IRR = 150/100 - 1 whatever the rates (hand calc).
        Mirr.Of([-100, 150], 0.03, 0.07).Should().BeApproximately(0.5, 1e-15, "hand calc: 150/100 - 1");
    }

    [TestCase(new[] { 100.0, 200.0 })]
    [TestCase(new[] { -100.0, -200.0 })]
    [TestCase(new[] { 0.0, 0.0 })]
    public void Of_MissingPositiveOrNegative_Throws(double[] flows)
    {
        var act = () => Mirr.Of(flows, 0.1, 0.1);

        act.Should().Throw<ArgumentException>().WithParameterName(nameof(flows)).WithMessage("*one positive and one negative*");
    }

    [Test]
    public void Of_SingleFlow_Throws()
    {
        var act = () => Mirr.Of([-1], 0.1, 0.1);

        act.Should().Throw<ArgumentException>().WithParameterName("flows");
    }

    [Test]
    public void Of_FinanceRateMinusOne_Throws()
    {
        var act = () => Mirr.Of(DocFlows, -1, 0.1);

        act.Should().Throw<ArgumentOutOfRangeException>().WithParameterName("financeRate");
    }

    [Test]
    public void Of_ReinvestRateNaN_Throws()
    {
        var act = () => Mirr.Of(DocFlows, 0.1, double.NaN);

        act.Should().Throw<ArgumentOutOfRangeException>().WithParameterName("reinvestRate")
            .WithMessage("reinvestRate must be a finite number > -1 (was NaN).*");
    }

    [Test]
    public void Of_NaNFlow_ThrowsNamingIndex()
    {
        var act = () => Mirr.Of([-1, 2, double.NaN], 0.1, 0.1);

        act.Should().Throw<ArgumentOutOfRangeException>().WithMessage("flows[2] must be a finite number (was NaN).*");
    }
}
