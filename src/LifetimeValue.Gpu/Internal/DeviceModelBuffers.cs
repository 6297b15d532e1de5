using System.Collections.Immutable;
using System.Globalization;
using ILGPU;
using ILGPU.Runtime;
using LifetimeValue.Simulation;
using LifetimeValue.Simulation.Backends;

namespace LifetimeValue.Gpu.Internal;

/// <summary>
/// Host side of <see cref="DeviceModel"/>: uploads the flat tables of a <see cref="LifecycleDrawLayout"/> (the same
/// thresholds and survival powers the CPU uses, computed once on the host by the core). Owns the device buffers.
/// </summary>
/// <remarks>Thread safety: not thread-safe; one instance per run.</remarks>
internal sealed class DeviceModelBuffers : IDisposable
{
    private readonly List<MemoryBuffer> _buffers = [];

    public DeviceModelBuffers(Accelerator accelerator, LifecycleDrawLayout layout)
    {
        for (var s = 0; s < layout.SegmentStage.Length; s++)
        {
            var length = layout.SegmentEnd[s] - layout.SegmentStart[s] + 1;
            CheckNonIncreasing(layout.SurvivalPowers.AsSpan(layout.SegmentPowersFirst[s], length), layout.SegmentStage[s]);
        }

        var options = layout.Options;
        View = new DeviceModel
        {
            Cycle = Upload(accelerator, layout.AcquisitionCycle),
            CohortPeriods = Upload(accelerator, layout.CohortPeriods),
            CohortTableOffset = Upload(accelerator, layout.CohortTableOffsets),
            SegmentFirst = Upload(accelerator, layout.SegmentFirst),
            SegmentStage = Upload(accelerator, layout.SegmentStage),
            SegmentStart = Upload(accelerator, layout.SegmentStart),
            SegmentEnd = Upload(accelerator, layout.SegmentEnd),
            SegmentHazardThreshold = Upload(accelerator, layout.SegmentHazardThreshold),
            SegmentPowers = Upload(accelerator, layout.SegmentPowersFirst),
            ProductFirst = Upload(accelerator, layout.ProductFirst),
            ProductOffset = Upload(accelerator, layout.ProductOffset),
            ProductThreshold = Upload(accelerator, layout.ProductAdoptionThreshold),
            Powers = Upload(accelerator, layout.SurvivalPowers),
            CycleLength = layout.AcquisitionCycle.Length,
            TableLength = layout.TableLength,
            ChunkSize = options.ChunkSize,
            Stepping = options.Method == SimulationMethod.Stepping ? 1 : 0,
            Key0 = (uint)options.Seed,
            Key1 = (uint)(options.Seed >> 32),
            AcquisitionCost = layout.AcquisitionCost,
        };
    }

    /// <summary>The kernel parameter.</summary>
    public DeviceModel View { get; }

    public void Dispose()
    {
        foreach (var buffer in _buffers)
        {
            buffer.Dispose();
        }

        _buffers.Clear();
    }

    /// <summary>Uploads a table (an empty one as a single zero: ILGPU does not allocate empty buffers the kernel can bind).</summary>
    private ArrayView<T> Upload<T>(Accelerator accelerator, ImmutableArray<T> data)
        where T : unmanaged
    {
        var buffer = accelerator.Allocate1D(data.IsEmpty ? [default(T)] : data.ToArray());
        _buffers.Add(buffer);
        return buffer.View;
    }

    /// <summary>
    /// The device's binary search finds the CPU's answer only if ρⁿ is non-increasing in n. Math.Pow keeps it so for
    /// every hazard above ~10⁻¹⁵ (consecutive powers then differ by more than the rounding of each); refuse otherwise
    /// rather than risk a different month.
    /// </summary>
    private static void CheckNonIncreasing(ReadOnlySpan<double> powers, int stageIndex)
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
