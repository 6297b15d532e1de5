using ILGPU;

namespace LifetimeValue.Gpu.Internal;

/// <summary>
/// The compiled lifecycle model flattened into device arrays (one upload per run). Cohort tables (prefix sums and
/// count tables) are laid out per cohort at <see cref="CohortTableOffset"/> inside a run-wide table of
/// <see cref="TableLength"/> entries, each cohort laid out as <c>CohortPlan.TableLength</c> says.
/// </summary>
internal struct DeviceModel
{
    /// <summary>Position in the acquisition cycle → cohort.</summary>
    public ArrayView<int> Cycle;

    /// <summary>Per cohort: months simulated.</summary>
    public ArrayView<int> CohortPeriods;

    /// <summary>Per cohort: first entry of its table.</summary>
    public ArrayView<int> CohortTableOffset;

    /// <summary>Per cohort c: its segments are [SegmentFirst[c], SegmentFirst[c + 1]).</summary>
    public ArrayView<int> SegmentFirst;

    public ArrayView<int> SegmentStage;
    public ArrayView<int> SegmentStart;
    public ArrayView<int> SegmentEnd;
    public ArrayView<ulong> SegmentHazardThreshold;

    /// <summary>Per segment: first of its Length + 1 survival powers in <see cref="Powers"/>.</summary>
    public ArrayView<int> SegmentPowers;

    /// <summary>Per segment s: its product slots are [ProductFirst[s], ProductFirst[s + 1]).</summary>
    public ArrayView<int> ProductFirst;

    /// <summary>Per product slot: offset of its column inside the cohort's table.</summary>
    public ArrayView<int> ProductOffset;
    public ArrayView<ulong> ProductThreshold;
    public ArrayView<double> Powers;

    public int CycleLength;
    public int TableLength;
    public int ChunkSize;
    public int Stepping;
    public uint Key0;
    public uint Key1;
    public double AcquisitionCost;
}

/// <summary>One launch: whole chunks, their scenarios' prefix tables, and the outputs.</summary>
internal struct DeviceBatch
{
    /// <summary>Per scenario slot: the run-wide prefix table (<see cref="DeviceModel.TableLength"/> entries).</summary>
    public ArrayView<double> Prefix;

    /// <summary>Per chunk of the launch: scenario index, prefix slot, first customer, customers.</summary>
    public ArrayView<int> Scenario;
    public ArrayView<int> Slot;
    public ArrayView<long> First;
    public ArrayView<int> Count;

    /// <summary>Per chunk: ChunkSize PVs (the tail of a short chunk is not written).</summary>
    public ArrayView<double> Pv;

    /// <summary>Per chunk: a run-wide count table (difference arrays; cleared before the launch).</summary>
    public ArrayView<int> Counts;
}
