using LifetimeValue.Finance;

namespace LifetimeValue.Tests.Finance;

/// <summary>
/// Excel NPV. Oracles: Microsoft Support, "NPV function" (Excel), worked examples 1 and 2
/// (https://support.microsoft.com/en-us/office/npv-function), published to the cent; the exact values
/// were recomputed with mpmath at 40 digits. Adobe FormCalc reference, NPV examples (published to 14 digits).
/// </summary>
public sealed class NpvTests
{
    [Test]
    public void Of_ExcelDocExample1_Returns1188_44()
    {
        // =NPV(10%, -10000, 3000, 4200, 6800): the -10000 is value1, discounted one period.
        var npv = Npv.Of(0.10, [-10000, 3000, 4200, 6800]);

        npv.Should().BeApproximately(1188.44, 0.005, "Excel NPV doc example 1 ($1,188.44)");
        npv.Should().BeApproximately(1188.4434123352230, 1e-9, "mpmath 40 digits");
    }

    [Test]
    public void OfWithInitial_ExcelDocExample2_Returns1922_06()
    {
        // =NPV(8%, A4:A8) + A3 with A3 = -40000 at t = 0 and 8000, 9200, 10000, 12000, 14500 at the ends of years 1-5.
        double[] flows = [-40000, 8000, 9200, 10000, 12000, 14500];

        var npv = Npv.OfWithInitial(0.08, flows);

        npv.Should().BeApproximately(1922.06, 0.005, "Excel NPV doc example 2 ($1,922.06)");
        npv.Should().BeApproximately(1922.0615549323722, 1e-9, "mpmath 40 digits");
        (flows[0] + Npv.Of(0.08, flows[1..])).Should().BeApproximately(npv, 1e-9, "Excel's idiom NPV(rate, rest) + initial");
    }

    [Test]
    public void OfWithInitial_ExcelDocExample2WithYearSixLoss_ReturnsMinus3749_47()
    {
        // =NPV(8%, A4:A8, -9000) + A3.
        var npv = Npv.OfWithInitial(0.08, [-40000, 8000, 9200, 10000, 12000, 14500, -9000]);

        npv.Should().BeApproximately(-3749.47, 0.005, "Excel NPV doc example 2 (-$3,749.47)");
        npv.Should().BeApproximately(-3749.4650870155708, 1e-9, "mpmath 40 digits");
    }

    [Test]
    public void Of_AdobeFormCalcExample_Returns11529_61()
    {
        var npv = Npv.Of(0.10, [500, 1500, 4000, 10000]);

        npv.Should().BeApproximately(11529.60863329007, 1e-9, "Adobe FormCalc NPV reference example (11529.60863329007)");
    }

    [Test]
    public void Of_ZeroRate_ReturnsSumOfFlows()
    {
        Npv.Of(0.0, [-3, 1.5, 4]).Should().BeApproximately(2.5, 1e-15, "hand calc: -3 + 1.5 + 4");
    }

    [Test]
    public void Of_SingleFlow_IsDiscountedOnePeriod()
    {
        Npv.Of(0.25, [100]).Should().BeApproximately(80, 1e-12, "hand calc: 100 / 1.25");
    }

    [Test]
    public void Of_LongNegativeRateSeries_OverflowsToInfinityNotNaN()
    {
        var flows = Enumerable.Repeat(1.0, 700).ToArray();

        Npv.Of(-0.9, flows).Should().Be(double.PositiveInfinity, "documented: 10^700 overflows; Horner never yields NaN");
    }

    [Test]
    public void Of_NullFlows_Throws()
    {
        var act = () => Npv.Of(0.1, null!);

        act.Should().Throw<ArgumentNullException>().WithParameterName("flows");
    }

    [Test]
    public void Of_EmptyFlows_Throws()
    {
        var act = () => Npv.Of(0.1, []);

        act.Should().Throw<ArgumentException>().WithParameterName("flows").WithMessage("flows must contain at least 1 value (was 0).*");
    }

    [Test]
    public void Of_NaNFlow_ThrowsNamingIndex()
    {
        var act = () => Npv.Of(0.1, [1, double.NaN, 3]);

        act.Should().Throw<ArgumentOutOfRangeException>().WithParameterName("flows")
            .WithMessage("flows[1] must be a finite number (was NaN).*");
    }

    [Test]
    public void OfWithInitial_InfiniteFlow_ThrowsNamingIndex()
    {
        var act = () => Npv.OfWithInitial(0.1, [1, 2, double.PositiveInfinity]);

        act.Should().Throw<ArgumentOutOfRangeException>().WithMessage("flows[2] must be a finite number (was Infinity).*");
    }

    [TestCase(-1.0)]
    [TestCase(-1.5)]
    [TestCase(double.NaN)]
    [TestCase(double.PositiveInfinity)]
    public void Of_RateNotAboveMinusOne_Throws(double rate)
    {
        var act = () => Npv.Of(rate, [1, 2]);

        act.Should().Throw<ArgumentOutOfRangeException>().WithParameterName(nameof(rate))
            .WithMessage("rate must be a finite number > -1 (was *");
    }
}
