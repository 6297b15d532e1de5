using LifetimeValue.Statistics;

namespace LifetimeValue.Tests.Statistics;

/// <summary>The engine's hot loop calls Add millions of times per second: steady-state adds must not allocate.</summary>
public sealed class HotPathAllocationTests
{
    private const int Adds = 100_000;

    [Test]
    public void FixedPointMomentsAdd_SteadyState_AllocatesNothing()
    {
        var values = TestSamples.Mixed(Adds, 101);
        var moments = new FixedPointMoments();
        moments.Add(1.0); // JIT warm-up

        long before = GC.GetAllocatedBytesForCurrentThread();
        foreach (double value in values)
        {
            moments.Add(value);
        }

        (GC.GetAllocatedBytesForCurrentThread() - before).Should().Be(0, "GC allocation counter of the current thread");
    }

    [Test]
    public void FixedPointSeriesAdd_SteadyState_AllocatesNothing()
    {
        var values = TestSamples.LogNormal(Adds, 3, 1, 102);
        var series = new FixedPointSeries(120);
        series.Add(0, 1.0);

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < values.Length; i++)
        {
            series.Add(i % 120, values[i]);
        }

        (GC.GetAllocatedBytesForCurrentThread() - before).Should().Be(0, "GC allocation counter of the current thread");
    }

    [Test]
    public void QuantileSketchAdd_SteadyState_AllocatesNothing()
    {
        var values = TestSamples.Mixed(Adds, 103);
        var sketch = new QuantileSketch();
        sketch.AddRange(values); // grows the stores to the data's range once

        long before = GC.GetAllocatedBytesForCurrentThread();
        foreach (double value in values)
        {
            sketch.Add(value);
        }

        (GC.GetAllocatedBytesForCurrentThread() - before).Should().Be(0, "GC allocation counter of the current thread");
    }
}
