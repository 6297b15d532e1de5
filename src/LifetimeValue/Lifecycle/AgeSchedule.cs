using System.Globalization;
using System.Text;
using LifetimeValue.Internal;

namespace LifetimeValue.Lifecycle;

/// <summary>
/// A value that depends on the customer's age in whole years: piecewise constant, each step applying
/// from its age until the next step. Used for margins and customer rates that change over the life
/// cycle (e.g. a loan rate kept low for young customers that rises later).
/// </summary>
/// <remarks>
/// <para>The value at age <c>a</c> is the value of the last step whose <c>FromAge ≤ a</c>; ages below the
/// first step take the first step's value (flat extrapolation in both directions).</para>
/// <para>Thread safety: immutable; safe to share.</para>
/// </remarks>
public sealed class AgeSchedule : IEquatable<AgeSchedule>
{
    /// <summary>The largest age a schedule may name (years).</summary>
    public const int MaxAge = 130;

    private readonly int[] _fromAges;
    private readonly double[] _values;

    private AgeSchedule(int[] fromAges, double[] values)
    {
        _fromAges = fromAges;
        FromAges = ReadOnly.Wrap(_fromAges);
        _values = values;
        Values = ReadOnly.Wrap(_values);
    }

    /// <summary>The ages (years) at which each step starts, strictly increasing.</summary>
    public IReadOnlyList<int> FromAges { get; }

    /// <summary>The value of each step.</summary>
    public IReadOnlyList<double> Values { get; }

    /// <summary>Whether the schedule has a single value for every age.</summary>
    public bool IsConstant => _values.Length == 1;

    /// <summary>A schedule with the same value at every age.</summary>
    /// <param name="value">The value; any finite number.</param>
    /// <returns>The schedule.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="value"/> is not finite.</exception>
    public static AgeSchedule Constant(double value) => new([0], [Guard.Finite(value)]);

    /// <summary>A step schedule from (from-age, value) pairs.</summary>
    /// <param name="steps">Steps with strictly increasing ages in [0, 130] and finite values; at least one.</param>
    /// <returns>The schedule.</returns>
    /// <exception cref="ArgumentException">No steps, ages not strictly increasing or out of range, or a value not finite.</exception>
    public static AgeSchedule Steps(params IReadOnlyList<(int FromAge, double Value)> steps)
    {
        Guard.NotEmpty(steps);
        var ages = new int[steps.Count];
        var values = new double[steps.Count];
        for (var i = 0; i < steps.Count; i++)
        {
            var (age, value) = steps[i];
            Guard.InRange(age, 0, MaxAge, $"steps[{i}].FromAge");
            Guard.Finite(value, $"steps[{i}].Value");
            if (i > 0 && age <= ages[i - 1])
            {
                throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                    $"steps[{i}].FromAge must be greater than steps[{i - 1}].FromAge = {ages[i - 1]} (was {age}): ages must be strictly increasing."), nameof(steps));
            }

            ages[i] = age;
            values[i] = value;
        }

        return new AgeSchedule(ages, values);
    }

    /// <summary>
    /// A yearly step schedule rising (or falling) linearly from <paramref name="fromValue"/> at
    /// <paramref name="fromAge"/> to <paramref name="toValue"/> at <paramref name="toAge"/>, flat outside.
    /// </summary>
    /// <param name="fromAge">First age of the ramp, in [0, 130).</param>
    /// <param name="fromValue">Value at and below <paramref name="fromAge"/>; finite.</param>
    /// <param name="toAge">Last age of the ramp, in (<paramref name="fromAge"/>, 130].</param>
    /// <param name="toValue">Value at and above <paramref name="toAge"/>; finite.</param>
    /// <returns>The schedule, one step per year of the ramp.</returns>
    /// <exception cref="ArgumentOutOfRangeException">An age out of range or a value not finite.</exception>
    public static AgeSchedule Ramp(int fromAge, double fromValue, int toAge, double toValue)
    {
        Guard.InRange(fromAge, 0, MaxAge - 1);
        Guard.InRange(toAge, fromAge + 1, MaxAge);
        Guard.Finite(fromValue);
        Guard.Finite(toValue);
        var n = toAge - fromAge + 1;
        var ages = new int[n];
        var values = new double[n];
        for (var i = 0; i < n; i++)
        {
            ages[i] = fromAge + i;
            values[i] = fromValue + ((toValue - fromValue) * i / (n - 1));
        }

        return new AgeSchedule(ages, values);
    }

    /// <summary>The value in force at age <paramref name="ageYears"/>.</summary>
    /// <param name="ageYears">Age in whole years.</param>
    /// <returns>The step value.</returns>
    public double ValueAt(int ageYears)
    {
        var i = Array.BinarySearch(_fromAges, ageYears);
        if (i < 0)
        {
            i = Math.Max(0, ~i - 1);
        }

        return _values[i];
    }

    /// <summary>A schedule with every value multiplied by <paramref name="factor"/>.</summary>
    /// <param name="factor">Finite multiplier.</param>
    /// <returns>The scaled schedule.</returns>
    public AgeSchedule Scale(double factor)
    {
        Guard.Finite(factor);
        var values = new double[_values.Length];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = Guard.Finite(_values[i] * factor, "scaled value");
        }

        return new AgeSchedule(_fromAges, values);
    }

    /// <inheritdoc/>
    public bool Equals(AgeSchedule? other) =>
        other is not null && _fromAges.AsSpan().SequenceEqual(other._fromAges) && _values.AsSpan().SequenceEqual(other._values);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as AgeSchedule);

    /// <inheritdoc/>
    public override int GetHashCode()
    {
        var hash = default(HashCode);
        for (var i = 0; i < _values.Length; i++)
        {
            hash.Add(_fromAges[i]);
            hash.Add(_values[i]);
        }

        return hash.ToHashCode();
    }

    /// <inheritdoc/>
    public override string ToString()
    {
        if (IsConstant)
        {
            return _values[0].ToString("R", CultureInfo.InvariantCulture);
        }

        var sb = new StringBuilder();
        for (var i = 0; i < _values.Length; i++)
        {
            sb.Append(CultureInfo.InvariantCulture, $"{(i > 0 ? "; " : string.Empty)}{_fromAges[i]}+: {_values[i]:R}");
        }

        return sb.ToString();
    }
}
