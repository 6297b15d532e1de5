using MathNet.Numerics.Distributions;
using MathNet.Numerics.Random;

namespace LifetimeValue.Tests.Statistics;

/// <summary>Seeded samples and random splits shared by the statistics tests (MathNet distributions, MersenneTwister).</summary>
internal static class TestSamples
{
    /// <summary>LogNormal(μ, σ) values: with μ = 7, σ = 2 they span about 10⁻¹ … 10⁷, like simulated CLVs.</summary>
    public static double[] LogNormal(int count, double mu, double sigma, int seed)
    {
        var values = new double[count];
        new LogNormal(mu, sigma, new MersenneTwister(seed)).Samples(values);
        return values;
    }

    /// <summary>Normal(μ, σ) values (both signs).</summary>
    public static double[] Normal(int count, double mean, double stdDev, int seed)
    {
        var values = new double[count];
        new Normal(mean, stdDev, new MersenneTwister(seed)).Samples(values);
        return values;
    }

    /// <summary>
    /// Mixed-sign CLVs: 60 % LogNormal(6, 1.5) gains, 25 % negative LogNormal(4, 1) losses, 10 % exact zeros and
    /// 5 % tiny values (|x| &lt; 10⁻¹⁰) that a sketch counts as zero.
    /// </summary>
    public static double[] Mixed(int count, int seed)
    {
        var rng = new MersenneTwister(seed);
        var gains = new LogNormal(6, 1.5, rng);
        var losses = new LogNormal(4, 1, rng);
        var values = new double[count];
        for (int i = 0; i < count; i++)
        {
            double u = rng.NextDouble();
            values[i] = u < 0.60 ? gains.Sample()
                : u < 0.85 ? -losses.Sample()
                : u < 0.95 ? 0.0
                : (rng.NextDouble() - 0.5) * 1e-10;
        }

        return values;
    }

    /// <summary>Assigns each index to one of <paramref name="parts"/> groups at random (non-contiguous split).</summary>
    public static int[] RandomPartition(int count, int parts, int seed)
    {
        var rng = new System.Random(seed);
        var part = new int[count];
        for (int i = 0; i < count; i++)
        {
            part[i] = rng.Next(parts);
        }

        return part;
    }

    /// <summary>A random permutation of 0 … n − 1 (merge order).</summary>
    public static int[] Permutation(int n, int seed)
    {
        var order = Enumerable.Range(0, n).ToArray();
        new System.Random(seed).Shuffle(order);
        return order;
    }

    /// <summary>Serialises with a <see cref="BinaryWriter"/>.</summary>
    public static byte[] ToBytes(Action<BinaryWriter> write)
    {
        using var stream = new MemoryStream();
        using (var writer = new BinaryWriter(stream))
        {
            write(writer);
        }

        return stream.ToArray();
    }

    /// <summary>Deserialises with a <see cref="BinaryReader"/>, checking the whole record was consumed.</summary>
    public static T FromBytes<T>(byte[] bytes, Func<BinaryReader, T> read)
    {
        using var stream = new MemoryStream(bytes);
        using var reader = new BinaryReader(stream);
        var result = read(reader);
        stream.Position.Should().Be(bytes.Length, "the reader must consume exactly the record");
        return result;
    }
}
