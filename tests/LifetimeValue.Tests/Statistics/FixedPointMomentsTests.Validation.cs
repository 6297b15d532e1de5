using LifetimeValue.Statistics;

namespace LifetimeValue.Tests.Statistics;

public sealed partial class FixedPointMomentsTests
{
    private const double Huge = 8e12; // q ≈ 8.4e18, q² ≈ 7.0e37: the third square overflows Int128 (1.7e38)

    [TestCase(double.NaN)]
    [TestCase(double.PositiveInfinity)]
    [TestCase(double.NegativeInfinity)]
    [TestCase(FixedPointMoments.MaxMagnitude)]
    [TestCase(-FixedPointMoments.MaxMagnitude)]
    [TestCase(1e300)]
    public void Add_NonFiniteOrTooLarge_ThrowsNamingValue(double value)
    {
        var moments = new FixedPointMoments();

        var act = () => moments.Add(value);

        act.Should().Throw<ArgumentOutOfRangeException>().WithParameterName(nameof(value))
            .WithMessage("value must be a finite number with magnitude below 2^43*");
        moments.Count.Should().Be(0, "nothing is added on failure");
    }

    [Test]
    public void Add_LargestAllowedMagnitude_IsAccepted()
    {
        var moments = new FixedPointMoments();

        moments.Add(Math.BitDecrement(FixedPointMoments.MaxMagnitude));
        moments.Add(-Math.BitDecrement(FixedPointMoments.MaxMagnitude));

        moments.Sum.Should().Be(Int128.Zero, "symmetric values cancel exactly");
    }

    [Test]
    public void Add_SumOfSquaresOverflow_ThrowsClearMessageAndKeepsState()
    {
        var moments = new FixedPointMoments();
        moments.Add(Huge);
        moments.Add(Huge);
        var before = moments.Clone();

        var act = () => moments.Add(Huge);

        act.Should().Throw<OverflowException>().WithMessage("*sum of squares*");
        moments.Count.Should().Be(2, "a failed add changes nothing");
        moments.SumOfSquares.Should().Be(before.SumOfSquares);
    }

    [Test]
    public void Merge_SumOfSquaresOverflow_ThrowsClearMessageAndKeepsState()
    {
        var a = new FixedPointMoments();
        a.AddRange([Huge, Huge]);
        var b = a.Clone();

        var act = () => a.Merge(b);

        act.Should().Throw<OverflowException>().WithMessage("Merging would overflow*");
        a.Count.Should().Be(2, "a failed merge changes nothing");
        a.SumOfSquares.Should().Be(b.SumOfSquares);
    }

    [Test]
    public void Merge_Null_Throws()
    {
        var act = () => new FixedPointMoments().Merge(null!);

        act.Should().Throw<ArgumentNullException>().WithParameterName("other");
    }

    [Test]
    public void WriteTo_ReadFrom_RoundTripsBitIdentical()
    {
        var moments = new FixedPointMoments();
        moments.AddRange(TestSamples.Mixed(1000, 5));

        var bytes = TestSamples.ToBytes(moments.WriteTo);
        var copy = TestSamples.FromBytes(bytes, FixedPointMoments.ReadFrom);

        bytes.Should().HaveCount(64, "documented record size");
        copy.Count.Should().Be(moments.Count);
        copy.Sum.Should().Be(moments.Sum);
        copy.SumOfSquares.Should().Be(moments.SumOfSquares);
        copy.ToSummary().Should().Be(moments.ToSummary(), "same integers give the same summary");
        TestSamples.ToBytes(copy.WriteTo).Should().Equal(bytes, "re-serialising gives the same bytes");
    }

    [Test]
    public void WriteTo_ReadFrom_EmptyRoundTrips()
    {
        var bytes = TestSamples.ToBytes(new FixedPointMoments().WriteTo);

        var copy = TestSamples.FromBytes(bytes, FixedPointMoments.ReadFrom);

        copy.Count.Should().Be(0);
        copy.Min.Should().Be(double.PositiveInfinity);
    }

    [Test]
    public void ReadFrom_NegativeSum_RoundTripsSign()
    {
        var moments = new FixedPointMoments();
        moments.AddRange([-1e6, -2e6]);

        var copy = TestSamples.FromBytes(TestSamples.ToBytes(moments.WriteTo), FixedPointMoments.ReadFrom);

        copy.Sum.Should().Be(moments.Sum, "the high word of a negative Int128 must round-trip");
    }

    [TestCase(0, TestName = "ReadFrom_WrongMagic_ThrowsInvalidData")]
    [TestCase(4, TestName = "ReadFrom_WrongVersion_ThrowsInvalidData")]
    [TestCase(5, TestName = "ReadFrom_WrongScale_ThrowsInvalidData")]
    [TestCase(8, TestName = "ReadFrom_InconsistentCount_ThrowsInvalidData")]
    public void ReadFrom_CorruptByte_ThrowsInvalidData(int offset)
    {
        var moments = new FixedPointMoments();
        moments.AddRange([1.0, 2.0]);
        var bytes = TestSamples.ToBytes(moments.WriteTo);
        bytes[offset] = 0xFF;
        bytes[offset + 1] = 0xFF;
        bytes[offset + 7] = offset == 8 ? (byte)0xFF : bytes[offset + 7]; // count −1 (negative)

        var act = () => TestSamples.FromBytes(bytes, FixedPointMoments.ReadFrom);

        act.Should().Throw<InvalidDataException>();
    }

    [Test]
    public void ReadFrom_SumOfSquaresBelowCauchySchwarz_ThrowsInvalidData()
    {
        var moments = new FixedPointMoments();
        moments.AddRange([1000.0, 1000.0]);
        var bytes = TestSamples.ToBytes(moments.WriteTo);
        Array.Clear(bytes, 32, 16); // S2 = 0 although S1 ≠ 0: n·S2 < S1² would give a negative variance

        var act = () => TestSamples.FromBytes(bytes, FixedPointMoments.ReadFrom);

        act.Should().Throw<InvalidDataException>().WithMessage("*inconsistent*");
    }

    [Test]
    public void ReadFrom_Truncated_ThrowsEndOfStream()
    {
        var moments = new FixedPointMoments();
        moments.Add(1.0);
        var bytes = TestSamples.ToBytes(moments.WriteTo)[..40];

        var act = () => TestSamples.FromBytes(bytes, FixedPointMoments.ReadFrom);

        act.Should().Throw<EndOfStreamException>();
    }
}
