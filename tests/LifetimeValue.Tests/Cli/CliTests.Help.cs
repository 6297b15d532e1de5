using static LifetimeValue.Tests.Cli.CliRun;

namespace LifetimeValue.Tests.Cli;

public sealed partial class CliTests
{
    [Test]
    public void Help_ListsEveryCommand()
    {
        var (code, output, _) = Run("--help");

        code.Should().Be(0);
        output.Should().Contain("presets").And.Contain("project").And.Contain("simulate").And.Contain("merge").And.Contain("fit");
    }

    [Test]
    public void Info_PrintsVersionRuntimeAndThePhiloxPath()
    {
        var (code, output, _) = Run("info");

        code.Should().Be(0);
        output.Should().Contain("LifetimeValue: 0.1.0").And.Contain("Runtime: .NET 10").And.MatchRegex(@"Philox path: (AVX-512|AVX2|scalar)\n");
    }

    [Test]
    public void NoCommand_IsAUsageError() => Run("frobnicate").Code.Should().Be(1);

    [Test]
    public void Project_RateModel_ProjectsOnTheScenarioMeanPath()
    {
        var (code, output, error) = Run("project", "bank", "--rate-model", "cir", "--sigma", "0.02", "--scenarios", "10", "--format", "md");

        code.Should().Be(0, error);
        output.Should().Contain("CIR (r0 0.03").And.Contain("× 10 scenario(s)");
    }

    [Test]
    public void Simulate_ModelFileWithRunParts_UsesThem()
    {
        using var temp = new TempFolder();
        var path = temp.File("run.json");
        Run("presets", "export", "bank", "--out", path).Code.Should().Be(0);
        File.WriteAllText(path, File.ReadAllText(path).Replace("\"customers\": 10000", "\"customers\": 1234", StringComparison.Ordinal));

        var (code, output, error) = Run("simulate", path, "--format", "json");

        code.Should().Be(0, error);
        output.Should().Contain("\"customers_per_scenario\": 1234");
    }
}
