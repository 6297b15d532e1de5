using System.Globalization;
using LifetimeValue.Internal;

namespace LifetimeValue.Lifecycle;

/// <summary>
/// The ages at which customers are acquired, with integer weights. Customer i of a simulated cohort is
/// assigned deterministically by cycling through the weights (i mod Σw), so a cohort is stratified
/// exactly and the assignment does not depend on how customers are split across threads or machines.
/// </summary>
/// <remarks>
/// <para>W1 acquires at ages 11–15 in equal shares: <c>AcquisitionProfile.Uniform(11, 15)</c> gives
/// customer i the age 11 + (i mod 5).</para>
/// <para>Thread safety: immutable; safe to share.</para>
/// </remarks>
public sealed class AcquisitionProfile : IEquatable<AcquisitionProfile>
{
    /// <summary>The largest total weight (length of the assignment cycle).</summary>
    public const int MaxTotalWeight = 1_000_000;

    private readonly int[] _ages;
    private readonly int[] _weights;
    private readonly int[] _cycle; // position in the cycle -> cohort index

    private AcquisitionProfile(int[] ages, int[] weights)
    {
        _ages = ages;
        Ages = ReadOnly.Wrap(_ages);
        _weights = weights;
        Weights = ReadOnly.Wrap(_weights);
        var total = 0;
        foreach (var w in weights)
        {
            total += w;
        }

        _cycle = new int[total];
        var p = 0;
        for (var c = 0; c < weights.Length; c++)
        {
            for (var k = 0; k < weights[c]; k++)
            {
                _cycle[p++] = c;
            }
        }
    }

    /// <summary>Acquisition ages (years), strictly increasing.</summary>
    public IReadOnlyList<int> Ages { get; }

    /// <summary>Integer weight of each age.</summary>
    public IReadOnlyList<int> Weights { get; }

    /// <summary>Sum of the weights: the length of the assignment cycle.</summary>
    public int TotalWeight => _cycle.Length;

    /// <summary>Every age from <paramref name="firstAge"/> to <paramref name="lastAge"/> in equal shares.</summary>
    /// <param name="firstAge">Youngest acquisition age, in [0, 129].</param>
    /// <param name="lastAge">Oldest acquisition age, in [firstAge, 129].</param>
    /// <returns>The profile.</returns>
    /// <exception cref="ArgumentOutOfRangeException">An age out of range.</exception>
    public static AcquisitionProfile Uniform(int firstAge, int lastAge)
    {
        Guard.InRange(firstAge, 0, AgeSchedule.MaxAge - 1);
        Guard.InRange(lastAge, firstAge, AgeSchedule.MaxAge - 1);
        var n = lastAge - firstAge + 1;
        var ages = new int[n];
        var weights = new int[n];
        for (var i = 0; i < n; i++)
        {
            ages[i] = firstAge + i;
            weights[i] = 1;
        }

        return new AcquisitionProfile(ages, weights);
    }

    /// <summary>All customers acquired at one age.</summary>
    /// <param name="age">Acquisition age, in [0, 129].</param>
    /// <returns>The profile.</returns>
    public static AcquisitionProfile SingleAge(int age) => Uniform(age, age);

    /// <summary>A profile from (age, weight) pairs.</summary>
    /// <param name="shares">Strictly increasing ages in [0, 129] with positive integer weights summing to at most 1,000,000.</param>
    /// <returns>The profile.</returns>
    /// <exception cref="ArgumentException">Empty, unordered ages, or weights out of range.</exception>
    public static AcquisitionProfile FromWeights(params IReadOnlyList<(int Age, int Weight)> shares)
    {
        Guard.NotEmpty(shares);
        var ages = new int[shares.Count];
        var weights = new int[shares.Count];
        long total = 0;
        for (var i = 0; i < shares.Count; i++)
        {
            ages[i] = Guard.InRange(shares[i].Age, 0, AgeSchedule.MaxAge - 1, $"shares[{i}].Age");
            weights[i] = Guard.InRange(shares[i].Weight, 1, MaxTotalWeight, $"shares[{i}].Weight");
            if (i > 0 && ages[i] <= ages[i - 1])
            {
                throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                    $"shares[{i}].Age must be greater than shares[{i - 1}].Age = {ages[i - 1]} (was {ages[i]})."), nameof(shares));
            }

            total += weights[i];
        }

        Guard.InRange(total, 1, MaxTotalWeight, "total weight");
        return new AcquisitionProfile(ages, weights);
    }

    /// <summary>Share of customers acquired at cohort <paramref name="cohort"/>'s age.</summary>
    /// <param name="cohort">Index into <see cref="Ages"/>.</param>
    /// <returns>weight / total weight.</returns>
    public double Share(int cohort) => (double)_weights[cohort] / _cycle.Length;

    /// <summary>The cohort (index into <see cref="Ages"/>) of customer <paramref name="customer"/>.</summary>
    /// <param name="customer">Customer index ≥ 0.</param>
    /// <returns>Cohort index.</returns>
    public int CohortOf(long customer) => _cycle[(int)(customer % _cycle.Length)];

    /// <inheritdoc/>
    public bool Equals(AcquisitionProfile? other) =>
        other is not null && _ages.AsSpan().SequenceEqual(other._ages) && _weights.AsSpan().SequenceEqual(other._weights);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as AcquisitionProfile);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(_ages.Length, _ages[0], _weights[0], _cycle.Length);
}
