using System.Globalization;
using ILGPU;
using ILGPU.Runtime;
using LifetimeValue.Lifecycle.Internal;
using LifetimeValue.Simulation;

namespace LifetimeValue.Gpu.Internal;

/// <summary>
/// Host side of <see cref="DeviceModel"/>: flattens a <see cref="CompiledLifecycleModel"/> (the same thresholds and survival
/// powers the CPU uses, computed once on the host) and uploads it. Owns the device buffers.
/// </summary>
/// <remarks>Thread safety: not thread-safe; one instance per run.</remarks>
internal sealed class DeviceModelBuffers : IDisposable
{
    private readonly List<MemoryBuffer> _buffers = [];

    public DeviceModelBuffers(Accelerator accelerator, CompiledLifecycleModel model, SimulationOptions options)
    {
        var cohorts = model.Cohorts;
        var acquisition = model.Model.Acquisition;
        var cycle = new int[acquisition.TotalWeight];
        for (var i = 0; i < cycle.Length; i++)
        {
            cycle[i] = acquisition.CohortOf(i);
        }

        var periods = new int[cohorts.Length];
        var tableOffset = new int[cohorts.Length];
        CohortTableOffsets = tableOffset;
        var segmentFirst = new int[cohorts.Length + 1];
        var stage = new List<int>();
        var start = new List<int>();
        var end = new List<int>();
        var hazard = new List<ulong>();
        var powersAt = new List<int>();
        var productFirst = new List<int>();
        var productOffset = new List<int>();
        var productThreshold = new List<ulong>();
        var powers = new List<double>();
        var table = 0;
        for (var c = 0; c < cohorts.Length; c++)
        {
            var plan = cohorts[c];
            periods[c] = plan.Periods;
            tableOffset[c] = table;
            table = checked(table + plan.TableLength);
            segmentFirst[c] = stage.Count;
            foreach (var seg in plan.Segments)
            {
                CheckNonIncreasing(seg.SurvivalPowers, seg.StageIndex);
                stage.Add(seg.StageIndex);
                start.Add(seg.Start);
                end.Add(seg.End);
                hazard.Add(seg.HazardThreshold);
                powersAt.Add(powers.Count);
                powers.AddRange(seg.SurvivalPowers);
                productFirst.Add(productOffset.Count);
                foreach (var slot in seg.Products)
                {
                    productOffset.Add(slot.Offset);
                    productThreshold.Add(slot.AdoptionThreshold);
                }
            }
        }

        segmentFirst[cohorts.Length] = stage.Count;
        productFirst.Add(productOffset.Count);
        TableLength = table;

        View = new DeviceModel
        {
            Cycle = Upload(accelerator, cycle),
            CohortPeriods = Upload(accelerator, periods),
            CohortTableOffset = Upload(accelerator, tableOffset),
            SegmentFirst = Upload(accelerator, segmentFirst),
            SegmentStage = Upload(accelerator, [.. stage]),
            SegmentStart = Upload(accelerator, [.. start]),
            SegmentEnd = Upload(accelerator, [.. end]),
            SegmentHazardThreshold = Upload(accelerator, [.. hazard]),
            SegmentPowers = Upload(accelerator, [.. powersAt]),
            ProductFirst = Upload(accelerator, [.. productFirst]),
            ProductOffset = Upload<int>(accelerator, productOffset.Count == 0 ? [0] : [.. productOffset]),
            ProductThreshold = Upload<ulong>(accelerator, productThreshold.Count == 0 ? [0UL] : [.. productThreshold]),
            Powers = Upload(accelerator, [.. powers]),
            CycleLength = cycle.Length,
            TableLength = table,
            ChunkSize = options.ChunkSize,
            Stepping = options.Method == SimulationMethod.Stepping ? 1 : 0,
            Key0 = (uint)options.Seed,
            Key1 = (uint)(options.Seed >> 32),
            AcquisitionCost = model.AcquisitionCost,
        };
    }

    /// <summary>The kernel parameter.</summary>
    public DeviceModel View { get; }

    /// <summary>Entries of the run-wide table (all cohorts' tables back to back).</summary>
    public int TableLength { get; }

    /// <summary>Where each cohort's table starts in the run-wide table.</summary>
    public int[] CohortTableOffsets { get; }

    public void Dispose()
    {
        foreach (var buffer in _buffers)
        {
            buffer.Dispose();
        }

        _buffers.Clear();
    }

    private ArrayView<T> Upload<T>(Accelerator accelerator, T[] data)
        where T : unmanaged
    {
        var buffer = accelerator.Allocate1D(data);
        _buffers.Add(buffer);
        return buffer.View;
    }

    /// <summary>
    /// The device's binary search finds the CPU's answer only if ρⁿ is non-increasing in n. Math.Pow keeps it so for
    /// every hazard above ~10⁻¹⁵ (consecutive powers then differ by more than the rounding of each); refuse otherwise
    /// rather than risk a different month.
    /// </summary>
    private static void CheckNonIncreasing(double[] powers, int stageIndex)
    {
        for (var n = 1; n < powers.Length; n++)
        {
            if (powers[n] > powers[n - 1])
            {
                throw new NotSupportedException(string.Create(CultureInfo.InvariantCulture,
                    $"Stage {stageIndex}'s survival powers are not non-increasing (ρ^{n} = {powers[n]:R} > ρ^{n - 1} = {powers[n - 1]:R}), so the GPU engine cannot guarantee the CPU engine's attrition months; use MonteCarloEngine for this model."));
            }
        }
    }
}
