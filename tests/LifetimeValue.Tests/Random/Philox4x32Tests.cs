using LifetimeValue.Random;

namespace LifetimeValue.Tests.Random;

/// <summary>
/// Known-answer tests from Random123 1.14 (<c>examples/kat_vectors</c>, lines "philox4x32 10 ...").
/// </summary>
public sealed class Philox4x32Tests
{
    [TestCase(0x00000000u, 0x00000000u, 0x00000000u, 0x00000000u, 0x00000000u, 0x00000000u,
        0x6627e8d5u, 0xe169c58du, 0xbc57ac4cu, 0x9b00dbd8u, TestName = "KAT counter 0 key 0")]
    [TestCase(0xffffffffu, 0xffffffffu, 0xffffffffu, 0xffffffffu, 0xffffffffu, 0xffffffffu,
        0x408f276du, 0x41c83b0eu, 0xa20bc7c6u, 0x6d5451fdu, TestName = "KAT counter all-ones key all-ones")]
    [TestCase(0x243f6a88u, 0x85a308d3u, 0x13198a2eu, 0x03707344u, 0xa4093822u, 0x299f31d0u,
        0xd16cfe09u, 0x94fdccebu, 0x5001e420u, 0x24126ea1u, TestName = "KAT counter pi key pi")]
    public void Generate_KnownAnswerVectors_MatchRandom123(uint c0, uint c1, uint c2, uint c3, uint k0, uint k1,
        uint x0, uint x1, uint x2, uint x3)
    {
        var block = Philox4x32.Generate(c0, c1, c2, c3, k0, k1);

        block.Should().Be(new Philox4x32.Block(x0, x1, x2, x3), "Random123 kat_vectors, philox4x32 10 rounds");
    }
    // The span overload runs 16 blocks per AVX-512 step and 8 per AVX2 step, then the scalar code for the rest: lengths
    // around those widths (and odd ones) put blocks in every path and at every boundary. On this process's CPU only the
    // widest path runs; IntrinsicsTests (samples tests) repeats whole runs with AVX-512 and all intrinsics switched off.
    [TestCase(0)]
    [TestCase(1)]
    [TestCase(7)]
    [TestCase(8)]
    [TestCase(9)]
    [TestCase(15)]
    [TestCase(16)]
    [TestCase(17)]
    [TestCase(23)]
    [TestCase(25)]
    [TestCase(31)]
    [TestCase(33)]
    [TestCase(1001)]
    public void Generate_Spans_MatchTheScalarGenerator_AtEveryLength(int length)
    {
        var random = new System.Random(length + 17);
        uint Next() => (uint)random.NextInt64(0, 1L << 32);
        var c0 = new uint[length];
        var c1 = new uint[length];
        var c2 = new uint[length];
        for (var i = 0; i < length; i++)
        {
            (c0[i], c1[i], c2[i]) = (Next(), Next(), Next());
        }

        uint c3 = Next(), k0 = Next(), k1 = Next();
        // One spare word at the end of each output: it must stay untouched.
        var x = Enumerable.Range(0, 4).Select(_ => Enumerable.Repeat(0xDEADBEEFu, length + 1).ToArray()).ToArray();

        Philox4x32.Generate(c0, c1, c2, c3, k0, k1, x[0], x[1], x[2], x[3]);

        for (var i = 0; i < length; i++)
        {
            var expected = Philox4x32.Generate(c0[i], c1[i], c2[i], c3, k0, k1);
            new Philox4x32.Block(x[0][i], x[1][i], x[2][i], x[3][i]).Should().Be(expected, $"block {i} of {length}");
        }

        x.Select(w => w[length]).Should().AllBeEquivalentTo(0xDEADBEEFu, "nothing is written past the counters' length");
    }

    [Test]
    public void Generate_Spans_RefuseShortOutputs()
    {
        var c = new uint[9];
        var act = () => Philox4x32.Generate(c, c, c, 0, 0, 0, new uint[9], new uint[9], new uint[8], new uint[9]);

        act.Should().Throw<ArgumentException>().WithMessage("*at least c0.Length = 9*");
    }
}
