using LifetimeValue.Scenarios;
using LifetimeValue.Simulation;

namespace LifetimeValue.Orleans.Tests;

/// <summary>Job, spec and resolver validation; no cluster.</summary>
public sealed class InputTests
{
    [Test]
    public void SimulationJob_ToOptions_RoundTripsResultDefiningNumbers()
    {
        var options = new SimulationOptions { Seed = 9, Customers = 123, ChunkSize = 17, Method = SimulationMethod.Stepping, SketchAccuracy = 0.003, ExactQuantileLimit = 50, MaxDegreeOfParallelism = 3 };

        var back = SimulationJob.Create("w1", ScenarioSpec.Constant(0.03), options).ToOptions(maxDegreeOfParallelism: 3);

        back.Should().Be(options with { Progress = null });
    }

    [Test]
    public void SimulationJob_OutOfRangeNumbers_ToOptionsThrows()
    {
        var job = TestInputs.W1Job() with { ChunkSize = 0 };

        job.Invoking(j => j.ToOptions()).Should().Throw<ArgumentOutOfRangeException>().WithParameterName("ChunkSize");
    }

    [Test]
    public void ScenarioSpec_BadNumbers_Throw()
    {
        FluentActions.Invoking(() => ScenarioSpec.Constant(double.NaN)).Should().Throw<ArgumentOutOfRangeException>();
        FluentActions.Invoking(() => ScenarioSpec.FromVasicek(TestInputs.W1Rates, 0, 1)).Should().Throw<ArgumentOutOfRangeException>();
        FluentActions.Invoking(() => ScenarioSpec.Constant(0.03, ScenarioSet.MaxPeriods + 1)).Should().Throw<ArgumentOutOfRangeException>();
        FluentActions.Invoking(() => ScenarioSpec.FromName(" ")).Should().Throw<ArgumentException>();
    }

    [Test]
    public void Resolver_ModelFile_LoadsTheFile_AndPresetsIncludeTheHotel()
    {
        var path = Path.Combine(Path.GetTempPath(), $"ltv-orleans-{Guid.NewGuid():N}.json");
        try
        {
            var model = Presets.Hotel() with { Name = "resort", HorizonMonths = 36 };
            LifetimeValue.Serialization.ModelFile.Save(model, path);
            var resolver = new SimulationInputResolver().AddModelFile("resort", path);
            resolver.ResolveModel("resort").Should().Be(model);
            SimulationInputResolver.WithPresets().ResolveModel("hotel").Should().Be(Presets.Hotel());
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Test]
    public void Resolver_GeneratedSpec_EqualsDirectGeneration()
    {
        var spec = ScenarioSpec.FromVasicek(TestInputs.W1Rates, 3, 42);

        var set = SimulationInputResolver.WithPresets().ResolveScenarios(spec, Presets.W1MaxPeriods);

        set.Rates.ToArray().Should().Equal(ScenarioSet.Generate(TestInputs.W1Rates, 3, Presets.W1MaxPeriods, 42).Rates.ToArray(), "oracle: ScenarioSet.Generate, exact");
    }

    [Test]
    public void Resolver_NamedScenarios_PassesRequiredPeriods()
    {
        var resolver = new SimulationInputResolver().AddScenarios("flat", periods => ScenarioSet.Constant(0.02, periods));

        resolver.ResolveScenarios(ScenarioSpec.FromName("FLAT"), 500).PeriodCount.Should().Be(500, "names are case-insensitive; periods default to the model's horizon");
        resolver.Invoking(r => r.ResolveScenarios(ScenarioSpec.FromName("other"), 500)).Should().Throw<KeyNotFoundException>().WithMessage("*'other'*flat*");
    }
}
