using System.Text.Json.Nodes;
using LifetimeValue.Programmes;
using static LifetimeValue.Tests.Cli.CliRun;

namespace LifetimeValue.Tests.Cli;

/// <summary>The <c>programme</c> command: keys, agreement with the library, bad input.</summary>
public sealed class ProgrammeCliTests
{
    [Test]
    public void Programme_Exact_Json_HasTheIssuesKeysAndTheLibrarysFigures()
    {
        var (code, output, error) = Run("programme", "hotel", "--per-year", "5000", "--years", "10", "--exact", "--rate", "0.03", "--capital", "2000000", "--format", "json");
        code.Should().Be(Ok, error);
        var json = JsonNode.Parse(output)!.AsObject();
        foreach (var key in new[] { "peakFundingNeed", "peakFundingMonth", "selfFundingMonth", "financingCost", "maxAffordablePerYear", "cashFlows" })
        {
            json.ContainsKey(key).Should().BeTrue($"the issue asks for '{key}'");
        }

        var library = ProgrammeEngine.Project(new Programme(Presets.Hotel(), AcquisitionSchedule.PerYear(5000, 10)), RatePath.Constant(0.03));
        json["peakFundingNeed"]!.GetValue<double>().Should().Be(library.PeakFundingNeed.Mean);
        json["maxAffordablePerYear"]!.GetValue<long>().Should().Be(library.MaxAffordablePerYear(2_000_000, 0.95));
        json["cashFlows"]!.AsArray().Should().HaveCount(library.ExpectedCashFlows.Count);
    }

    [Test]
    public void Programme_TwoModels_MonteCarlo_ReportsThePairedDifference()
    {
        var (code, output, error) = Run("programme", "bank", "hotel", "--per-year", "1000", "--years", "3", "--rate-model", "vasicek",
            "--scenarios", "6", "-n", "300", "--chunk-size", "300", "--capital", "10000000", "--format", "json");
        code.Should().Be(Ok, error);
        var json = JsonNode.Parse(output)!.AsObject();
        json["programmes"]!.AsArray().Should().HaveCount(2);
        json["programmes"]![0]!["model"]!.GetValue<string>().Should().Be("bank");
        json["npvDifference"]!["mean"]!.GetValue<double>().Should().BeApproximately(
            json["programmes"]![0]!["npv"]!.GetValue<double>() - json["programmes"]![1]!["npv"]!.GetValue<double>(), 1e-6 * Math.Abs(json["npvDifference"]!["mean"]!.GetValue<double>()) + 1e-6);
        json["statement"]!.GetValue<string>().Should().NotBeNullOrEmpty();
    }

    [TestCase("--years", "0", "--years must be in [1, 100] (was '0')*")]
    [TestCase("--confidence", "1.5", "--confidence must be in (0, 1]*")]
    [TestCase("--borrow-rate", "2", "--borrow-rate must be in [-0.1, 1] (an annual rate: 0.03 is 3 %) (was '2')*")]
    [TestCase("--timing", "weekly", "--timing must be monthly or yearly (was 'weekly')*")]
    public void Programme_BadInput_IsAUsageErrorNamingTheValue(string option, string value, string message)
    {
        var (code, _, error) = Run("programme", "hotel", "--per-year", "100", "--exact", option, value);
        code.Should().Be(LifetimeValue.Cli.ExitCodes.Usage);
        error.Should().Match("error: " + message);
        error.Should().NotContain("   at ", "no stack trace");
    }

    [Test]
    public void Programme_BorrowRateAndSpread_AreAlternatives()
    {
        var (code, _, error) = Run("programme", "hotel", "--per-year", "100", "--exact", "--borrow-rate", "0.05", "--borrow-spread", "0.02");
        code.Should().Be(LifetimeValue.Cli.ExitCodes.Usage);
        error.Should().Contain("alternatives");
    }
}
