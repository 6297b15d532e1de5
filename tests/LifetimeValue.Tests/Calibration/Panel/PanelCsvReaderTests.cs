using LifetimeValue.Calibration;
using LifetimeValue.Calibration.Panel;

namespace LifetimeValue.Tests.Calibration.Panel;

public sealed class PanelCsvReaderTests
{
    private const string Header = "customer_id,month,date_of_birth,product,balance,net_revenue,closed\n";

    [Test]
    public void Read_WellFormed_ParsesEveryField()
    {
        const string Csv = Header
            + "A,2020-01,1990-03-15,,,1.5,0\n"
            + "A,2020-01,1990-03-15,\"Card, gold\",1200.5,-12.25,\n"
            + "\"B \"\"x\"\"\",2020-02,1985-12-31,Loan,,3e2,TRUE\n"
            + "\n"
            + "C,2020-03,2001-07-01, Savings ,10,0,y\n";
        var rows = PanelCsvReader.Read(new StringReader(Csv)).ToList();
        rows.Should().HaveCount(4);
        rows[0].Should().Be(new PanelRow("A", new DateOnly(2020, 1, 1), new DateOnly(1990, 3, 15), null, "", 1.5, false) { Line = 2 });
        rows[1].Product.Should().Be("Card, gold", "a quoted comma is part of the field");
        rows[1].Balance.Should().Be(1200.5);
        rows[1].NetRevenue.Should().Be(-12.25);
        rows[1].Closed.Should().BeFalse("blank is open");
        rows[2].CustomerId.Should().Be("B \"x\"", "doubled quotes inside quotes are one quote");
        rows[2].NetRevenue.Should().Be(300);
        rows[2].Closed.Should().BeTrue();
        rows[2].Line.Should().Be(4);
        rows[3].Product.Should().Be("Savings", "fields are trimmed");
        rows[3].Line.Should().Be(6, "blank lines count");
        rows[3].Closed.Should().BeTrue();
    }

    [Test]
    public void Read_AgeLayoutAndOtherFormats_AreHonoured()
    {
        const string Csv = "c;m;p;r;x;age\nA;202001;Card;5;no;41\n";
        var options = new PanelCsvOptions
        {
            Separator = ';', CustomerColumn = 1, MonthColumn = 2, ProductColumn = 3, RevenueColumn = 4, ClosedColumn = 5, AgeColumn = 6,
            DateOfBirthColumn = null, BalanceColumn = null, MonthFormat = "yyyyMM",
        };
        var row = PanelCsvReader.Read(new StringReader(Csv), options).Single();
        (row.CustomerId, row.Month, row.AgeYears, row.DateOfBirth, row.Product, row.NetRevenue, row.Closed).Should()
            .Be(("A", new DateOnly(2020, 1, 1), (int?)41, (DateOnly?)null, "Card", 5.0, false));
    }

    [Test]
    public void Read_BadFields_ReportsLineColumnAndValue()
    {
        var longValue = new string('x', 100);
        var csv = Header
            + "A,2020-13,1990-03-15,,,1,0\n"
            + "B,2020-01,2021-03-15,,,1,0\n"
            + "C,2020-01,1990-03-15,,,1.2.3,0\n"
            + "D,2020-01,1990-03-15,,,1,maybe\n"
            + ",2020-01,1990-03-15,,,1,0\n"
            + "F,2020-01\n"
            + $"G,2020-01,1990-03-15,,{longValue},1,0\n"
            + "H,2020-01,1990-03-15,,,NaN,0\n";
        var act = () => PanelCsvReader.Read(new StringReader(csv)).ToList();
        act.Should().Throw<PanelFormatException>().Which.Errors.Should().BeEquivalentTo(new[]
        {
            new CsvError(2, 2, "2020-13", "not a month in the format 'yyyy-MM'"),
            new CsvError(3, 3, "2021-03-15", "date of birth is after the row's month 2020-01"),
            new CsvError(4, 6, "1.2.3", "not a finite number (invariant culture, '.' as decimal point)"),
            new CsvError(5, 7, "maybe", "not an account-closed marker: expected 1/0, true/false, yes/no, y/n or blank"),
            new CsvError(6, 1, string.Empty, "customer id is blank"),
            new CsvError(7, 0, "F,2020-01", "expected at least 7 fields, found 2"),
            new CsvError(8, 5, new string('x', 77) + "...", "not a finite number or blank (invariant culture, '.' as decimal point)"),
            new CsvError(9, 6, "NaN", "not a finite number (invariant culture, '.' as decimal point)"),
        }, o => o.WithStrictOrdering(), "every bad field with its 1-based line and column, values quoted to at most 80 characters");
    }

    [Test]
    public void Read_UnterminatedQuote_IsReported()
    {
        var act = () => PanelCsvReader.Read(new StringReader(Header + "\"A,2020-01,1990-03-15,,,1,0\n")).ToList();
        act.Should().Throw<PanelFormatException>().Which.Errors.Single().Message.Should().Be("unterminated quoted field");
    }

    [Test]
    public void Read_TooManyErrors_StopsAtTheLimit()
    {
        var csv = Header + string.Concat(Enumerable.Repeat("A,bad,1990-03-15,,,1,0\n", 20));
        var act = () => PanelCsvReader.Read(new StringReader(csv), new PanelCsvOptions { MaxErrors = 3 }).ToList();
        var e = act.Should().Throw<PanelFormatException>().Which;
        e.Errors.Should().HaveCount(3);
        e.StoppedAtLimit.Should().BeTrue();
    }

    [Test]
    public void Read_BothOrNeitherAgeColumn_Throws()
    {
        var both = () => PanelCsvReader.Read(new StringReader(Header), new PanelCsvOptions { AgeColumn = 8 });
        both.Should().Throw<ArgumentException>().WithMessage("Set exactly one of DateOfBirthColumn and AgeColumn (were 3 and 8).*");
        var neither = () => PanelCsvReader.Read(new StringReader(Header), new PanelCsvOptions { DateOfBirthColumn = null });
        neither.Should().Throw<ArgumentException>().WithMessage("Set exactly one of DateOfBirthColumn and AgeColumn (were null and null).*");
    }

    [Test]
    public void WriteThenRead_RoundTripsEveryField()
    {
        List<PanelRow> rows =
        [
            new("A, \"q\"", new DateOnly(2020, 1, 1), new DateOnly(1990, 3, 15), null, "", 0.1 + 0.2, false, null, 250),
            new("A, \"q\"", new DateOnly(2020, 1, 1), new DateOnly(1990, 3, 15), null, "Card", -1e-7, false, 1500.25),
            new("B", new DateOnly(2020, 2, 1), new DateOnly(1985, 12, 31), null, "Loan", 123456.789, true),
        ];
        var writer = new StringWriter();
        PanelCsvWriter.Write(rows, writer, withAcquisitionCost: true).Should().Be(3);
        var back = PanelCsvReader.Read(new StringReader(writer.ToString()), new PanelCsvOptions { AcquisitionCostColumn = 8 }).ToList();
        back.Select(r => r with { Line = 0 }).Should().Equal(rows, "round-trip formatting and RFC 4180 quoting");
    }

    [Test]
    public void WriteFile_MixedAgeKinds_ThrowsAndLeavesTheOldFile()
    {
        var path = Path.Combine(Path.GetTempPath(), $"panel-{Guid.NewGuid():N}.csv");
        File.WriteAllText(path, "old");
        try
        {
            List<PanelRow> rows = [new("A", new DateOnly(2020, 1, 1), new DateOnly(1990, 1, 1), null, "", 1, false), new("B", new DateOnly(2020, 1, 1), null, 30, "", 1, false)];
            var act = () => PanelCsvWriter.WriteFile(rows, path);
            act.Should().Throw<ArgumentException>().WithMessage("rows[1] (B) has only an age but the first row has a date of birth: write one kind.*");
            File.ReadAllText(path).Should().Be("old", "an existing file is replaced only once every row is written");
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Test]
    public void MonthlyRates_ReadCsv_ParsesAndRejectsGaps()
    {
        var rates = MonthlyRates.ReadCsv(new StringReader("month,rate\n2020-01,0.01\n2020-02,0.015\n"));
        (rates.FirstMonth, rates.LastMonth, rates.Count).Should().Be((new DateOnly(2020, 1, 1), new DateOnly(2020, 2, 1), 2));
        rates.TryGet(new DateOnly(2020, 2, 17), out var r).Should().BeTrue();
        r.Should().Be(0.015);
        rates.TryGet(new DateOnly(2020, 3, 1), out _).Should().BeFalse();

        var act = () => MonthlyRates.ReadCsv(new StringReader("month,rate\n2020-01,0.01\n2020-03,0.02\n2020-04,2\n"));
        act.Should().Throw<PanelFormatException>().Which.Errors.Should().Equal(
            new CsvError(3, 1, "2020-03", "expected the month after 2020-01 (rows must be consecutive months)"),
            new CsvError(4, 2, "2", "not an annual rate in [-1, 1] (decimal: 0.035 = 3.5 %)"));
    }

    [Test]
    public void FitFile_ReaderAndStructureErrors_AreReportedTogetherByLine()
    {
        var path = Path.Combine(Path.GetTempPath(), $"panel-{Guid.NewGuid():N}.csv");
        File.WriteAllText(path, Header
            + "A,2020-01,1990-03-15,,,1,0\n"
            + "B,2020-01,1990-03-15,,,1,0\n"
            + "A,2020-02,1990-03-15,,,1,0\n"
            + "C,2020-01,1990-03-15,,,x,0\n");
        try
        {
            var act = () => PanelCalibration.FitFile(path, null, new PanelCalibrationOptions { StageBoundaries = [20, 40] });
            act.Should().Throw<PanelFormatException>().Which.Errors.Should().Equal(
                new CsvError(4, 1, "A", "customer 'A': this customer's rows are not together: a customer's rows must be consecutive (sort the panel by customer, then month)"),
                new CsvError(5, 6, "x", "not a finite number (invariant culture, '.' as decimal point)"));
        }
        finally
        {
            File.Delete(path);
        }
    }
}
