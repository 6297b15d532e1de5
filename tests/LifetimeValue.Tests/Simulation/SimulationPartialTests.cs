using LifetimeValue.Scenarios;
using LifetimeValue.Simulation;

namespace LifetimeValue.Tests.Simulation;

public sealed class SimulationPartialTests
{
    private static readonly ScenarioSet Scenarios = ScenarioSet.Generate(new Vasicek(0.03, 0.15, 0.035, 0.01, RateScheme.Euler), 2, Presets.W1MaxPeriods, 3);
    private static readonly SimulationOptions Options = new() { Customers = 7_000, ChunkSize = 1_000, Seed = 21 };

    private static string Json(SimulationResult result)
    {
        using var stream = new MemoryStream();
        result.WriteJson(stream);
        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }

    [Test]
    public void Combine_SevenPartsThroughFiles_BitIdenticalToOneRun()
    {
        var model = Presets.W1();
        var whole = MonteCarloEngine.Simulate(model, Scenarios, Options);
        var plan = MonteCarloEngine.Plan(Scenarios, Options);
        var partials = new List<SimulationPartial>();
        for (var part = 6; part >= 0; part--) // reverse order on purpose
        {
            var (first, count) = plan.Part(part, 7);
            var partial = MonteCarloEngine.SimulateChunks(model, Scenarios, Options, first, count);
            using var file = new MemoryStream();
            partial.WriteTo(file);
            file.Position = 0;
            partials.Add(SimulationPartial.ReadFrom(file));
        }

        var combined = MonteCarloEngine.Combine(model, Scenarios, Options, partials);

        Json(combined).Should().Be(Json(whole), "partials merge exactly (integer sums and bucket counts)");
    }

    [Test]
    public void Combine_MissingChunks_Throws()
    {
        var partial = MonteCarloEngine.SimulateChunks(Presets.W1(), Scenarios, Options, 0, 5);

        var act = () => MonteCarloEngine.Combine(Presets.W1(), Scenarios, Options, [partial]);

        act.Should().Throw<ArgumentException>().WithMessage("*cover 5 of 14 chunks*missing*");
    }

    [Test]
    public void Merge_DuplicateChunks_Throws()
    {
        var a = MonteCarloEngine.SimulateChunks(Presets.W1(), Scenarios, Options, 0, 5);
        var b = MonteCarloEngine.SimulateChunks(Presets.W1(), Scenarios, Options, 4, 3);

        var act = () => SimulationPartial.Merge([a, b]);

        act.Should().Throw<ArgumentException>().WithMessage("*overlap*counted twice*");
    }

    [Test]
    public void Merge_ForeignRun_Throws()
    {
        var a = MonteCarloEngine.SimulateChunks(Presets.W1(), Scenarios, Options, 0, 5);
        var b = MonteCarloEngine.SimulateChunks(Presets.W1(), Scenarios, Options with { Seed = 22 }, 5, 9);

        var act = () => SimulationPartial.Merge([a, b]);

        act.Should().Throw<ArgumentException>().WithMessage("*different run (fingerprint*");
    }

    [Test]
    public void ReadFrom_CorruptOrTruncatedFile_ThrowsInvalidData()
    {
        var partial = MonteCarloEngine.SimulateChunks(Presets.W1(), Scenarios, Options, 0, 2);
        using var file = new MemoryStream();
        partial.WriteTo(file);
        var bytes = file.ToArray();

        var corrupt = (byte[])bytes.Clone();
        corrupt[bytes.Length / 2] ^= 0x40;
        var truncated = bytes[..(bytes.Length - 100)];

        var readCorrupt = () => SimulationPartial.ReadFrom(new MemoryStream(corrupt));
        var readTruncated = () => SimulationPartial.ReadFrom(new MemoryStream(truncated));
        var readOther = () => SimulationPartial.ReadFrom(new MemoryStream("hello, this is not a partial file at all, sorry"u8.ToArray()));

        readCorrupt.Should().Throw<InvalidDataException>().WithMessage("*checksum*");
        readTruncated.Should().Throw<InvalidDataException>();
        readOther.Should().Throw<InvalidDataException>().WithMessage("*magic*");
    }

    [Test]
    public void Plan_PartsCoverAllChunksOnce()
    {
        var plan = new SimulationPlan(3, 10_001, 1_000);

        plan.ChunksPerScenario.Should().Be(11);
        plan.ChunkCount.Should().Be(33);
        plan[10].CustomerCount.Should().Be(1, "the last chunk of a scenario holds the remainder");
        plan[11].Scenario.Should().Be(1);
        Enumerable.Range(0, 5).Sum(p => plan.Part(p, 5).Count).Should().Be(33);
    }
}
