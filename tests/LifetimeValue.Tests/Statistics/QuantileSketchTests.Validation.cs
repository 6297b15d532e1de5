using LifetimeValue.Statistics;

namespace LifetimeValue.Tests.Statistics;

public sealed partial class QuantileSketchTests
{
    [TestCase(double.NaN)]
    [TestCase(double.PositiveInfinity)]
    [TestCase(double.NegativeInfinity)]
    public void Add_NonFinite_ThrowsNamingValue(double value)
    {
        var sketch = new QuantileSketch();

        var act = () => sketch.Add(value);

        act.Should().Throw<ArgumentOutOfRangeException>().WithParameterName(nameof(value)).WithMessage("value must be a finite number*");
        sketch.Count.Should().Be(0);
    }

    [Test]
    public void Add_BeyondBucketCap_ThrowsClearMessage()
    {
        var sketch = new QuantileSketch(maxBucketCount: 1000);
        sketch.Add(1.0);

        var act = () => sketch.Add(1e9);

        act.Should().Throw<InvalidOperationException>().WithMessage("QuantileSketch store would need * buckets*maxBucketCount is 1000*");
        sketch.Count.Should().Be(1, "a rejected value is not counted");
    }

    [TestCase(-0.1)]
    [TestCase(1.1)]
    [TestCase(double.NaN)]
    public void Quantile_InvalidProbability_ThrowsNamingP(double p)
    {
        var sketch = new QuantileSketch();
        sketch.Add(1.0);

        var act = () => sketch.Quantile(p);

        act.Should().Throw<ArgumentOutOfRangeException>().WithParameterName(nameof(p)).WithMessage("p must be in [0, 1]*");
    }

    [Test]
    public void Quantiles_InvalidEntry_ThrowsNamingIndex()
    {
        var sketch = new QuantileSketch();
        sketch.Add(1.0);

        var act = () => sketch.Quantiles(0.5, 2.0);

        act.Should().Throw<ArgumentOutOfRangeException>().WithParameterName("ps[1]");
    }

    [Test]
    public void Quantile_Empty_ThrowsInvalidOperation()
    {
        var act = () => new QuantileSketch().Quantile(0.5);

        act.Should().Throw<InvalidOperationException>().WithMessage("The sketch is empty*");
    }

    [TestCase(0.0)]
    [TestCase(1.0)]
    [TestCase(double.NaN)]
    public void ValueAtRisk_InvalidConfidence_ThrowsNamingConfidenceLevel(double confidenceLevel)
    {
        var sketch = new QuantileSketch();
        sketch.Add(1.0);

        var act = () => sketch.ValueAtRisk(confidenceLevel);
        var actEs = () => sketch.ExpectedShortfall(confidenceLevel);

        act.Should().Throw<ArgumentOutOfRangeException>().WithParameterName(nameof(confidenceLevel)).WithMessage("confidenceLevel must be in (0, 1)*");
        actEs.Should().Throw<ArgumentOutOfRangeException>().WithParameterName(nameof(confidenceLevel));
    }

    [TestCase(0.0, 1e-9, 65536, "relativeAccuracy")]
    [TestCase(0.6, 1e-9, 65536, "relativeAccuracy")]
    [TestCase(double.NaN, 1e-9, 65536, "relativeAccuracy")]
    [TestCase(0.005, 0.0, 65536, "minIndexableValue")]
    [TestCase(0.005, double.PositiveInfinity, 65536, "minIndexableValue")]
    [TestCase(0.005, 1e-9, 0, "maxBucketCount")]
    public void Constructor_InvalidParameter_ThrowsNamingIt(double relativeAccuracy, double minIndexableValue, int maxBucketCount, string name)
    {
        var act = () => new QuantileSketch(relativeAccuracy, minIndexableValue, maxBucketCount);

        act.Should().Throw<ArgumentOutOfRangeException>().WithParameterName(name);
    }
}
