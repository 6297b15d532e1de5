using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Runtime.CompilerServices;

namespace LifetimeValue.Statistics;

/// <summary>
/// Per-period sums of a cash-flow curve on the same 2⁻²⁰ fixed-point grid as <see cref="FixedPointMoments"/>,
/// kept in <see cref="Int128"/> so that partial curves from chunks, threads or machines merge exactly.
/// </summary>
/// <remarks>
/// <para>
/// Period t holds S_t = Σ round(x·2²⁰) over the values added to it; <see cref="ToMeans"/> returns
/// S_t·2⁻²⁰ / N, the mean cash flow per path, within 2⁻²¹ ≈ 4.8·10⁻⁷ of the mean of the unquantised values
/// (plus one rounding). Values must satisfy |x| &lt; <see cref="FixedPointMoments.MaxMagnitude"/> (2⁴³); a
/// period's sum cannot overflow before 2⁶⁴ additions to it, and <see cref="Merge"/> checks overflow anyway.
/// </para>
/// <para>Memory is O(periods), independent of the number of paths.</para>
/// <para>Thread safety: not thread-safe; use one instance per thread or chunk and merge the partials.</para>
/// </remarks>
public sealed class FixedPointSeries
{
    private const double Scale = 1048576.0; // 2^20
    private const int FormatVersion = 1;
    private const uint Magic = 0x5346564C; // "LVFS" little-endian

    private readonly Int128[] _sums;

    /// <summary>Creates an empty series of <paramref name="periods"/> zero sums.</summary>
    /// <param name="periods">Number of periods T, 0 … 2³⁰ (periods are indexed 0 … T − 1).</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="periods"/> is negative or above 2³⁰.</exception>
    public FixedPointSeries(int periods)
    {
        if (periods < 0 || periods > MaxPeriods)
        {
            throw new ArgumentOutOfRangeException(nameof(periods), periods, string.Create(CultureInfo.InvariantCulture,
                $"periods must be in [0, {MaxPeriods}] (was {periods})."));
        }

        _sums = new Int128[periods];
    }

    /// <summary>The largest supported number of periods (2³⁰).</summary>
    public const int MaxPeriods = 1 << 30;

    /// <summary>Number of periods T.</summary>
    public int Periods => _sums.Length;

    /// <summary>Adds <paramref name="value"/> to period <paramref name="period"/>.</summary>
    /// <param name="period">Period index, 0 … <see cref="Periods"/> − 1.</param>
    /// <param name="value">Cash flow, finite with |value| &lt; 2⁴³, in the caller's units.</param>
    /// <exception cref="ArgumentOutOfRangeException">The period is outside the series, or the value is NaN, infinite or too large.</exception>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Add(int period, double value)
    {
        if ((uint)period >= (uint)_sums.Length)
        {
            ThrowPeriodOutOfRange(period, _sums.Length);
        }

        if (!(Math.Abs(value) < FixedPointMoments.MaxMagnitude))
        {
            ThrowValueOutOfRange(value, nameof(value));
        }

        // Exact quantisation (see FixedPointMoments.Add); |S_t| < 2^127 for fewer than 2^64 additions.
        _sums[period] += (long)Math.Round(value * Scale);
    }

    /// <summary>Adds <c>values[i]</c> to period <c>firstPeriod + i</c> for every i (one path's cash flows).</summary>
    /// <param name="firstPeriod">Period of <c>values[0]</c>, ≥ 0.</param>
    /// <param name="values">Cash flows; every one finite with magnitude below 2⁴³.</param>
    /// <exception cref="ArgumentOutOfRangeException">
    /// The range leaves the series, or a value is NaN, infinite or too large (checked before anything is added).
    /// </exception>
    public void AddRange(int firstPeriod, ReadOnlySpan<double> values)
    {
        if (firstPeriod < 0 || firstPeriod > _sums.Length - values.Length)
        {
            throw new ArgumentOutOfRangeException(nameof(firstPeriod), firstPeriod, string.Create(CultureInfo.InvariantCulture,
                $"firstPeriod + values.Length must be within [0, {_sums.Length}] (firstPeriod {firstPeriod}, values.Length {values.Length})."));
        }

        for (int i = 0; i < values.Length; i++)
        {
            if (!(Math.Abs(values[i]) < FixedPointMoments.MaxMagnitude))
            {
                ThrowValueOutOfRange(values[i], string.Create(CultureInfo.InvariantCulture, $"values[{i}]"));
            }
        }

        var sums = _sums.AsSpan(firstPeriod, values.Length);
        for (int i = 0; i < values.Length; i++)
        {
            sums[i] += (long)Math.Round(values[i] * Scale);
        }
    }

    /// <summary>Adds <c>values[t]</c> to period t for t = 0 … values.Length − 1.</summary>
    /// <param name="values">Cash flows from period 0; at most <see cref="Periods"/> of them.</param>
    /// <exception cref="ArgumentOutOfRangeException">Too many values, or a value is NaN, infinite or too large (nothing is added).</exception>
    public void AddRange(ReadOnlySpan<double> values) => AddRange(0, values);

    /// <summary>Adds the partial curve <paramref name="other"/> period by period. Exact, associative and commutative.</summary>
    /// <param name="other">A series with the same number of periods (left unchanged; may be this instance).</param>
    /// <exception cref="ArgumentNullException"><paramref name="other"/> is null.</exception>
    /// <exception cref="ArgumentException">The numbers of periods differ.</exception>
    /// <exception cref="OverflowException">A period's sum would exceed the Int128 range; this instance is unchanged.</exception>
    public void Merge(FixedPointSeries other)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (other._sums.Length != _sums.Length)
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                $"other has {other._sums.Length} periods; this series has {_sums.Length}."), nameof(other));
        }

        // Check every period first so that a failed merge leaves this instance unchanged.
        for (int t = 0; t < _sums.Length; t++)
        {
            Int128 a = _sums[t], b = other._sums[t], r = a + b;
            if (((a ^ r) & (b ^ r)) < Int128.Zero)
            {
                throw new OverflowException(string.Create(CultureInfo.InvariantCulture,
                    $"Merging would overflow the Int128 fixed-point sum of period {t}."));
            }
        }

        for (int t = 0; t < _sums.Length; t++)
        {
            _sums[t] += other._sums[t];
        }
    }

    /// <summary>Creates an independent copy.</summary>
    /// <returns>A new series with the same sums.</returns>
    public FixedPointSeries Clone()
    {
        var copy = new FixedPointSeries(_sums.Length);
        _sums.CopyTo(copy._sums, 0);
        return copy;
    }

    /// <summary>Resets every period to zero, so the instance can be reused.</summary>
    public void Clear() => Array.Clear(_sums);

    /// <summary>The exact fixed-point sum of one period, in units of 2⁻²⁰.</summary>
    /// <param name="period">Period index, 0 … <see cref="Periods"/> − 1.</param>
    /// <returns>S_t.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The period is outside the series.</exception>
    public Int128 GetSum(int period)
    {
        if ((uint)period >= (uint)_sums.Length)
        {
            ThrowPeriodOutOfRange(period, _sums.Length);
        }

        return _sums[period];
    }

    /// <summary>The per-period totals S_t·2⁻²⁰ in value units.</summary>
    /// <returns>A new array of length <see cref="Periods"/>.</returns>
    public double[] ToTotals()
    {
        var totals = new double[_sums.Length];
        for (int t = 0; t < totals.Length; t++)
        {
            totals[t] = (double)_sums[t] * FixedPointMoments.Resolution;
        }

        return totals;
    }

    /// <summary>The per-period means S_t·2⁻²⁰ / <paramref name="count"/> (e.g. the expected cash flow per customer path).</summary>
    /// <param name="count">Number of paths N the sums were taken over, ≥ 1.</param>
    /// <returns>A new array of length <see cref="Periods"/>.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="count"/> is less than 1.</exception>
    public double[] ToMeans(long count)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1L);
        var means = new double[_sums.Length];
        for (int t = 0; t < means.Length; t++)
        {
            means[t] = (double)_sums[t] / count * FixedPointMoments.Resolution;
        }

        return means;
    }

    /// <summary>
    /// Writes the series in a compact, versioned little-endian binary form: magic "LVFS", format version,
    /// fractional bits, the number of periods, then each S_t as low and high 64 bits.
    /// </summary>
    /// <param name="writer">The destination (always little-endian).</param>
    /// <exception cref="ArgumentNullException"><paramref name="writer"/> is null.</exception>
    public void WriteTo(BinaryWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.Write(Magic);
        writer.Write((byte)FormatVersion);
        writer.Write((byte)FixedPointMoments.FractionalBits);
        writer.Write((ushort)0); // reserved
        writer.Write(_sums.Length);
        foreach (var sum in _sums)
        {
            BinaryFormat.WriteInt128(writer, sum);
        }
    }

    /// <summary>Reads a series written by <see cref="WriteTo"/>; the result is bit-identical to the one written.</summary>
    /// <param name="reader">The source, positioned at the start of the record.</param>
    /// <returns>A new series.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="reader"/> is null.</exception>
    /// <exception cref="InvalidDataException">Wrong magic, unsupported version or scale, or an invalid length.</exception>
    /// <exception cref="EndOfStreamException">The stream ends inside the record.</exception>
    public static FixedPointSeries ReadFrom(BinaryReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        BinaryFormat.ReadHeader(reader, Magic, nameof(FixedPointSeries), FormatVersion);
        int bits = reader.ReadByte();
        reader.ReadUInt16();
        if (bits != FixedPointMoments.FractionalBits)
        {
            throw new InvalidDataException(string.Create(CultureInfo.InvariantCulture,
                $"FixedPointSeries record uses {bits} fractional bits; this version supports {FixedPointMoments.FractionalBits}."));
        }

        int periods = reader.ReadInt32();
        if (periods < 0 || periods > MaxPeriods)
        {
            throw new InvalidDataException(string.Create(CultureInfo.InvariantCulture,
                $"FixedPointSeries record has an invalid number of periods ({periods})."));
        }

        BinaryFormat.EnsureAvailable(reader, periods * 16L, nameof(FixedPointSeries));
        var result = new FixedPointSeries(periods);
        for (int t = 0; t < periods; t++)
        {
            result._sums[t] = BinaryFormat.ReadInt128(reader);
        }

        return result;
    }

    [DoesNotReturn]
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void ThrowPeriodOutOfRange(int period, int periods) =>
        throw new ArgumentOutOfRangeException(nameof(period), period, string.Create(CultureInfo.InvariantCulture,
            $"period must be in [0, {periods - 1}] (was {period})."));

    [DoesNotReturn]
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void ThrowValueOutOfRange(double value, string name) =>
        throw new ArgumentOutOfRangeException(name, value, string.Create(CultureInfo.InvariantCulture,
            $"{name} must be a finite number with magnitude below 2^43 ≈ 8.8e12 (was {value:R})."));
}
