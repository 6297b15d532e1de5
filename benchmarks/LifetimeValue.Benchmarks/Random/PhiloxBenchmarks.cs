using BenchmarkDotNet.Attributes;
using LifetimeValue.Random;

namespace LifetimeValue.Benchmarks.Random;

/// <summary>
/// Philox4x32-10 cost per 128-bit block (four 32-bit draws): the scalar <c>Generate</c> one block at a time versus the
/// structure-of-arrays <c>Generate</c> over 512 lanes (AVX-512 16 lanes a step, AVX2 8, scalar tail). Each operation
/// computes <see cref="Lanes"/> blocks, so the reported time is per block (per lane).
/// </summary>
[Config(typeof(BenchConfig))]
public class PhiloxBenchmarks
{
    private const int Lanes = 512;
    private readonly uint[] _c0 = new uint[Lanes];
    private readonly uint[] _c1 = new uint[Lanes];
    private readonly uint[] _c2 = new uint[Lanes];
    private readonly uint[] _x0 = new uint[Lanes];
    private readonly uint[] _x1 = new uint[Lanes];
    private readonly uint[] _x2 = new uint[Lanes];
    private readonly uint[] _x3 = new uint[Lanes];

    [GlobalSetup]
    public void Setup()
    {
        for (var i = 0; i < Lanes; i++)
        {
            _c0[i] = 3;
            _c1[i] = (uint)i;
            _c2[i] = (uint)DrawPurpose.Attrition << 16;
        }
    }

    /// <summary>Scalar: one block per call, written to the same arrays.</summary>
    [Benchmark(Baseline = true, OperationsPerInvoke = Lanes)]
    public uint ScalarPerBlock()
    {
        for (var i = 0; i < Lanes; i++)
        {
            var b = Philox4x32.Generate(_c0[i], _c1[i], _c2[i], 7, 0x1234_5678, 0x9ABC_DEF0);
            _x0[i] = b.X0;
            _x1[i] = b.X1;
            _x2[i] = b.X2;
            _x3[i] = b.X3;
        }

        return _x3[Lanes - 1];
    }

    /// <summary>Vectorised: all lanes in one call.</summary>
    [Benchmark(OperationsPerInvoke = Lanes)]
    public uint VectorPerLane()
    {
        Philox4x32.Generate(_c0, _c1, _c2, 7, 0x1234_5678, 0x9ABC_DEF0, _x0, _x1, _x2, _x3);
        return _x3[Lanes - 1];
    }

    /// <summary>One 32-bit draw through the public <c>DrawSequence.Bernoulli</c> (a whole block per draw).</summary>
    [Benchmark(OperationsPerInvoke = Lanes)]
    public int ScalarPerDraw()
    {
        var hits = 0;
        var sequence = new DrawSequence(42, 7, 12_345, DrawPurpose.Attrition);
        for (uint i = 0; i < Lanes; i++)
        {
            hits += sequence.Bernoulli(i, 1u << 31) ? 1 : 0;
        }

        return hits;
    }
}
