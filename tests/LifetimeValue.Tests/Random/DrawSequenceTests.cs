using LifetimeValue.Random;

namespace LifetimeValue.Tests.Random;

public sealed class DrawSequenceTests
{
    public static IEnumerable<TestCaseData> Streams()
    {
        yield return new TestCaseData(0UL, 0L, 0L, DrawPurpose.Attrition, 0u);
        yield return new TestCaseData(0x0123456789ABCDEFUL, 7L, 1_000_003L, DrawPurpose.Adoption, 11u);
        yield return new TestCaseData(ulong.MaxValue, (long)uint.MaxValue, DrawSequence.MaxCustomer, DrawPurpose.Calibration, uint.MaxValue);
        yield return new TestCaseData(42UL, 3L, (1L << 32) + 5, DrawPurpose.StreamSeed, 600u);
    }

    [TestCaseSource(nameof(Streams))]
    public void Block_Index_MatchesDocumentedCounterLayout(ulong seed, long scenario, long customer, DrawPurpose purpose, uint index)
    {
        var sequence = new DrawSequence(seed, scenario, customer, purpose);

        // Documented layout: c0 = index, c1 = customer low 32 bits, c2 = customer bits 32–47 | purpose << 16,
        // c3 = scenario; key = seed (k0 low word).
        var expected = Philox4x32.Generate(index, (uint)customer, (uint)(customer >> 32) | ((uint)purpose << 16), (uint)scenario,
            (uint)seed, (uint)(seed >> 32));

        sequence.Block(index).Should().Be(expected, "Philox4x32.Generate with the counter layout of the DrawSequence remarks");
    }

    [TestCaseSource(nameof(Streams))]
    public void OpenUniformAndBernoulli_Index_UseWordsOfTheBlock(ulong seed, long scenario, long customer, DrawPurpose purpose, uint index)
    {
        var sequence = new DrawSequence(seed, scenario, customer, purpose);
        var block = sequence.Block(index);
        ulong threshold = RandomDraws.BernoulliThreshold(0.3);

        sequence.OpenUniform(index).Should().Be(RandomDraws.OpenUnit(block.X0, block.X1), "documented: words X0, X1");
        sequence.Bernoulli(index, threshold).Should().Be(block.X0 < threshold, "documented: word X0 < threshold");
    }

    [Test]
    public void Block_DifferentIndices_DifferentBlocks()
    {
        var baseline = new DrawSequence(1, 2, 3, DrawPurpose.Attrition);
        var others = new[]
        {
            new DrawSequence(1, 2, 3, DrawPurpose.Adoption),
            new DrawSequence(1, 2, 4, DrawPurpose.Attrition),
            new DrawSequence(1, 2, 3 + (1L << 32), DrawPurpose.Attrition), // differs only in customer bits 32–47
            new DrawSequence(1, 3, 3, DrawPurpose.Attrition),
            new DrawSequence(2, 2, 3, DrawPurpose.Attrition),
            new DrawSequence(1UL + (1UL << 32), 2, 3, DrawPurpose.Attrition), // differs only in the key's high word
        };

        var blocks = others.Select(s => s.Block(0)).Append(baseline.Block(0)).Append(baseline.Block(1)).ToList();

        blocks.Should().OnlyHaveUniqueItems("each of purpose, customer (both words), scenario, seed and index enters the counter or key");
    }

    [Test]
    public void Block_AllPurposes_PairwiseDistinct()
    {
        var blocks = Enum.GetValues<DrawPurpose>().Select(p => new DrawSequence(9, 9, 9, p).Block(9)).ToList();

        blocks.Should().OnlyHaveUniqueItems("the purpose is part of the counter");
    }

    [Test]
    public void Block_SameArguments_SameBlock()
    {
        var a = new DrawSequence(5, 6, 7, DrawPurpose.Purchase);
        var b = new DrawSequence(5, 6, 7, DrawPurpose.Purchase);

        a.Block(8).Should().Be(b.Block(8), "a draw is a pure function of its indices");
        a.Should().Be(b);
        (a == b).Should().BeTrue();
        a.GetHashCode().Should().Be(b.GetHashCode());
        (a != new DrawSequence(5, 6, 8, DrawPurpose.Purchase)).Should().BeTrue();
    }

    [Test]
    public void Constructor_ValidArguments_ExposesThem()
    {
        var sequence = new DrawSequence(17, 4, 99, DrawPurpose.RateShock);

        sequence.Seed.Should().Be(17UL);
        sequence.Scenario.Should().Be(4);
        sequence.Customer.Should().Be(99);
        sequence.Purpose.Should().Be(DrawPurpose.RateShock);
    }

    [TestCase(-1L)]
    [TestCase(1L << 32)]
    public void Constructor_ScenarioOutOfRange_ThrowsNamingScenario(long scenario)
    {
        var act = () => new DrawSequence(0, scenario, 0, DrawPurpose.Attrition);

        act.Should().Throw<ArgumentOutOfRangeException>().WithParameterName(nameof(scenario)).WithMessage("scenario must be in [0, 4294967295]*");
    }

    [TestCase(-1L)]
    [TestCase(1L << 48)]
    public void Constructor_CustomerOutOfRange_ThrowsNamingCustomer(long customer)
    {
        var act = () => new DrawSequence(0, 0, customer, DrawPurpose.Attrition);

        act.Should().Throw<ArgumentOutOfRangeException>().WithParameterName(nameof(customer)).WithMessage("customer must be in [0, 281474976710655]*");
    }
}
