using BenchmarkDotNet.Attributes;
using LifetimeValue.Statistics;

namespace LifetimeValue.Benchmarks.Statistics;

/// <summary>
/// The streaming statistics every simulated lifetime goes through: <c>QuantileSketch.AddRange</c> and
/// <c>FixedPointMoments.AddRange</c> per value (W1-like PVs), and merging two W1-sized sketches (per chunk/worker).
/// </summary>
[Config(typeof(BenchConfig))]
public class QuantileSketchBenchmarks
{
    private const int Values = 16_384;
    private readonly double[] _values = new double[Values];
    private readonly QuantileSketch _sketch = new();
    private readonly QuantileSketch _other = new();
    private readonly FixedPointMoments _moments = new();

    [GlobalSetup]
    public void Setup()
    {
        var rng = new System.Random(1);
        for (var i = 0; i < Values; i++)
        {
            // Roughly W1's PV distribution: a mass near −300 and a long right tail to a few thousand.
            _values[i] = -650 + (rng.NextDouble() * 500) + (rng.NextDouble() < 0.3 ? rng.NextDouble() * 6000 : 0);
        }

        _other.AddRange(_values);
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Values)]
    public long SketchInsert()
    {
        _sketch.AddRange(_values);
        return _sketch.Count;
    }

    [Benchmark(OperationsPerInvoke = Values)]
    public long MomentsInsert()
    {
        _moments.Clear();
        _moments.AddRange(_values);
        return _moments.Count;
    }

    /// <summary>One merge of two sketches of W1-like PVs (per operation, not per value).</summary>
    [Benchmark]
    public long SketchMerge()
    {
        _sketch.Clear();
        _sketch.Merge(_other);
        return _sketch.Count;
    }
}
