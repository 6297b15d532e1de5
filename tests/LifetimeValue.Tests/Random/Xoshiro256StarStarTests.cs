using LifetimeValue.Random;

namespace LifetimeValue.Tests.Random;

/// <summary>
/// Reference vectors: the output of Blackman and Vigna's <c>xoshiro256starstar.c</c> for state {1, 2, 3, 4}, as
/// recorded in rust-random/rngs (<c>rand_xoshiro/src/xoshiro256starstar.rs</c>, test <c>reference</c>) and
/// morinim/xoshiro256ss (<c>test.cc</c>); SplitMix64 outputs of Vigna's <c>splitmix64.c</c> for seed
/// 1477776061723855037 (rand_xoshiro <c>splitmix64.rs</c>); jump and long jump checked against php-src
/// (<c>ext/random/tests/02_engine/xoshiro256starstar_value.phpt</c>: seed 1234, 10,000 steps, jump, long jump).
/// </summary>
public sealed class Xoshiro256StarStarTests
{
    [Test]
    public void NextUInt64_StateOneTwoThreeFour_MatchesReferenceOutput()
    {
        ulong[] expected =
        [
            11520, 0, 1509978240, 1215971899390074240, 1216172134540287360,
            607988272756665600, 16172922978634559625, 8476171486693032832,
            10595114339597558777, 2904607092377533576,
        ];
        var generator = new Xoshiro256StarStar(1, 2, 3, 4);

        var actual = expected.Select(_ => generator.NextUInt64()).ToArray();

        actual.Should().Equal(expected, "xoshiro256starstar.c reference output for s = {1, 2, 3, 4}");
    }

    [Test]
    public void FromSplitMix64_Seed_StateIsFirstFourSplitMix64Outputs()
    {
        // splitmix64.c from seed 1477776061723855037: 1985237415132408290, 2979275885539914483,
        // 13511426838097143398, 8488337342461049707.
        var seeded = Xoshiro256StarStar.FromSplitMix64(1477776061723855037);
        var direct = new Xoshiro256StarStar(1985237415132408290, 2979275885539914483, 13511426838097143398, 8488337342461049707);

        Outputs(ref seeded, 16).Should().Equal(Outputs(ref direct, 16), "splitmix64.c reference outputs as the state");
    }

    [Test]
    public void JumpAndLongJump_PhpReference_MatchesValue()
    {
        var generator = Xoshiro256StarStar.FromSplitMix64(1234);
        for (int i = 0; i < 10_000; i++)
        {
            generator.NextUInt64();
        }

        generator.Jump();
        generator.LongJump();

        // php-src prints the output's 8 little-endian bytes: 1f197e9ca7969123.
        generator.NextUInt64().Should().Be(0x239196A79C7E191FUL, "php-src xoshiro256starstar_value.phpt");
    }

    [Test]
    public void Jump_CommutesWithStepping()
    {
        var a = Xoshiro256StarStar.FromSplitMix64(5);
        var b = a;
        a.Jump();
        a.NextUInt64();
        b.NextUInt64();
        b.Jump();

        Outputs(ref a, 4).Should().Equal(Outputs(ref b, 4), "a jump is a power of the (linear) transition, so it commutes with a step");
    }

    [Test]
    public void FromBlock_SameBlock_SameSequenceDifferentBlockDifferentSequence()
    {
        var block = new DrawSequence(11, 0, 123, DrawPurpose.StreamSeed).Block(0);
        var a = Xoshiro256StarStar.FromBlock(block);
        var b = Xoshiro256StarStar.FromBlock(block);
        var c = Xoshiro256StarStar.FromBlock(new DrawSequence(11, 0, 124, DrawPurpose.StreamSeed).Block(0));
        var d = Xoshiro256StarStar.FromBlock(block with { X3 = block.X3 ^ 1 });

        var first = Outputs(ref a, 8);
        first.Should().Equal(Outputs(ref b, 8), "a pure function of the block");
        first.Should().NotEqual(Outputs(ref c, 8), "another customer's block");
        first.Should().NotEqual(Outputs(ref d, 8), "the high 64 bits of the block enter the state");
    }

    [Test]
    public void FromBlock_ZeroBlock_IsValid()
    {
        var generator = Xoshiro256StarStar.FromBlock(default);

        Outputs(ref generator, 4).Should().Contain(x => x != 0, "SplitMix64 never yields two zero outputs in a row");
    }

    [Test]
    public void NextOpenUnit_MillionDraws_InOpenIntervalWithMeanHalf()
    {
        var generator = Xoshiro256StarStar.FromSplitMix64(2026);
        double sum = 0, min = 1, max = 0;
        for (int i = 0; i < 1_000_000; i++)
        {
            double u = generator.NextOpenUnit();
            sum += u;
            min = Math.Min(min, u);
            max = Math.Max(max, u);
        }

        min.Should().BeGreaterThan(0);
        max.Should().BeLessThan(1);
        (sum / 1_000_000).Should().BeApproximately(0.5, 4 * Math.Sqrt(1.0 / 12 / 1_000_000), "U(0,1): 4 standard errors of the mean");
    }

    [Test]
    public void NextOpenUnit_ExtremeWords_StrictlyInsideUnitInterval()
    {
        // The largest 52-bit value gives (2^52 − ½)·2^-52 = 1 − 2^-53 < 1; the smallest gives 2^-53 > 0.
        double top = ((ulong.MaxValue >> 12) + 0.5) / 4503599627370496.0;
        double bottom = (0 + 0.5) / 4503599627370496.0;

        top.Should().BeLessThan(1.0, "hand calc: 1 − 2^-53 is representable");
        bottom.Should().BeGreaterThan(0.0);
    }

    [Test]
    public void Constructor_AllZeroState_Throws()
    {
        var act = () => new Xoshiro256StarStar(0, 0, 0, 0);

        act.Should().Throw<ArgumentException>().WithMessage("*must not be all zero*");
    }

    private static ulong[] Outputs(ref Xoshiro256StarStar generator, int count)
    {
        var outputs = new ulong[count];
        for (int i = 0; i < count; i++)
        {
            outputs[i] = generator.NextUInt64();
        }

        return outputs;
    }
}
