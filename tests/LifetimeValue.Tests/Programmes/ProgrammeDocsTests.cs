using System.Globalization;
using System.Text.Json.Nodes;
using static LifetimeValue.Tests.Cli.CliRun;

namespace LifetimeValue.Tests.Programmes;

/// <summary>
/// Every <c>lifetimevalue</c> command of docs/programmes.md and of the README's programme section runs as written, in a fresh
/// folder, and succeeds; the figures the page states are the tool's.
/// </summary>
[NonParallelizable]
public sealed class ProgrammeDocsTests
{
    private static string Root() => TestSupport.ReferenceData.RepositoryRoot;

    private static string Section(string markdown, string heading) => DocsCommands.Section(markdown, heading);

    private static List<string> Commands(string markdown) => DocsCommands.Of(markdown);

    [Test]
    public void Docs_EveryCommand_Runs()
    {
        var root = Root();
        var commands = Commands(File.ReadAllText(Path.Combine(root, "docs", "programmes.md")));
        commands.AddRange(Commands(Section(File.ReadAllText(Path.Combine(root, "README.md")), "## Acquisition programmes")));
        commands.AddRange(Commands(Section(File.ReadAllText(Path.Combine(root, "docs", "cli.md")), "### `programme <model> [<model>]`")));
        commands.Should().HaveCount(10, "7 on the page, 1 in the README, 2 in cli.md");
        using var temp = new TempFolder();
        var previous = Environment.CurrentDirectory;
        Environment.CurrentDirectory = temp.Path;
        try
        {
            DocsCommands.RunEach(commands, 2000);

            File.Exists("bank-programme.json").Should().BeTrue();
            Directory.GetFiles("programme-charts", "*.png").Should().HaveCount(3, "cumulative cash, affordable rate, funding gap");
        }
        finally
        {
            Environment.CurrentDirectory = previous;
        }
    }

    [TestCase("0.03", 187, 277, 36_292)]
    [TestCase("0.01", 165, 224, 58_909)]
    [TestCase("0.05", 509, null, 169)]
    public void Docs_StatedFigures_AreTheTools(string rate, int peakMonth, int? selfFunding, long affordable)
    {
        var (code, output, error) = Run("programme", "bank", "--per-year", "50000", "--years", "15", "--exact", "--rate", rate, "--capital", "500000000", "--format", "json");
        code.Should().Be(Ok, error);
        var json = JsonNode.Parse(output)!;
        json["peakFundingMonth"]!.GetValue<int>().Should().Be(peakMonth);
        json["selfFundingMonth"]?.GetValue<int>().Should().Be(selfFunding);
        json["maxAffordablePerYear"]!.GetValue<long>().Should().Be(affordable);
        var page = File.ReadAllText(Path.Combine(Root(), "docs", "programmes.md"));
        page.Should().Contain(affordable.ToString("N0", CultureInfo.InvariantCulture), "the page states the tool's affordable rate");
        var millions = json["fundingNeed"]!.GetValue<double>() / 1e6;
        if (rate == "0.03")
        {
            page.Should().Contain($"{Math.Round(millions):0} million", "the page states the capital needed");
            page.Should().Contain($"−{Math.Round(json["peakFundingNeed"]!.GetValue<double>() / 1e6):0} million");
        }
    }
}
