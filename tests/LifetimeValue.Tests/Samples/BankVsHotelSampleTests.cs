using BankVsHotel;

namespace LifetimeValue.Tests.Samples;

/// <summary>The README's main command (samples/BankVsHotel) runs, prints the comparison and writes its charts.</summary>
public sealed class BankVsHotelSampleTests
{
    [Test]
    public void Main_command_prints_the_comparison_and_writes_charts()
    {
        var dir = Directory.CreateTempSubdirectory("ltv-sample-").FullName;
        try
        {
            var output = new StringWriter();
            var result = BankVsHotelSample.Run(output, dir, customers: 2_000, scenarios: 8, seed: 1);
            var text = output.ToString();
            text.Should().Contain("Expected CLV").And.Contain("bank").And.Contain("hotel").And.Contain("Decision map").And.Contain("Charts written to");
            result.Strategies.Should().HaveCount(2);
            Directory.GetFiles(dir, "*.png").Select(Path.GetFileName).Should().BeEquivalentTo(
                ["cumulative-value.png", "clv-histogram.png", "tornado.png", "decision-map.png"]);
            Directory.GetFiles(dir, "*.png").Should().OnlyContain(f => new FileInfo(f).Length > 10_000);
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }
}
