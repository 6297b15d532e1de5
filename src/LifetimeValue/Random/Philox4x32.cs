using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

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

    /// <summary>
    /// Computes many blocks at once (structure of arrays): block i is <c>Generate(c0[i], c1[i], c2[i], c3, k0, k1)</c>,
    /// written to <c>x0[i]</c>…<c>x3[i]</c>. Bit-identical to the scalar <see cref="Generate(uint, uint, uint, uint, uint, uint)"/>;
    /// uses AVX-512 (16 blocks per step) or AVX2 (8 per step) where the CPU has them, and the scalar code for the rest.
    /// </summary>
    /// <param name="c0">Counter word 0 of each block.</param>
    /// <param name="c1">Counter word 1 of each block (same length as <paramref name="c0"/>).</param>
    /// <param name="c2">Counter word 2 of each block (same length as <paramref name="c0"/>).</param>
    /// <param name="c3">Counter word 3, shared by all blocks.</param>
    /// <param name="k0">Key word 0.</param>
    /// <param name="k1">Key word 1.</param>
    /// <param name="x0">Output word 0 of each block (length ≥ that of <paramref name="c0"/>).</param>
    /// <param name="x1">Output word 1 of each block.</param>
    /// <param name="x2">Output word 2 of each block.</param>
    /// <param name="x3">Output word 3 of each block.</param>
    /// <exception cref="ArgumentException">A counter span is shorter than <paramref name="c0"/>, or an output span is.</exception>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // hot from the first call: skip tier 0 and OSR
    public static void Generate(ReadOnlySpan<uint> c0, ReadOnlySpan<uint> c1, ReadOnlySpan<uint> c2, uint c3, uint k0, uint k1,
        Span<uint> x0, Span<uint> x1, Span<uint> x2, Span<uint> x3)
    {
        var n = c0.Length;
        if (c1.Length < n || c2.Length < n || x0.Length < n || x1.Length < n || x2.Length < n || x3.Length < n)
        {
            throw new ArgumentException($"Every counter and output span must hold at least c0.Length = {n} words.", nameof(c0));
        }

        var i = 0;
        if (Avx512F.IsSupported)
        {
            for (; i + 16 <= n; i += 16)
            {
                Generate16Avx512(c0, c1, c2, c3, k0, k1, x0, x1, x2, x3, i);
            }
        }

        if (Avx2.IsSupported)
        {
            for (; i + 8 <= n; i += 8)
            {
                Generate8Avx2(c0, c1, c2, c3, k0, k1, x0, x1, x2, x3, i);
            }
        }

        for (; i < n; i++)
        {
            var b = Generate(c0[i], c1[i], c2[i], c3, k0, k1);
            x0[i] = b.X0;
            x1[i] = b.X1;
            x2[i] = b.X2;
            x3[i] = b.X3;
        }
    }

    // AVX-512: two independent groups of 8 blocks (to hide the multiply latency). Each 32-bit counter word lives in
    // the low half of a 64-bit lane, so VPMULUDQ gives the full 64-bit product per lane: hi = product >> 32, and the
    // product itself serves as lo (its high half is garbage that the next multiply ignores, since VPMULUDQ reads only
    // the low 32 bits, and that the final narrowing store drops). The three-way xor is one VPTERNLOGQ (0x96).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Generate16Avx512(ReadOnlySpan<uint> c0, ReadOnlySpan<uint> c1, ReadOnlySpan<uint> c2, uint c3, uint k0, uint k1,
        Span<uint> x0, Span<uint> x1, Span<uint> x2, Span<uint> x3, int i)
    {
        var m0 = Vector512.Create((ulong)M0).AsUInt32();
        var m1 = Vector512.Create((ulong)M1).AsUInt32();
        var a0 = Avx512F.ConvertToVector512UInt64(Vector256.LoadUnsafe(ref MemoryMarshal.GetReference(c0), (nuint)i));
        var a1 = Avx512F.ConvertToVector512UInt64(Vector256.LoadUnsafe(ref MemoryMarshal.GetReference(c1), (nuint)i));
        var a2 = Avx512F.ConvertToVector512UInt64(Vector256.LoadUnsafe(ref MemoryMarshal.GetReference(c2), (nuint)i));
        var a3 = Vector512.Create((ulong)c3);
        var b0 = Avx512F.ConvertToVector512UInt64(Vector256.LoadUnsafe(ref MemoryMarshal.GetReference(c0), (nuint)(i + 8)));
        var b1 = Avx512F.ConvertToVector512UInt64(Vector256.LoadUnsafe(ref MemoryMarshal.GetReference(c1), (nuint)(i + 8)));
        var b2 = Avx512F.ConvertToVector512UInt64(Vector256.LoadUnsafe(ref MemoryMarshal.GetReference(c2), (nuint)(i + 8)));
        var b3 = a3;
        for (var r = 0; r < 10; r++)
        {
            // Round r uses the key bumped r times by the Weyl constants (wrapping 32-bit adds, as in the scalar code).
            var key0 = Vector512.Create((ulong)(k0 + ((uint)r * W0)));
            var key1 = Vector512.Create((ulong)(k1 + ((uint)r * W1)));
            var pa0 = Avx512F.Multiply(a0.AsUInt32(), m0);
            var pa1 = Avx512F.Multiply(a2.AsUInt32(), m1);
            var pb0 = Avx512F.Multiply(b0.AsUInt32(), m0);
            var pb1 = Avx512F.Multiply(b2.AsUInt32(), m1);
            a0 = Avx512F.TernaryLogic(Avx512F.ShiftRightLogical(pa1, 32), a1, key0, 0x96);
            a2 = Avx512F.TernaryLogic(Avx512F.ShiftRightLogical(pa0, 32), a3, key1, 0x96);
            a1 = pa1;
            a3 = pa0;
            b0 = Avx512F.TernaryLogic(Avx512F.ShiftRightLogical(pb1, 32), b1, key0, 0x96);
            b2 = Avx512F.TernaryLogic(Avx512F.ShiftRightLogical(pb0, 32), b3, key1, 0x96);
            b1 = pb1;
            b3 = pb0;
        }

        // VPMOVQD keeps the low 32 bits of each lane.
        Avx512F.ConvertToVector256UInt32(a0).StoreUnsafe(ref MemoryMarshal.GetReference(x0), (nuint)i);
        Avx512F.ConvertToVector256UInt32(a1).StoreUnsafe(ref MemoryMarshal.GetReference(x1), (nuint)i);
        Avx512F.ConvertToVector256UInt32(a2).StoreUnsafe(ref MemoryMarshal.GetReference(x2), (nuint)i);
        Avx512F.ConvertToVector256UInt32(a3).StoreUnsafe(ref MemoryMarshal.GetReference(x3), (nuint)i);
        Avx512F.ConvertToVector256UInt32(b0).StoreUnsafe(ref MemoryMarshal.GetReference(x0), (nuint)(i + 8));
        Avx512F.ConvertToVector256UInt32(b1).StoreUnsafe(ref MemoryMarshal.GetReference(x1), (nuint)(i + 8));
        Avx512F.ConvertToVector256UInt32(b2).StoreUnsafe(ref MemoryMarshal.GetReference(x2), (nuint)(i + 8));
        Avx512F.ConvertToVector256UInt32(b3).StoreUnsafe(ref MemoryMarshal.GetReference(x3), (nuint)(i + 8));
    }

    // AVX2: the same scheme with two groups of 4 blocks in 256-bit registers (VPMULUDQ ymm); narrowing by a permute.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Generate8Avx2(ReadOnlySpan<uint> c0, ReadOnlySpan<uint> c1, ReadOnlySpan<uint> c2, uint c3, uint k0, uint k1,
        Span<uint> x0, Span<uint> x1, Span<uint> x2, Span<uint> x3, int i)
    {
        var m0 = Vector256.Create((ulong)M0).AsUInt32();
        var m1 = Vector256.Create((ulong)M1).AsUInt32();
        var a0 = Avx2.ConvertToVector256Int64(Vector128.LoadUnsafe(ref MemoryMarshal.GetReference(c0), (nuint)i)).AsUInt64();
        var a1 = Avx2.ConvertToVector256Int64(Vector128.LoadUnsafe(ref MemoryMarshal.GetReference(c1), (nuint)i)).AsUInt64();
        var a2 = Avx2.ConvertToVector256Int64(Vector128.LoadUnsafe(ref MemoryMarshal.GetReference(c2), (nuint)i)).AsUInt64();
        var a3 = Vector256.Create((ulong)c3);
        var b0 = Avx2.ConvertToVector256Int64(Vector128.LoadUnsafe(ref MemoryMarshal.GetReference(c0), (nuint)(i + 4))).AsUInt64();
        var b1 = Avx2.ConvertToVector256Int64(Vector128.LoadUnsafe(ref MemoryMarshal.GetReference(c1), (nuint)(i + 4))).AsUInt64();
        var b2 = Avx2.ConvertToVector256Int64(Vector128.LoadUnsafe(ref MemoryMarshal.GetReference(c2), (nuint)(i + 4))).AsUInt64();
        var b3 = a3;
        for (var r = 0; r < 10; r++)
        {
            var key0 = Vector256.Create((ulong)(k0 + ((uint)r * W0)));
            var key1 = Vector256.Create((ulong)(k1 + ((uint)r * W1)));
            var pa0 = Avx2.Multiply(a0.AsUInt32(), m0);
            var pa1 = Avx2.Multiply(a2.AsUInt32(), m1);
            var pb0 = Avx2.Multiply(b0.AsUInt32(), m0);
            var pb1 = Avx2.Multiply(b2.AsUInt32(), m1);
            a0 = Avx2.ShiftRightLogical(pa1, 32) ^ a1 ^ key0;
            a2 = Avx2.ShiftRightLogical(pa0, 32) ^ a3 ^ key1;
            a1 = pa1;
            a3 = pa0;
            b0 = Avx2.ShiftRightLogical(pb1, 32) ^ b1 ^ key0;
            b2 = Avx2.ShiftRightLogical(pb0, 32) ^ b3 ^ key1;
            b1 = pb1;
            b3 = pb0;
        }

        Narrow(a0).StoreUnsafe(ref MemoryMarshal.GetReference(x0), (nuint)i);
        Narrow(a1).StoreUnsafe(ref MemoryMarshal.GetReference(x1), (nuint)i);
        Narrow(a2).StoreUnsafe(ref MemoryMarshal.GetReference(x2), (nuint)i);
        Narrow(a3).StoreUnsafe(ref MemoryMarshal.GetReference(x3), (nuint)i);
        Narrow(b0).StoreUnsafe(ref MemoryMarshal.GetReference(x0), (nuint)(i + 4));
        Narrow(b1).StoreUnsafe(ref MemoryMarshal.GetReference(x1), (nuint)(i + 4));
        Narrow(b2).StoreUnsafe(ref MemoryMarshal.GetReference(x2), (nuint)(i + 4));
        Narrow(b3).StoreUnsafe(ref MemoryMarshal.GetReference(x3), (nuint)(i + 4));
    }

    // Low 32 bits of four 64-bit lanes: gather dwords 0, 2, 4, 6 into the low 128 bits.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<uint> Narrow(Vector256<ulong> v) =>
        Avx2.PermuteVar8x32(v.AsUInt32(), Vector256.Create(0u, 2, 4, 6, 1, 3, 5, 7)).GetLower();

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
