using LifetimeValue.Calibration;
using LifetimeValue.Calibration.Panel;
using static LifetimeValue.Tests.Calibration.Panel.PanelTestData;

namespace LifetimeValue.Tests.Calibration.Panel;

/// <summary>Panels that break the structure are refused with every bad row named by its line (position in the sequence here).</summary>
public sealed class PanelCalibrationBadInputTests
{
    private static readonly PanelCalibrationOptions Options = new() { StageBoundaries = [20, 30, 40] };

    private static IReadOnlyList<CsvError> Errors(IEnumerable<PanelRow> rows, PanelCalibrationOptions? options = null)
    {
        var act = () => PanelCalibration.Fit(rows.ToList(), options ?? Options);
        return act.Should().Throw<PanelFormatException>().Which.Errors;
    }

    [Test]
    public void Fit_CustomerRowsNotTogether_ReportsTheLine()
    {
        List<PanelRow> rows = [Row("a", "2020-01", "1995-01-01", "", 1), Row("b", "2020-01", "1995-01-01", "", 1), Row("a", "2020-02", "1995-01-01", "", 1)];
        Errors(rows).Should().ContainSingle().Which.Should().Be(new CsvError(3, 0, "a",
            "customer 'a': this customer's rows are not together: a customer's rows must be consecutive (sort the panel by customer, then month)"));
    }

    [Test]
    public void Fit_MonthsOutOfOrder_GapAndRowAfterClosing_AreEachReported()
    {
        List<PanelRow> rows =
        [
            Row("a", "2020-02", "1995-01-01", "", 1), Row("a", "2020-01", "1995-01-01", "", 1),
            Row("b", "2020-01", "1995-01-01", "", 1), Row("b", "2020-04", "1995-01-01", "", 1),
            Row("c", "2020-01", "1995-01-01", "", 1, closed: true), Row("c", "2020-02", "1995-01-01", "", 1),
        ];
        var errors = Errors(rows);
        errors.Select(e => e.Line).Should().Equal(2, 4, 6);
        errors[0].Message.Should().Be("customer 'a': month comes after 2020-02: a customer's rows must be in month order");
        errors[1].Message.Should().Be("customer 'b': no rows for 2020-02 to 2020-03: the panel must list every month a customer is a customer");
        errors[2].Message.Should().Be("customer 'c': row after the month the relationship was closed (2020-01)");
    }

    [Test]
    public void Fit_ConflictingAgesAndCosts_AreReported()
    {
        List<PanelRow> rows =
        [
            Row("a", "2020-01", "1995-01-01", "", 1), Row("a", "2020-02", "1996-01-01", "", 1),
            Row("b", "2020-01", "1995-01-01", "", 1, cost: 10), Row("b", "2020-02", "1995-01-01", "", 1, cost: 12),
            new("c", new DateOnly(2020, 1, 1), null, 25, "", 1, false), new("c", new DateOnly(2020, 2, 1), null, 27, "", 1, false),
        ];
        var errors = Errors(rows);
        errors.Select(e => e.Line).Should().Equal(2, 4, 6);
        errors[0].Message.Should().Contain("date of birth differs");
        errors[1].Message.Should().Contain("acquisition cost differs from this customer's earlier rows (10)");
        errors[2].Message.Should().Be("customer 'c': age goes from 25 to 27 in one month");
    }

    [Test]
    public void Fit_AgesThatDoNotChangeYearly_AreReported()
    {
        // Ages only: 25 for 13 months is impossible.
        var rows = Enumerable.Range(0, 13).Select(m => new PanelRow("a", new DateOnly(2020, 1, 1).AddMonths(m), null, 25, "", 1, false)).ToList();
        Errors(rows).Single().Message.Should().Be("customer 'a': age has not changed in 13 months");
    }

    [Test]
    public void Fit_TooManyErrors_StopsAtTheLimit()
    {
        var rows = Enumerable.Range(0, 50).SelectMany(i => new[] { Row($"c{i}", "2020-02", "1995-01-01", "", 1), Row($"c{i}", "2020-01", "1995-01-01", "", 1) });
        var act = () => PanelCalibration.Fit(rows.ToList(), Options with { MaxErrors = 5 });
        var e = act.Should().Throw<PanelFormatException>().Which;
        e.Errors.Should().HaveCount(5);
        e.StoppedAtLimit.Should().BeTrue();
        e.Message.Should().StartWith("the panel has bad rows; reading stopped at the limit of 5 error(s):");
    }

    [Test]
    public void Fit_Empty_IsRefused()
    {
        var act = () => PanelCalibration.Fit([], Options);
        act.Should().Throw<PanelFormatException>().WithMessage("the panel has no rows.");
    }

    [Test]
    public void Fit_StageWithoutCustomers_IsRefusedNamingTheStage()
    {
        var act = () => PanelCalibration.Fit(HandPanel(), new PanelCalibrationOptions { StageBoundaries = [20, 30, 40, 50] });
        act.Should().Throw<InvalidDataException>().WithMessage("Stage '40-49' (ages 40 to 49) has no customer-months in the calibration months: choose stages the panel covers (its customers are aged 22 to 34).");
    }

    [Test]
    public void Fit_RatesNotCoveringThePanel_AreRefused()
    {
        var rates = MonthlyRates.FromValues(new DateOnly(2020, 1, 1), [0.01, 0.02, 0.03]);
        var act = () => PanelCalibration.Fit(HandPanel(), Options with { Rates = rates });
        act.Should().Throw<InvalidDataException>().WithMessage("The rate series (2020-01 to 2020-03) has no rate for 2020-04, a calibration month of the panel*");
    }

    [Test]
    public void Fit_StageNamesOfTheWrongCount_Throw()
    {
        var act = () => PanelCalibration.Fit(HandPanel(), Options with { StageNames = ["Only one"] });
        act.Should().Throw<ArgumentException>().WithMessage("StageNames must have one name per stage (2; was 1).*");
    }

    [TestCase(new[] { 30 }, "StageBoundaries.Count must be in [2, 65] (was 1).*")]
    [TestCase(new[] { 30, 20 }, "StageBoundaries[1] must be greater than StageBoundaries[0] = 30 (was 20): ages must be strictly increasing.*")]
    [TestCase(new[] { 20, 131 }, "StageBoundaries[1] must be in [0, 130] (was 131).*")]
    public void Options_BadStageBoundaries_Throw(int[] boundaries, string message)
    {
        var act = () => new PanelCalibrationOptions { StageBoundaries = boundaries };
        act.Should().Throw<ArgumentException>().WithMessage(message);
    }

    [Test]
    public void Row_WithoutAgeOrBirthDate_Throws()
    {
        var act = () => new PanelRow("a", new DateOnly(2020, 1, 1), null, null, "", 1, false);
        act.Should().Throw<ArgumentException>().WithMessage("A panel row needs a date of birth or an age (both were null).*");
        var nan = () => new PanelRow("a", new DateOnly(2020, 1, 1), null, 30, "", double.NaN, false);
        nan.Should().Throw<ArgumentOutOfRangeException>().WithMessage("netRevenue must be a finite number (was NaN).*");
    }

    [Test]
    public void Fit_DefaultRow_IsReportedNotAnException()
    {
        List<PanelRow> rows = [Row("a", "2020-01", "1995-01-01", "", 1), default];
        Errors(rows).Single().Should().Be(new CsvError(2, 0, string.Empty, "an empty row (default(PanelRow)): build rows with the PanelRow constructor"));
    }
}
