using LifetimeValue.Reporting;

namespace LifetimeValue.Tests.Reporting;

public sealed class TableWriterTests
{
    private static readonly ResultTable Table = new("Demo", ["Name", "Value", "Count"],
    [
        ["a,b", 1234.5678, 3],
        ["plain", 0.000123456, null],
        ["pipe|x", double.NaN, 12345L],
    ]);

    [Test]
    public void Text_aligns_and_formats_numbers()
    {
        var w = new StringWriter();
        TableWriter.WriteText([Table], w);
        var lines = w.ToString().Split(Environment.NewLine);
        lines[0].Should().Be("Demo");
        // Widths 6, 9, 6; numeric columns right-aligned, two spaces between columns.
        // Widths 6, 10, 6; numeric columns right-aligned, two spaces between columns; plain numbers with four decimals,
        // counts with separators, "–" for a value that is not defined (null and NaN alike).
        lines[1].Should().Be("Name         Value   Count");
        lines[3].Should().Be("a,b     1,234.5678       3");
        lines[4].Should().Be("plain       0.0001       –");
        lines[5].Should().Be("pipe|x           –  12,345");
    }

    [Test]
    public void Csv_quotes_round_trips_numbers_and_leaves_undefined_cells_empty()
    {
        var w = new StringWriter();
        TableWriter.WriteCsv(Table, w);
        w.ToString().Split(Environment.NewLine).Should().StartWith(["Name,Value,Count", "\"a,b\",1234.5678,3", "plain,0.000123456,", "pipe|x,,12345"], "never the text NaN: a value that is not defined is an empty cell");
    }

    [Test]
    public void Markdown_escapes_pipes_and_right_aligns_numeric_columns()
    {
        var w = new StringWriter();
        TableWriter.WriteMarkdown([Table], w);
        var text = w.ToString();
        text.Should().Contain("### Demo").And.Contain("| Name | Value | Count |").And.Contain("| --- | ---: | ---: |").And.Contain("pipe\\|x");
    }

    [Test]
    public void Rows_of_the_wrong_width_are_refused()
    {
        var act = () => new ResultTable("T", ["a", "b"], [["x"]]);
        act.Should().Throw<ArgumentException>().WithMessage("rows[0] has 1 cells but the table has 2 columns.*");
    }
}
