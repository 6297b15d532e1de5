using LifetimeValue.Discounting;
using LifetimeValue.Lifecycle;
using LifetimeValue.Model;
using LifetimeValue.Scenarios;
using LifetimeValue.Simulation;

namespace LifetimeValue.Gpu.Tests;

/// <summary>
/// The GPU engine (on ILGPU's CPU accelerator, which runs the same kernel code) against the CPU engine as the oracle:
/// results, partial files and merges must agree bit for bit. Sizes are small because the CPU accelerator is slow.
/// </summary>
public sealed class GpuMonteCarloEngineTests
{
    private static GpuMonteCarloEngine Engine => CpuAcceleratorFixture.Engine;

    private static ScenarioSet W1Det() => ScenarioSet.Generate(new Vasicek(0.03, 0.15, 0.035, 0, RateScheme.Euler), 1, Presets.W1MaxPeriods, 1);

    private static ScenarioSet W1Stochastic(int scenarios) =>
        ScenarioSet.Generate(new Vasicek(0.03, 0.15, 0.035, 0.01, RateScheme.Euler), scenarios, Presets.W1MaxPeriods, 5);

    [TestCase(SimulationMethod.EventTime)]
    [TestCase(SimulationMethod.Stepping)]
    public void Simulate_W1Deterministic_BitIdenticalToCpuEngine(SimulationMethod method)
    {
        var options = new SimulationOptions { Customers = 2_500, ChunkSize = 1_000, Seed = 7, Method = method, ExactQuantileLimit = 10_000 };

        AssertSameAsCpu(Presets.W1(), W1Det(), options);
    }

    [TestCase(SimulationMethod.EventTime)]
    [TestCase(SimulationMethod.Stepping)]
    public void Simulate_W1StochasticRates_BitIdenticalToCpuEngine(SimulationMethod method)
    {
        var options = new SimulationOptions { Customers = 700, ChunkSize = 256, Seed = 11, Method = method };

        AssertSameAsCpu(Presets.W1(), W1Stochastic(3), options);
    }

    [TestCase(SimulationMethod.EventTime)]
    [TestCase(SimulationMethod.Stepping)]
    [Category("Slow")]
    public void Simulate_W1MShapeDefaultChunks_BitIdenticalToCpuEngine(SimulationMethod method)
    {
        // W1-M's shape (N = 100,000 in 7 default chunks per scenario, σ = 0.01) with 4 scenarios instead of 100.
        using var engine = new GpuMonteCarloEngine(new GpuEngineOptions { Accelerator = AcceleratorKind.Cpu });
        var rates = W1Stochastic(4);
        var options = new SimulationOptions { Customers = 100_000, Seed = 1, Method = method };

        AssertSameResult(engine.Simulate(Presets.W1(), rates, options), MonteCarloEngine.Simulate(Presets.W1(), rates, options));
    }

    [Test]
    public void Relationship_states_are_refused_not_ignored()
    {
        var model = Presets.W1() with { States = RelationshipStates.ActiveDormantLapsed(0.01, 0.05, 0.02, 0.005, 0.3) };
        var act = () => Engine.Simulate(model, W1Det(), new SimulationOptions { Customers = 10 });
        act.Should().Throw<NotSupportedException>().WithMessage("*relationship states*MonteCarloEngine*");
    }

    [Test]
    public void Selected_through_SimulationOptions_Backend_gives_the_CPU_result()
    {
        // MonteCarloEngine hands the chunks to the backend and builds the result exactly as for its own threads.
        var options = new SimulationOptions { Customers = 900, ChunkSize = 300, Seed = 19 };
        var viaBackend = MonteCarloEngine.Simulate(Presets.W1(), W1Stochastic(2), options with { Backend = Engine });
        AssertSameResult(viaBackend, MonteCarloEngine.Simulate(Presets.W1(), W1Stochastic(2), options));
        ((IMonteCarloBackend)Engine).Name.Should().StartWith("GPU engine on ");
        var part = MonteCarloEngine.SimulateChunks(Presets.W1(), W1Stochastic(2), options with { Backend = Engine }, 2, 3);
        part.ChunkRanges.Should().Equal((2L, 3L));
    }

    [Test]
    public void Simulate_BankPresetWithFourProductsPerStage_BitIdenticalToCpuEngine()
    {
        // Bank's family and mid-life stages offer four products: products 2 and 3 draw from the Adoption blocks.
        var rates = ScenarioSet.Generate(new Vasicek(0.03, 0.15, 0.035, 0.01, RateScheme.Euler), 2, Presets.Bank().MaxPeriods, 3);
        var options = new SimulationOptions { Customers = 600, ChunkSize = 200, Seed = 3 };

        AssertSameAsCpu(Presets.Bank(), rates, options);
    }

    [TestCase(1)]
    [TestCase(2)]
    [TestCase(5)]
    [TestCase(100)]
    public void Simulate_LaunchesSpanningScenarios_BitIdenticalToCpuEngine(int chunksPerLaunch)
    {
        // 3 scenarios × 3 chunks (256, 256, 188): launches of 2 or 5 chunks start and end inside scenarios.
        using var engine = new GpuMonteCarloEngine(new GpuEngineOptions { Accelerator = AcceleratorKind.Cpu, MaxCustomersPerLaunch = 256 * chunksPerLaunch });
        var rates = W1Stochastic(3);
        var options = new SimulationOptions { Customers = 700, ChunkSize = 256, Seed = 17 };

        AssertSameResult(engine.Simulate(Presets.W1(), rates, options), MonteCarloEngine.Simulate(Presets.W1(), rates, options));
    }

    [Test]
    public void Simulate_ConcurrentCallsAndOneHostThread_SameResult()
    {
        // Calls on one engine are serialised; host threads do not change results (integer merges).
        using var single = new GpuMonteCarloEngine(new GpuEngineOptions { Accelerator = AcceleratorKind.Cpu, MaxCustomersPerLaunch = 300, HostThreads = 1 });
        var rates = W1Stochastic(2);
        var options = new SimulationOptions { Customers = 400, ChunkSize = 100, Seed = 13, ExactQuantileLimit = 10_000 };

        var results = new SimulationResult[3];
        Parallel.For(0, results.Length, i => results[i] = (i == 0 ? single : Engine).Simulate(Presets.W1(), rates, options));

        var cpu = MonteCarloEngine.Simulate(Presets.W1(), rates, options);
        foreach (var r in results)
        {
            AssertSameResult(r, cpu);
        }
    }

    [Test]
    public void Options_OutOfRange_Throw()
    {
        FluentActions.Invoking(() => new GpuEngineOptions { DeviceIndex = -1 }).Should().Throw<ArgumentOutOfRangeException>().WithMessage("*DeviceIndex*-1*");
        FluentActions.Invoking(() => new GpuEngineOptions { MaxCustomersPerLaunch = 0 }).Should().Throw<ArgumentOutOfRangeException>().WithMessage("*MaxCustomersPerLaunch*");
        FluentActions.Invoking(() => new GpuEngineOptions { HostThreads = 2000 }).Should().Throw<ArgumentOutOfRangeException>().WithMessage("*HostThreads*");
    }

    [Test]
    public void Constructor_CpuDeviceIndexOutOfRange_ThrowsGpuUnavailable()
    {
        var act = () => new GpuMonteCarloEngine(new GpuEngineOptions { Accelerator = AcceleratorKind.Cpu, DeviceIndex = 5 }).Dispose();

        act.Should().Throw<GpuUnavailableException>().WithMessage("*CPU accelerator 5*");
    }

    [TestCase(SimulationMethod.EventTime)]
    [TestCase(SimulationMethod.Stepping)]
    public void Simulate_EdgeProbabilities_BitIdenticalToCpuEngine(SimulationMethod method)
    {
        // Attrition 0 (survival powers all 1), attrition 1 (leaves in the first month), adoption 0 and 1 (thresholds 0 and 2³²).
        Product P(string name, double adoption) => new(name, adoption, MarginSchedule.RateLinear(10, 50), 1);
        LifeStage[] stages =
        [
            new("Never leaves", 30, 33, 0.0, [P("A", 1.0), P("B", 0.0), P("C", 0.5)], MarginSchedule.Fixed(1)),
            new("Certain exit", 33, 35, 1.0, [P("D", 0.0), P("E", 1.0), P("F", 1.0), P("G", 0.3), P("H", 0.7), P("I", 0.9), P("J", 0.1)], MarginSchedule.Fixed(2)),
        ];
        var model = new LifecycleModel("edges", new StageLadder(stages), AcquisitionProfile.Uniform(30, 31), 20, Horizon.ToAge(35), Discount.ShortRatePlus(0.01));
        var rates = ScenarioSet.Generate(new Vasicek(0.03, 0.15, 0.035, 0.01, RateScheme.Euler), 2, model.MaxPeriods, 2);
        var options = new SimulationOptions { Customers = 400, ChunkSize = 128, Seed = 4, Method = method, ExactQuantileLimit = 10_000 };

        AssertSameAsCpu(model, rates, options);
    }

    [Test]
    public void Simulate_SeedAbove32Bits_BitIdenticalToCpuEngine()
    {
        var options = new SimulationOptions { Customers = 500, ChunkSize = 128, Seed = 0xDEAD_BEEF_0123_4567UL };

        AssertSameAsCpu(Presets.W1(), W1Stochastic(2), options);
    }

    [Test]
    public void Simulate_RandomSmallModels_BitIdenticalToCpuEngine([Range(1, 6)] int seed)
    {
        var rng = new System.Random(seed);
        var model = RandomModel(rng);
        var rates = ScenarioSet.Generate(new Vasicek(0.03, 0.15, 0.035, 0.01, RateScheme.Euler), 1 + rng.Next(3), model.MaxPeriods, (ulong)seed);
        var options = new SimulationOptions
        {
            Customers = 200 + rng.Next(400),
            ChunkSize = 64 + rng.Next(200),
            Seed = (ulong)seed,
            Method = seed % 2 == 0 ? SimulationMethod.Stepping : SimulationMethod.EventTime,
            ExactQuantileLimit = 10_000,
        };

        AssertSameAsCpu(model, rates, options);
    }

    [Test]
    public void SimulateChunks_GpuAndCpuPartialsMerged_EqualSingleMachineResult()
    {
        var rates = W1Stochastic(2);
        var options = new SimulationOptions { Customers = 900, ChunkSize = 200, Seed = 21 };
        var plan = MonteCarloEngine.Plan(rates, options);

        // Chunks [0, 3) and [7, end) on the GPU engine, [3, 7) on the CPU engine, merged out of order.
        SimulationPartial[] partials =
        [
            Engine.SimulateChunks(Presets.W1(), rates, options, 7, plan.ChunkCount - 7),
            MonteCarloEngine.SimulateChunks(Presets.W1(), rates, options, 3, 4),
            Engine.SimulateChunks(Presets.W1(), rates, options, 0, 3),
        ];
        var combined = MonteCarloEngine.Combine(Presets.W1(), rates, options, partials);
        var single = MonteCarloEngine.Simulate(Presets.W1(), rates, options);

        AssertSameResult(combined, single);
    }

    [Test]
    public void SimulateChunks_OneRange_SerializedPartialEqualsCpuPartial()
    {
        var rates = W1Stochastic(3);
        var options = new SimulationOptions { Customers = 500, ChunkSize = 128, Seed = 5, Method = SimulationMethod.Stepping };

        var gpu = Engine.SimulateChunks(Presets.W1(), rates, options, 2, 7);
        var cpu = MonteCarloEngine.SimulateChunks(Presets.W1(), rates, options, 2, 7);

        Bytes(gpu).Should().Equal(Bytes(cpu), "oracle: the CPU engine's partial file for the same chunk range");
    }

    [Test]
    public void Simulate_ReportsProgressPerLaunch()
    {
        var reports = new List<SimulationProgress>();
        var options = new SimulationOptions { Customers = 1_000, ChunkSize = 250, Seed = 1, Progress = new SyncProgress(reports) };

        Engine.Simulate(Presets.W1(), W1Stochastic(3), options);

        // 3 scenarios × 4 chunks of 250; the fixture's engine launches at most 1,000 customers (4 chunks) at a time.
        reports.Should().Equal([new SimulationProgress(4, 12, 1_000), new SimulationProgress(8, 12, 2_000), new SimulationProgress(12, 12, 3_000)],
            "one report per launch, in order");
        reports[^1].Should().Be(new SimulationProgress(12, 12, 3_000), "every chunk and lifetime is reported by the end");
    }

    [Test]
    public void Simulate_Cancelled_ThrowsOperationCanceled()
    {
        using var cts = new CancellationTokenSource();
        cts.Cancel();

        var act = () => Engine.Simulate(Presets.W1(), W1Det(), new SimulationOptions { Customers = 100 }, cts.Token);

        act.Should().Throw<OperationCanceledException>();
    }

    [Test]
    public void Simulate_CancelledDuringRun_StopsBetweenLaunches()
    {
        using var engine = new GpuMonteCarloEngine(new GpuEngineOptions { Accelerator = AcceleratorKind.Cpu, MaxCustomersPerLaunch = 100 });
        using var cts = new CancellationTokenSource();
        var reports = 0;
        var options = new SimulationOptions
        {
            Customers = 1_000,
            ChunkSize = 100,
            Progress = new CallbackProgress(_ =>
            {
                reports++;
                cts.Cancel();
            }),
        };

        var act = () => engine.Simulate(Presets.W1(), W1Det(), options, cts.Token);

        act.Should().Throw<OperationCanceledException>();
        reports.Should().Be(1, "the run stops before the second of ten launches (one chunk of 100 per launch)");
    }

    [Test]
    public void Constructor_CudaRequestedWithoutDevice_ThrowsGpuUnavailable()
    {
        GpuMonteCarloEngine? engine = null;
        try
        {
            engine = new GpuMonteCarloEngine();
        }
        catch (GpuUnavailableException e)
        {
            e.Message.Should().Contain("CUDA").And.Contain("MonteCarloEngine").And.Contain("AcceleratorKind.Cpu");
            return;
        }
        finally
        {
            engine?.Dispose();
        }

        Assert.Ignore($"A CUDA device is present ({engine.DeviceName}); the no-device message cannot be checked here.");
    }

    [Test]
    public void Simulate_OtherStrategyModel_ThrowsNotSupported()
    {
        var act = () => Engine.Simulate(new OtherModel(), W1Det(), new SimulationOptions { Customers = 10 });

        act.Should().Throw<NotSupportedException>().WithMessage("*LifecycleModel*MonteCarloEngine*");
    }

    [Test]
    public void Simulate_ScenariosTooShort_ThrowsArgument()
    {
        var act = () => Engine.Simulate(Presets.W1(), ScenarioSet.Constant(0.03, 12), new SimulationOptions { Customers = 10 });

        act.Should().Throw<ArgumentException>().WithMessage("*periods*");
    }

    [Test]
    public void Simulate_AfterDispose_ThrowsObjectDisposed()
    {
        var engine = new GpuMonteCarloEngine(new GpuEngineOptions { Accelerator = AcceleratorKind.Cpu });
        engine.Dispose();

        var act = () => engine.Simulate(Presets.W1(), W1Det(), new SimulationOptions { Customers = 10 });

        act.Should().Throw<ObjectDisposedException>();
    }

    [Test]
    public void GpuEngineSimulate_CpuAccelerator_BitIdenticalToCpuEngine()
    {
        var options = new SimulationOptions { Customers = 300, ChunkSize = 64, Seed = 9 };

        var gpu = GpuEngine.Simulate(Presets.W1(), W1Det(), options, new GpuEngineOptions { Accelerator = AcceleratorKind.Cpu, MaxCustomersPerLaunch = 100 });

        AssertSameResult(gpu, MonteCarloEngine.Simulate(Presets.W1(), W1Det(), options));
    }

    private static void AssertSameAsCpu(StrategyModel model, ScenarioSet scenarios, SimulationOptions options)
    {
        var cpu = MonteCarloEngine.Simulate(model, scenarios, options);
        var gpu = Engine.Simulate(model, scenarios, options);
        AssertSameResult(gpu, cpu);

        var plan = MonteCarloEngine.Plan(scenarios, options);
        var all = plan.ChunkCount;
        Bytes(Engine.SimulateChunks(model, scenarios, options, 0, all))
            .Should().Equal(Bytes(MonteCarloEngine.SimulateChunks(model, scenarios, options, 0, all)), "oracle: the CPU engine's serialized partial");
    }

    private static void AssertSameResult(SimulationResult actual, SimulationResult expected)
    {
        actual.Fingerprint.Should().Be(expected.Fingerprint);
        Bits(actual.Clv.Mean).Should().Be(Bits(expected.Clv.Mean), "oracle: CPU engine, bit for bit");
        Bits(actual.Clv.Variance).Should().Be(Bits(expected.Clv.Variance), "oracle: CPU engine, bit for bit");
        Bits(actual.Clv.Min).Should().Be(Bits(expected.Clv.Min));
        Bits(actual.Clv.Max).Should().Be(Bits(expected.Clv.Max));
        actual.Clv.Count.Should().Be(expected.Clv.Count);
        actual.Percentiles.Select(p => Bits(p.Value)).Should().Equal(expected.Percentiles.Select(p => Bits(p.Value)), "oracle: CPU engine percentiles, bit for bit");
        actual.MeanCumulativePresentValue.Select(Bits).Should().Equal(expected.MeanCumulativePresentValue.Select(Bits), "oracle: CPU engine curve, bit for bit");
        actual.ScenarioOutcomes.Select(o => Bits(o.MeanClv)).Should().Equal(expected.ScenarioOutcomes.Select(o => Bits(o.MeanClv)));
    }

    private static long Bits(double x) => BitConverter.DoubleToInt64Bits(x);

    private static byte[] Bytes(SimulationPartial partial)
    {
        using var stream = new MemoryStream();
        partial.WriteTo(stream);
        return stream.ToArray();
    }

    private static LifecycleModel RandomModel(System.Random rng)
    {
        // As the core's MonteCarloEngineTests, with up to 6 products per stage (exercising the Adoption blocks).
        var stages = new List<LifeStage>();
        var age = 20 + rng.Next(10);
        var first = age;
        var count = 1 + rng.Next(4);
        for (var k = 0; k < count; k++)
        {
            var years = 1 + rng.Next(6);
            var products = Enumerable.Range(0, rng.Next(7)).Select(j => new Product($"P{j}", rng.NextDouble(),
                MarginSchedule.RateLinear((rng.NextDouble() * 40) - 10, (rng.NextDouble() * 400) - 200), rng.NextDouble() * 3)).ToList();
            stages.Add(new LifeStage($"S{k}", age, age + years, rng.NextDouble() * 0.5, products, MarginSchedule.Fixed((rng.NextDouble() * 10) - 3)));
            age += years;
        }

        return new LifecycleModel("random", new StageLadder(stages), AcquisitionProfile.FromWeights((first, 1 + rng.Next(3)), (first + 1, 1 + rng.Next(3))),
            rng.NextDouble() * 100, Horizon.ToAge(age), rng.Next(2) == 0 ? Discount.FlatAnnual(0.08) : Discount.ShortRatePlus(0.02));
    }

    private sealed class SyncProgress(List<SimulationProgress> reports) : IProgress<SimulationProgress>
    {
        public void Report(SimulationProgress value)
        {
            lock (reports)
            {
                reports.Add(value);
            }
        }
    }

    private sealed class CallbackProgress(Action<SimulationProgress> callback) : IProgress<SimulationProgress>
    {
        public void Report(SimulationProgress value) => callback(value);
    }

    private sealed record OtherModel : StrategyModel
    {
        public override string Name { get; init; } = "other";

        public override StrategyKind Kind => StrategyKind.CustomerFocused;

        public override double AcquisitionCost { get; init; }

        public override Discount Discounting { get; init; } = Discount.FlatAnnual(0.05);

        public override int MaxPeriods => 12;

        public override void Validate()
        {
        }
    }
}
