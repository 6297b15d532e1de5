using System.Text.Json;
using System.Text.Json.Nodes;
using LifetimeValue.Programmes;
using LifetimeValue.Serialization;
using LifetimeValue.Tests.Serialization;
using static LifetimeValue.Tests.Cli.CliRun;

namespace LifetimeValue.Tests.Programmes;

/// <summary>Programmes in model files: the <c>programme</c> section round-trips, matches the schema, is read strictly and drives the tool.</summary>
public sealed class ProgrammeFileTests
{
    private static readonly ProgrammeTerms Terms = new()
    {
        PerYear = 20_000,
        Years = 12,
        Growth = 0.02,
        Timing = AcquisitionTiming.StartOfYear,
        Financing = new ProgrammeFinancing { BorrowSpread = 0.02, DepositRate = 0.01, DiscountRate = 0.07 },
    };

    private static ModelDocument Document => new(Presets.Hotel()) { Programme = Terms };

    [Test]
    public void Programme_RoundTripsThroughAModelFile()
    {
        var read = ModelFile.Parse(ModelFile.ToJson(Document));
        read.Programme.Should().Be(Terms);
        read.Programme!.ToSchedule().Months.Should().Equal(Terms.ToSchedule().Months);
        ModelFile.Parse(ModelFile.ToJson(new ModelDocument(Presets.Hotel()))).Programme.Should().BeNull();
    }

    [Test]
    public void Programme_WrittenFileMatchesTheSchema()
    {
        using var schema = JsonDocument.Parse(ModelFile.Schema);
        using var instance = JsonDocument.Parse(ModelFile.ToJson(Document));
        new SchemaChecker(schema.RootElement).Check(instance.RootElement).Should().BeEmpty();

        var bad = ModelFile.ToJson(Document).Replace("\"years\": 12", "\"years\": 0, \"perMonth\": 1", StringComparison.Ordinal);
        using var badInstance = JsonDocument.Parse(bad);
        new SchemaChecker(schema.RootElement).Check(badInstance.RootElement).Should().Contain(e => e.Contains("perMonth", StringComparison.Ordinal))
            .And.Contain(e => e.Contains("minimum", StringComparison.Ordinal), "the schema refuses what the reader refuses");
    }

    [TestCase("\"years\": 12", "\"years\": 0", "*programme.years*")]
    [TestCase("\"years\": 12", "\"years\": 12, \"perMonth\": 1", "*perMonth*")]
    [TestCase("\"timing\": \"yearly\"", "\"timing\": \"weekly\"", "*programme.timing*")]
    [TestCase("\"borrowSpread\": 0.02", "\"borrowSpread\": 3", "*programme*BorrowSpread must be in [-1, 1] (was 3)*")]
    public void Programme_BadSection_IsRefusedWithItsPath(string from, string to, string message)
    {
        var json = ModelFile.ToJson(Document).Replace(from, to, StringComparison.Ordinal);
        json.Should().NotBe(ModelFile.ToJson(Document), "the replacement applies");
        var act = () => ModelFile.Parse(json, "p.json");
        act.Should().Throw<ModelFileException>().WithMessage(message);
    }

    [Test]
    public void Cli_UsesTheFilesProgrammeSection_OptionsOverrideIt()
    {
        using var temp = new TempFolder();
        var path = temp.File("hotel-programme.json");
        ModelFile.Save(Document, path);
        var (code, output, error) = Run("programme", path, "--exact", "--rate", "0.03", "--format", "json");
        code.Should().Be(Ok, error);
        var library = ProgrammeEngine.Project(Terms.For(Presets.Hotel()), RatePath.Constant(0.03));
        var json = JsonNode.Parse(output)!;
        json["npv"]!.GetValue<double>().Should().Be(library.Npv.Mean, "the file's terms, financing included");
        json["cashFlows"]!.AsArray().Should().HaveCount(library.ExpectedCashFlows.Count);

        (code, output, error) = Run("programme", path, "--exact", "--rate", "0.03", "--per-year", "1000", "--format", "json");
        code.Should().Be(Ok, error);
        var overridden = ProgrammeEngine.Project((Terms with { PerYear = 1000 }).For(Presets.Hotel()), RatePath.Constant(0.03));
        JsonNode.Parse(output)!["npv"]!.GetValue<double>().Should().Be(overridden.Npv.Mean, "--per-year overrides the file");
    }

    [Test]
    public void Cli_NoPerYearAndNoSection_IsAUsageError()
    {
        var (code, _, error) = Run("programme", "hotel", "--exact");
        code.Should().Be(LifetimeValue.Cli.ExitCodes.Usage);
        error.Should().Contain("--per-year is required");
    }
}
