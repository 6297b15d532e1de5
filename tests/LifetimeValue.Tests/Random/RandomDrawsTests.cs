using LifetimeValue.Random;

namespace LifetimeValue.Tests.Random;

public sealed partial class RandomDrawsTests
{
    private const double TwoPowMinus53 = 1.0 / 9007199254740992.0;

    [Test]
    public void OpenUnit_AllZeroWords_IsHalfUlpAboveZero()
    {
        double u = RandomDraws.OpenUnit(0, 0);

        u.Should().Be(TwoPowMinus53, "documented: (0 + ½)·2⁻⁵² = 2⁻⁵³");
        u.Should().BeGreaterThan(0.0);
        Math.Log(u).Should().BeLessThan(0).And.Match(x => double.IsFinite(x), "log of the smallest draw is finite");
    }

    [Test]
    public void OpenUnit_AllOnesWords_IsBelowOne()
    {
        double u = RandomDraws.OpenUnit(uint.MaxValue, uint.MaxValue);

        u.Should().BeLessThan(1.0, "documented: the open interval (0, 1); log(1 − u) must stay finite");
    }

    [Test]
    public void OpenUnit_LargestDrawBelowTopBucket_IsBelowOne()
    {
        // Bit 11 cleared: the top 52 bits are still all ones, k = 2^52 − 1, draw (k + ½)·2^-52 = 1 − 2^-53 < 1.
        double u = RandomDraws.OpenUnit(uint.MaxValue, uint.MaxValue - (1u << 11));

        u.Should().BeLessThan(1.0, "hand calc: 1 − 2⁻⁵³");
    }

    [Test]
    public void BernoulliThreshold_Zero_IsZeroSoNeverSucceeds()
    {
        ulong threshold = RandomDraws.BernoulliThreshold(0.0);

        threshold.Should().Be(0UL, "hand calc ⌊0·2³²⌋");
        (uint.MinValue < threshold).Should().BeFalse("no 32-bit word is below 0");
    }

    [Test]
    public void BernoulliThreshold_One_IsTwoPow32SoAlwaysSucceeds()
    {
        ulong threshold = RandomDraws.BernoulliThreshold(1.0);

        threshold.Should().Be(1UL << 32, "hand calc ⌊1·2³²⌋");
        (uint.MaxValue < threshold).Should().BeTrue("every 32-bit word is below 2³²");
    }

    [Test]
    public void BernoulliThreshold_Half_IsTwoPow31()
    {
        RandomDraws.BernoulliThreshold(0.5).Should().Be(1UL << 31, "hand calc ⌊0.5·2³²⌋: exactly half the words succeed");
    }

    [TestCase(-0.1)]
    [TestCase(1.0000001)]
    [TestCase(double.NaN)]
    [TestCase(double.PositiveInfinity)]
    public void BernoulliThreshold_InvalidProbability_ThrowsNamingProbability(double probability)
    {
        var act = () => RandomDraws.BernoulliThreshold(probability);

        act.Should().Throw<ArgumentOutOfRangeException>().WithParameterName(nameof(probability))
            .WithMessage("probability must be in [0, 1]*");
    }

    [Test]
    public void StandardNormalPair_Block_IsBoxMullerOfTheTwoUniforms()
    {
        var block = new Philox4x32.Block(0x12345678, 0x9ABCDEF0, 0x0FEDCBA9, 0x87654321);
        double u1 = RandomDraws.OpenUnit(block.X0, block.X1), u2 = RandomDraws.OpenUnit(block.X2, block.X3);

        var (z0, z1) = RandomDraws.StandardNormalPair(block);

        double radius = Math.Sqrt(-2 * Math.Log(u1));
        z0.Should().BeApproximately(radius * Math.Cos(2 * Math.PI * u2), 1e-15, "Box–Muller by hand, within rounding");
        z1.Should().BeApproximately(radius * Math.Sin(2 * Math.PI * u2), 1e-15, "Box–Muller by hand, within rounding");
    }
}
