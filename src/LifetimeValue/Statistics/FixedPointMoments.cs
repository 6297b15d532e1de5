using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Numerics;
using System.Runtime.CompilerServices;

namespace LifetimeValue.Statistics;

/// <summary>
/// A mergeable accumulator of count, mean and variance whose partial results merge <em>exactly</em>:
/// every value is quantised to a fixed-point grid of 2⁻²⁰ units and the sums are kept as integers,
/// so any split of the data into chunks, merged in any order, gives bit-identical results.
/// </summary>
/// <remarks>
/// <para>
/// Each value x is quantised to the integer q = round(x·2²⁰) (round half to even), a grid of
/// <see cref="Resolution"/> = 2⁻²⁰ ≈ 9.5·10⁻⁷ units, so |q·2⁻²⁰ − x| ≤ 2⁻²¹ ≈ 4.8·10⁻⁷
/// (and 0 for |x| ≥ 2³², where every double is already on the grid). The accumulator keeps
/// n = <see cref="Count"/>, S₁ = Σq (<see cref="Sum"/>) and S₂ = Σq² (<see cref="SumOfSquares"/>)
/// in <see cref="Int128"/>, plus the exact <see cref="Min"/> and <see cref="Max"/> of the unquantised
/// values. Integer addition is associative and commutative, hence <see cref="Merge"/> is exact.
/// </para>
/// <para>Results (computed once, from the exact integers, in <see cref="ToSummary"/>):</para>
/// <list type="bullet">
/// <item><description>mean = S₁ / n · 2⁻²⁰, within 2⁻²¹ of the mean of the unquantised values (plus one rounding);</description></item>
/// <item><description>
/// sample variance s² = (n·S₂ − S₁²) / (n(n − 1)) · 2⁻⁴⁰, the numerator evaluated exactly; the standard
/// deviation s is within 2⁻²¹·√(n/(n − 1)) of the unquantised sample standard deviation (plus rounding);
/// </description></item>
/// <item><description>standard error = s / √n.</description></item>
/// </list>
/// <para>
/// Range: |x| &lt; <see cref="MaxMagnitude"/> = 2⁴³ ≈ 8.8·10¹² (so q fits a <see cref="long"/>); larger or
/// non-finite values throw. S₂ overflows once Σx² reaches 2⁸⁷ ≈ 1.5·10²⁶ (for example 1.5·10¹² values
/// of magnitude 10⁷); that, and a count beyond <see cref="long.MaxValue"/>, throw an
/// <see cref="OverflowException"/> — nothing wraps silently. S₁ cannot overflow.
/// </para>
/// <para>
/// A sealed class rather than a struct: the accumulator is mutable and long-lived (one per chunk), and
/// a struct copy would silently drop additions. Its members are non-virtual and <see cref="Add"/> is
/// inlined and allocation-free.
/// </para>
/// <para>Thread safety: not thread-safe; use one instance per thread or chunk and merge the partials.</para>
/// </remarks>
public sealed class FixedPointMoments
{
    /// <summary>Number of fractional bits of the fixed-point grid (20).</summary>
    public const int FractionalBits = 20;

    /// <summary>Grid spacing in value units: 2⁻²⁰ ≈ 9.54·10⁻⁷.</summary>
    public const double Resolution = 1.0 / Scale;

    /// <summary>Exclusive bound on the magnitude of an added value: 2⁴³ ≈ 8.8·10¹².</summary>
    public const double MaxMagnitude = 8796093022208.0; // 2^43

    private const double Scale = 1048576.0; // 2^20
    private const int FormatVersion = 1;
    private const uint Magic = 0x4D46564C; // "LVFM" little-endian

    private long _count;
    private Int128 _sum;
    private Int128 _sumOfSquares;
    private double _min = double.PositiveInfinity;
    private double _max = double.NegativeInfinity;

    /// <summary>Number of values added.</summary>
    public long Count => _count;

    /// <summary>Exact sum of the quantised values, in units of 2⁻²⁰.</summary>
    public Int128 Sum => _sum;

    /// <summary>Exact sum of the squared quantised values, in units of 2⁻⁴⁰.</summary>
    public Int128 SumOfSquares => _sumOfSquares;

    /// <summary>The smallest value added (unquantised); +∞ when empty.</summary>
    public double Min => _min;

    /// <summary>The largest value added (unquantised); −∞ when empty.</summary>
    public double Max => _max;

    /// <summary>Adds one value.</summary>
    /// <param name="value">A finite value with |value| &lt; 2⁴³ (<see cref="MaxMagnitude"/>), in the caller's units (e.g. currency).</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="value"/> is NaN, infinite or too large.</exception>
    /// <exception cref="OverflowException">The sum of squares or the count would overflow.</exception>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Add(double value)
    {
        // One compare rejects NaN, ±∞ and out-of-range magnitudes.
        if (!(Math.Abs(value) < MaxMagnitude))
        {
            ThrowValueOutOfRange(value);
        }

        // x·2^20 is exact (power-of-two scaling); rounding to even and the conversion are exact as |x·2^20| < 2^63.
        long q = (long)Math.Round(value * Scale);
        Int128 square = Math.BigMul(q, q);
        Int128 sumOfSquares = _sumOfSquares + square;

        // Both terms are ≥ 0, so a wrap shows as a negative result; the count wraps to long.MinValue.
        if (sumOfSquares < Int128.Zero || _count == long.MaxValue)
        {
            ThrowOverflow();
        }

        _count++;
        _sum += q; // |S1| ≤ n·2^63 < 2^126: cannot overflow.
        _sumOfSquares = sumOfSquares;

        // Math.Min/Max order ±0 and are therefore independent of the order of additions.
        _min = Math.Min(_min, value);
        _max = Math.Max(_max, value);
    }

    /// <summary>Adds every value of a span, in order.</summary>
    /// <param name="values">Finite values with magnitudes below <see cref="MaxMagnitude"/>.</param>
    /// <exception cref="ArgumentOutOfRangeException">A value is NaN, infinite or too large; values before it have been added.</exception>
    /// <exception cref="OverflowException">The sum of squares or the count would overflow.</exception>
    public void AddRange(ReadOnlySpan<double> values)
    {
        foreach (var value in values)
        {
            Add(value);
        }
    }

    /// <summary>
    /// Adds the partial result <paramref name="other"/> to this one. Exact: any split of the data, merged in
    /// any order, gives the same <see cref="Count"/>, <see cref="Sum"/>, <see cref="SumOfSquares"/>,
    /// <see cref="Min"/> and <see cref="Max"/>.
    /// </summary>
    /// <param name="other">Another accumulator (left unchanged; may be this instance).</param>
    /// <exception cref="ArgumentNullException"><paramref name="other"/> is null.</exception>
    /// <exception cref="OverflowException">The merged sum of squares or count would overflow; this instance is unchanged.</exception>
    public void Merge(FixedPointMoments other)
    {
        ArgumentNullException.ThrowIfNull(other);
        long count;
        Int128 sum, sumOfSquares;
        try
        {
            count = checked(_count + other._count);
            sum = checked(_sum + other._sum);
            sumOfSquares = checked(_sumOfSquares + other._sumOfSquares);
        }
        catch (OverflowException ex)
        {
            throw new OverflowException(
                "Merging would overflow the fixed-point moments (count above 2^63 − 1 or sum of squares above 2^127 units of 2^-40); split the data into separately reported groups.",
                ex);
        }

        _count = count;
        _sum = sum;
        _sumOfSquares = sumOfSquares;
        _min = Math.Min(_min, other._min);
        _max = Math.Max(_max, other._max);
    }

    /// <summary>Resets to the empty state, so the instance can be reused for another chunk.</summary>
    public void Clear()
    {
        _count = 0;
        _sum = Int128.Zero;
        _sumOfSquares = Int128.Zero;
        _min = double.PositiveInfinity;
        _max = double.NegativeInfinity;
    }

    /// <summary>Creates an independent copy.</summary>
    /// <returns>A new accumulator with the same state.</returns>
    public FixedPointMoments Clone() => new()
    {
        _count = _count,
        _sum = _sum,
        _sumOfSquares = _sumOfSquares,
        _min = _min,
        _max = _max,
    };

    /// <summary>Computes mean, standard deviation and standard error from the exact sums.</summary>
    /// <returns>
    /// The summary; with no values, every statistic is NaN; with one value, the standard deviation and
    /// error are NaN (the sample variance needs n ≥ 2, as in MathNet.Numerics).
    /// </returns>
    /// <remarks>The numerator n·S₂ − S₁² is evaluated exactly in <see cref="BigInteger"/>; the only roundings are the final divisions.</remarks>
    public MomentSummary ToSummary()
    {
        if (_count == 0)
        {
            return new MomentSummary(0, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN);
        }

        double mean = (double)_sum / _count * Resolution;
        if (_count == 1)
        {
            return new MomentSummary(1, mean, double.NaN, double.NaN, double.NaN, _min, _max);
        }

        var n = new BigInteger(_count);
        var s1 = (BigInteger)_sum;
        BigInteger numerator = (n * (BigInteger)_sumOfSquares) - (s1 * s1); // ≥ 0 by Cauchy–Schwarz
        double variance = (double)numerator / ((double)_count * (_count - 1)) * (Resolution * Resolution);
        double standardDeviation = Math.Sqrt(variance);
        return new MomentSummary(_count, mean, variance, standardDeviation, standardDeviation / Math.Sqrt(_count), _min, _max);
    }

    /// <summary>
    /// Writes the state in a compact, versioned little-endian binary form (64 bytes): magic "LVFM", format version,
    /// fractional bits, count, S₁ and S₂ (low then high 64 bits), min and max (IEEE bits).
    /// </summary>
    /// <param name="writer">The destination (always little-endian).</param>
    /// <exception cref="ArgumentNullException"><paramref name="writer"/> is null.</exception>
    public void WriteTo(BinaryWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.Write(Magic);
        writer.Write((byte)FormatVersion);
        writer.Write((byte)FractionalBits);
        writer.Write((ushort)0); // reserved
        writer.Write(_count);
        BinaryFormat.WriteInt128(writer, _sum);
        BinaryFormat.WriteInt128(writer, _sumOfSquares);
        writer.Write(_min);
        writer.Write(_max);
    }

    /// <summary>Reads a state written by <see cref="WriteTo"/>; the result is bit-identical to the one written.</summary>
    /// <param name="reader">The source, positioned at the start of the record.</param>
    /// <returns>A new accumulator.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="reader"/> is null.</exception>
    /// <exception cref="InvalidDataException">Wrong magic, unsupported version or scale, or inconsistent fields.</exception>
    /// <exception cref="EndOfStreamException">The stream ends inside the record.</exception>
    public static FixedPointMoments ReadFrom(BinaryReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        BinaryFormat.ReadHeader(reader, Magic, "FixedPointMoments", FormatVersion);
        int bits = reader.ReadByte();
        reader.ReadUInt16();
        if (bits != FractionalBits)
        {
            throw new InvalidDataException(string.Create(CultureInfo.InvariantCulture,
                $"FixedPointMoments record uses {bits} fractional bits; this version supports {FractionalBits}."));
        }

        var result = new FixedPointMoments
        {
            _count = reader.ReadInt64(),
            _sum = BinaryFormat.ReadInt128(reader),
            _sumOfSquares = BinaryFormat.ReadInt128(reader),
            _min = reader.ReadDouble(),
            _max = reader.ReadDouble(),
        };

        bool empty = result._count == 0 && result._sum == Int128.Zero && result._sumOfSquares == Int128.Zero
            && double.IsPositiveInfinity(result._min) && double.IsNegativeInfinity(result._max);
        bool valid = result._count > 0 && result._sumOfSquares >= Int128.Zero
            && Math.Abs(result._min) < MaxMagnitude && Math.Abs(result._max) < MaxMagnitude && result._min <= result._max
            && new BigInteger(result._count) * (BigInteger)result._sumOfSquares >= (BigInteger)result._sum * (BigInteger)result._sum; // Cauchy–Schwarz
        if (!empty && !valid)
        {
            throw new InvalidDataException(string.Create(CultureInfo.InvariantCulture,
                $"FixedPointMoments record is inconsistent (count {result._count}, min {result._min:R}, max {result._max:R})."));
        }

        return result;
    }

    [DoesNotReturn]
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void ThrowValueOutOfRange(double value) =>
        throw new ArgumentOutOfRangeException(nameof(value), value, string.Create(CultureInfo.InvariantCulture,
            $"value must be a finite number with magnitude below 2^43 ≈ 8.8e12 (was {value:R})."));

    [DoesNotReturn]
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void ThrowOverflow() =>
        throw new OverflowException(
            "FixedPointMoments overflow: the sum of squares would exceed 2^127 units of 2^-40 (Σx² ≥ 2^87 ≈ 1.5e26) or the count would exceed 2^63 − 1; split the data into separately reported groups.");
}
