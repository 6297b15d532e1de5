using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Runtime.CompilerServices;
using LifetimeValue.Internal;

namespace LifetimeValue.Statistics;

/// <summary>
/// Exact sample quantiles, value at risk and expected shortfall for small samples: stores every value (memory
/// O(n), capped), with the same API and conventions as <see cref="QuantileSketch"/>. Use it when the user asks
/// for exact quantiles and the number of paths is small.
/// </summary>
/// <remarks>
/// <para>
/// <b>Rank convention</b> (as <see cref="QuantileSketch"/>): <see cref="Quantile"/>(p) is the sorted value of 0-based
/// rank k = ⌊p·(n − 1)⌋ (the lower value, no interpolation), DDSketch's convention; it differs from
/// MathNet.Numerics' default (R-8, interpolating) and from its inverse-CDF definition (rank ⌈n·p⌉).
/// </para>
/// <para>
/// <b>Tail risk</b> (as <see cref="QuantileSketch"/>): values have the sign of CLV; VaR at confidence c is
/// Quantile(1 − c) and ES the mean of the k + 1 smallest values, k its rank, summed in ascending order.
/// </para>
/// <para>
/// <b>Merging.</b> <see cref="Merge"/> appends the other sample; queries sort, so any split merged in any order gives
/// the same answers. −0 is stored as +0 so that the sort, and every answer, is bit-identical.
/// </para>
/// <para>Thread safety: not thread-safe, even for queries (the first query after an addition sorts in place). A finished
/// simulation partial sorts its sample once when it is built, so reading a partial from several threads is safe.</para>
/// </remarks>
public sealed class ExactQuantiles
{
    /// <summary>The default cap on stored values (10⁶, 8 MB).</summary>
    public const int DefaultMaxCount = 1_000_000;

    private const int FormatVersion = 1;
    private const uint Magic = 0x5145564C; // "LVEQ" little-endian

    private double[] _values = [];
    private int _count;
    private bool _sorted = true;
    private double _min = double.PositiveInfinity;
    private double _max = double.NegativeInfinity;

    /// <summary>Creates an empty sample.</summary>
    /// <param name="maxCount">Cap on stored values, 1 … <see cref="Array.MaxLength"/>.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxCount"/> is outside its range.</exception>
    public ExactQuantiles(int maxCount = DefaultMaxCount)
    {
        Guard.InRange(maxCount, 1, Array.MaxLength);
        MaxCount = maxCount;
    }

    /// <summary>The cap on stored values.</summary>
    public int MaxCount { get; }

    /// <summary>Number of values added.</summary>
    public long Count => _count;

    /// <summary>The smallest value added; +∞ when empty.</summary>
    public double Min => _min;

    /// <summary>The largest value added; −∞ when empty.</summary>
    public double Max => _max;

    /// <summary>Adds one value.</summary>
    /// <param name="value">A finite value in the caller's units.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="value"/> is NaN or infinite.</exception>
    /// <exception cref="InvalidOperationException"><see cref="MaxCount"/> values are already stored.</exception>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Add(double value)
    {
        if (!double.IsFinite(value))
        {
            ThrowNotFinite(value);
        }

        if (_count == _values.Length)
        {
            Grow(_count + 1L);
        }

        // Store −0 as +0 so that the sorted order, and every answer, does not depend on the order of additions.
        _values[_count++] = value == 0.0 ? 0.0 : value;
        _sorted = false;
        _min = Math.Min(_min, value);
        _max = Math.Max(_max, value);
    }

    /// <summary>Adds every value of a span.</summary>
    /// <param name="values">Finite values.</param>
    /// <exception cref="ArgumentOutOfRangeException">A value is NaN or infinite; values before it have been added.</exception>
    /// <exception cref="InvalidOperationException">The cap <see cref="MaxCount"/> would be exceeded (nothing is added).</exception>
    public void AddRange(ReadOnlySpan<double> values)
    {
        Grow(_count + (long)values.Length);
        foreach (var value in values)
        {
            Add(value);
        }
    }

    /// <summary>Appends the values of <paramref name="other"/>; answers do not depend on the split or merge order.</summary>
    /// <param name="other">Another sample (left unchanged unless it is this instance, whose values are then duplicated).</param>
    /// <exception cref="ArgumentNullException"><paramref name="other"/> is null.</exception>
    /// <exception cref="InvalidOperationException">The cap <see cref="MaxCount"/> would be exceeded (nothing is added).</exception>
    public void Merge(ExactQuantiles other)
    {
        ArgumentNullException.ThrowIfNull(other);

        // Grow first: when other is this instance it then reads from the grown array, and the copy does not overlap.
        Grow(_count + (long)other._count);
        other._values.AsSpan(0, other._count).CopyTo(_values.AsSpan(_count));
        _count += other._count;
        _sorted = _count == 0;
        _min = Math.Min(_min, other._min);
        _max = Math.Max(_max, other._max);
    }

    /// <summary>Creates an independent copy with the same cap and values.</summary>
    /// <returns>A new sample.</returns>
    public ExactQuantiles Clone()
    {
        var copy = new ExactQuantiles(MaxCount);
        copy.Merge(this);
        return copy;
    }

    /// <summary>Resets to the empty state (keeps the allocation).</summary>
    public void Clear()
    {
        _count = 0;
        _sorted = true;
        _min = double.PositiveInfinity;
        _max = double.NegativeInfinity;
    }

    /// <summary>The sample value of 0-based rank ⌊p·(n − 1)⌋ in ascending order (exact).</summary>
    /// <param name="p">Probability in [0, 1].</param>
    /// <returns>A value of the sample; <see cref="Min"/> for p = 0 and <see cref="Max"/> for p = 1 (±0 as +0).</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="p"/> is outside [0, 1] or NaN.</exception>
    /// <exception cref="InvalidOperationException">The sample is empty.</exception>
    public double Quantile(double p)
    {
        Guard.Probability(p);
        return Sorted()[(int)QuantileSketch.RankOf(p, _count)];
    }

    /// <summary>The sample values at several quantiles (see <see cref="Quantile"/>).</summary>
    /// <param name="ps">Probabilities, each in [0, 1].</param>
    /// <returns>A new array with one value per probability, in the same order.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="ps"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A probability is outside [0, 1] or NaN.</exception>
    /// <exception cref="InvalidOperationException">The sample is empty.</exception>
    public double[] Quantiles(params double[] ps)
    {
        ArgumentNullException.ThrowIfNull(ps);
        for (int i = 0; i < ps.Length; i++)
        {
            Guard.Probability(ps[i], string.Create(CultureInfo.InvariantCulture, $"ps[{i}]"));
        }

        var sorted = Sorted();
        var result = new double[ps.Length];
        for (int i = 0; i < ps.Length; i++)
        {
            result[i] = sorted[(int)QuantileSketch.RankOf(ps[i], _count)];
        }

        return result;
    }

    /// <summary>
    /// The value at risk of CLV at confidence <paramref name="confidenceLevel"/>: <see cref="Quantile"/>(1 − c), with the
    /// sign of CLV (negate it for the loss convention).
    /// </summary>
    /// <param name="confidenceLevel">Confidence c in (0, 1), e.g. 0.95.</param>
    /// <returns>The sample value of rank ⌊(1 − c)(n − 1)⌋.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="confidenceLevel"/> is outside (0, 1) or NaN.</exception>
    /// <exception cref="InvalidOperationException">The sample is empty.</exception>
    public double ValueAtRisk(double confidenceLevel)
    {
        RiskLevel.Validate(confidenceLevel);
        return Quantile(1.0 - confidenceLevel);
    }

    /// <summary>
    /// The expected shortfall of CLV at confidence <paramref name="confidenceLevel"/>: the mean of the k + 1 smallest
    /// values, k = ⌊(1 − c)(n − 1)⌋ being the rank of <see cref="ValueAtRisk"/> (so ES ≤ VaR), with the sign of CLV.
    /// </summary>
    /// <param name="confidenceLevel">Confidence c in (0, 1), e.g. 0.95.</param>
    /// <returns>The tail mean, summed in ascending order.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="confidenceLevel"/> is outside (0, 1) or NaN.</exception>
    /// <exception cref="InvalidOperationException">The sample is empty.</exception>
    public double ExpectedShortfall(double confidenceLevel)
    {
        RiskLevel.Validate(confidenceLevel);
        var sorted = Sorted();
        int tail = (int)QuantileSketch.RankOf(1.0 - confidenceLevel, _count) + 1;
        double sum = 0.0;
        for (int i = 0; i < tail; i++)
        {
            sum += sorted[i];
        }

        return sum / tail;
    }

    /// <summary>
    /// Writes the sample in a versioned little-endian binary form: magic "LVEQ", format version, the cap, the count,
    /// min, max and the values in ascending order (canonical: equal samples give equal bytes).
    /// </summary>
    /// <param name="writer">The destination (always little-endian).</param>
    /// <exception cref="ArgumentNullException"><paramref name="writer"/> is null.</exception>
    public void WriteTo(BinaryWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.Write(Magic);
        writer.Write((byte)FormatVersion);
        writer.Write((byte)0); // reserved
        writer.Write((ushort)0); // reserved
        writer.Write(MaxCount);
        writer.Write(_count);
        writer.Write(_min);
        writer.Write(_max);
        if (_count > 0)
        {
            foreach (var value in Sorted())
            {
                writer.Write(value);
            }
        }
    }

    /// <summary>Reads a sample written by <see cref="WriteTo"/>.</summary>
    /// <param name="reader">The source, positioned at the start of the record.</param>
    /// <returns>A new sample with the same values.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="reader"/> is null.</exception>
    /// <exception cref="InvalidDataException">Wrong magic, unsupported version or inconsistent fields.</exception>
    /// <exception cref="EndOfStreamException">The stream ends inside the record.</exception>
    public static ExactQuantiles ReadFrom(BinaryReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        BinaryFormat.ReadHeader(reader, Magic, nameof(ExactQuantiles), FormatVersion);
        reader.ReadByte();
        reader.ReadUInt16();
        int maxCount = reader.ReadInt32();
        int count = reader.ReadInt32();
        double min = reader.ReadDouble();
        double max = reader.ReadDouble();
        if (maxCount < 1 || maxCount > Array.MaxLength || count < 0 || count > maxCount)
        {
            throw new InvalidDataException(string.Create(CultureInfo.InvariantCulture,
                $"ExactQuantiles record is inconsistent (cap {maxCount}, count {count})."));
        }

        BinaryFormat.EnsureAvailable(reader, count * 8L, nameof(ExactQuantiles));
        var result = new ExactQuantiles(maxCount);
        result.Grow(count);
        for (int i = 0; i < count; i++)
        {
            double value = reader.ReadDouble();
            if (!double.IsFinite(value) || (i > 0 && value < result._values[i - 1]))
            {
                throw new InvalidDataException(string.Create(CultureInfo.InvariantCulture,
                    $"ExactQuantiles record has a non-finite or unsorted value at position {i} ({value:R})."));
            }

            result._values[i] = value;
        }

        bool consistent = count == 0
            ? double.IsPositiveInfinity(min) && double.IsNegativeInfinity(max)
            : min == result._values[0] && max == result._values[count - 1];
        if (!consistent)
        {
            throw new InvalidDataException(string.Create(CultureInfo.InvariantCulture,
                $"ExactQuantiles record has min {min:R} and max {max:R} inconsistent with its {count} values."));
        }

        result._count = count;
        result._sorted = true;
        result._min = min;
        result._max = max;
        return result;
    }

    /// <summary>Whether the stored values are in ascending order (queries then read without changing anything).</summary>
    internal bool IsSorted => _sorted;

    /// <summary>
    /// Sorts the stored values now, so that later queries and <see cref="WriteTo"/> only read: owners documented as safe to
    /// share (a finished <c>SimulationPartial</c>) call it once, when they are built, never on a read.
    /// </summary>
    internal void Seal()
    {
        if (!_sorted)
        {
            Array.Sort(_values, 0, _count);
            _sorted = true;
        }
    }

    private ReadOnlySpan<double> Sorted()
    {
        if (_count == 0)
        {
            throw new InvalidOperationException("The sample is empty: add values before asking for quantiles.");
        }

        if (!_sorted)
        {
            Array.Sort(_values, 0, _count);
            _sorted = true;
        }

        return _values.AsSpan(0, _count);
    }

    private void Grow(long required)
    {
        if (required > MaxCount)
        {
            throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture,
                $"ExactQuantiles holds at most {MaxCount} values (maxCount) and would need {required}; use QuantileSketch for large samples."));
        }

        if (required > _values.Length)
        {
            long length = Math.Min(MaxCount, Math.Max(required, Math.Max(2L * _values.Length, 16)));
            Array.Resize(ref _values, (int)length);
        }
    }

    [DoesNotReturn]
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void ThrowNotFinite(double value) => Guard.Throw(nameof(value), value, "must be a finite number");
}
