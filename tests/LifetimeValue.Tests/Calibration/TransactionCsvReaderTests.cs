using LifetimeValue.Calibration;

namespace LifetimeValue.Tests.Calibration;

public sealed class TransactionCsvReaderTests
{
    [Test]
    public void Read_WellFormed_ParsesInvariantCulture()
    {
        const string Csv = "customer,date,amount\nA,1997-01-01,29.73\n\"B, Inc.\",1997-01-02,-5.5\n";
        var rows = TransactionCsvReader.Read(new StringReader(Csv)).ToList();
        rows.Should().Equal(
            new Transaction("A", new DateOnly(1997, 1, 1), 29.73),
            new Transaction("B, Inc.", new DateOnly(1997, 1, 2), -5.5));
    }

    [Test]
    public void Read_MalformedRows_ReportsLineColumnValue()
    {
        const string Csv = "customer,date,amount\nA,1997-01-01,10\nB,1997-13-01,10\nC,1997-01-03,12.5.0\n,1997-01-04,3\nD,1997-01-05\nE,1997-01-06,NaN\n";
        var act = () => TransactionCsvReader.Read(new StringReader(Csv)).ToList();
        var errors = act.Should().Throw<TransactionFormatException>().Which.Errors;
        errors.Should().BeEquivalentTo(new[]
        {
            new CsvError(3, 2, "1997-13-01", "not a date in the format 'yyyy-MM-dd'"),
            new CsvError(4, 3, "12.5.0", "not a finite number (invariant culture, '.' as decimal point)"),
            new CsvError(5, 1, string.Empty, "customer id is blank"),
            new CsvError(6, 0, "D,1997-01-05", "expected at least 3 fields, found 2"),
            new CsvError(7, 3, "NaN", "not a finite number (invariant culture, '.' as decimal point)"),
        }, o => o.WithStrictOrdering(), "every malformed field, with its 1-based line and column, in file order");
    }

    [Test]
    public void Read_QuotedCommaInAmountColumn_IsOneField()
    {
        // A quoted "12,50" is one (malformed: comma decimal) amount field, not two fields.
        var act = () => TransactionCsvReader.Read(new StringReader("c,d,a\nX,1997-01-01,\"12,50\"\n")).ToList();
        act.Should().Throw<TransactionFormatException>().Which.Errors.Single().Should().Be(new CsvError(2, 3, "12,50", "not a finite number (invariant culture, '.' as decimal point)"));
    }

    [Test]
    public void Read_UnterminatedQuote_IsReported()
    {
        var act = () => TransactionCsvReader.Read(new StringReader("c,d,a\n\"X,1997-01-01,1\n")).ToList();
        act.Should().Throw<TransactionFormatException>().Which.Errors.Single().Message.Should().Be("unterminated quoted field");
    }

    [Test]
    public void Read_TooManyErrors_StopsAtLimit()
    {
        var lines = string.Join('\n', Enumerable.Range(0, 50).Select(i => $"X{i},bad,1"));
        var act = () => TransactionCsvReader.Read(new StringReader(lines), new TransactionCsvOptions { HasHeader = false, MaxErrors = 5 }).ToList();
        act.Should().Throw<TransactionFormatException>().Which.Errors.Should().HaveCount(5);
    }

    [Test]
    public void Read_DateWithTimeOfDay_KeepsCalendarDay()
    {
        var rows = TransactionCsvReader.Read(new StringReader("c;d;a\nA;2024-01-02 23:59:59;3.5\n"),
            new TransactionCsvOptions { Separator = ';', DateFormat = "yyyy-MM-dd HH:mm:ss" }).ToList();
        rows.Should().Equal(new Transaction("A", new DateOnly(2024, 1, 2), 3.5));
    }
}
