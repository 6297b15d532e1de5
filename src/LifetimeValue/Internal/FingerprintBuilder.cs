using System.Security.Cryptography;

namespace LifetimeValue.Internal;

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
