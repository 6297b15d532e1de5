using System.Buffers;
using System.Collections.Immutable;
using LifetimeValue.Internal;
using LifetimeValue.Lifecycle;
using LifetimeValue.Lifecycle.Internal;
using LifetimeValue.Model;
using LifetimeValue.Random;
using LifetimeValue.Scenarios;

namespace LifetimeValue.Simulation.Backends;

/// <summary>
/// The draw layout of a <see cref="LifecycleModel"/> run (without relationship states or heterogeneity) as flat,
/// read-only tables: everything a backend needs to simulate a customer exactly as <see cref="MonteCarloEngine"/> does.
/// </summary>
/// <remarks>
/// <para><b>Indexing.</b> Cohort c (an acquisition age) has segments s in [<see cref="SegmentFirst"/>[c],
/// <see cref="SegmentFirst"/>[c + 1]) — one per life stage it passes through, months [<see cref="SegmentStart"/>[s],
/// <see cref="SegmentEnd"/>[s]) since acquisition — and segment s has product slots k in [<see cref="ProductFirst"/>[s],
/// <see cref="ProductFirst"/>[s + 1]), the stage's products in order (j = k − ProductFirst[s]). Cohort c's prefix and
/// count tables start at <see cref="CohortTableOffsets"/>[c] of a run-wide table of <see cref="TableLength"/> entries:
/// the base column over months [0, <see cref="CohortPeriods"/>[c]], then, at <see cref="ProductOffset"/>[k] within the
/// cohort's table, one column of Length + 1 entries per product slot (Length = End − Start of its segment).</para>
/// <para><b>One customer</b> i of scenario σ, seed key (k0, k1) = (low, high 32 bits of <see cref="SimulationOptions.Seed"/>),
/// c1 = low 32 bits of i, c2 = high 32 bits of i, c3 = σ; cohort c = <see cref="CohortOf"/>(i); P = the scenario's prefix
/// table (<see cref="FillPrefixTable"/>) at the cohort's offset; value = −<see cref="AcquisitionCost"/>; exit = CohortPeriods[c].
/// For each segment s of the cohort, in order:</para>
/// <list type="number">
/// <item><description>block B = <see cref="Philox4x32.Generate(uint, uint, uint, uint, uint, uint)"/>(SegmentStage[s], c1,
/// c2 | (<see cref="DrawPurpose.Attrition"/> &lt;&lt; 16), c3, k0, k1).</description></item>
/// <item><description>Attrition, event-time method: u = <see cref="RandomDraws.OpenUnit"/>(B.X0, B.X1); g = max{n ≤ L :
/// u ≤ <see cref="SurvivalPowers"/>[SegmentPowersFirst[s] + n]} (the table is non-increasing and starts at 1); the customer
/// leaves, with end = Start + g + 1, when g &lt; L, else stays to end = End. Stepping method: for months t in [Start, End),
/// word t mod 4 of block (<see cref="SteppingBlockBase"/> + ⌊t / 4⌋, c1, c2 | Attrition &lt;&lt; 16, c3, k0, k1); the first
/// word below <see cref="SegmentHazardThreshold"/>[s] makes the customer leave with end = t + 1.</description></item>
/// <item><description>value += P[end] − P[Start].</description></item>
/// <item><description>Each product slot k (j-th of the stage): its word is B.X2 for j = 0, B.X3 for j = 1, else word
/// (j − 2) mod 4 of block (16·SegmentStage[s] + ⌊(j − 2) / 4⌋, c1, c2 | (<see cref="DrawPurpose.Adoption"/> &lt;&lt; 16), c3,
/// k0, k1). If word &lt; <see cref="ProductAdoptionThreshold"/>[k], with held = end − Start and o = ProductOffset[k]:
/// value += P[o + held], and the count table gets +1 at o and −1 at o + held.</description></item>
/// <item><description>If the customer left: exit = end, and stop.</description></item>
/// </list>
/// <para>Finally the count table gets +1 at exit (base column) and the customer's PV is value. Additions in exactly this
/// order give the CPU engine's bits (no fused multiply-add: there are no products). The chunk's flows then come from
/// <see cref="ChunkFlows"/>, and PVs and flows go to a <see cref="SimulationPartialBuilder"/>.</para>
/// <para>Thread safety: immutable; safe to share.</para>
/// </remarks>
public sealed class LifecycleDrawLayout : DrawLayout
{
    /// <summary>Philox counter word c0 of the first stepping-method attrition block (month t uses block <c>SteppingBlockBase + t / 4</c>).</summary>
    public const uint SteppingBlockBase = LifecycleKernel.StepBlockBase;

    private readonly CompiledLifecycleModel _compiled;

    private LifecycleDrawLayout(MonteCarloEngine.Run run, CompiledLifecycleModel compiled, StrategyModel model)
        : base(model, run.Scenarios, run.Options, run.Plan, run.Fingerprint, compiled.MaxPeriods)
    {
        _compiled = compiled;
        AcquisitionCost = compiled.AcquisitionCost;
        var acquisition = compiled.Model.Acquisition;
        var cycle = new int[acquisition.TotalWeight];
        for (var i = 0; i < cycle.Length; i++)
        {
            cycle[i] = acquisition.CohortOf(i);
        }

        AcquisitionCycle = [.. cycle];
        var cohorts = compiled.Cohorts;
        var periods = ImmutableArray.CreateBuilder<int>(cohorts.Length);
        var offsets = ImmutableArray.CreateBuilder<int>(cohorts.Length);
        var segmentFirst = ImmutableArray.CreateBuilder<int>(cohorts.Length + 1);
        var stage = ImmutableArray.CreateBuilder<int>();
        var start = ImmutableArray.CreateBuilder<int>();
        var end = ImmutableArray.CreateBuilder<int>();
        var hazard = ImmutableArray.CreateBuilder<ulong>();
        var powersFirst = ImmutableArray.CreateBuilder<int>();
        var powers = ImmutableArray.CreateBuilder<double>();
        var productFirst = ImmutableArray.CreateBuilder<int>();
        var productOffset = ImmutableArray.CreateBuilder<int>();
        var productThreshold = ImmutableArray.CreateBuilder<ulong>();
        var table = 0;
        foreach (var plan in cohorts)
        {
            periods.Add(plan.Periods);
            offsets.Add(table);
            table = checked(table + plan.TableLength);
            segmentFirst.Add(stage.Count);
            foreach (var seg in plan.Segments)
            {
                stage.Add(seg.StageIndex);
                start.Add(seg.Start);
                end.Add(seg.End);
                hazard.Add(seg.HazardThreshold);
                powersFirst.Add(powers.Count);
                powers.AddRange(seg.SurvivalPowers);
                productFirst.Add(productOffset.Count);
                foreach (var slot in seg.Products)
                {
                    productOffset.Add(slot.Offset);
                    productThreshold.Add(slot.AdoptionThreshold);
                }
            }
        }

        segmentFirst.Add(stage.Count);
        productFirst.Add(productOffset.Count);
        TableLength = table;
        CohortPeriods = periods.ToImmutable();
        CohortTableOffsets = offsets.ToImmutable();
        SegmentFirst = segmentFirst.ToImmutable();
        SegmentStage = stage.ToImmutable();
        SegmentStart = start.ToImmutable();
        SegmentEnd = end.ToImmutable();
        SegmentHazardThreshold = hazard.ToImmutable();
        SegmentPowersFirst = powersFirst.ToImmutable();
        SurvivalPowers = powers.ToImmutable();
        ProductFirst = productFirst.ToImmutable();
        ProductOffset = productOffset.ToImmutable();
        ProductAdoptionThreshold = productThreshold.ToImmutable();
    }

    /// <summary>Acquisition cost per customer, subtracted from every customer's PV (currency units).</summary>
    public double AcquisitionCost { get; }

    /// <summary>The acquisition cycle: customer i belongs to cohort <c>AcquisitionCycle[i mod Length]</c>.</summary>
    public ImmutableArray<int> AcquisitionCycle { get; }

    /// <summary>Cohorts (acquisition ages) of the model.</summary>
    public int CohortCount => CohortPeriods.Length;

    /// <summary>Per cohort: months simulated (its horizon), at most <see cref="DrawLayout.Periods"/>.</summary>
    public ImmutableArray<int> CohortPeriods { get; }

    /// <summary>Per cohort: where its prefix and count tables start in the run-wide table.</summary>
    public ImmutableArray<int> CohortTableOffsets { get; }

    /// <summary>Entries of the run-wide prefix table of a scenario, and of a chunk's count table (all cohorts back to back).</summary>
    public int TableLength { get; }

    /// <summary>Per cohort c (<see cref="CohortCount"/> + 1 entries): its segments are [SegmentFirst[c], SegmentFirst[c + 1]).</summary>
    public ImmutableArray<int> SegmentFirst { get; }

    /// <summary>Per segment: the life stage's index in the ladder (Philox counter word c0 of the stage's attrition block).</summary>
    public ImmutableArray<int> SegmentStage { get; }

    /// <summary>Per segment: first month since acquisition, inclusive.</summary>
    public ImmutableArray<int> SegmentStart { get; }

    /// <summary>Per segment: last month since acquisition, exclusive.</summary>
    public ImmutableArray<int> SegmentEnd { get; }

    /// <summary>Per segment: the monthly hazard as a Bernoulli threshold (<see cref="RandomDraws.BernoulliThreshold"/>; stepping method).</summary>
    public ImmutableArray<ulong> SegmentHazardThreshold { get; }

    /// <summary>Per segment: where its End − Start + 1 survival powers start in <see cref="SurvivalPowers"/>.</summary>
    public ImmutableArray<int> SegmentPowersFirst { get; }

    /// <summary>Per segment, back to back: ρⁿ for n = 0..End − Start (ρ = 1 − hazard), non-increasing, computed once on the host (event-time method).</summary>
    public ImmutableArray<double> SurvivalPowers { get; }

    /// <summary>Per segment s (segments + 1 entries): its product slots are [ProductFirst[s], ProductFirst[s + 1]).</summary>
    public ImmutableArray<int> ProductFirst { get; }

    /// <summary>Per product slot: where its column starts within its cohort's table.</summary>
    public ImmutableArray<int> ProductOffset { get; }

    /// <summary>Per product slot: the adoption probability as a Bernoulli threshold (adopted when the word is below it).</summary>
    public ImmutableArray<ulong> ProductAdoptionThreshold { get; }

    /// <summary>Builds the layout of a run, after the same validation as <see cref="MonteCarloEngine.SimulateChunks"/>.</summary>
    /// <param name="model">The model: a <see cref="LifecycleModel"/> without <see cref="LifecycleModel.States"/> or <see cref="LifecycleModel.Heterogeneity"/>.</param>
    /// <param name="scenarios">The scenarios; each path must cover the model's longest horizon.</param>
    /// <param name="options">The run's options.</param>
    /// <param name="backendLayoutVersion"><see cref="DrawLayout.Version"/> as compiled into the calling backend.</param>
    /// <returns>The layout.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="NotSupportedException">The backend was built for another draw layout, or the model is not a
    /// lifecycle model without states and heterogeneity.</exception>
    /// <exception cref="ArgumentException">The model does not validate or the scenarios are too short.</exception>
    public static LifecycleDrawLayout Create(StrategyModel model, ScenarioSet scenarios, SimulationOptions options, int backendLayoutVersion)
    {
        ArgumentNullException.ThrowIfNull(model);
        CheckVersion(backendLayoutVersion);
        if (model is not LifecycleModel { States: null, Heterogeneity: null })
        {
            throw new NotSupportedException(model is LifecycleModel
                ? "The lifecycle draw layout does not cover relationship states or customer heterogeneity (LifecycleModel.States, .Heterogeneity); run this model with MonteCarloEngine."
                : $"The lifecycle draw layout covers LifecycleModel only, not {model.GetType().Name}; run this model with MonteCarloEngine.");
        }

        var run = MonteCarloEngine.Prepare(model, scenarios, options);
        return new LifecycleDrawLayout(run, (CompiledLifecycleModel)run.Compiled, model);
    }

    /// <summary>The cohort of customer <paramref name="customer"/>.</summary>
    /// <param name="customer">Customer index, ≥ 0.</param>
    /// <returns>The cohort index, in [0, <see cref="CohortCount"/>).</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="customer"/> is negative.</exception>
    public int CohortOf(long customer)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(customer);
        return AcquisitionCycle[(int)(customer % AcquisitionCycle.Length)];
    }

    /// <summary>
    /// Writes scenario <paramref name="scenario"/>'s run-wide prefix table: per cohort, prefix sums of the discounted flows of
    /// the base column and of each product slot's column (margins at the scenario's rates, less servicing), computed by the
    /// CPU engine's own code, so a backend's PVs are sums of the same doubles.
    /// </summary>
    /// <param name="scenario">Scenario index, in [0, ScenarioCount).</param>
    /// <param name="destination">Exactly <see cref="TableLength"/> entries.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="scenario"/> is out of range.</exception>
    /// <exception cref="ArgumentException"><paramref name="destination"/> has the wrong length.</exception>
    public void FillPrefixTable(int scenario, Span<double> destination)
    {
        Guard.InRange(scenario, 0, Plan.ScenarioCount - 1);
        CheckLength(destination.Length, TableLength, nameof(destination));
        var rates = ArrayPool<double>.Shared.Rent(Periods);
        var factors = ArrayPool<double>.Shared.Rent(Periods);
        try
        {
            var r = rates.AsSpan(0, Periods);
            var df = factors.AsSpan(0, Periods);
            Scenarios.Path(scenario)[..Periods].CopyTo(r);
            _compiled.Model.Discounting.Fill(r, df);
            var cohorts = _compiled.Cohorts;
            for (var c = 0; c < cohorts.Length; c++)
            {
                ScenarioTables.FillCohort(cohorts[c], r, df, destination.Slice(CohortTableOffsets[c], cohorts[c].TableLength));
            }
        }
        finally
        {
            ArrayPool<double>.Shared.Return(rates);
            ArrayPool<double>.Shared.Return(factors);
        }
    }

    /// <summary>
    /// Turns a chunk's count table into its total discounted flow per period, with the CPU engine's code: per month, the
    /// customers still counted in each column times the column's discounted flow, cohorts in order.
    /// </summary>
    /// <param name="chunk">The chunk (one of <see cref="DrawLayout.Plan"/>'s); gives the customers per cohort.</param>
    /// <param name="prefixTable">The chunk's scenario's prefix table (<see cref="FillPrefixTable"/>), <see cref="TableLength"/> entries.</param>
    /// <param name="counts">The chunk's count table (difference arrays, as the class remarks describe), <see cref="TableLength"/> entries.</param>
    /// <param name="flows">Receives the flows: exactly <see cref="DrawLayout.Periods"/> entries (overwritten).</param>
    /// <exception cref="ArgumentException">The chunk is not one of the plan's, or a span has the wrong length.</exception>
    public void ChunkFlows(SimulationChunk chunk, ReadOnlySpan<double> prefixTable, ReadOnlySpan<long> counts, Span<double> flows)
    {
        CheckChunk(chunk, nameof(chunk));
        CheckLength(prefixTable.Length, TableLength, nameof(prefixTable));
        CheckLength(counts.Length, TableLength, nameof(counts));
        CheckLength(flows.Length, Periods, nameof(flows));
        var cohorts = _compiled.Cohorts;
        Span<long> customers = cohorts.Length <= 64 ? stackalloc long[cohorts.Length] : new long[cohorts.Length];
        customers.Clear();
        var cycle = AcquisitionCycle.AsSpan();
        var position = (int)(chunk.FirstCustomer % cycle.Length);
        for (var n = 0; n < chunk.CustomerCount; n++)
        {
            customers[cycle[position]]++;
            if (++position == cycle.Length)
            {
                position = 0;
            }
        }

        flows.Clear();
        for (var c = 0; c < cohorts.Length; c++)
        {
            if (customers[c] != 0)
            {
                var o = CohortTableOffsets[c];
                var length = cohorts[c].TableLength;
                LifecycleKernel.CohortFlows(cohorts[c], prefixTable.Slice(o, length), counts.Slice(o, length), customers[c], flows);
            }
        }
    }
}
