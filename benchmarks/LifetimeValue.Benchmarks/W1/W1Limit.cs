using System.Diagnostics;
using System.Text.Json;
using LifetimeValue.Lifecycle.Internal;
using LifetimeValue.Random;

namespace LifetimeValue.Benchmarks.W1;

/// <summary>
/// <c>w1 --limit</c>: the machine's limit for W1 on one core, from first principles. Event time needs one Philox block
/// per stage visited (E[visits] from the exact survival tables), stepping one per four months present plus the stage
/// blocks; the generator's measured throughput (vectorised, one thread) bounds lifetimes/s from above. Also times the
/// batched kernel alone (no statistics, no scheduling) on a warm 16,384-customer chunk, best of 200.
/// </summary>
public static class W1Limit
{
    public static int Run()
    {
        var model = new CompiledLifecycleModel(Presets.W1());

        // Expected stage visits and months present per lifetime, averaged over the (equally weighted) cohorts.
        double visits = 0, months = 0;
        foreach (var plan in model.Cohorts)
        {
            var reach = 1.0;
            foreach (var seg in plan.Segments)
            {
                visits += reach / model.Cohorts.Length;
                for (var n = 0; n < seg.Length; n++)
                {
                    months += reach * seg.SurvivalPowers[n] / model.Cohorts.Length; // present at the start of month n
                }

                reach *= seg.SurvivalPowers[seg.Length];
            }
        }

        var blockNs = PhiloxNanosecondsPerBlock();
        var eventKernelNs = KernelNanosecondsPerLifetime(model, stepping: false);
        var steppingKernelNs = KernelNanosecondsPerLifetime(model, stepping: true);
        var steppingBlocks = visits + (months / 4.0);
        var line = new Dictionary<string, double>
        {
            ["expected_stage_visits"] = visits,
            ["expected_months_present"] = months,
            ["philox_ns_per_block_1thread"] = blockNs,
            ["event_blocks_per_lifetime"] = visits,
            ["event_generator_bound_per_core"] = 1e9 / (visits * blockNs),
            ["event_kernel_ns_per_lifetime"] = eventKernelNs,
            ["event_kernel_only_per_core"] = 1e9 / eventKernelNs,
            ["stepping_blocks_per_lifetime"] = steppingBlocks,
            ["stepping_generator_bound_per_core"] = 1e9 / (steppingBlocks * blockNs),
            ["stepping_kernel_ns_per_lifetime"] = steppingKernelNs,
            ["stepping_kernel_only_per_core"] = 1e9 / steppingKernelNs,
        };
        Console.WriteLine(JsonSerializer.Serialize(line));
        return 0;
    }

    private static double PhiloxNanosecondsPerBlock()
    {
        const int Lanes = 512;
        var c0 = new uint[Lanes];
        var c1 = new uint[Lanes];
        var c2 = new uint[Lanes];
        var x0 = new uint[Lanes];
        var x1 = new uint[Lanes];
        var x2 = new uint[Lanes];
        var x3 = new uint[Lanes];
        for (var i = 0; i < Lanes; i++)
        {
            c1[i] = (uint)i;
            c2[i] = (uint)DrawPurpose.Attrition << 16;
        }

        var best = double.MaxValue;
        for (var rep = 0; rep < 20; rep++)
        {
            var clock = Stopwatch.StartNew();
            for (uint r = 0; r < 1_000; r++)
            {
                c0[0] = r;
                Philox4x32.Generate(c0, c1, c2, 7, 1, 2, x0, x1, x2, x3);
            }

            best = Math.Min(best, clock.Elapsed.TotalNanoseconds / (1_000.0 * Lanes));
        }

        return best;
    }

    private static double KernelNanosecondsPerLifetime(CompiledLifecycleModel model, bool stepping)
    {
        const int Chunk = 16_384;
        var rates = W1Runner.Scenarios(1, 0, 1);
        var tables = new ScenarioTables(model);
        tables.Build(rates, 0);
        var kernel = new LifecycleBatchKernel(model);
        var counts = model.Cohorts.Select(c => new long[c.TableLength]).ToArray();
        var cohortCounts = new long[model.Cohorts.Length];
        var pv = new double[Chunk];
        var best = double.MaxValue;
        for (var rep = 0; rep < (stepping ? 40 : 200); rep++)
        {
            var clock = Stopwatch.StartNew();
            kernel.Run(tables, 1, 0, rep * (long)Chunk, Chunk, stepping, counts, cohortCounts, pv);
            best = Math.Min(best, clock.Elapsed.TotalNanoseconds / Chunk);
        }

        return best;
    }
}
