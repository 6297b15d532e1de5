using System.Reflection;
using System.Runtime.CompilerServices;
using LifetimeValue.Lifecycle;
using LifetimeValue.Random;
using LifetimeValue.Scenarios;
using LifetimeValue.Simulation;
using LifetimeValue.Simulation.Backends;

namespace LifetimeValue.Tests.Simulation;

/// <summary>
/// The public backend contract (<see cref="LifecycleDrawLayout"/>, <see cref="SimulationPartialBuilder"/>,
/// <see cref="ChunkRecorder"/>): a third-party backend written here from the layout's documentation alone must give
/// partials byte-identical to <see cref="MonteCarloEngine.SimulateChunks"/>, and the core must grant its internals to no
/// shipped package.
/// </summary>
/// <remarks>
/// Oracle: the CPU engine's serialized partial (<see cref="SimulationPartial.WriteTo"/>), compared byte for byte. The
/// replay backend (<see cref="ReplayBackend"/>) uses public types only — <see cref="Philox4x32"/>, <see cref="RandomDraws"/>,
/// <see cref="DrawPurpose"/> and the Backends namespace — and follows the per-customer recipe in
/// <see cref="LifecycleDrawLayout"/>'s remarks, with a linear search over the survival powers where the CPU uses a
/// log-guided one.
/// </remarks>
public sealed class PublicBackendContractTests
{
    private const ulong Seed = 0x0BAD_5EED_1234_5678UL;

    private static ScenarioSet Scenarios(LifecycleModel model, int count = 3) =>
        ScenarioSet.Generate(new Vasicek(0.03, 0.15, 0.035, 0.01, RateScheme.Euler), count, model.MaxPeriods, 19);

    private static LifecycleModel ModelNamed(string name) => name == "W1" ? Presets.W1() : Presets.Bank();

    private static SimulationOptions Options(SimulationMethod method, int exactLimit = 0) => new()
    {
        Customers = 1_300,
        ChunkSize = 400, // four chunks per scenario, the last one short (100 customers)
        Seed = Seed,
        Method = method,
        ExactQuantileLimit = exactLimit,
    };

    private static byte[] Bytes(SimulationPartial partial)
    {
        using var stream = new MemoryStream();
        partial.WriteTo(stream);
        return stream.ToArray();
    }

    [TestCase("W1", SimulationMethod.EventTime)]
    [TestCase("W1", SimulationMethod.Stepping)]
    [TestCase("Bank", SimulationMethod.EventTime)]
    [TestCase("Bank", SimulationMethod.Stepping)]
    public void SimulateChunks_ReplayBackend_BytesEqualCpuEngine(string modelName, SimulationMethod method)
    {
        var model = ModelNamed(modelName);
        var scenarios = Scenarios(model);
        var options = Options(method, exactLimit: 100_000); // keeps the exact sample, so it is compared too
        var plan = MonteCarloEngine.Plan(scenarios, options);

        foreach (var (first, count) in new[] { (0L, plan.ChunkCount), (3L, 6L) })
        {
            var replay = new ReplayBackend().SimulateChunks(model, scenarios, options, first, count, CancellationToken.None);
            var cpu = MonteCarloEngine.SimulateChunks(model, scenarios, options, first, count);

            Bytes(replay).Should().Equal(Bytes(cpu), $"oracle: the CPU engine's partial file for chunks [{first}, {first + count})");
        }
    }

    [Test]
    public void SimulateChunks_ReplayBackendOnManyThreads_BytesEqualCpuEngine()
    {
        // Recorders on concurrent threads, chunks in whatever order the pool takes them: the builder's statistics are exact
        // integer sums and a multiset, so the bytes must not move.
        var model = Presets.Bank();
        var scenarios = Scenarios(model, 4);
        var options = Options(SimulationMethod.EventTime, exactLimit: 100_000) with { ChunkSize = 97 };
        var plan = MonteCarloEngine.Plan(scenarios, options);

        var replay = new ReplayBackend(threads: 4).SimulateChunks(model, scenarios, options, 0, plan.ChunkCount, CancellationToken.None);
        var cpu = MonteCarloEngine.SimulateChunks(model, scenarios, options, 0, plan.ChunkCount);

        Bytes(replay).Should().Equal(Bytes(cpu), "oracle: the CPU engine's partial file");
    }

    [TestCase(SimulationMethod.EventTime)]
    [TestCase(SimulationMethod.Stepping)]
    public void Simulate_ReplayBackendAsOptionsBackend_SameResultBitsAsCpu(SimulationMethod method)
    {
        var model = Presets.Bank();
        var scenarios = Scenarios(model);
        var options = Options(method);

        var viaBackend = MonteCarloEngine.Simulate(model, scenarios, options with { Backend = new ReplayBackend() });
        var cpu = MonteCarloEngine.Simulate(model, scenarios, options);

        LifecycleKernelPinTests.Signature(viaBackend).Should().Be(LifecycleKernelPinTests.Signature(cpu), "oracle: the CPU engine's result");
    }

    [Test]
    public void Create_LayoutMatchesTheRun()
    {
        var model = Presets.Bank();
        var scenarios = Scenarios(model);
        var options = Options(SimulationMethod.EventTime);

        var layout = LifecycleDrawLayout.Create(model, scenarios, options, DrawLayout.Version);

        layout.Fingerprint.Should().Be(MonteCarloEngine.Fingerprint(model, scenarios, options), "oracle: the CPU engine's fingerprint");
        layout.Plan.ChunkCount.Should().Be(MonteCarloEngine.Plan(scenarios, options).ChunkCount);
        layout.Periods.Should().Be(model.MaxPeriods);
        layout.CohortCount.Should().Be(5, "Bank acquires at ages 11..15");
        layout.SegmentFirst.Should().HaveCount(layout.CohortCount + 1);
        layout.ProductFirst.Should().HaveCount(layout.SegmentStage.Length + 1);
        layout.ProductOffset.Should().HaveCount(layout.ProductFirst[^1]);
        layout.AcquisitionCost.Should().Be(250.0, "Bank's acquisition cost");

        // Hand count: a cohort acquired at 11 lives to 85, 74 years = 888 months in 7 stages (Youth .. Retired).
        layout.CohortPeriods[0].Should().Be(888);
        (layout.SegmentFirst[1] - layout.SegmentFirst[0]).Should().Be(7);
        layout.SurvivalPowers[layout.SegmentPowersFirst[0]].Should().Be(1.0, "ρ⁰ = 1");
    }

    [Test]
    public void Create_BackendBuiltForAnotherLayout_IsRefused()
    {
        var model = Presets.W1();
        var act = () => LifecycleDrawLayout.Create(model, Scenarios(model), Options(SimulationMethod.EventTime), DrawLayout.Version + 1);

        act.Should().Throw<NotSupportedException>().WithMessage($"*backendLayoutVersion is {DrawLayout.Version + 1}*draw layout {DrawLayout.Version}*built against another LifetimeValue version*");
    }

    [Test]
    public void Fingerprint_UnderLayout2_UnchangedFromBeforeTheContract()
    {
        // The fingerprint's header is "LifetimeValue.MonteCarlo/{Version}". Layout 2 is the layout the header "…/2" always
        // described, so fingerprints (and partial files written before the contract) must not change: oracle, the hex
        // computed by main at 0b6018f (before this contract) for the same run.
        DrawLayout.Version.Should().Be(2, "the draw layout of this build; bump it with any change of draws or tables");
        var model = Presets.W1();

        var fingerprint = MonteCarloEngine.Fingerprint(model, Scenarios(model), Options(SimulationMethod.EventTime));

        fingerprint.Should().Be("248E9D350BA068A21FB48B2D3B6263CB", "captured from main at 0b6018f with the same model, scenarios and options");
    }

    [Test]
    public void Create_UnsupportedModels_AreRefused()
    {
        var w1 = Presets.W1();
        var states = w1 with { States = RelationshipStates.ActiveDormantLapsed(0.01, 0.05, 0.02, 0.005, 0.3) };
        var focused = Presets.Hotel();

        FluentActions.Invoking(() => LifecycleDrawLayout.Create(states, Scenarios(w1), Options(SimulationMethod.EventTime), DrawLayout.Version))
            .Should().Throw<NotSupportedException>().WithMessage("*relationship states*MonteCarloEngine*");
        FluentActions.Invoking(() => LifecycleDrawLayout.Create(focused, Scenarios(w1), Options(SimulationMethod.EventTime), DrawLayout.Version))
            .Should().Throw<NotSupportedException>().WithMessage("*LifecycleModel only*CustomerFocusedModel*");
        FluentActions.Invoking(() => LifecycleDrawLayout.Create(null!, Scenarios(w1), Options(SimulationMethod.EventTime), DrawLayout.Version))
            .Should().Throw<ArgumentNullException>();
    }

    [Test]
    public void Layout_Tables_CannotBeChangedThroughACast()
    {
        var model = Presets.W1();
        var layout = LifecycleDrawLayout.Create(model, Scenarios(model), Options(SimulationMethod.EventTime), DrawLayout.Version);
        var before = layout.SurvivalPowers[1];

        var act = () => ((IList<double>)layout.SurvivalPowers)[1] = 2.0;

        act.Should().Throw<NotSupportedException>();
        layout.SurvivalPowers[1].Should().Be(before);
    }

    [Test]
    public void Layout_Spans_WrongLengthOrChunk_AreRefused()
    {
        var model = Presets.W1();
        var layout = LifecycleDrawLayout.Create(model, Scenarios(model), Options(SimulationMethod.EventTime), DrawLayout.Version);
        var table = new double[layout.TableLength];
        var counts = new long[layout.TableLength];
        var flows = new double[layout.Periods];

        FluentActions.Invoking(() => layout.FillPrefixTable(0, new double[layout.TableLength - 1]))
            .Should().Throw<ArgumentException>().WithMessage($"destination must have exactly {layout.TableLength} entries (had {layout.TableLength - 1})*");
        FluentActions.Invoking(() => layout.FillPrefixTable(3, table))
            .Should().Throw<ArgumentOutOfRangeException>().WithMessage("scenario must be in [0, 2] (was 3)*");
        FluentActions.Invoking(() => layout.ChunkFlows(layout.Plan[0], table, counts, new double[1]))
            .Should().Throw<ArgumentException>().WithMessage($"flows must have exactly {layout.Periods} entries (had 1)*");
        FluentActions.Invoking(() => layout.ChunkFlows(layout.Plan[0] with { CustomerCount = 5 }, table, counts, flows))
            .Should().Throw<ArgumentException>().WithMessage("chunk (*) is not a chunk of this run's plan*");
        FluentActions.Invoking(() => layout.CohortOf(-1)).Should().Throw<ArgumentOutOfRangeException>();
    }

    [Test]
    public void Builder_DuplicateOutOfRangeOrBadValues_RefusedAndNothingRecorded()
    {
        var model = Presets.W1();
        var layout = LifecycleDrawLayout.Create(model, Scenarios(model), Options(SimulationMethod.EventTime), DrawLayout.Version);
        var builder = new SimulationPartialBuilder(layout, 1, 2);
        var recorder = builder.CreateRecorder();
        var chunk = layout.Plan[1];
        var pv = new double[chunk.CustomerCount];
        var flows = new double[layout.Periods];

        FluentActions.Invoking(() => recorder.Record(layout.Plan[0], new double[layout.Plan[0].CustomerCount], flows))
            .Should().Throw<ArgumentException>().WithMessage("chunk 0 is outside this builder's range [1, 3)*");
        pv[5] = double.NaN;
        FluentActions.Invoking(() => recorder.Record(chunk, pv, flows))
            .Should().Throw<ArgumentException>().WithMessage("pv[5] must be finite*(was NaN)*");
        pv[5] = 0.0;
        FluentActions.Invoking(() => recorder.Record(chunk, pv.AsSpan(1), flows))
            .Should().Throw<ArgumentException>().WithMessage($"pv must have exactly {chunk.CustomerCount} entries*");
        builder.RecordedChunks.Should().Be(0, "refused chunks are not recorded");

        recorder.Record(chunk, pv, flows);
        FluentActions.Invoking(() => recorder.Record(chunk, pv, flows))
            .Should().Throw<ArgumentException>().WithMessage("chunk 1 was already recorded*");
        builder.RecordedChunks.Should().Be(1);

        FluentActions.Invoking(builder.Build).Should().Throw<InvalidOperationException>().WithMessage("1 of the 2 chunks [1, 3) were recorded (first missing: 2)*");
        FluentActions.Invoking(() => new SimulationPartialBuilder(layout, 0, layout.Plan.ChunkCount + 1))
            .Should().Throw<ArgumentOutOfRangeException>().WithMessage("*chunkCount*");
    }

    [Test]
    public void Builder_BuiltTwiceOrRecordedAfterBuild_Refused()
    {
        var model = Presets.W1();
        var layout = LifecycleDrawLayout.Create(model, Scenarios(model, 1), Options(SimulationMethod.EventTime), DrawLayout.Version);
        var builder = new SimulationPartialBuilder(layout, 0, 1);
        var recorder = builder.CreateRecorder();
        recorder.Record(layout.Plan[0], new double[layout.Plan[0].CustomerCount], new double[layout.Periods]);

        var partial = builder.Build();

        partial.ChunkCount.Should().Be(1);
        partial.Fingerprint.Should().Be(layout.Fingerprint);
        FluentActions.Invoking(builder.Build).Should().Throw<InvalidOperationException>().WithMessage("*already been built*");
        FluentActions.Invoking(builder.CreateRecorder).Should().Throw<InvalidOperationException>().WithMessage("*already been built*");
    }

    [Test]
    public void CoreAssembly_GrantsInternals_OnlyToTestsAndBenchmarks()
    {
        var granted = typeof(MonteCarloEngine).Assembly.GetCustomAttributes<InternalsVisibleToAttribute>()
            .Select(a => a.AssemblyName.Split(',')[0].Trim())
            .ToList();

        granted.Should().Contain("LifetimeValue.Tests", "the attribute is read (this assembly needs it to compile)");
        granted.Should().OnlyContain(name => name.EndsWith(".Tests", StringComparison.Ordinal) || name == "LifetimeValue.Benchmarks",
            "shipped packages (LifetimeValue.Gpu, .Orleans, .Plotting, .Cli) must use the public API only");
        granted.Should().NotContain("LifetimeValue.Gpu");
    }

    /// <summary>
    /// A third-party backend on the CPU written against the public contract only: one customer at a time, as the layout's
    /// remarks describe; chunks in reverse order alternating between two recorders, or on a thread pool (neither changes a bit).
    /// </summary>
    private sealed class ReplayBackend(int threads = 1) : IMonteCarloBackend
    {
        public string Name => "replay backend (public contract only)";

        public SimulationPartial SimulateChunks(LifetimeValue.Model.StrategyModel model, ScenarioSet scenarios, SimulationOptions options,
            long firstChunk, long chunkCount, CancellationToken cancellationToken)
        {
            var layout = LifecycleDrawLayout.Create(model, scenarios, options, DrawLayout.Version);
            var builder = new SimulationPartialBuilder(layout, firstChunk, chunkCount);
            if (threads == 1)
            {
                // Chunks in reverse order, alternating between two recorders.
                var a = new Worker(layout, builder.CreateRecorder());
                var b = new Worker(layout, builder.CreateRecorder());
                for (var index = firstChunk + chunkCount - 1; index >= firstChunk; index--)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    ((index & 1) == 0 ? a : b).Run(layout.Plan[index]);
                }
            }
            else
            {
                Parallel.For(firstChunk, firstChunk + chunkCount, new ParallelOptions { MaxDegreeOfParallelism = threads, CancellationToken = cancellationToken },
                    () => new Worker(layout, builder.CreateRecorder()),
                    (index, _, worker) =>
                    {
                        worker.Run(layout.Plan[index]);
                        return worker;
                    },
                    _ => { });
            }

            return builder.Build();
        }

        /// <summary>One thread's scratch: the scenario's prefix table, the chunk's count table, PVs and flows.</summary>
        private sealed class Worker(LifecycleDrawLayout layout, ChunkRecorder recorder)
        {
            private readonly double[] _prefix = new double[layout.TableLength];
            private readonly long[] _counts = new long[layout.TableLength];
            private readonly double[] _pv = new double[layout.Plan.ChunkSize];
            private readonly double[] _flows = new double[layout.Periods];
            private int _scenario = -1;

            public void Run(SimulationChunk chunk)
            {
                if (chunk.Scenario != _scenario)
                {
                    layout.FillPrefixTable(chunk.Scenario, _prefix);
                    _scenario = chunk.Scenario;
                }

                Array.Clear(_counts);
                for (var n = 0; n < chunk.CustomerCount; n++)
                {
                    _pv[n] = Customer(layout, _prefix, _counts, chunk.Scenario, chunk.FirstCustomer + n, layout.Options.Method == SimulationMethod.Stepping);
                }

                layout.ChunkFlows(chunk, _prefix, _counts, _flows);
                recorder.Record(chunk, _pv.AsSpan(0, chunk.CustomerCount), _flows);
            }
        }

        private static double Customer(LifecycleDrawLayout layout, double[] prefix, long[] counts, int scenario, long customer, bool stepping)
        {
            var k0 = (uint)layout.Options.Seed;
            var k1 = (uint)(layout.Options.Seed >> 32);
            var c1 = (uint)customer;
            var c2 = (uint)((ulong)customer >> 32);
            var c3 = (uint)scenario;
            var attrition = c2 | ((uint)DrawPurpose.Attrition << 16);
            var adoption = c2 | ((uint)DrawPurpose.Adoption << 16);
            var c = layout.CohortOf(customer);
            var p = layout.CohortTableOffsets[c];
            var value = -layout.AcquisitionCost;
            var exit = layout.CohortPeriods[c];
            for (var s = layout.SegmentFirst[c]; s < layout.SegmentFirst[c + 1]; s++)
            {
                var stage = layout.SegmentStage[s];
                var start = layout.SegmentStart[s];
                var block = Philox4x32.Generate((uint)stage, c1, attrition, c3, k0, k1);
                var (end, leaves) = stepping
                    ? Step(layout, s, c1, attrition, c3, k0, k1)
                    : EventTime(layout, s, RandomDraws.OpenUnit(block.X0, block.X1));
                value += prefix[p + end] - prefix[p + start];
                for (var k = layout.ProductFirst[s]; k < layout.ProductFirst[s + 1]; k++)
                {
                    var j = k - layout.ProductFirst[s];
                    var word = j switch
                    {
                        0 => block.X2,
                        1 => block.X3,
                        _ => Word(Philox4x32.Generate((uint)((16 * stage) + ((j - 2) / 4)), c1, adoption, c3, k0, k1), (j - 2) % 4),
                    };
                    if (word < layout.ProductAdoptionThreshold[k])
                    {
                        var held = end - start;
                        var o = p + layout.ProductOffset[k];
                        value += prefix[o + held];
                        counts[o]++;
                        counts[o + held]--;
                    }
                }

                if (leaves)
                {
                    exit = end;
                    break;
                }
            }

            counts[p + exit]++;
            return value;
        }

        private static (int End, bool Leaves) EventTime(LifecycleDrawLayout layout, int s, double u)
        {
            var length = layout.SegmentEnd[s] - layout.SegmentStart[s];
            var powers = layout.SurvivalPowers.AsSpan(layout.SegmentPowersFirst[s], length + 1);
            var g = 0;
            while (g < length && u <= powers[g + 1])
            {
                g++;
            }

            return g == length ? (layout.SegmentEnd[s], false) : (layout.SegmentStart[s] + g + 1, true);
        }

        private static (int End, bool Leaves) Step(LifecycleDrawLayout layout, int s, uint c1, uint c2, uint c3, uint k0, uint k1)
        {
            for (var t = layout.SegmentStart[s]; t < layout.SegmentEnd[s]; t++)
            {
                var block = Philox4x32.Generate(LifecycleDrawLayout.SteppingBlockBase + (uint)(t / 4), c1, c2, c3, k0, k1);
                if (Word(block, t % 4) < layout.SegmentHazardThreshold[s])
                {
                    return (t + 1, true);
                }
            }

            return (layout.SegmentEnd[s], false);
        }

        private static uint Word(Philox4x32.Block block, int w) => w switch { 0 => block.X0, 1 => block.X1, 2 => block.X2, _ => block.X3 };
    }
}
