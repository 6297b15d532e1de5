using LifetimeValue.Scenarios;
using LifetimeValue.Simulation;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;

namespace LifetimeValue.Orleans.Tests;

/// <summary>Jobs and results survive Orleans' serializer unchanged; jobs stay small.</summary>
public sealed class SerializationTests
{
    private static Serializer NewSerializer()
    {
        var services = new ServiceCollection().AddSerializer(b => b.AddAssembly(typeof(SimulationJob).Assembly)).BuildServiceProvider();
        return services.GetRequiredService<Serializer>();
    }

    [Test]
    public void SimulationJob_RoundTrip_Equal()
    {
        var serializer = NewSerializer();
        var job = TestInputs.W1Job() with { Method = SimulationMethod.Stepping, ExactQuantileLimit = 10, SketchAccuracy = 0.002 };

        var bytes = serializer.SerializeToArray(job);

        serializer.Deserialize<SimulationJob>(bytes).Should().Be(job);
        bytes.Length.Should().BeLessThan(300, "a job is a reference and a few numbers, not the inputs");
    }

    [Test]
    public void ScenarioSpec_NamedAndConstant_RoundTrip()
    {
        var serializer = NewSerializer();
        foreach (var spec in new[] { ScenarioSpec.FromName("shared/rates.csv"), ScenarioSpec.Constant(0.03, 600),
                     ScenarioSpec.FromCoxIngersollRoss(new CoxIngersollRoss(0.03, 0.2, 0.04, 0.05), 7, 9) })
        {
            serializer.Deserialize<ScenarioSpec>(serializer.SerializeToArray(spec)).Should().Be(spec);
        }
    }

    [Test]
    public void ChunkResult_RoundTrip_BytesPreserved()
    {
        var serializer = NewSerializer();
        var result = new ChunkResult(3, 2, [1, 2, 3], "silo", 1.5);

        var copy = serializer.Deserialize<ChunkResult>(serializer.SerializeToArray(result));

        copy!.Partial.Should().Equal(result.Partial);
        (copy with { Partial = result.Partial }).Should().Be(result);
    }

    [Test]
    public void SimulationInputMismatchException_RoundTrip_KeepsTypeAndMessage()
    {
        var serializer = NewSerializer();

        var copy = serializer.Deserialize<Exception>(serializer.SerializeToArray<Exception>(new SimulationInputMismatchException("differs")));

        copy.Should().BeOfType<SimulationInputMismatchException>().Which.Message.Should().Be("differs");
    }
}
