using System.Globalization;

namespace LifetimeValue.Gpu;

/// <summary>
/// Where and how the GPU engine runs. None of these settings changes results: the chunking, seed and method that
/// define a run live in <see cref="Simulation.SimulationOptions"/>.
/// </summary>
/// <remarks>Thread safety: immutable; safe to share.</remarks>
public sealed record GpuEngineOptions
{
    /// <summary>The default bound on customers simulated per kernel launch (4 Mi: 32 MiB of PVs).</summary>
    public const int DefaultMaxCustomersPerLaunch = 1 << 22;

    private readonly int _deviceIndex;
    private readonly int _maxCustomersPerLaunch = DefaultMaxCustomersPerLaunch;

    /// <summary>The accelerator: <see cref="AcceleratorKind.Cuda"/> (default) or, explicitly, the ILGPU CPU accelerator.</summary>
    public AcceleratorKind Accelerator { get; init; } = AcceleratorKind.Cuda;

    /// <summary>Index of the device among those of <see cref="Accelerator"/>'s kind, ≥ 0 (default 0).</summary>
    public int DeviceIndex
    {
        get => _deviceIndex;
        init => _deviceIndex = value >= 0 ? value : throw new ArgumentOutOfRangeException(nameof(DeviceIndex), value,
            string.Create(CultureInfo.InvariantCulture, $"DeviceIndex must be ≥ 0 (was {value})."));
    }

    /// <summary>
    /// Upper bound on customers per kernel launch, in [1, 2²⁶]; whole canonical chunks are launched together up to this
    /// many customers (always at least one chunk). Progress is reported and cancellation checked between launches.
    /// </summary>
    public int MaxCustomersPerLaunch
    {
        get => _maxCustomersPerLaunch;
        init => _maxCustomersPerLaunch = value is >= 1 and <= 1 << 26 ? value : throw new ArgumentOutOfRangeException(nameof(MaxCustomersPerLaunch), value,
            string.Create(CultureInfo.InvariantCulture, $"MaxCustomersPerLaunch must be in [1, {1 << 26}] (was {value})."));
    }

    /// <summary>Host threads that turn each launch's PVs and count tables into statistics: 0 (default) for all cores, else in [1, 1024].</summary>
    public int HostThreads
    {
        get;
        init => field = value is >= 0 and <= 1024 ? value : throw new ArgumentOutOfRangeException(nameof(HostThreads), value,
            string.Create(CultureInfo.InvariantCulture, $"HostThreads must be in [0, 1024] (was {value})."));
    }
}
