using System.Security.Cryptography;
using LifetimeValue.Model;
using LifetimeValue.Projection;
using LifetimeValue.Scenarios;
using LifetimeValue.Simulation;

namespace LifetimeValue.Internal;

/// <summary>
/// A <see cref="StrategyModel"/> flattened for the engines. Each kind of model supplies its exact projection,
/// its Monte Carlo chunk kernel and the numbers that identify it in a run's fingerprint; the engines
/// (chunking, merging, statistics) are shared.
/// </summary>
internal abstract class CompiledStrategy
{
    public abstract StrategyModel Source { get; }

    public abstract int MaxPeriods { get; }

    public double AcquisitionCost => Source.AcquisitionCost;

    /// <summary>Validates and compiles any model kind.</summary>
    public static CompiledStrategy Compile(StrategyModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        return model switch
        {
            LifecycleModel lifecycle => new CompiledModel(lifecycle),
            CustomerFocusedModel focused => new CompiledFocusedModel(focused),
            _ => throw new NotSupportedException($"Model type {model.GetType().Name} is not supported."),
        };
    }

    /// <summary>Appends every number that defines the model's results.</summary>
    public abstract void AppendFingerprint(FingerprintBuilder fingerprint);

    /// <summary>A per-thread kernel for Monte Carlo chunks (owns its scratch buffers).</summary>
    public abstract ChunkKernel CreateKernel(ScenarioSet scenarios, SimulationOptions options);

    /// <summary>The exact expected-value projection along one rate path.</summary>
    /// <param name="rates">The path (for the result).</param>
    /// <param name="r">Its first <see cref="MaxPeriods"/> rates.</param>
    /// <param name="df">Discount factors, <c>df[t] = D_{t+1}</c>.</param>
    public abstract ProjectionResult Project(RatePath rates, double[] r, double[] df);
}

/// <summary>Simulates chunks of one model; one instance per worker thread.</summary>
internal abstract class ChunkKernel
{
    /// <summary>
    /// Simulates customers [<paramref name="first"/>, <paramref name="first"/> + <paramref name="count"/>) of
    /// <paramref name="scenario"/> and writes each customer's PV (acquisition cost included) and the chunk's total
    /// discounted cash flow per period (acquisition cost excluded; every element overwritten).
    /// </summary>
    public abstract void Run(int scenario, long first, int count, Span<double> pv, Span<double> flows);
}

/// <summary>Builds a run fingerprint: SHA-256 over a canonical little-endian encoding of numbers and text.</summary>
internal sealed class FingerprintBuilder : IDisposable
{
    private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    private readonly byte[] _scratch = new byte[8];

    public void Long(long value)
    {
        System.Buffers.Binary.BinaryPrimitives.WriteInt64LittleEndian(_scratch, value);
        _hash.AppendData(_scratch);
    }

    public void Double(double value) => Long(BitConverter.DoubleToInt64Bits(value));

    public void Doubles(ReadOnlySpan<double> values)
    {
        Long(values.Length);
        if (BitConverter.IsLittleEndian)
        {
            // The same bytes as one Double call per value, hashed in one call (a fingerprint covers S·T rates).
            _hash.AppendData(System.Runtime.InteropServices.MemoryMarshal.AsBytes(values));
            return;
        }

        foreach (var v in values)
        {
            Double(v);
        }
    }

    public void Text(string value)
    {
        var bytes = System.Text.Encoding.UTF8.GetBytes(value);
        Long(bytes.Length);
        _hash.AppendData(bytes);
    }

    public string Finish() => Convert.ToHexString(_hash.GetHashAndReset())[..32];

    public void Dispose() => _hash.Dispose();
}
