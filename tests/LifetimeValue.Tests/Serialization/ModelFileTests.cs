using System.Text.Json;
using LifetimeValue.Discounting;
using LifetimeValue.Focused;
using LifetimeValue.Lifecycle;
using LifetimeValue.Model;
using LifetimeValue.Scenarios;
using LifetimeValue.Serialization;
using LifetimeValue.Simulation;

namespace LifetimeValue.Tests.Serialization;

public sealed partial class ModelFileTests
{
    public static IEnumerable<TestCaseData> Presets()
    {
        yield return new TestCaseData(LifetimeValue.Presets.W1()).SetArgDisplayNames("W1");
        yield return new TestCaseData(LifetimeValue.Presets.Bank()).SetArgDisplayNames("Bank");
        yield return new TestCaseData(LifetimeValue.Presets.Hotel()).SetArgDisplayNames("Hotel");
        yield return new TestCaseData(LifetimeValue.Presets.Bank() with
        {
            States = RelationshipStates.ActiveDormantLapsed(0.01, 0.05, 0.02, 0.005, 0.3),
            Heterogeneity = new LifecycleHeterogeneity(0.7, 0.4),
        }).SetArgDisplayNames("BankWithStatesAndHeterogeneity");
        yield return new TestCaseData(new CustomerFocusedModel("plain", new PurchaseProcess(0.1, 200, 120), new ServiceQuality(0.05, 0.1, 0.4), 24, 30, Discount.FlatAnnual(0.07))
        {
            Referrals = new ReferralProgramme(0.03, 0.0, 0.0, attributeToReferrer: false),
        }).SetArgDisplayNames("HotelWithoutMostLevers");
        yield return new TestCaseData(LifetimeValue.Presets.Hotel() with
        {
            Heterogeneity = new CustomerHeterogeneity { PurchaseRateShape = 0.8, DropoutShapeA = 0.5, DropoutShapeB = 3.0, QuadratureNodes = 16 },
            TenureAttrition = new TenureAttritionCurve([0.05, 0.03, 0.02, 0.015]),
        }).SetArgDisplayNames("HotelHeterogeneousWithTenureCurve");
    }

    [TestCaseSource(nameof(Presets))]
    public void LoadSave_Preset_RoundTripsExactly(StrategyModel model)
    {
        var json = ModelFile.ToJson(model);

        var loaded = ModelFile.Parse(json).Model;

        loaded.Should().Be(model, "every number is written in its shortest round-trip form");
        ModelFile.ToJson(loaded).Should().Be(json, "saving again gives the same text");
    }

    [Test]
    public void LoadSave_RandomModels_RoundTripExactly()
    {
        var random = new System.Random(20261123);
        for (var i = 0; i < 200; i++)
        {
            var model = RandomModels.Lifecycle(random);
            var json = ModelFile.ToJson(model);

            ModelFile.Parse(json).Model.Should().Be(model, $"random model {i}:\n{json}");
        }
    }

    [Test]
    public void LoadSave_RunParts_RoundTripExactly()
    {
        var specs = new ScenarioSpec[]
        {
            new ConstantRateScenarioSpec(0.0312345678901234, 240),
            new ShortRateScenarioSpec(new Vasicek(0.03, 0.15, 0.035, 0.01, RateScheme.Euler), 100, ulong.MaxValue),
            new ShortRateScenarioSpec(new CoxIngersollRoss(0.02, 0.3, 0.04, 0.05), 7, 3, 600),
            new ShortRateScenarioSpec(new HullWhite(0.1, 0.012, ZeroCurve.FromZeroRates([1, 5, 30], [0.02, 0.025, 0.031])), 10, 42),
            new CsvScenarioSpec("rates/scenarios.csv"),
        };
        var options = new SimulationOptions { Seed = 12345678901234567890UL, Customers = 123_456, ChunkSize = 999, Method = SimulationMethod.Stepping, SketchAccuracy = 0.0025, ExactQuantileLimit = 5000 };
        foreach (var spec in specs)
        {
            var document = new ModelDocument(LifetimeValue.Presets.Bank(), spec, options);

            var loaded = ModelFile.Parse(ModelFile.ToJson(document));

            loaded.Scenarios.Should().Be(spec);
            loaded.Simulation.Should().Be(options);
            loaded.Model.Should().Be(document.Model);
        }
    }

    [Test]
    public void Save_Load_File_RoundTrips()
    {
        var path = Path.Combine(Path.GetTempPath(), $"lv-model-{Guid.NewGuid():N}.json");
        try
        {
            ModelFile.Save(LifetimeValue.Presets.Bank(), path);

            ModelFile.Load(path).Model.Should().Be(LifetimeValue.Presets.Bank());
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Test]
    public void Write_Preset_HasSchemaVersionAndKind()
    {
        using var doc = JsonDocument.Parse(ModelFile.ToJson(LifetimeValue.Presets.Bank()));

        doc.RootElement.GetProperty("$schema").GetString().Should().Be(ModelFile.SchemaId);
        doc.RootElement.GetProperty("formatVersion").GetInt32().Should().Be(1);
        doc.RootElement.GetProperty("model").GetProperty("kind").GetString().Should().Be("lifecycle");
        ModelFile.Kinds.Should().Contain("lifecycle");
    }

    [Test]
    public void Schema_IsDraft202012WithId()
    {
        using var schema = JsonDocument.Parse(ModelFile.Schema);

        schema.RootElement.GetProperty("$schema").GetString().Should().Be("https://json-schema.org/draft/2020-12/schema");
        schema.RootElement.GetProperty("$id").GetString().Should().Be(ModelFile.SchemaId);
    }

    [Test]
    public void Schema_EveryExportedPresetAndRunFile_Validates()
    {
        using var schema = JsonDocument.Parse(ModelFile.Schema);
        var checker = new SchemaChecker(schema.RootElement);
        var documents = new List<(string Name, ModelDocument Document)>
        {
            ("w1", new ModelDocument(LifetimeValue.Presets.W1())),
            ("hotel", new ModelDocument(LifetimeValue.Presets.Hotel(), new ConstantRateScenarioSpec(0.03), new SimulationOptions())),
            ("bank+states", new ModelDocument(LifetimeValue.Presets.Bank() with { States = RelationshipStates.ActiveDormantLapsed(0.01, 0.05, 0.02, 0.005, 0.3), Heterogeneity = new LifecycleHeterogeneity(0.7, 0.4) })),
            ("bank", new ModelDocument(LifetimeValue.Presets.Bank(), new ConstantRateScenarioSpec(0.03), new SimulationOptions())),
            ("bank+vasicek", new ModelDocument(LifetimeValue.Presets.Bank(), new ShortRateScenarioSpec(new Vasicek(0.03, 0.15, 0.035, 0.01), 100, 7, 1020), new SimulationOptions())),
            ("bank+hw", new ModelDocument(LifetimeValue.Presets.Bank(), new ShortRateScenarioSpec(new HullWhite(0.1, 0.01, ZeroCurve.Flat(0.03)), 3, 1))),
            ("bank+csv", new ModelDocument(LifetimeValue.Presets.Bank() with { Discounting = Discount.FlatAnnual(0.08) }, new CsvScenarioSpec("r.csv"))),
        };
        var random = new System.Random(7);
        for (var i = 0; i < 20; i++)
        {
            documents.Add(($"random {i}", new ModelDocument(RandomModels.Lifecycle(random))));
        }

        foreach (var (name, document) in documents)
        {
            using var instance = JsonDocument.Parse(ModelFile.ToJson(document));

            checker.Check(instance.RootElement).Should().BeEmpty($"the exported {name} file must match the schema");
        }
    }

    [Test]
    public void Schema_RejectsWhatTheReaderRejects()
    {
        using var schema = JsonDocument.Parse(ModelFile.Schema);
        var checker = new SchemaChecker(schema.RootElement);
        var json = ModelFile.ToJson(LifetimeValue.Presets.Bank()).Replace("\"annualAttrition\": 0.02", "\"annualAttrition\": 1.5\n, \"colour\": \"red\"", StringComparison.Ordinal);
        using var instance = JsonDocument.Parse(json);

        checker.Check(instance.RootElement).Should().Contain(e => e.Contains("colour", StringComparison.Ordinal))
            .And.Contain(e => e.Contains("maximum", StringComparison.Ordinal), "the checker itself must find violations, or the validation test proves nothing");
    }
}
