using LifetimeValue.Scenarios;

namespace LifetimeValue.Tests.Scenarios;

/// <summary>CSV round trip and error reporting of <see cref="ScenarioSet"/>.</summary>
public sealed partial class ScenarioSetTests
{
    [Test]
    public void WriteCsv_ReadCsv_RoundTripsBitForBit()
    {
        var original = ScenarioSet.Generate(new HullWhite(0.1, 0.01, ZeroCurve.Flat(0.03)), 7, 25, seed: 5);
        var writer = new StringWriter();
        original.WriteCsv(writer);

        var read = ScenarioSet.ReadCsv(new StringReader(writer.ToString()));

        read.ScenarioCount.Should().Be(7);
        read.PeriodCount.Should().Be(25);
        BitsOf(read.Rates).Should().Equal(BitsOf(original.Rates), "\"R\" formatting round-trips every double exactly");
    }

    [Test]
    public void WriteCsv_EdgeValues_RoundTripBitForBit()
    {
        double[] edge = [0.1 + 0.2, -0.0, double.Epsilon, 1e-300, -123456.789e10, 1.0 / 3.0];
        var original = ScenarioSet.FromPaths([edge]);
        var writer = new StringWriter();
        original.WriteCsv(writer);

        var read = ScenarioSet.ReadCsv(new StringReader(writer.ToString()));

        BitsOf(read.Rates).Should().Equal(BitsOf(edge), "shortest round-trip formatting, invariant culture; −0.0 keeps its sign");
    }

    [Test]
    public void WriteCsv_Format_IsDocumentedLongFormat()
    {
        var writer = new StringWriter();
        ScenarioSet.FromPaths([new[] { 0.03, 0.0300625 }, new[] { -0.001, 0.5 }]).WriteCsv(writer);

        writer.ToString().Should().Be("scenario,period,rate\n0,0,0.03\n0,1,0.0300625\n1,0,-0.001\n1,1,0.5\n");
    }

    [Test]
    public void ReadCsv_FileOnDisk_RoundTrips()
    {
        string path = Path.Combine(Path.GetTempPath(), $"lv-scenarios-{Guid.NewGuid():N}.csv");
        try
        {
            var original = ScenarioSet.Generate(W1, 3, 12, seed: 8);
            original.WriteCsv(path);

            BitsOf(ScenarioSet.ReadCsv(path).Rates).Should().Equal(BitsOf(original.Rates));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Test]
    public void ReadCsv_UnorderedRowsSpacesAndBlankLines_Accepted()
    {
        const string csv = "Scenario, Period, Rate\r\n1,1,0.04\n\n0, 1 , 2E-2\n1,0,0.03\n0,0,-0.01\n";

        var set = ScenarioSet.ReadCsv(new StringReader(csv));

        set.Path(0).ToArray().Should().Equal(-0.01, 0.02);
        set.Path(1).ToArray().Should().Equal(0.03, 0.04);
    }

    [Test]
    public void ReadCsv_BadRows_ReportsEveryLineAndFieldWithoutCascade()
    {
        const string csv =
            "scenario,period,rate\n" +   // 1
            "0,0,0.03\n" +               // 2 ok
            "0,1,abc\n" +                // 3 rate
            "0,x,0.03\n" +               // 4 period
            "1,0,0.03,9\n" +             // 5 row (4 fields)
            "1,1,NaN\n" +                // 6 rate
            "-1,0,0.02\n" +              // 7 scenario
            "1,0,0.04\n" +               // 8 ok
            "0,0,0.05\n" +               // 9 duplicate of line 2
            "0,1200,0.05\n";             // 10 period out of range

        var act = () => ScenarioSet.ReadCsv(new StringReader(csv));

        var errors = act.Should().Throw<ScenarioCsvException>().Which.Errors;
        errors.Select(e => (e.Line, e.Field)).Should().Equal(
            [(3, "rate"), (4, "period"), (5, "row"), (6, "rate"), (7, "scenario"), (9, "period"), (10, "period")],
            "each bad row is reported once, at its own line and field, and good rows raise nothing");
        errors[0].Message.Should().Contain("'abc'");
        errors[4].Message.Should().Be("scenario must be in [0, 999999] (was -1).");
        errors[5].Message.Should().Contain("line 2");
        errors[6].Message.Should().Be("period must be in [0, 1199] (was 1200).");
    }

    [Test]
    public void ReadCsv_Errors_MessageListsLineAndField()
    {
        var act = () => ScenarioSet.ReadCsv(new StringReader("scenario,period,rate\n0,0,1..2\n"));

        act.Should().Throw<ScenarioCsvException>().WithMessage("*1 error(s)*line 2, field 'rate': rate must be a finite decimal number*'1..2'*");
    }

    [Test]
    public void ReadCsv_MissingPeriods_ReportedAtFirstRowOfScenario()
    {
        const string csv = "scenario,period,rate\n0,0,0.01\n0,1,0.01\n0,2,0.01\n1,0,0.02\n1,2,0.02\n";

        var act = () => ScenarioSet.ReadCsv(new StringReader(csv));

        var error = act.Should().Throw<ScenarioCsvException>().Which.Errors.Should().ContainSingle().Subject;
        error.Line.Should().Be(5);
        error.Field.Should().Be("period");
        error.Message.Should().Contain("scenario 1 has no rate for 1 period(s) (1)");
    }

    [Test]
    public void ReadCsv_ScenarioGap_ReportedForWholeFile()
    {
        const string csv = "scenario,period,rate\n0,0,0.01\n2,0,0.02\n";

        var act = () => ScenarioSet.ReadCsv(new StringReader(csv));

        act.Should().Throw<ScenarioCsvException>().Which.Errors.Should().ContainSingle()
            .Which.Should().Be(new ScenarioCsvError(0, "scenario", "scenario 1 has no rows; scenarios must be numbered 0 … 2 without gaps."));
    }

    [TestCase("", 1, "header")]
    [TestCase("scenario;period;rate\n0;0;0.01\n", 1, "header")]
    [TestCase("scenario,period,rate\n", 2, "row")]
    public void ReadCsv_BadHeaderOrNoRows_ReportsLineAndField(string csv, int line, string field)
    {
        var act = () => ScenarioSet.ReadCsv(new StringReader(csv));

        var errors = act.Should().Throw<ScenarioCsvException>().Which.Errors;
        errors[0].Line.Should().Be(line);
        errors[0].Field.Should().Be(field);
    }

    private static long[] BitsOf(ReadOnlySpan<double> values)
    {
        var bits = new long[values.Length];
        for (var i = 0; i < values.Length; i++)
        {
            bits[i] = BitConverter.DoubleToInt64Bits(values[i]);
        }

        return bits;
    }
}
