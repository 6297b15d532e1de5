using System.Runtime.CompilerServices;

namespace LifetimeValue.Random;

/// <summary>
/// The Philox4x32-10 counter-based generator (Salmon, Moraes, Dror and Shaw, "Parallel random
/// numbers: as easy as 1, 2, 3", SC'11), bit-compatible with Random123's <c>philox4x32_10</c>.
/// </summary>
/// <remarks>
/// <para>
/// A counter-based generator has no state: the 128-bit output block is a pure function of a 128-bit
/// counter and a 64-bit key. LifetimeValue keys it with the simulation seed and builds the counter
/// from (scenario, customer, period, purpose), so every draw depends only on those indices and the
/// result of a run is the same whatever the number of threads, machines or GPUs that compute it.
/// </para>
/// <para>
/// The code is deliberately plain (no spans, no virtual calls, 32-bit multiplies with 64-bit
/// products) so that the same method body compiles inside ILGPU kernels.
/// </para>
/// <para>Thread safety: all members are pure and safe to call concurrently.</para>
/// </remarks>
public static class Philox4x32
{
    private const uint M0 = 0xD2511F53u;
    private const uint M1 = 0xCD9E8D57u;
    private const uint W0 = 0x9E3779B9u; // golden ratio
    private const uint W1 = 0xBB67AE85u; // sqrt(3) - 1

    /// <summary>
    /// Computes one Philox4x32-10 block: 10 rounds over the counter (c0..c3) with key (k0, k1).
    /// </summary>
    /// <param name="c0">Counter word 0 (least significant).</param>
    /// <param name="c1">Counter word 1.</param>
    /// <param name="c2">Counter word 2.</param>
    /// <param name="c3">Counter word 3 (most significant).</param>
    /// <param name="k0">Key word 0.</param>
    /// <param name="k1">Key word 1.</param>
    /// <returns>The four 32-bit output words.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Block Generate(uint c0, uint c1, uint c2, uint c3, uint k0, uint k1)
    {
        // Ten rounds; the key is bumped by the Weyl constants between rounds (Random123 philox4x32_10).
        Round(ref c0, ref c1, ref c2, ref c3, k0, k1); k0 += W0; k1 += W1;
        Round(ref c0, ref c1, ref c2, ref c3, k0, k1); k0 += W0; k1 += W1;
        Round(ref c0, ref c1, ref c2, ref c3, k0, k1); k0 += W0; k1 += W1;
        Round(ref c0, ref c1, ref c2, ref c3, k0, k1); k0 += W0; k1 += W1;
        Round(ref c0, ref c1, ref c2, ref c3, k0, k1); k0 += W0; k1 += W1;
        Round(ref c0, ref c1, ref c2, ref c3, k0, k1); k0 += W0; k1 += W1;
        Round(ref c0, ref c1, ref c2, ref c3, k0, k1); k0 += W0; k1 += W1;
        Round(ref c0, ref c1, ref c2, ref c3, k0, k1); k0 += W0; k1 += W1;
        Round(ref c0, ref c1, ref c2, ref c3, k0, k1); k0 += W0; k1 += W1;
        Round(ref c0, ref c1, ref c2, ref c3, k0, k1);
        return new Block(c0, c1, c2, c3);
    }

    /// <summary>Computes one block for a 64-bit key (low word = k0).</summary>
    /// <param name="counterLow">Counter words 0–1 as a 64-bit integer.</param>
    /// <param name="counterHigh">Counter words 2–3 as a 64-bit integer.</param>
    /// <param name="key">The 64-bit key (usually the simulation seed).</param>
    /// <returns>The four 32-bit output words.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Block Generate(ulong counterLow, ulong counterHigh, ulong key) =>
        Generate((uint)counterLow, (uint)(counterLow >> 32), (uint)counterHigh, (uint)(counterHigh >> 32),
            (uint)key, (uint)(key >> 32));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Round(ref uint c0, ref uint c1, ref uint c2, ref uint c3, uint k0, uint k1)
    {
        // One Philox S-box: two 32x32->64 multiplies; high halves are mixed with the key and the
        // other lanes, low halves are permuted.
        ulong p0 = (ulong)M0 * c0;
        ulong p1 = (ulong)M1 * c2;
        uint hi0 = (uint)(p0 >> 32), lo0 = (uint)p0;
        uint hi1 = (uint)(p1 >> 32), lo1 = (uint)p1;
        uint n0 = hi1 ^ c1 ^ k0;
        uint n2 = hi0 ^ c3 ^ k1;
        c0 = n0;
        c1 = lo1;
        c2 = n2;
        c3 = lo0;
    }

    /// <summary>One 128-bit Philox output block.</summary>
    /// <param name="X0">Output word 0.</param>
    /// <param name="X1">Output word 1.</param>
    /// <param name="X2">Output word 2.</param>
    /// <param name="X3">Output word 3.</param>
    public readonly record struct Block(uint X0, uint X1, uint X2, uint X3);
}
