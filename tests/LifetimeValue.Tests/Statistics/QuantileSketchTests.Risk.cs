using LifetimeValue.Statistics;

namespace LifetimeValue.Tests.Statistics;

public sealed partial class QuantileSketchTests
{
    [TestCase(0.95)]
    [TestCase(0.99)]
    [TestCase(0.5)]
    public void ValueAtRisk_Confidence_EqualsLowerTailQuantile(double confidenceLevel)
    {
        var sketch = new QuantileSketch();
        sketch.AddRange(TestSamples.Mixed(20_000, 81));

        sketch.ValueAtRisk(confidenceLevel).Should().Be(sketch.Quantile(1 - confidenceLevel), "documented: VaR_c = Quantile(1 − c), sign of CLV");
    }

    public static IEnumerable<TestCaseData> RiskSamples()
    {
        yield return new TestCaseData("LogNormal(7, 2)", TestSamples.LogNormal(100_000, 7, 2, 82));
        yield return new TestCaseData("Normal(0, 1000)", TestSamples.Normal(100_000, 0, 1000, 83));
        yield return new TestCaseData("Mixed", TestSamples.Mixed(100_000, 84));
    }

    [TestCaseSource(nameof(RiskSamples))]
    public void ExpectedShortfall_Sample_WithinBoundOfExact(string name, double[] values)
    {
        var sketch = new QuantileSketch();
        sketch.AddRange(values);
        var exact = new ExactQuantiles();
        exact.AddRange(values);
        var sorted = values.Order().ToArray();

        foreach (double c in new[] { 0.5, 0.9, 0.95, 0.99, 0.999 })
        {
            int tail = (int)Math.Floor((1 - c) * (values.Length - 1)) + 1;
            double meanAbs = sorted.Take(tail).Average(Math.Abs);
            double bound = (0.005 * meanAbs * (1 + Slack)) + sketch.MinIndexableValue;

            sketch.ExpectedShortfall(c).Should().BeApproximately(exact.ExpectedShortfall(c), bound,
                $"{name}, c = {c}: ExactQuantiles ES; documented bound α·mean|x| over the tail + m");
            sketch.ExpectedShortfall(c).Should().BeLessThanOrEqualTo(sketch.ValueAtRisk(c), "ES includes VaR and smaller values only");
            sketch.ValueAtRisk(c).Should().BeApproximately(exact.ValueAtRisk(c), (0.005 * Math.Abs(exact.ValueAtRisk(c)) * (1 + Slack)) + sketch.MinIndexableValue,
                $"{name}, c = {c}: ExactQuantiles VaR within α|q|");
        }
    }

    [Test]
    public void ExpectedShortfall_Empty_ThrowsInvalidOperation()
    {
        var act = () => new QuantileSketch().ExpectedShortfall(0.95);

        act.Should().Throw<InvalidOperationException>();
    }
}
