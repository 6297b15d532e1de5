using System.Numerics;
using System.Runtime.CompilerServices;

namespace LifetimeValue.Random;

/// <summary>
/// The xoshiro256** 1.0 sequential generator (Blackman and Vigna, "Scrambled linear pseudorandom number generators",
/// ACM TOMS 47(4), 2021; reference code <c>xoshiro256starstar.c</c>, https://prng.di.unimi.it/), for per-path
/// sequential streams seeded from one Philox block.
/// </summary>
/// <remarks>
/// <para>
/// Use it where a path needs a long, variable number of draws (event-time sampling, rejection loops) that a
/// counter layout cannot index in advance: seed one generator per (seed, scenario, customer) from the block
/// <c>new DrawSequence(seed, scenario, customer, DrawPurpose.StreamSeed).Block(0)</c> with <see cref="FromBlock"/>,
/// so the stream still depends only on those indices and stays reproducible whatever the thread count.
/// </para>
/// <para>
/// Step (256-bit state s₀…s₃): output rotl(s₁·5, 7)·9; t = s₁ ≪ 17; s₂ ^= s₀; s₃ ^= s₁; s₁ ^= s₂; s₀ ^= s₃;
/// s₂ ^= t; s₃ = rotl(s₃, 45). Period 2²⁵⁶ − 1; the all-zero state is excluded. Integer operations only, so the
/// sequence is bit-identical on every platform and device.
/// </para>
/// <para>
/// A mutable struct, so that a generator lives on the stack or in a struct-of-arrays without allocation: pass it
/// by <see langword="ref"/>; a copy continues the same sequence independently. <c>default</c> is the invalid
/// all-zero state (it outputs zeros forever): always create a generator with <see cref="FromBlock"/>,
/// <see cref="FromSplitMix64"/> or the state constructor, which reject it.
/// </para>
/// <para>Thread safety: not thread-safe; one generator per path or thread.</para>
/// </remarks>
public struct Xoshiro256StarStar
{
    private const double TwoPow52Inv = 1.0 / 4503599627370496.0;

    private ulong _s0, _s1, _s2, _s3;

    /// <summary>Creates a generator from a raw 256-bit state (as the reference code's <c>s[0..3]</c>).</summary>
    /// <param name="s0">State word 0.</param>
    /// <param name="s1">State word 1.</param>
    /// <param name="s2">State word 2.</param>
    /// <param name="s3">State word 3.</param>
    /// <exception cref="ArgumentException">All four words are zero (the generator would output zeros forever).</exception>
    public Xoshiro256StarStar(ulong s0, ulong s1, ulong s2, ulong s3)
    {
        if ((s0 | s1 | s2 | s3) == 0)
        {
            throw new ArgumentException("The xoshiro256** state must not be all zero.", nameof(s0));
        }

        _s0 = s0;
        _s1 = s1;
        _s2 = s2;
        _s3 = s3;
    }

    /// <summary>
    /// Seeds from a 64-bit value by SplitMix64 expansion, the seeding the authors recommend: the state is the first
    /// four outputs of SplitMix64 (Vigna, <c>splitmix64.c</c>) started at <paramref name="seed"/>.
    /// </summary>
    /// <param name="seed">Any 64-bit value.</param>
    /// <returns>A generator; never in the all-zero state.</returns>
    public static Xoshiro256StarStar FromSplitMix64(ulong seed)
    {
        ulong x = seed;
        return new Xoshiro256StarStar(SplitMix64(ref x), SplitMix64(ref x), SplitMix64(ref x), SplitMix64(ref x));
    }

    /// <summary>
    /// Seeds from one 128-bit Philox block, keeping all 128 bits: s₀, s₁ are the first two SplitMix64 outputs started
    /// at X1:X0 (X0 the low word) and s₂, s₃ the first two started at X3:X2.
    /// </summary>
    /// <param name="block">A Philox block, typically <see cref="DrawSequence.Block"/> of a <see cref="DrawPurpose.StreamSeed"/> sequence.</param>
    /// <returns>A generator; never in the all-zero state (SplitMix64's output mix is a bijection, so two consecutive outputs are never both zero).</returns>
    public static Xoshiro256StarStar FromBlock(Philox4x32.Block block)
    {
        ulong low = ((ulong)block.X1 << 32) | block.X0;
        ulong high = ((ulong)block.X3 << 32) | block.X2;
        ulong s0 = SplitMix64(ref low), s1 = SplitMix64(ref low);
        ulong s2 = SplitMix64(ref high), s3 = SplitMix64(ref high);
        return new Xoshiro256StarStar(s0, s1, s2, s3);
    }

    /// <summary>The next 64 random bits (the reference code's <c>next()</c>).</summary>
    /// <returns>A uniformly distributed 64-bit value.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ulong NextUInt64()
    {
        // Scrambler **: multiply, rotate, multiply the second word.
        ulong result = BitOperations.RotateLeft(_s1 * 5, 7) * 9;

        // Linear engine xoshiro: xor, shift, rotate.
        ulong t = _s1 << 17;
        _s2 ^= _s0;
        _s3 ^= _s1;
        _s1 ^= _s2;
        _s0 ^= _s3;
        _s2 ^= t;
        _s3 = BitOperations.RotateLeft(_s3, 45);
        return result;
    }

    /// <summary>
    /// A uniform double in the open interval (0, 1): (k + ½)·2⁻⁵² for k the top 52 bits of <see cref="NextUInt64"/>.
    /// 52 bits rather than 53 so that k + ½ is exact and the result can be neither 0 nor 1.
    /// </summary>
    /// <returns>A double in [2⁻⁵³, 1 − 2⁻⁵³].</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public double NextOpenUnit() => ((NextUInt64() >> 12) + 0.5) * TwoPow52Inv;

    /// <summary>Advances the state by 2¹²⁸ steps (the reference code's <c>jump()</c>), for 2¹²⁸ non-overlapping subsequences.</summary>
    public void Jump() => JumpBy(0x180EC6D33CFD0ABA, 0xD5A61266F0C9392C, 0xA9582618E03FC9AA, 0x39ABDC4529B1661C);

    /// <summary>Advances the state by 2¹⁹² steps (the reference code's <c>long_jump()</c>).</summary>
    public void LongJump() => JumpBy(0x76E15D3EFEFDCBBF, 0xC5004E441C522FB3, 0x77710069854EE241, 0x39109BB02ACBE635);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong SplitMix64(ref ulong x)
    {
        // Vigna's splitmix64.c: Weyl increment by the golden ratio, then the variant-13 finaliser.
        ulong z = x += 0x9E3779B97F4A7C15;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EB;
        return z ^ (z >> 31);
    }

    private void JumpBy(ulong j0, ulong j1, ulong j2, ulong j3)
    {
        // Polynomial jump: xor together the states at the set bits of the jump polynomial.
        ulong a0 = 0, a1 = 0, a2 = 0, a3 = 0;
        foreach (ulong word in (ReadOnlySpan<ulong>)[j0, j1, j2, j3])
        {
            for (int bit = 0; bit < 64; bit++)
            {
                if ((word & (1UL << bit)) != 0)
                {
                    a0 ^= _s0;
                    a1 ^= _s1;
                    a2 ^= _s2;
                    a3 ^= _s3;
                }

                NextUInt64();
            }
        }

        _s0 = a0;
        _s1 = a1;
        _s2 = a2;
        _s3 = a3;
    }
}
