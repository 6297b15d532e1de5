using LifetimeValue.Programmes;

namespace LifetimeValue.Tests.Programmes;

/// <summary>Acquisition schedules and financing: shapes, rescaling and the wording of bad input.</summary>
public sealed class ScheduleTests
{
    [Test]
    public void PerYear_SpreadMonthly_TwelfthEachMonth()
    {
        var s = AcquisitionSchedule.PerYear(1200, 2, 0.1);
        s.MonthCount.Should().Be(24);
        s.Months[0].Should().Be(100);
        s.Months[23].Should().BeApproximately(110, 1e-12, "hand: 1200 · 1.1 / 12");
        s.FirstYear.Should().BeApproximately(1200, 1e-9);
        s.ConstantPerYear.Should().BeNull();
        AcquisitionSchedule.PerYear(1200, 2).ConstantPerYear.Should().Be(1200);
    }

    [Test]
    public void Scale_MultipliesEveryMonth()
    {
        var s = AcquisitionSchedule.FromYears([10, 20]).Scale(3);
        s.Total.Should().BeApproximately(90, 1e-12);
        s.ConstantPerYear.Should().BeNull();
        AcquisitionSchedule.FromYears([10, 10]).Scale(3).ConstantPerYear.Should().Be(30);
    }

    [TestCase(-1.0, 15, 0.0, "perYear")]
    [TestCase(double.NaN, 15, 0.0, "perYear")]
    [TestCase(100.0, 0, 0.0, "years")]
    [TestCase(100.0, 101, 0.0, "years")]
    [TestCase(100.0, 10, -1.0, "growth")]
    public void PerYear_BadInput_NamesTheParameter(double perYear, int years, double growth, string name)
    {
        var act = () => AcquisitionSchedule.PerYear(perYear, years, growth);
        act.Should().Throw<ArgumentOutOfRangeException>().Which.ParamName.Should().Be(name);
    }

    [Test]
    public void FromMonths_NegativeEntry_SaysWhichAndTheValue()
    {
        var act = () => AcquisitionSchedule.FromMonths([1, -2]);
        act.Should().Throw<ArgumentOutOfRangeException>().WithMessage("perMonth[1] must be a finite number ≥ 0 (was -2).*");
    }

    [Test]
    public void Financing_BadRate_NamesItAndTheRange()
    {
        var act = () => new ProgrammeFinancing { BorrowRate = 1.5 };
        act.Should().Throw<ArgumentOutOfRangeException>().WithMessage("BorrowRate must be in (-1, 1] (was 1.5).*");
    }

    [Test]
    public void Monthly_CompoundsToTheAnnualRate()
    {
        Math.Pow(1 + ProgrammeFinancing.Monthly(0.06), 12).Should().BeApproximately(1.06, 1e-14, "(1 + m)^12 = 1 + annual");
    }
}
