namespace LifetimeValue.Gpu.Internal;

/// <summary>
/// Philox4x32-10 written for ILGPU kernels: static methods, locals only (no <c>ref</c> parameters, spans or records),
/// 32×32→64-bit multiplies. Bit-identical to <see cref="Random.Philox4x32"/> and Random123's <c>philox4x32_10</c>
/// (the tests check the Random123 known answer inside a kernel and compare with the host generator).
/// </summary>
/// <remarks>Thread safety: pure.</remarks>
internal static class DevicePhilox
{
    private const uint M0 = 0xD2511F53u;
    private const uint M1 = 0xCD9E8D57u;
    private const uint W0 = 0x9E3779B9u; // golden ratio
    private const uint W1 = 0xBB67AE85u; // sqrt(3) - 1

    /// <summary>One Philox4x32-10 block for counter (c0..c3) and key (k0, k1).</summary>
    public static DeviceBlock Generate(uint c0, uint c1, uint c2, uint c3, uint k0, uint k1)
    {
        for (var round = 0; round < 10; round++)
        {
            if (round > 0)
            {
                // Key schedule: bump by the Weyl constants between rounds.
                k0 += W0;
                k1 += W1;
            }

            // S-box: two 32×32→64 multiplies; high halves mix with the key and the other lanes, low halves permute.
            var p0 = (ulong)M0 * c0;
            var p1 = (ulong)M1 * c2;
            var n0 = (uint)(p1 >> 32) ^ c1 ^ k0;
            var n2 = (uint)(p0 >> 32) ^ c3 ^ k1;
            c1 = (uint)p1;
            c3 = (uint)p0;
            c0 = n0;
            c2 = n2;
        }

        return new DeviceBlock(c0, c1, c2, c3);
    }

    /// <summary>Word <paramref name="index"/> (0–3) of a block.</summary>
    public static uint Word(DeviceBlock block, int index) =>
        index == 0 ? block.X0 : index == 1 ? block.X1 : index == 2 ? block.X2 : block.X3;
}

/// <summary>A 128-bit Philox block as a plain struct (kernel-friendly).</summary>
internal readonly struct DeviceBlock
{
    public readonly uint X0;
    public readonly uint X1;
    public readonly uint X2;
    public readonly uint X3;

    public DeviceBlock(uint x0, uint x1, uint x2, uint x3)
    {
        X0 = x0;
        X1 = x1;
        X2 = x2;
        X3 = x3;
    }
}
