using ILGPU;
using LifetimeValue.Random;
using LifetimeValue.Simulation.Backends;

namespace LifetimeValue.Gpu.Internal;

/// <summary>
/// The device version of the CPU engine's lifecycle kernel, as <see cref="LifecycleDrawLayout"/> specifies it: one thread per customer of a launch, the same Philox
/// counters and words, the same event-time and stepping rules, the same sequence of double additions for the PV
/// (sums of prefix-table differences only: no multiply, so no fused multiply-add can change a bit), and the same
/// count tables, built with integer atomics (exact and order-independent).
/// </summary>
/// <remarks>
/// <para>Event-time attrition: the CPU defines the months survived as g = max{n ≤ L : u ≤ ρⁿ} over a host table of
/// ρⁿ, using ln u / ln ρ only as a starting guess. The device finds the same g by binary search over the same table
/// (no device logarithm); the answers agree whenever the table is non-increasing, which the host checks before
/// launching (<see cref="DeviceModelBuffers"/>).</para>
/// <para>Thread safety: pure kernel; every thread writes its own PV and adds to shared counts atomically.</para>
/// </remarks>
internal static class LifecycleDeviceKernel
{
    private const uint AttritionTag = (uint)DrawPurpose.Attrition << 16;
    private const uint AdoptionTag = (uint)DrawPurpose.Adoption << 16;

    /// <summary>The kernel: thread i is customer i mod ChunkSize of the launch's chunk i / ChunkSize.</summary>
    public static void Run(Index1D index, DeviceModel m, DeviceBatch b)
    {
        int i = index;
        var chunk = i / m.ChunkSize;
        var n = i - (chunk * m.ChunkSize);
        if (n >= b.Count[chunk])
        {
            return; // the tail of a scenario's last, shorter chunk
        }

        var customer = b.First[chunk] + n;
        var c = m.Cycle[(int)(customer % m.CycleLength)];
        var cohortOffset = m.CohortTableOffset[c];
        var p = (b.Slot[chunk] * m.TableLength) + cohortOffset; // this cohort's prefix table in the scenario's slot
        var q = (chunk * m.TableLength) + cohortOffset; // this cohort's count table of the chunk
        var c1 = (uint)customer;
        var c2hi = (uint)((ulong)customer >> 32);
        var c3 = (uint)b.Scenario[chunk];
        var value = -m.AcquisitionCost;
        var exit = m.CohortPeriods[c];

        var lastSegment = m.SegmentFirst[c + 1];
        for (var s = m.SegmentFirst[c]; s < lastSegment; s++)
        {
            var stage = m.SegmentStage[s];
            var start = m.SegmentStart[s];
            var block = DevicePhilox.Generate((uint)stage, c1, c2hi | AttritionTag, c3, m.Key0, m.Key1);

            // end and leaves packed as end·2 + leaves (no out parameters in device code).
            var outcome = m.Stepping != 0
                ? StepAttrition(m, s, c1, c2hi | AttritionTag, c3)
                : EventAttrition(m, s, OpenUnit(block.X0, block.X1));
            var end = outcome >> 1;

            value += b.Prefix[p + end] - b.Prefix[p + start];
            var firstProduct = m.ProductFirst[s];
            var lastProduct = m.ProductFirst[s + 1];
            for (var k = firstProduct; k < lastProduct; k++)
            {
                var j = k - firstProduct;
                var word = j == 0 ? block.X2 : j == 1 ? block.X3 : AdoptionWord(m, stage, j, c1, c2hi | AdoptionTag, c3);
                if (word < m.ProductThreshold[k])
                {
                    var held = end - start;
                    var o = m.ProductOffset[k];
                    value += b.Prefix[p + o + held];
                    Atomic.Add(ref b.Counts[q + o], 1);
                    Atomic.Add(ref b.Counts[q + o + held], -1);
                }
            }

            if ((outcome & 1) != 0)
            {
                exit = end;
                break;
            }
        }

        Atomic.Add(ref b.Counts[q + exit], 1); // base column: customers whose flows stop at period `exit`
        b.Pv[i] = value;
    }

    /// <summary><see cref="RandomDraws.OpenUnit"/>: (k + ½)·2⁻⁵² for the top 52 bits k of hi·2³² + lo (exact).</summary>
    public static double OpenUnit(uint hi, uint lo)
    {
        var bits = (((ulong)hi << 32) | lo) >> 12;
        return (bits + 0.5) * (1.0 / 4503599627370496.0);
    }

    /// <summary>
    /// Event-time attrition of segment <paramref name="s"/>: g = max{n ≤ L : u ≤ ρⁿ} by binary search over the
    /// survival powers (ρ⁰ = 1 ≥ u always holds); the customer leaves in month Start + g + 1 when g &lt; L.
    /// </summary>
    /// <returns>end·2 + leaves.</returns>
    public static int EventAttrition(DeviceModel m, int s, double u)
    {
        var start = m.SegmentStart[s];
        var length = m.SegmentEnd[s] - start;
        var powers = m.SegmentPowers[s];
        var lo = 0; // u ≤ powers[lo] holds
        var hi = length + 1; // sentinel: past the table
        while (hi - lo > 1)
        {
            var mid = (lo + hi) >> 1;
            if (u <= m.Powers[powers + mid])
            {
                lo = mid;
            }
            else
            {
                hi = mid;
            }
        }

        return lo == length ? m.SegmentEnd[s] << 1 : ((start + lo + 1) << 1) | 1;
    }

    /// <summary>Stepping attrition: month t leaves when word t mod 4 of block (Attrition, 64 + ⌊t/4⌋) is below the hazard threshold.</summary>
    /// <returns>end·2 + leaves.</returns>
    public static int StepAttrition(DeviceModel m, int s, uint c1, uint c2, uint c3)
    {
        var threshold = m.SegmentHazardThreshold[s];
        var start = m.SegmentStart[s];
        var end = m.SegmentEnd[s];
        var block = default(DeviceBlock);
        for (var t = start; t < end; t++)
        {
            var w = t & 3;
            if (w == 0 || t == start)
            {
                block = DevicePhilox.Generate(LifecycleDrawLayout.SteppingBlockBase + (uint)(t >> 2), c1, c2, c3, m.Key0, m.Key1);
            }

            if (DevicePhilox.Word(block, w) < threshold)
            {
                return ((t + 1) << 1) | 1;
            }
        }

        return end << 1;
    }

    /// <summary>Adoption word of product j ≥ 2 of a stage: word (j − 2) mod 4 of block (Adoption, 16·stage + ⌊(j − 2)/4⌋).</summary>
    public static uint AdoptionWord(DeviceModel m, int stage, int product, uint c1, uint c2, uint c3)
    {
        var j = product - 2;
        var block = DevicePhilox.Generate((uint)((16 * stage) + (j >> 2)), c1, c2, c3, m.Key0, m.Key1);
        return DevicePhilox.Word(block, j & 3);
    }
}
