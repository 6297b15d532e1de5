using System.Collections.Concurrent;
using LifetimeValue.Statistics;

namespace LifetimeValue.Tests.Statistics;

/// <summary>
/// The reproducibility contract: canonical chunks computed on any number of threads, partials merged in whatever
/// order they finish, give bit-identical results.
/// </summary>
public sealed class ThreadInvarianceTests
{
    private const int Chunks = 64;
    private const int ChunkSize = 2_000;

    [TestCase(1)]
    [TestCase(2)]
    [TestCase(8)]
    public void MergeInCompletionOrder_AnyThreadCount_BitIdentical(int threads)
    {
        var values = TestSamples.Mixed(Chunks * ChunkSize, 111);
        var reference = Run(values, 1);

        var actual = Run(values, threads);

        actual.Should().Equal(reference, "serialised moments, sketch and series are independent of threads and merge order");
    }

    private static byte[] Run(double[] values, int threads)
    {
        var partials = new ConcurrentQueue<(FixedPointMoments, QuantileSketch, FixedPointSeries)>();
        Parallel.For(0, Chunks, new ParallelOptions { MaxDegreeOfParallelism = threads }, chunk =>
        {
            var moments = new FixedPointMoments();
            var sketch = new QuantileSketch();
            var series = new FixedPointSeries(12);
            for (int i = chunk * ChunkSize; i < (chunk + 1) * ChunkSize; i++)
            {
                moments.Add(values[i]);
                sketch.Add(values[i]);
                series.Add(i % 12, values[i]);
            }

            partials.Enqueue((moments, sketch, series));
        });

        var totalMoments = new FixedPointMoments();
        var totalSketch = new QuantileSketch();
        var totalSeries = new FixedPointSeries(12);
        foreach (var (moments, sketch, series) in partials)
        {
            totalMoments.Merge(moments);
            totalSketch.Merge(sketch);
            totalSeries.Merge(series);
        }

        return TestSamples.ToBytes(writer =>
        {
            totalMoments.WriteTo(writer);
            totalSketch.WriteTo(writer);
            totalSeries.WriteTo(writer);
        });
    }
}
