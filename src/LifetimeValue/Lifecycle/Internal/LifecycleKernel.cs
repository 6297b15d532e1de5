using System.Runtime.CompilerServices;
using LifetimeValue.Random;

namespace LifetimeValue.Lifecycle.Internal;

/// <summary>
/// The hot loop: simulates one chunk of customers of one scenario and records, per customer, the PV
/// and, per cohort, how many customers hold each cash-flow column in each period (as difference
/// arrays, O(1) per stage rather than O(periods)).
/// </summary>
/// <remarks>
/// <para>Draws (Philox4x32-10 keyed by the seed; see <see cref="DrawSequence"/>):</para>
/// <list type="bullet">
/// <item><description>Stage k (global stage index) of customer i in scenario s: block (purpose Attrition, index k).
/// Words X0, X1 form the stage's attrition uniform (event-time method); X2 and X3 decide adoption of the stage's
/// products 0 and 1.</description></item>
/// <item><description>Products j ≥ 2 of stage k: block (purpose Adoption, index 16k + ⌊(j − 2)/4⌋), word (j − 2) mod 4.</description></item>
/// <item><description>Stepping method: attrition in month t is word t mod 4 of block (purpose Attrition, index 64 + ⌊t/4⌋).</description></item>
/// </list>
/// <para>Event-time attrition: with u uniform on (0, 1) and monthly retention ρ = 1 − h, the number of months g
/// survived before the month of leaving is max{n : u ≤ ρⁿ} (= ⌊ln u / ln ρ⌋ up to rounding), geometric with
/// P(g ≥ n) = ρⁿ — the same law as stepping with one Bernoulli(h) per month. It is evaluated by comparisons
/// against a host-computed table of ρⁿ, so the result does not depend on the device's log.</para>
/// </remarks>
internal static class LifecycleKernel
{
    public const uint StepBlockBase = 64;

    /// <summary>Simulates customers [first, first + count) of <paramref name="scenario"/>.</summary>
    /// <param name="model">Compiled model.</param>
    /// <param name="tables">Tables built for <paramref name="scenario"/>.</param>
    /// <param name="seed">Philox key.</param>
    /// <param name="scenario">Scenario index.</param>
    /// <param name="first">First customer.</param>
    /// <param name="count">Customers.</param>
    /// <param name="stepping">Use month-by-month attrition draws.</param>
    /// <param name="counts">Per cohort count tables (cleared by the caller), laid out like the prefix tables.</param>
    /// <param name="cohortCounts">Customers per cohort in the chunk (cleared by the caller).</param>
    /// <param name="pv">Destination for each customer's PV (length ≥ count).</param>
    public static void Run(CompiledLifecycleModel model, ScenarioTables tables, ulong seed, int scenario, long first, int count,
        bool stepping, long[][] counts, long[] cohortCounts, Span<double> pv)
    {
        var k0 = (uint)seed;
        var k1 = (uint)(seed >> 32);
        var c3 = (uint)scenario;
        var cohorts = model.Cohorts;
        var acquisition = model.Model.Acquisition;
        var cost = model.AcquisitionCost;
        const uint AttritionTag = (uint)DrawPurpose.Attrition << 16;
        const uint AdoptionTag = (uint)DrawPurpose.Adoption << 16;

        for (var n = 0; n < count; n++)
        {
            var customer = first + n;
            var c = acquisition.CohortOf(customer);
            var plan = cohorts[c];
            var prefix = tables.Prefix[c];
            var cnt = counts[c];
            var c1 = (uint)customer;
            var c2hi = (uint)((ulong)customer >> 32);
            var value = -cost;
            var exit = plan.Periods;

            foreach (var seg in plan.Segments)
            {
                var block = Philox4x32.Generate((uint)seg.StageIndex, c1, c2hi | AttritionTag, c3, k0, k1);
                int end;
                bool leaves;
                if (stepping)
                {
                    end = StepAttrition(seg, seg.HazardThreshold, k0, k1, c1, c2hi | AttritionTag, c3, out leaves);
                }
                else
                {
                    end = EventAttrition(seg, RandomDraws.OpenUnit(block.X0, block.X1), out leaves);
                }

                value += prefix[end] - prefix[seg.Start];
                var products = seg.Products;
                for (var j = 0; j < products.Length; j++)
                {
                    uint word;
                    if (j == 0)
                    {
                        word = block.X2;
                    }
                    else if (j == 1)
                    {
                        word = block.X3;
                    }
                    else
                    {
                        word = AdoptionWord(seg.StageIndex, j, k0, k1, c1, c2hi | AdoptionTag, c3);
                    }

                    var slot = products[j];
                    if (word < slot.AdoptionThreshold)
                    {
                        var held = end - seg.Start;
                        value += prefix[slot.Offset + held];
                        cnt[slot.Offset]++;
                        cnt[slot.Offset + held]--;
                    }
                }

                if (leaves)
                {
                    exit = end;
                    break;
                }
            }

            cnt[exit]++; // base column: customers whose flows stop at period `exit`
            cohortCounts[c]++;
            pv[n] = value;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static int EventAttrition(Segment seg, double u, out bool leaves)
    {
        // g = months survived before the leaving month = max{n ≤ L : u ≤ ρⁿ} (P(g ≥ n) = ρⁿ), from the host-computed
        // table of ρⁿ. ln u / ln ρ gives a guess that is exact or off by one when log rounds; the comparisons then
        // make the answer depend only on the table, so it is identical on every device (CPU, GPU).
        if (seg.Hazard == 0.0)
        {
            leaves = false;
            return seg.End;
        }

        var powers = seg.SurvivalPowers;
        var length = seg.Length;
        var x = Math.Log(u) / seg.LogRetention;
        var g = x >= length ? length : (int)x;
        while (u > powers[g])
        {
            g--;
        }

        while (g < length && u <= powers[g + 1])
        {
            g++;
        }

        if (g == length)
        {
            leaves = false;
            return seg.End;
        }

        leaves = true;
        return seg.Start + g + 1;
    }

    /// <summary>Month-by-month attrition through the segment with a Bernoulli threshold per month (the segment's, or a customer's own).</summary>
    internal static int StepAttrition(Segment seg, ulong threshold, uint k0, uint k1, uint c1, uint c2, uint c3, out bool leaves)
    {
        Philox4x32.Block block = default;
        for (var t = seg.Start; t < seg.End; t++)
        {
            var w = t & 3;
            if (w == 0 || t == seg.Start)
            {
                block = Philox4x32.Generate(StepBlockBase + (uint)(t >> 2), c1, c2, c3, k0, k1);
            }

            var word = w switch { 0 => block.X0, 1 => block.X1, 2 => block.X2, _ => block.X3 };
            if (word < threshold)
            {
                leaves = true;
                return t + 1;
            }
        }

        leaves = false;
        return seg.End;
    }

    /// <summary>The adoption word of product j ≥ 2 of a stage (Adoption block 16k + ⌊(j − 2)/4⌋, word (j − 2) mod 4).</summary>
    internal static uint AdoptionWord(int stage, int product, uint k0, uint k1, uint c1, uint c2, uint c3)
    {
        var j = product - 2;
        var block = Philox4x32.Generate((uint)((16 * stage) + (j >> 2)), c1, c2, c3, k0, k1);
        return (j & 3) switch { 0 => block.X0, 1 => block.X1, 2 => block.X2, _ => block.X3 };
    }

    /// <summary>
    /// Turns a chunk's count tables into the chunk's total discounted flow per period:
    /// Σ over cohorts and columns of (customers holding the column in period t) × (discounted flow of the column in t).
    /// </summary>
    public static void Flows(CompiledLifecycleModel model, ScenarioTables tables, long[][] counts, long[] cohortCounts, Span<double> flows)
    {
        flows.Clear();
        for (var c = 0; c < model.Cohorts.Length; c++)
        {
            if (cohortCounts[c] != 0)
            {
                CohortFlows(model.Cohorts[c], tables.Prefix[c], counts[c], cohortCounts[c], flows);
            }
        }
    }

    /// <summary>
    /// Adds one cohort's discounted flows per period to <paramref name="flows"/>: <paramref name="customers"/> customers of
    /// the cohort, its prefix table <paramref name="p"/> and its count table <paramref name="cnt"/> (difference arrays).
    /// Cohorts must be added in index order for the CPU's bits.
    /// </summary>
    public static void CohortFlows(CohortPlan plan, ReadOnlySpan<double> p, ReadOnlySpan<long> cnt, long customers, Span<double> flows)
    {
        var alive = customers;
        for (var t = 0; t < plan.Periods; t++)
        {
            alive -= cnt[t]; // customers whose flows stopped at t are no longer counted
            flows[t] += alive * (p[t + 1] - p[t]);
        }

        foreach (var seg in plan.Segments)
        {
            foreach (var slot in seg.Products)
            {
                var o = slot.Offset;
                long holding = 0;
                for (var u = 0; u < seg.Length; u++)
                {
                    holding += cnt[o + u];
                    if (holding != 0)
                    {
                        flows[seg.Start + u] += holding * (p[o + u + 1] - p[o + u]);
                    }
                }
            }
        }
    }
}
