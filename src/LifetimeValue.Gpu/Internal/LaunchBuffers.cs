using ILGPU;
using ILGPU.Runtime;
using LifetimeValue.Simulation;

namespace LifetimeValue.Gpu.Internal;

/// <summary>
/// Host and device buffers of one kernel launch (up to <c>maxChunks</c> chunks), reused for every launch of a run:
/// chunk descriptors and scenario prefix tables go up, PVs and count tables come back.
/// </summary>
/// <remarks>Thread safety: not thread-safe; one instance per run.</remarks>
internal sealed class LaunchBuffers : IDisposable
{
    private readonly int _chunkSize;
    private readonly int _table;
    private readonly int[] _scenario;
    private readonly int[] _slot;
    private readonly long[] _first;
    private readonly int[] _count;
    private readonly double[] _prefix;
    private readonly double[] _pv;
    private readonly int[] _counts;
    private readonly MemoryBuffer1D<int, Stride1D.Dense> _dScenario;
    private readonly MemoryBuffer1D<int, Stride1D.Dense> _dSlot;
    private readonly MemoryBuffer1D<long, Stride1D.Dense> _dFirst;
    private readonly MemoryBuffer1D<int, Stride1D.Dense> _dCount;
    private readonly MemoryBuffer1D<double, Stride1D.Dense> _dPrefix;
    private readonly MemoryBuffer1D<double, Stride1D.Dense> _dPv;
    private readonly MemoryBuffer1D<int, Stride1D.Dense> _dCounts;

    public LaunchBuffers(Accelerator accelerator, int maxChunks, int chunkSize, int table)
    {
        _chunkSize = chunkSize;
        _table = table;
        var customers = checked(maxChunks * chunkSize);
        var entries = checked(maxChunks * table);
        _scenario = new int[maxChunks];
        _slot = new int[maxChunks];
        _first = new long[maxChunks];
        _count = new int[maxChunks];
        _prefix = new double[entries];
        _pv = new double[customers];
        _counts = new int[entries];
        _dScenario = accelerator.Allocate1D<int>(maxChunks);
        _dSlot = accelerator.Allocate1D<int>(maxChunks);
        _dFirst = accelerator.Allocate1D<long>(maxChunks);
        _dCount = accelerator.Allocate1D<int>(maxChunks);
        _dPrefix = accelerator.Allocate1D<double>(entries);
        _dPv = accelerator.Allocate1D<double>(customers);
        _dCounts = accelerator.Allocate1D<int>(entries);
    }

    /// <summary>Table slot <paramref name="slot"/>'s host copy of a scenario's prefix table, to fill before <see cref="Launch"/>.</summary>
    public Span<double> PrefixSlot(int slot) => _prefix.AsSpan(slot * _table, _table);

    /// <summary>Table slot <paramref name="slot"/>'s prefix table as staged for the last launch (read by the host's flows).</summary>
    public ReadOnlySpan<double> Prefix(int slot) => _prefix.AsSpan(slot * _table, _table);

    public void StageChunk(int k, SimulationChunk chunk, int slot)
    {
        _scenario[k] = chunk.Scenario;
        _slot[k] = slot;
        _first[k] = chunk.FirstCustomer;
        _count[k] = chunk.CustomerCount;
    }

    /// <summary>Uploads, clears the count tables, launches one thread per chunk slot × chunk size, waits and downloads.</summary>
    public void Launch(Accelerator accelerator, Action<Index1D, DeviceModel, DeviceBatch> kernel, DeviceModel model, int chunks, int slots)
    {
        _dScenario.View.SubView(0, chunks).CopyFromCPU(ref _scenario[0], chunks);
        _dSlot.View.SubView(0, chunks).CopyFromCPU(ref _slot[0], chunks);
        _dFirst.View.SubView(0, chunks).CopyFromCPU(ref _first[0], chunks);
        _dCount.View.SubView(0, chunks).CopyFromCPU(ref _count[0], chunks);
        _dPrefix.View.SubView(0, (long)slots * _table).CopyFromCPU(ref _prefix[0], (long)slots * _table);
        var entries = (long)chunks * _table;
        _dCounts.View.SubView(0, entries).MemSetToZero();

        var batch = new DeviceBatch
        {
            Prefix = _dPrefix.View,
            Scenario = _dScenario.View,
            Slot = _dSlot.View,
            First = _dFirst.View,
            Count = _dCount.View,
            Pv = _dPv.View,
            Counts = _dCounts.View,
        };
        kernel(chunks * _chunkSize, model, batch);
        accelerator.Synchronize();

        var customers = (long)chunks * _chunkSize;
        _dPv.View.SubView(0, customers).CopyToCPU(ref _pv[0], customers);
        _dCounts.View.SubView(0, entries).CopyToCPU(ref _counts[0], entries);
    }

    /// <summary>Chunk <paramref name="k"/>'s PVs from the last launch.</summary>
    public ReadOnlySpan<double> Pv(int k, int count) => _pv.AsSpan(k * _chunkSize, count);

    /// <summary>Chunk <paramref name="k"/>'s run-wide count table from the last launch.</summary>
    public ReadOnlySpan<int> Counts(int k) => _counts.AsSpan(k * _table, _table);

    public void Dispose()
    {
        _dScenario.Dispose();
        _dSlot.Dispose();
        _dFirst.Dispose();
        _dCount.Dispose();
        _dPrefix.Dispose();
        _dPv.Dispose();
        _dCounts.Dispose();
    }
}
