using LifetimeValue.Lifecycle;
using LifetimeValue.Serialization;

namespace LifetimeValue.Tests.Serialization;

public sealed partial class ModelFileTests
{
    private static readonly string BankJson = ModelFile.ToJson(LifetimeValue.Presets.Bank());

    /// <summary>The bank file with the <paramref name="occurrence"/>-th <paramref name="find"/> replaced; the 1-based line of the change.</summary>
    private static (string Json, int Line) Edit(string find, string replace, int occurrence = 1)
    {
        var at = -1;
        for (var k = 0; k < occurrence; k++)
        {
            at = BankJson.IndexOf(find, at + 1, StringComparison.Ordinal);
            at.Should().BeGreaterThanOrEqualTo(0, $"the test edits '{find}'");
        }

        var line = BankJson[..at].Count(c => c == '\n') + 1;
        return (BankJson[..at] + replace + BankJson[(at + find.Length)..], line);
    }

    private static ModelFileException Fails(string json)
    {
        var act = () => ModelFile.Parse(json, "bank.json");
        return act.Should().Throw<ModelFileException>().Which;
    }

    [Test]
    public void Parse_ProbabilityOutOfRange_NamesPathValueRangeAndLine()
    {
        // Third stage (Early career), first product (Credit card, adoption 0.45).
        var (json, line) = Edit("\"adoptionProbability\": 0.45", "\"adoptionProbability\": 1.5");

        var e = Fails(json);

        e.JsonPath.Should().Be("$.model.stages[2].products[0].adoptionProbability");
        e.Message.Should().Be($"bank.json: $.model.stages[2].products[0].adoptionProbability must be in [0, 1] (was 1.5). (line {line}, position 13)");
        e.LineNumber.Should().Be(line);
    }

    [Test]
    public void Parse_UnknownProperty_IsAnErrorListingTheKnownOnes()
    {
        var (json, line) = Edit("\"annualAttrition\": 0.06", "\"annualAttrition\": 0.06, \"churn\": 0.1");

        var e = Fails(json);

        e.JsonPath.Should().Be("$.model.stages[1].churn");
        e.Message.Should().Contain("is not a known property").And.Contain("annualAttrition").And.Contain($"line {line}");
    }

    [Test]
    public void Parse_DuplicateProperty_IsAnError()
    {
        var (json, _) = Edit("\"acquisitionCost\": 250", "\"acquisitionCost\": 250, \"acquisitionCost\": 300");

        Fails(json).Message.Should().Contain("$.model.acquisitionCost is given twice");
    }

    [Test]
    public void Parse_MalformedJson_GivesLineAndPosition()
    {
        var (json, line) = Edit("\"acquisitionCost\": 250", "\"acquisitionCost\": 250 250");

        var e = Fails(json);

        e.Message.Should().Contain("malformed JSON");
        e.LineNumber.Should().Be(line);
        e.Position.Should().NotBeNull();
    }

    [Test]
    public void Parse_MissingRequired_NamesIt()
    {
        var (json, _) = Edit("\"acquisitionCost\": 250,", string.Empty);

        Fails(json).Message.Should().Contain("$.model.acquisitionCost is required but missing");
    }

    [Test]
    public void Parse_WrongType_SaysWhatWasFound()
    {
        var (json, _) = Edit("\"acquisitionCost\": 250", "\"acquisitionCost\": \"250\"");

        Fails(json).Message.Should().Contain("$.model.acquisitionCost must be a finite number (was the string \"250\")");
    }

    [Test]
    public void Parse_StagesNotContiguous_NamesTheStage()
    {
        var (json, _) = Edit("\"startAge\": 18", "\"startAge\": 19");

        Fails(json).Message.Should().Contain("$.model.stages[1].startAge must equal the previous stage's endAge = 18 (was 19)");
    }

    [Test]
    public void Parse_DomainMisfit_RethrowsWithPathPrefix()
    {
        // Acquisition at 9 lies outside the ladder (11–85): found by LifecycleModel's own validation.
        var (json, _) = Edit("\"age\": 11", "\"age\": 9");

        var e = Fails(json);

        e.JsonPath.Should().Be("$.model");
        e.Message.Should().Contain("$.model: Acquisition.Ages[0] must be in [11, 84]").And.NotContain("(Parameter");
        e.InnerException.Should().BeAssignableTo<ArgumentException>();
    }

    [Test]
    public void Parse_HotelRecoverySpendAboveCap_NamesThePath()
    {
        var json = ModelFile.ToJson(LifetimeValue.Presets.Hotel()).Replace("\"spendPerIncident\": 300", "\"spendPerIncident\": 2500", StringComparison.Ordinal);

        var act = () => ModelFile.Parse(json, "hotel.json");

        act.Should().Throw<ModelFileException>().Which.Message.Should().Contain("$.model.recovery.spendPerIncident must be in [0, 2000] (was 2500)");
    }

    [Test]
    public void Parse_HotelUnknownLeverField_IsAnError()
    {
        var json = ModelFile.ToJson(LifetimeValue.Presets.Hotel()).Replace("\"failureFloor\"", "\"failureFlor\"", StringComparison.Ordinal);

        var act = () => ModelFile.Parse(json, "hotel.json");

        act.Should().Throw<ModelFileException>().Which.Message.Should().Contain("$.model.feedback");
    }

    [Test]
    public void Parse_UnknownKind_ListsKinds()
    {
        var (json, _) = Edit("\"kind\": \"lifecycle\"", "\"kind\": \"hotel\"");

        Fails(json).Message.Should().Contain("$.model.kind must be one of: \"lifecycle\", \"customerFocused\" (was \"hotel\")");
    }

    [Test]
    public void Parse_NewerFormatVersion_SaysToUpgrade()
    {
        var (json, _) = Edit("\"formatVersion\": 1", "\"formatVersion\": 2");

        Fails(json).Message.Should().Contain("upgrade");
    }

    [Test]
    public void Parse_StepsNotIncreasing_NamesTheStep()
    {
        var json = BankJson.Replace("\"fromAge\": 21,", "\"fromAge\": 19,", StringComparison.Ordinal);

        Fails(json).Message.Should().MatchRegex(@"\$\.model\.stages\[1\]\.products\[2\]\.margin\.intercept\[1\]\.fromAge must be greater than the previous step's fromAge = 20 \(was 19\)");
    }

    [Test]
    public void Parse_LoanAndDepositShorthands_EqualTheLibraryFactories()
    {
        const string Json = """
            {
              "formatVersion": 1,
              // Comments and trailing commas are allowed.
              "model": {
                "kind": "lifecycle", "name": "mini", "acquisitionCost": 100,
                "acquisition": [ { "age": 30 } ],
                "horizon": { "months": 120 },
                "discounting": { "kind": "flatAnnual", "annualRate": 0.08 },
                "stages": [
                  { "name": "all", "startAge": 30, "endAge": 50, "annualAttrition": 0.05,
                    "products": [
                      { "name": "loan", "adoptionProbability": 0.5, "margin": { "loan": { "balance": 10000, "customerRate": [ { "fromAge": 30, "value": 0.05 }, { "fromAge": 35, "value": 0.06 } ], "fundingSpread": 0.01 } } },
                      { "name": "deposit", "adoptionProbability": 0.4, "margin": { "deposit": { "balance": 5000, "customerRate": 0.01 } } },
                    ] },
                ],
              },
            }
            """;

        var model = (LifecycleModel)ModelFile.Parse(Json).Model;

        var products = model.Stages.Stages[0].Products;
        products[0].Margin.Should().Be(MarginSchedule.Loan(10000, AgeSchedule.Steps((30, 0.05), (35, 0.06)), 0.01));
        products[1].Margin.Should().Be(MarginSchedule.Deposit(5000, AgeSchedule.Constant(0.01)));
        model.Acquisition.Weights.Should().Equal(1);
    }

    [Test]
    public void Load_MissingFile_ThrowsIo()
    {
        var act = () => ModelFile.Load(Path.Combine(Path.GetTempPath(), $"missing-{Guid.NewGuid():N}.json"));

        act.Should().Throw<FileNotFoundException>();
    }
}
