using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using LifetimeValue.Random;

namespace LifetimeValue.Lifecycle.Internal;

/// <summary>
/// The tuned form of <see cref="LifecycleKernel.Run"/>: the same draws, the same arithmetic per customer in the
/// same order, hence bit-identical PVs and count tables, but reorganised so that the Philox blocks are computed
/// many at a time with <see cref="Philox4x32.Generate(ReadOnlySpan{uint}, ReadOnlySpan{uint}, ReadOnlySpan{uint}, uint, uint, uint, Span{uint}, Span{uint}, Span{uint}, Span{uint})"/>
/// (AVX-512/AVX2) instead of one at a time.
/// </summary>
/// <remarks>
/// <para>
/// Layout: customers are taken in batches of <see cref="BatchSize"/> (everything a batch touches stays in L1).
/// Within a batch the loop is stage-major: for segment position j = 0, 1, … the customers still active get their
/// stage block (purpose Attrition, index = the segment's global stage index) in one vectorised call, then a scalar
/// pass applies the event-time rule (<see cref="LifecycleKernel.EventAttrition"/>, unchanged), the table look-ups
/// and the count-table updates, and compacts the survivors. Each customer's PV is accumulated in the same order as
/// in the scalar kernel (−cost, then per segment the base difference and the adopted products), so the doubles are
/// identical; the count tables are integer sums, which do not depend on order.
/// </para>
/// <para>
/// Stepping: before the stage pass, each customer's leaving month is found month-block by month-block (block index
/// 64 + ⌊t/4⌋, word t mod 4, compared with the hazard threshold of the segment holding t, as in the scalar
/// <c>StepAttrition</c>), four months per vectorised Philox call, compacting the customers still present.
/// </para>
/// <para>Thread safety: owns scratch buffers; one instance per worker thread.</para>
/// </remarks>
internal sealed class LifecycleBatchKernel
{
    /// <summary>Customers per batch (a multiple of 16, the AVX-512 Philox width).</summary>
    public const int BatchSize = 512;

    private const int NoExit = int.MaxValue;
    private const uint AttritionTag = (uint)DrawPurpose.Attrition << 16;
    private const uint AdoptionTag = (uint)DrawPurpose.Adoption << 16;

    private readonly CompiledLifecycleModel _model;
    private readonly int[] _cycle;
    private readonly int _maxSegments;
    private readonly bool _monotonePowers; // every SurvivalPowers table is non-increasing (so any search start gives the same g)
    private readonly uint[] _stageAt; // [cohort * _maxSegments + j] = global stage index of segment j
    private readonly SegmentInfo[] _segments; // [cohort * _maxSegments + j]: segment j of the cohort, flattened
    private readonly ulong[][] _monthThreshold; // stepping: per cohort, the hazard threshold of the segment holding month t

    // Per batch entry (index i in [0, BatchSize)): cohort, leaving month (stepping).
    private readonly int[] _cohort = new int[BatchSize];
    private readonly int[] _exit = new int[BatchSize];

    // The compacted list of active entries and their Philox inputs/outputs.
    private readonly int[] _active = new int[BatchSize];
    private readonly uint[] _c0 = new uint[BatchSize];
    private readonly uint[] _c1 = new uint[BatchSize];
    private readonly uint[] _c2 = new uint[BatchSize];
    private readonly uint[] _x0 = new uint[BatchSize];
    private readonly uint[] _x1 = new uint[BatchSize];
    private readonly uint[] _x2 = new uint[BatchSize];
    private readonly uint[] _x3 = new uint[BatchSize];

    // Event time: the uniform of each active entry (words X0, X1) and its logarithm (only a guess, see EventAttrition).
    private readonly double[] _u = new double[BatchSize];
    private readonly double[] _logU = new double[BatchSize];

    // Stepping scratch: the entries still present and their counters while scanning month blocks.
    private readonly int[] _stepIndex = new int[BatchSize];
    private readonly uint[] _stepC0 = new uint[BatchSize];
    private readonly uint[] _stepC1 = new uint[BatchSize];
    private readonly uint[] _stepC2 = new uint[BatchSize];

    public LifecycleBatchKernel(CompiledLifecycleModel model)
    {
        _model = model;
        var acquisition = model.Model.Acquisition;
        _cycle = new int[acquisition.TotalWeight];
        for (var p = 0; p < _cycle.Length; p++)
        {
            _cycle[p] = acquisition.CohortOf(p);
        }

        var cohorts = model.Cohorts;
        foreach (var plan in cohorts)
        {
            _maxSegments = Math.Max(_maxSegments, plan.Segments.Length);
        }

        _monotonePowers = true;
        foreach (var plan in cohorts)
        {
            foreach (var seg in plan.Segments)
            {
                var powers = seg.SurvivalPowers;
                for (var n = 1; n < powers.Length; n++)
                {
                    _monotonePowers &= powers[n] <= powers[n - 1];
                }
            }
        }

        _stageAt = new uint[cohorts.Length * Math.Max(1, _maxSegments)];
        _segments = new SegmentInfo[cohorts.Length * Math.Max(1, _maxSegments)];
        _monthThreshold = new ulong[cohorts.Length][];
        for (var c = 0; c < cohorts.Length; c++)
        {
            var plan = cohorts[c];
            _monthThreshold[c] = new ulong[plan.Periods];
            for (var j = 0; j < plan.Segments.Length; j++)
            {
                var seg = plan.Segments[j];
                _stageAt[(c * _maxSegments) + j] = (uint)seg.StageIndex;
                _segments[(c * _maxSegments) + j] = new SegmentInfo(seg, plan.Periods, j + 1 == plan.Segments.Length);
                _monthThreshold[c].AsSpan(seg.Start, seg.Length).Fill(seg.HazardThreshold);
            }
        }
    }

    /// <summary>Same contract as <see cref="LifecycleKernel.Run"/>.</summary>
    public void Run(ScenarioTables tables, ulong seed, int scenario, long first, int count, bool stepping,
        long[][] counts, long[] cohortCounts, Span<double> pv)
    {
        var position = (int)(first % _cycle.Length);
        for (var b = 0; b < count; b += BatchSize)
        {
            var size = Math.Min(BatchSize, count - b);
            RunBatch(tables, seed, scenario, first + b, size, position, stepping, counts, cohortCounts, pv.Slice(b, size));
            position = (int)((position + (long)size) % _cycle.Length);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // hot from the first chunk: skip tier 0 and OSR
    private void RunBatch(ScenarioTables tables, ulong seed, int scenario, long first, int size, int position, bool stepping,
        long[][] counts, long[] cohortCounts, Span<double> pv)
    {
        var k0 = (uint)seed;
        var k1 = (uint)(seed >> 32);
        var c3 = (uint)scenario;
        var cohorts = _model.Cohorts;
        var cost = _model.AcquisitionCost;
        var cycle = _cycle;
        var cohort = _cohort;
        var active = _active;
        var c1s = _c1;
        var c2s = _c2;

        // Every customer starts active at segment 0 with PV −cost (the scalar kernel's first operation).
        var live = 0;
        for (var i = 0; i < size; i++)
        {
            var customer = first + i;
            var c = cycle[position];
            position = position + 1 == cycle.Length ? 0 : position + 1;
            cohort[i] = c;
            pv[i] = -cost;
            if (cohorts[c].Segments.Length == 0)
            {
                counts[c][cohorts[c].Periods]++;
                cohortCounts[c]++;
                continue;
            }

            active[live] = i;
            c1s[live] = (uint)customer;
            c2s[live] = (uint)((ulong)customer >> 32);
            live++;
        }

        if (stepping)
        {
            FindLeavingMonths(k0, k1, c3, live);
        }

        var c0s = _c0;
        var x0 = _x0;
        var x1 = _x1;
        var x2 = _x2;
        var x3 = _x3;
        var exitMonth = _exit;
        var u = _u;
        var logU = _logU;
        var maxSegments = _maxSegments;
        var stageAt = _stageAt;
        for (var j = 0; live > 0; j++)
        {
            // Stage blocks for every active customer: counter (stage index, customer low, customer high | Attrition, scenario).
            for (var k = 0; k < live; k++)
            {
                c0s[k] = stageAt[(cohort[active[k]] * maxSegments) + j];
                c2s[k] |= AttritionTag;
            }

            // Rounded up to whole 16-lane steps (the scratch arrays are BatchSize long, a multiple of 16): the extra
            // lanes hold stale counters and their outputs are never read, which is cheaper than the scalar tail.
            var lanes = Math.Min(BatchSize, (live + 15) & ~15);
            Philox4x32.Generate(c0s.AsSpan(0, lanes), c1s.AsSpan(0, lanes), c2s.AsSpan(0, lanes), c3, k0, k1,
                x0, x1, x2, x3);
            if (!stepping)
            {
                Uniforms(lanes);
            }

            var kept = 0;
            var prefixes = tables.Prefix;
            ref var segBase = ref MemoryMarshal.GetArrayDataReference(_segments);
            for (var k = 0; k < live; k++)
            {
                var i = active[k];
                var c = cohort[i];
                ref readonly var seg = ref Unsafe.Add(ref segBase, (c * maxSegments) + j);
                var prefix = prefixes[c];
                var cnt = counts[c];
                int end;
                bool leaves;
                if (stepping)
                {
                    var e = exitMonth[i];
                    leaves = e < seg.End;
                    end = leaves ? e + 1 : seg.End;
                }
                else
                {
                    end = EventAttrition(seg, u[k], logU[k], out leaves);
                }

                var value = pv[i];
                value += prefix[end] - prefix[seg.Start];
                var held = end - seg.Start;
                if (seg.ProductCount > 0)
                {
                    value = Adopt(value, x2[k], seg.Offset0, seg.Threshold0, held, prefix, cnt);
                    if (seg.ProductCount > 1)
                    {
                        value = Adopt(value, x3[k], seg.Offset1, seg.Threshold1, held, prefix, cnt);
                        for (var p = 2; p < seg.ProductCount; p++)
                        {
                            var word = LifecycleKernel.AdoptionWord(seg.StageIndex, p, k0, k1, c1s[k], (c2s[k] & 0xFFFFu) | AdoptionTag, c3);
                            var slot = seg.Products[p];
                            value = Adopt(value, word, slot.Offset, slot.AdoptionThreshold, held, prefix, cnt);
                        }
                    }
                }

                pv[i] = value;

                // Done (left, or past the last segment): flows stop at `end` or at the horizon. Otherwise kept for
                // segment j + 1. Written without branches; the writes for a finished customer are overwritten.
                var done = leaves | seg.Last ? 1 : 0;
                cnt[leaves ? end : seg.Periods] += done;
                cohortCounts[c] += done;
                active[kept] = i;
                c1s[kept] = c1s[k];
                c2s[kept] = c2s[k];
                kept += 1 - done;
            }

            live = kept;
        }
    }

    /// <summary>
    /// Stepping: for each of the first <paramref name="live"/> active entries, the first month t with
    /// word (t mod 4) of block (Attrition, 64 + ⌊t/4⌋) below the threshold of t's segment, or <see cref="NoExit"/>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // hot from the first chunk: skip tier 0 and OSR
    private void FindLeavingMonths(uint k0, uint k1, uint c3, int live)
    {
        // Work on copies of the active list, so the stage pass still sees every customer.
        var cohorts = _model.Cohorts;
        var idx = _stepIndex;
        var s0 = _stepC0;
        var s1 = _stepC1;
        var s2 = _stepC2;
        var w0 = _x0;
        var w1 = _x1;
        var w2 = _x2;
        var w3 = _x3;
        for (var k = 0; k < live; k++)
        {
            idx[k] = _active[k];
            s1[k] = _c1[k];
            s2[k] = _c2[k] | AttritionTag;
        }

        var exit = _exit;
        var cohort = _cohort;
        for (uint g = 0; live > 0; g++)
        {
            var lanes = Math.Min(BatchSize, (live + 15) & ~15); // whole 16-lane steps; extra lanes are never read
            s0.AsSpan(0, lanes).Fill(LifecycleKernel.StepBlockBase + g);
            Philox4x32.Generate(s0.AsSpan(0, lanes), s1.AsSpan(0, lanes), s2.AsSpan(0, lanes), c3, k0, k1, w0, w1, w2, w3);
            var kept = 0;
            var t0 = (int)(4 * g);
            for (var k = 0; k < live; k++)
            {
                var i = idx[k];
                var c = cohort[i];
                var thresholds = _monthThreshold[c];
                var periods = cohorts[c].Periods;
                var e = -1;
                if (t0 >= periods)
                {
                    e = NoExit;
                }
                else if (w0[k] < thresholds[t0])
                {
                    e = t0;
                }
                else if (t0 + 1 >= periods)
                {
                    e = NoExit;
                }
                else if (w1[k] < thresholds[t0 + 1])
                {
                    e = t0 + 1;
                }
                else if (t0 + 2 >= periods)
                {
                    e = NoExit;
                }
                else if (w2[k] < thresholds[t0 + 2])
                {
                    e = t0 + 2;
                }
                else if (t0 + 3 >= periods)
                {
                    e = NoExit;
                }
                else if (w3[k] < thresholds[t0 + 3])
                {
                    e = t0 + 3;
                }

                if (e >= 0)
                {
                    exit[i] = e;
                    continue;
                }

                idx[kept] = idx[k];
                s1[kept] = s1[k];
                s2[kept] = s2[k];
                kept++;
            }

            live = kept;
        }
    }

    /// <summary>
    /// u = <see cref="RandomDraws.OpenUnit"/>(X0, X1) for the first <paramref name="live"/> entries, bit-identical to the
    /// scalar conversion, and ln u, which only seeds the search of <see cref="EventAttrition"/> (any guess gives the same
    /// month, so a vectorised log with a different last bit cannot change results).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // hot from the first chunk: skip tier 0 and OSR
    private void Uniforms(int live)
    {
        var x0 = _x0;
        var x1 = _x1;
        var u = _u;
        var logU = _logU;
        var k = 0;
        if (Vector512.IsHardwareAccelerated)
        {
            var half = Vector512.Create(0.5);
            var scale = Vector512.Create(1.0 / 4503599627370496.0);
            for (; k + 8 <= live; k += 8)
            {
                // bits = (hi·2³² + lo) >> 12 < 2⁵², converted exactly; (bits + ½)·2⁻⁵² is exact, as in OpenUnit.
                var hi = Vector512.WidenLower(Vector256.Create(x0.AsSpan(k, 8)).ToVector512());
                var lo = Vector512.WidenLower(Vector256.Create(x1.AsSpan(k, 8)).ToVector512());
                var bits = ((hi << 32) | lo) >>> 12;
                var v = (Vector512.ConvertToDouble(bits) + half) * scale;
                v.CopyTo(u.AsSpan(k, 8));
                Vector512.Log(v).CopyTo(logU.AsSpan(k, 8));
            }
        }

        for (; k < live; k++)
        {
            u[k] = RandomDraws.OpenUnit(x0[k], x1[k]);
            logU[k] = Math.Log(u[k]);
        }
    }

    /// <summary>
    /// <see cref="LifecycleKernel.EventAttrition"/> with the logarithm supplied: g = max{n ≤ L : u ≤ ρⁿ} from the table
    /// (the correction loops reach it from any starting guess, the table being non-increasing, which the constructor
    /// checks; where it is not, the scalar rule with <see cref="Math.Log(double)"/> is used unchanged).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int EventAttrition(in SegmentInfo seg, double u, double logU, out bool leaves)
    {
        if (!_monotonePowers)
        {
            return LifecycleKernel.EventAttrition(seg.Source, u, out leaves);
        }

        if (seg.NoHazard)
        {
            leaves = false;
            return seg.End;
        }

        // Guess g from ln u / ln ρ (clamped to [0, L] without branches), then the exact table comparisons.
        var powers = seg.Powers;
        var length = seg.Length;
        var g = (int)Math.Min(Math.Max(logU * seg.InverseLogRetention, 0.0), length);
        while (u > powers[g])
        {
            g--;
        }

        // powers[L + 1] = −1 < u stops this loop at L without a separate (unpredictable) g < L test.
        while (u <= powers[g + 1])
        {
            g++;
        }

        // Leaving month Start + g, flows stop at Start + g + 1; g = L: survived the stage, flows run to End.
        leaves = g != length;
        return seg.Start + g + (leaves ? 1 : 0);
    }

    /// <summary>
    /// Product adoption without a branch (a coin flip is the worst case for a branch predictor): mask = −1 when
    /// word &lt; threshold, else 0. Not adopting adds +0.0, which leaves <paramref name="value"/> unchanged because it is
    /// never −0.0 here (prefix entries are never −0.0, so after the base difference neither is the value).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static double Adopt(double value, uint word, int offset, ulong threshold, int held, double[] prefix, long[] cnt)
    {
        var mask = ((long)word - (long)threshold) >> 63;
        cnt[offset] -= mask;
        cnt[offset + held] += mask;
        return value + BitConverter.Int64BitsToDouble(BitConverter.DoubleToInt64Bits(prefix[offset + held]) & mask);
    }

    /// <summary>One segment of one cohort with what the stage pass needs, in one place (no pointer chasing).</summary>
    private readonly struct SegmentInfo
    {
        public SegmentInfo(Segment seg, int periods, bool last)
        {
            Source = seg;
            Start = seg.Start;
            End = seg.End;
            Length = seg.Length;
            StageIndex = seg.StageIndex;
            Periods = periods;
            Last = last;
            NoHazard = seg.Hazard == 0.0;
            InverseLogRetention = 1.0 / seg.LogRetention; // only scales the search's starting guess
            Powers = [.. seg.SurvivalPowers, -1.0]; // the exact table plus a sentinel below every uniform
            Products = seg.Products;
            ProductCount = seg.Products.Length;
            Offset0 = ProductCount > 0 ? seg.Products[0].Offset : 0;
            Threshold0 = ProductCount > 0 ? seg.Products[0].AdoptionThreshold : 0;
            Offset1 = ProductCount > 1 ? seg.Products[1].Offset : 0;
            Threshold1 = ProductCount > 1 ? seg.Products[1].AdoptionThreshold : 0;
        }

        public Segment Source { get; }

        public int Start { get; }

        public int End { get; }

        public int Length { get; }

        public int StageIndex { get; }

        /// <summary>The cohort's horizon (flows of a customer who never leaves stop there).</summary>
        public int Periods { get; }

        /// <summary>The cohort's last segment.</summary>
        public bool Last { get; }

        public bool NoHazard { get; }

        public double InverseLogRetention { get; }

        /// <summary>ρⁿ for n = 0..L (the segment's exact table) and a sentinel −1 at L + 1.</summary>
        public double[] Powers { get; }

        public ProductSlot[] Products { get; }

        public int ProductCount { get; }

        /// <summary>Column offset and adoption threshold of products 0 and 1 (decided by words X2 and X3).</summary>
        public int Offset0 { get; }

        public ulong Threshold0 { get; }

        public int Offset1 { get; }

        public ulong Threshold1 { get; }
    }
}
