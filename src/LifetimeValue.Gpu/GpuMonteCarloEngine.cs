using System.Collections.Concurrent;
using System.Globalization;
using ILGPU;
using ILGPU.Runtime;
using ILGPU.Runtime.CPU;
using ILGPU.Runtime.Cuda;
using LifetimeValue.Gpu.Internal;
using LifetimeValue.Lifecycle;
using LifetimeValue.Model;
using LifetimeValue.Scenarios;
using LifetimeValue.Simulation;
using LifetimeValue.Simulation.Backends;

namespace LifetimeValue.Gpu;

/// <summary>
/// The Monte Carlo engine on a GPU: runs the canonical chunks of <see cref="MonteCarloEngine"/>'s plan as ILGPU kernels
/// and returns the same <see cref="SimulationPartial"/> and <see cref="SimulationResult"/>, bit for bit, so GPU and CPU
/// partials of one run merge with <see cref="MonteCarloEngine.Combine"/>.
/// </summary>
/// <remarks>
/// <para>How the results stay identical: the host takes every table the CPU uses from the core's public backend contract
/// (<see cref="LifecycleDrawLayout"/>: per-scenario prefix sums of discounted flows, survival powers, Bernoulli thresholds)
/// and uploads them, so no transcendental function runs on the device. A kernel thread simulates one customer with the
/// CPU's Philox4x32-10 counters and words; its PV is the same sequence of double additions of table entries; per-period
/// flows come back as integer count tables (atomic adds: exact, order-independent) that the host turns into flows with
/// the CPU's code (<see cref="LifecycleDrawLayout.ChunkFlows"/>). The host then records each chunk's PVs and flows with a
/// <see cref="SimulationPartialBuilder"/>, which keeps the same fixed-point moments, quantile sketch and exact quantiles as
/// a CPU worker and merges per chunk as the CPU engine does. No device RNG and no device floating-point reduction enter a
/// result, and the package uses the core's public API only.</para>
/// <para>Supports <see cref="LifecycleModel"/> with both <see cref="SimulationMethod"/>s. Chunks run in launches of up to
/// <see cref="GpuEngineOptions.MaxCustomersPerLaunch"/> customers; <see cref="SimulationOptions.Progress"/> is reported and the
/// cancellation token checked once per launch (from a pool thread), and the host digests launch i while the device runs
/// launch i + 1.</para>
/// <para>Event-time attrition is found on the device by binary search over the host's table of survival powers ρⁿ, which
/// equals the CPU's log-guided search whenever the table is non-increasing; a model whose table is not (only possible for
/// monthly hazards below about 10⁻¹⁵) is refused with <see cref="NotSupportedException"/> rather than risk a different month.</para>
/// <para>Thread safety: an instance owns one ILGPU context and accelerator and runs one simulation at a time (concurrent
/// calls are serialised). Dispose it to release the device.</para>
/// </remarks>
public sealed class GpuMonteCarloEngine : IDisposable, IMonteCarloBackend
{
    private const int MaxTableEntriesPerLaunch = 1 << 25;

    private readonly Context _context;
    private readonly Accelerator _accelerator;
    private readonly Action<Index1D, DeviceModel, DeviceBatch> _kernel;
    private readonly Lock _gate = new();
    private bool _disposed;

    /// <summary>Creates an engine on the accelerator <paramref name="options"/> asks for (CUDA device 0 by default).</summary>
    /// <param name="options">Accelerator, device and launch size; null for the defaults.</param>
    /// <exception cref="GpuUnavailableException">CUDA was requested and no CUDA driver or device is present, or the device index is out of range.</exception>
    public GpuMonteCarloEngine(GpuEngineOptions? options = null)
    {
        Options = options ?? new GpuEngineOptions();
        (_context, _accelerator) = Options.Accelerator == AcceleratorKind.Cpu ? CreateCpu(Options.DeviceIndex) : CreateCuda(Options.DeviceIndex);
        try
        {
            _kernel = _accelerator.LoadAutoGroupedStreamKernel<Index1D, DeviceModel, DeviceBatch>(LifecycleDeviceKernel.Run);
        }
        catch
        {
            _accelerator.Dispose();
            _context.Dispose();
            throw;
        }
    }

    /// <summary>The engine's options.</summary>
    public GpuEngineOptions Options { get; }

    /// <summary>The accelerator's name as the driver reports it (e.g. "NVIDIA H100 80GB HBM3").</summary>
    public string DeviceName => _accelerator.Name;

    /// <summary>The kind of accelerator in use.</summary>
    public AcceleratorKind AcceleratorKind => Options.Accelerator;

    /// <summary>Simulates the whole run on the accelerator.</summary>
    /// <param name="model">The model: a <see cref="LifecycleModel"/>.</param>
    /// <param name="scenarios">Economic scenarios; each path must cover the model's longest horizon.</param>
    /// <param name="options">Seed, customers, chunk size, method, sketch settings and progress, as for the CPU engine
    /// (<see cref="SimulationOptions.MaxDegreeOfParallelism"/> is ignored; see <see cref="GpuEngineOptions.HostThreads"/>).</param>
    /// <param name="cancellationToken">Cancels the run between kernel launches.</param>
    /// <returns>The result, bit-identical to <see cref="MonteCarloEngine.Simulate"/>.</returns>
    /// <exception cref="NotSupportedException">The model is not a <see cref="LifecycleModel"/> (or has a non-monotone survival table; see remarks).</exception>
    /// <exception cref="ArgumentException">The model does not validate or the scenarios are too short.</exception>
    /// <exception cref="OperationCanceledException">Cancelled.</exception>
    /// <exception cref="ObjectDisposedException">The engine is disposed.</exception>
    public SimulationResult Simulate(StrategyModel model, ScenarioSet scenarios, SimulationOptions options, CancellationToken cancellationToken = default)
    {
        var layout = Prepare(model, scenarios, options);
        var partial = Execute(layout, new SimulationPartialBuilder(layout, 0, layout.Plan.ChunkCount), cancellationToken);
        return MonteCarloEngine.Combine(model, scenarios, options, [partial]);
    }

    /// <summary>
    /// Simulates chunks [<paramref name="firstChunk"/>, <paramref name="firstChunk"/> + <paramref name="chunkCount"/>) of the
    /// run; the partial merges with partials of other chunk ranges computed by this or the CPU engine.
    /// </summary>
    /// <param name="model">The model: a <see cref="LifecycleModel"/>.</param>
    /// <param name="scenarios">The scenarios.</param>
    /// <param name="options">The options (the same on every worker).</param>
    /// <param name="firstChunk">First chunk index, in [0, ChunkCount).</param>
    /// <param name="chunkCount">Number of chunks, in [1, ChunkCount − firstChunk].</param>
    /// <param name="cancellationToken">Cancels between kernel launches.</param>
    /// <returns>The partial result, bit-identical to <see cref="MonteCarloEngine.SimulateChunks"/>.</returns>
    /// <exception cref="NotSupportedException">The model is not a <see cref="LifecycleModel"/> (or has a non-monotone survival table; see remarks).</exception>
    /// <exception cref="ArgumentException">Invalid model, scenarios or chunk range.</exception>
    /// <exception cref="OperationCanceledException">Cancelled.</exception>
    /// <exception cref="ObjectDisposedException">The engine is disposed.</exception>
    public SimulationPartial SimulateChunks(StrategyModel model, ScenarioSet scenarios, SimulationOptions options,
        long firstChunk, long chunkCount, CancellationToken cancellationToken = default)
    {
        var layout = Prepare(model, scenarios, options);
        return Execute(layout, new SimulationPartialBuilder(layout, firstChunk, chunkCount), cancellationToken);
    }

    /// <inheritdoc />
    string IMonteCarloBackend.Name => $"GPU engine on {DeviceName}";

    /// <summary>Releases the accelerator and the ILGPU context.</summary>
    public void Dispose()
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            _accelerator.Dispose();
            _context.Dispose();
        }
    }

    private static (Context Context, Accelerator Accelerator) CreateCuda(int deviceIndex)
    {
        const string Advice = "use the CPU engine (MonteCarloEngine) or, for tests, GpuEngineOptions.Accelerator = AcceleratorKind.Cpu.";
        Context context;
        try
        {
            context = Context.Create(builder => builder.Cuda());
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException or TypeInitializationException or InvalidOperationException or NotSupportedException)
        {
            throw new GpuUnavailableException($"No CUDA device found: the CUDA driver could not be loaded ({e.Message}); {Advice}", e);
        }

        var devices = context.GetCudaDevices();
        if (devices.Count == 0 || deviceIndex >= devices.Count)
        {
            context.Dispose();
            throw new GpuUnavailableException(devices.Count == 0
                ? $"No CUDA device found; {Advice}"
                : string.Create(CultureInfo.InvariantCulture, $"CUDA device {deviceIndex} requested but only {devices.Count} found; use a DeviceIndex in [0, {devices.Count - 1}], or {Advice}"));
        }

        try
        {
            return (context, devices[deviceIndex].CreateAccelerator(context));
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            context.Dispose();
            throw new GpuUnavailableException($"CUDA device {deviceIndex} could not be opened ({e.Message}); {Advice}", e);
        }
    }

    private static (Context Context, Accelerator Accelerator) CreateCpu(int deviceIndex)
    {
        var context = Context.Create(builder => builder.CPU());
        var devices = context.GetCPUDevices();
        if (deviceIndex >= devices.Count)
        {
            context.Dispose();
            throw new GpuUnavailableException(string.Create(CultureInfo.InvariantCulture,
                $"CPU accelerator {deviceIndex} requested but only {devices.Count} found; use DeviceIndex 0."));
        }

        return (context, context.CreateCPUAccelerator(deviceIndex));
    }

    private static LifecycleDrawLayout Prepare(StrategyModel model, ScenarioSet scenarios, SimulationOptions options)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(scenarios);
        ArgumentNullException.ThrowIfNull(options);
        if (model is not LifecycleModel)
        {
            throw new NotSupportedException($"The GPU engine supports LifecycleModel (the customer-centric model) only, not {model.GetType().Name}; run this model with MonteCarloEngine.");
        }

        if (model is LifecycleModel { States: not null } or LifecycleModel { Heterogeneity: not null })
        {
            throw new NotSupportedException("The GPU engine does not simulate relationship states or customer heterogeneity (LifecycleModel.States, .Heterogeneity) yet; run this model with MonteCarloEngine.");
        }

        // The core's validation, plan and fingerprint, so partials of both engines merge; refused if this package was built
        // against another draw layout (the constant is compiled into this assembly).
        return LifecycleDrawLayout.Create(model, scenarios, options, DrawLayout.Version);
    }

    private SimulationPartial Execute(LifecycleDrawLayout layout, SimulationPartialBuilder builder, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            return ExecuteLocked(layout, builder, cancellationToken);
        }
    }

    private SimulationPartial ExecuteLocked(LifecycleDrawLayout layout, SimulationPartialBuilder builder, CancellationToken cancellationToken)
    {
        var options = layout.Options;
        var plan = layout.Plan;
        var firstChunk = builder.FirstChunk;
        var chunkCount = builder.ChunkCount;

        using var model = new DeviceModelBuffers(_accelerator, layout);
        var chunkSize = options.ChunkSize;
        var table = layout.TableLength;

        // Whole chunks per launch: bounded by MaxCustomersPerLaunch and by the per-chunk tables (2²⁵ entries per buffer).
        var perLaunch = Math.Max(1, Options.MaxCustomersPerLaunch / chunkSize);
        perLaunch = Math.Min(perLaunch, Math.Max(1, MaxTableEntriesPerLaunch / table));
        perLaunch = (int)Math.Min(perLaunch, chunkCount);

        // Two launch buffers: while the host turns launch i's PVs and counts into statistics, the device runs launch i + 1.
        using var bufferA = new LaunchBuffers(_accelerator, perLaunch, chunkSize, table);
        using var bufferB = new LaunchBuffers(_accelerator, perLaunch, chunkSize, table);
        var workers = new ConcurrentBag<HostWorker>();
        var host = new HostStage(layout, builder, workers, chunkCount, new ParallelOptions
        {
            CancellationToken = cancellationToken,
            MaxDegreeOfParallelism = Options.HostThreads == 0 ? Environment.ProcessorCount : Options.HostThreads,
        });

        Task? pending = null;
        try
        {
            var launch = 0;
            for (var next = firstChunk; next < firstChunk + chunkCount; next += perLaunch, launch++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var batch = (launch & 1) == 0 ? bufferA : bufferB;
                var count = (int)Math.Min(perLaunch, firstChunk + chunkCount - next);
                var chunks = new SimulationChunk[count];
                var slotOf = new int[count];
                var slots = 0;
                for (var k = 0; k < count; k++)
                {
                    chunks[k] = plan[next + k];
                    if (k == 0 || chunks[k].Scenario != chunks[k - 1].Scenario)
                    {
                        // Chunks are scenario-major, so a launch's scenarios are consecutive runs of chunks: one table slot each,
                        // built on the host by the CPU engine's own code.
                        layout.FillPrefixTable(chunks[k].Scenario, batch.PrefixSlot(slots));
                        slots++;
                    }

                    slotOf[k] = slots - 1;
                    batch.StageChunk(k, chunks[k], slotOf[k]);
                }

                batch.Launch(_accelerator, _kernel, model.View, count, slots);

                pending?.GetAwaiter().GetResult();
                cancellationToken.ThrowIfCancellationRequested();
                pending = Task.Run(() => host.Process(chunks, slotOf, batch), cancellationToken);
            }

            pending?.GetAwaiter().GetResult();
            pending = null;
        }
        finally
        {
            // Never leave a host task reading buffers that are about to be disposed.
            if (pending is not null)
            {
                try
                {
                    pending.Wait(CancellationToken.None);
                }
                catch (AggregateException)
                {
                    // The exception that unwinds this method (usually cancellation) is the one to report.
                }
            }
        }

        // Sketch and exact sample are integer counts and a multiset: the builder merges each recorder's at the end, as the CPU
        // engine merges each worker's.
        return builder.Build();
    }

    /// <summary>Host side of each launch: per-chunk statistics on a thread pool, recorded as the CPU engine records them.</summary>
    private sealed class HostStage(LifecycleDrawLayout layout, SimulationPartialBuilder builder, ConcurrentBag<HostWorker> workers,
        long totalChunks, ParallelOptions parallel)
    {
        private long _done;
        private long _lifetimes;

        public void Process(SimulationChunk[] chunks, int[] slotOf, LaunchBuffers batch)
        {
            Parallel.For(0, chunks.Length, parallel,
                () => workers.TryTake(out var w) ? w : new HostWorker(layout, builder.CreateRecorder()),
                (k, _, worker) =>
                {
                    var chunk = chunks[k];
                    worker.Run(chunk, batch.Pv(k, chunk.CustomerCount), batch.Counts(k), batch.Prefix(slotOf[k]));
                    return worker;
                },
                workers.Add);

            _done += chunks.Length;
            foreach (var chunk in chunks)
            {
                _lifetimes += chunk.CustomerCount;
            }

            layout.Options.Progress?.Report(new SimulationProgress(_done, totalChunks, _lifetimes));
        }
    }

    /// <summary>Host-side statistics of one thread: exactly what a CPU engine worker does with a chunk's PVs and flows.</summary>
    private sealed class HostWorker(LifecycleDrawLayout layout, ChunkRecorder recorder)
    {
        private readonly long[] _counts = new long[layout.TableLength];
        private readonly double[] _flows = new double[layout.Periods];

        public void Run(SimulationChunk chunk, ReadOnlySpan<double> pv, ReadOnlySpan<int> counts, ReadOnlySpan<double> prefix)
        {
            for (var i = 0; i < _counts.Length; i++)
            {
                _counts[i] = counts[i];
            }

            layout.ChunkFlows(chunk, prefix, _counts, _flows);
            recorder.Record(chunk, pv, _flows);
        }
    }
}
