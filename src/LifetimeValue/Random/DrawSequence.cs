using System.Runtime.CompilerServices;

namespace LifetimeValue.Random;

/// <summary>
/// A reproducible sequence of random draws identified by (seed, scenario, customer, purpose); the draw
/// index (usually the period) selects the Philox block. Every draw of a simulation is a pure function
/// of these indices, which is what makes results bit-identical whatever the thread, machine or device
/// count.
/// </summary>
/// <remarks>
/// <para>Counter layout of the Philox4x32-10 block (key = the 64-bit seed):</para>
/// <list type="bullet">
/// <item><description>c0 = draw index (period, or stage number for per-stage draws);</description></item>
/// <item><description>c1 = customer index, low 32 bits;</description></item>
/// <item><description>c2 = customer index bits 32–47 | purpose &lt;&lt; 16;</description></item>
/// <item><description>c3 = scenario index.</description></item>
/// </list>
/// <para>Customers are limited to 2⁴⁸ per scenario, scenarios to 2³², draws per stream to 2³².</para>
/// <para>Thread safety: an immutable value; all members are pure.</para>
/// </remarks>
public readonly struct DrawSequence : IEquatable<DrawSequence>
{
    /// <summary>The largest customer index a stream can address (2⁴⁸ − 1).</summary>
    public const long MaxCustomer = (1L << 48) - 1;

    private readonly uint _k0, _k1, _c1, _c2, _c3;

    /// <summary>Creates the stream for one (seed, scenario, customer, purpose).</summary>
    /// <param name="seed">Simulation seed (any 64-bit value).</param>
    /// <param name="scenario">Scenario index, 0 … 2³² − 1.</param>
    /// <param name="customer">Customer index, 0 … 2⁴⁸ − 1.</param>
    /// <param name="purpose">What the draws are for.</param>
    /// <exception cref="ArgumentOutOfRangeException">A negative or too large index.</exception>
    public DrawSequence(ulong seed, long scenario, long customer, DrawPurpose purpose)
    {
        if (scenario < 0 || scenario > uint.MaxValue)
        {
            throw new ArgumentOutOfRangeException(nameof(scenario), scenario, $"scenario must be in [0, {uint.MaxValue}] (was {scenario}).");
        }

        if (customer < 0 || customer > MaxCustomer)
        {
            throw new ArgumentOutOfRangeException(nameof(customer), customer, $"customer must be in [0, {MaxCustomer}] (was {customer}).");
        }

        Seed = seed;
        Scenario = scenario;
        Customer = customer;
        Purpose = purpose;
        _k0 = (uint)seed;
        _k1 = (uint)(seed >> 32);
        _c1 = (uint)customer;
        _c2 = (uint)((ulong)customer >> 32) | ((uint)purpose << 16);
        _c3 = (uint)scenario;
    }

    /// <summary>The simulation seed (Philox key).</summary>
    public ulong Seed { get; }

    /// <summary>The scenario index.</summary>
    public long Scenario { get; }

    /// <summary>The customer index.</summary>
    public long Customer { get; }

    /// <summary>What the draws are for.</summary>
    public DrawPurpose Purpose { get; }

    /// <summary>The raw 128-bit block for draw <paramref name="index"/>.</summary>
    /// <param name="index">Draw index (usually the period).</param>
    /// <returns>Four independent uniformly distributed 32-bit words.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Philox4x32.Block Block(uint index) => Philox4x32.Generate(index, _c1, _c2, _c3, _k0, _k1);

    /// <summary>A uniform draw in the open interval (0, 1) with 52 random bits (words X0, X1 of the block).</summary>
    /// <param name="index">Draw index (usually the period).</param>
    /// <returns>A double in (0, 1); never 0 or 1, so its logarithm is always finite.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public double OpenUniform(uint index)
    {
        var b = Block(index);
        return RandomDraws.OpenUnit(b.X0, b.X1);
    }

    /// <summary>A Bernoulli draw (word X0 of the block compared with ⌊p·2³²⌋).</summary>
    /// <param name="index">Draw index.</param>
    /// <param name="threshold">Threshold from <see cref="RandomDraws.BernoulliThreshold"/>.</param>
    /// <returns><see langword="true"/> with probability threshold / 2³².</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool Bernoulli(uint index, ulong threshold) => Block(index).X0 < threshold;

    /// <inheritdoc/>
    public bool Equals(DrawSequence other) =>
        Seed == other.Seed && Scenario == other.Scenario && Customer == other.Customer && Purpose == other.Purpose;

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is DrawSequence other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Seed, Scenario, Customer, Purpose);

    /// <summary>Equality of streams.</summary>
    public static bool operator ==(DrawSequence left, DrawSequence right) => left.Equals(right);

    /// <summary>Inequality of streams.</summary>
    public static bool operator !=(DrawSequence left, DrawSequence right) => !left.Equals(right);
}
