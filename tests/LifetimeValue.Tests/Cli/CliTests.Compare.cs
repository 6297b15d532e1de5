using System.Text.Json;
using LifetimeValue.Comparison;
using LifetimeValue.Scenarios;
using LifetimeValue.Sensitivity;
using LifetimeValue.Serialization;
using LifetimeValue.Simulation;
using static LifetimeValue.Tests.Cli.CliRun;

namespace LifetimeValue.Tests.Cli;

public sealed partial class CliTests
{
    [Test]
    public void Compare_BankHotel_Json_EqualsTheLibrarysComparison()
    {
        var (code, output, error) = Run("compare", "bank", "hotel", "--customers", "1500", "--seed", "4", "--format", "json");

        code.Should().Be(0, error);
        using var doc = JsonDocument.Parse(output);

        // The same run through the library: the bank preset's default scenarios (flat 3 %), same seed and customers.
        var expected = StrategyComparison.Compare([Presets.Bank(), Presets.Hotel()], ScenarioSet.Constant(0.03, Presets.Bank().MaxPeriods),
            new ComparisonOptions { Simulation = new SimulationOptions { Seed = 4, Customers = 1500 } });
        Value(doc, "comparison", "expectedClv").GetProperty("bank").GetDouble().Should().Be(expected["bank"].ExpectedClv);
        Value(doc, "comparison", "expectedClv").GetProperty("hotel").GetDouble().Should().Be(expected["hotel"].ExpectedClv);
        output.Should().Be(ReportJson(expected.ToReport("constant 0.03")), "golden: the library's report of the same comparison");
    }

    [Test]
    public void Compare_WithCharts_WritesPngsAndSaysWhere()
    {
        var dir = Directory.CreateTempSubdirectory("ltv-cli-charts-").FullName;
        try
        {
            var (code, output, error) = Run("compare", "bank", "hotel", "--customers", "500", "--charts", dir);

            code.Should().Be(0, error);
            output.Should().Contain("Expected CLV").And.Contain("Charts written to");
            Directory.GetFiles(dir, "*.png").Should().HaveCount(2);
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    [Test]
    public void Compare_ModelFileAndPreset_Works_AndOneModelIsAUsageError()
    {
        var path = Path.Combine(Path.GetTempPath(), $"ltv-hotel-{Guid.NewGuid():N}.json");
        try
        {
            ModelFile.Save(Presets.Hotel() with { Name = "my hotel" }, path);
            var (code, output, error) = Run("compare", "bank", path, "--customers", "300", "--format", "md");
            code.Should().Be(0, error);
            output.Should().Contain("| Metric | bank | my hotel |");
        }
        finally
        {
            File.Delete(path);
        }

        Run("compare", "bank").Code.Should().Be(1);
    }

    [Test]
    public void Sensitivity_Tornado_Csv_EqualsTheLibrarysTornado()
    {
        var (code, output, error) = Run("sensitivity", "hotel", "--parameters", "acquisition-cost", "--format", "csv");

        code.Should().Be(0, error);
        var bar = SensitivityAnalysis.Tornado([Presets.Hotel()], [SensitivityParameter.AcquisitionCost], RatePath.Constant(0.03)).Bars[0];
        output.Should().Contain("Acquisition cost,hotel,90,81,").And.Contain($",{bar.BaseClv.ToString("R", System.Globalization.CultureInfo.InvariantCulture)},");
    }

    [Test]
    public void Sensitivity_Map_ShowsWinners_AndBadValuesAreUsageErrors()
    {
        var (code, output, error) = Run("sensitivity", "bank", "hotel", "--map", "attrition", "0.5,1.5", "discount-rate", "0.01,0.08");

        code.Should().Be(0, error);
        output.Should().Contain("bank").And.Contain("hotel").And.Contain("Decision map");

        var bad = Run("sensitivity", "bank", "hotel", "--map", "attrition", "0.5,x", "discount-rate", "0.01");
        bad.Code.Should().Be(1);
        bad.Err.Should().Contain("item 2 was 'x'");
        Run("sensitivity", "bank", "--parameters", "colour").Err.Should().Contain("Unknown parameter 'colour'");
    }
}
