using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Runtime.CompilerServices;
using LifetimeValue.Internal;

namespace LifetimeValue.Statistics;

/// <summary>
/// A mergeable quantile sketch with a relative-error guarantee (DDSketch: Masson, Rim and Lee, "DDSketch: a fast
/// and fully-mergeable quantile sketch with relative-error guarantees", PVLDB 12(12), 2019). Values are counted in
/// fixed logarithmic buckets with integer counts, so merging partial sketches is exact and the result does not
/// depend on how the data was split, nor on the merge order.
/// </summary>
/// <remarks>
/// <para>
/// <b>Mapping.</b> With relative accuracy α and γ = (1 + α)/(1 − α), a value x with |x| ≥ m
/// (<see cref="MinIndexableValue"/>) goes to bucket i = ⌈ln|x| / ln γ⌉, which covers (γ^(i−1), γ^i], in a store for
/// positive and one for negative values; values with |x| &lt; m (including ±0) are counted as zero. The bucket's
/// representative 2γ^i/(γ + 1) is within relative error α of every value in the bucket.
/// </para>
/// <para>
/// <b>Rank convention.</b> <see cref="Quantile"/>(p) estimates the sample value of 0-based rank k = ⌊p·(n − 1)⌋
/// in ascending order (the lower value, no interpolation; DDSketch's convention). Ranks 0 and n − 1 (so p = 0 and
/// p = 1 in particular) return the exact <see cref="Min"/> and <see cref="Max"/>; every other estimate is the
/// representative of the bucket holding rank k, clamped to [Min, Max] (which can only reduce the error).
/// </para>
/// <para>
/// <b>Guarantee.</b> For the true sample value q of rank k: |q̂ − q| ≤ α·|q| when |q| ≥ m, and |q̂ − q| &lt; m
/// otherwise, up to floating-point rounding of about 10⁻¹² relative. The counts are exact, so the guarantee
/// survives any number of merges.
/// </para>
/// <para>
/// <b>Determinism.</b> Bucket indices and representatives are computed exactly, without the host's logarithm
/// (an internal table of the largest doubles at or below each γ^k, built in double-double
/// arithmetic from IEEE operations only), so the same values give the same buckets, quantiles and bytes on every
/// machine and operating system. A device engine returns values to the host for bucketing.
/// </para>
/// <para>
/// <b>Memory.</b> Each store is a dense array spanning the lowest to the highest bucket seen, grown geometrically;
/// with α = 0.005 one decade takes about 230 buckets, so CLVs from 10⁻² to 10⁷ take about 2,100 buckets (17 KB).
/// A store never exceeds <see cref="MaxBucketCount"/> buckets: a value that would widen it further throws
/// <see cref="InvalidOperationException"/>; the sketch never collapses buckets, because collapsing would make
/// the result depend on the split.
/// </para>
/// <para>
/// <b>Tail risk.</b> CLV is a value (higher is better), so its risk is the left tail. <see cref="ValueAtRisk"/>
/// and <see cref="ExpectedShortfall"/> are reported in CLV units with the sign of CLV (not as positive losses):
/// VaR at confidence c is the (1 − c) quantile, ES the mean of the values at or below it.
/// </para>
/// <para>Thread safety: not thread-safe; use one sketch per thread or chunk and merge the partials.</para>
/// </remarks>
public sealed class QuantileSketch
{
    /// <summary>The default relative accuracy α (0.5 %).</summary>
    public const double DefaultRelativeAccuracy = 0.005;

    /// <summary>The default magnitude below which values count as zero (10⁻⁹).</summary>
    public const double DefaultMinIndexableValue = 1e-9;

    /// <summary>The default cap on buckets per store (65,536: 512 KiB, about 285 decades at α = 0.005).</summary>
    public const int DefaultMaxBucketCount = 1 << 16;

    private const int FormatVersion = 1;
    private const uint Magic = 0x5351564C; // "LVQS" little-endian

    private readonly LogarithmicMapping _mapping;
    private readonly DenseBucketStore _positive;
    private readonly DenseBucketStore _negative;
    private long _zeroCount;
    private long _count;
    private double _min = double.PositiveInfinity;
    private double _max = double.NegativeInfinity;

    /// <summary>Creates an empty sketch.</summary>
    /// <param name="relativeAccuracy">Relative accuracy α in [10⁻⁶, 0.5]; bucket width grows as 1/α.</param>
    /// <param name="minIndexableValue">Magnitude m below which values count as zero; finite, in [10⁻³⁰⁰, 10³⁰⁰], in value units.</param>
    /// <param name="maxBucketCount">Cap on buckets per sign store, 1 … 2²⁴.</param>
    /// <exception cref="ArgumentOutOfRangeException">A parameter is outside its range or NaN.</exception>
    public QuantileSketch(double relativeAccuracy = DefaultRelativeAccuracy, double minIndexableValue = DefaultMinIndexableValue,
        int maxBucketCount = DefaultMaxBucketCount)
    {
        // α ≥ 1e-6 keeps every bucket index of a finite double within int range (|i| ≤ 745/(2α)).
        Guard.InRange(relativeAccuracy, 1e-6, 0.5);
        Guard.InRange(minIndexableValue, 1e-300, 1e300);
        Guard.InRange(maxBucketCount, 1, 1 << 24);
        RelativeAccuracy = relativeAccuracy;
        MinIndexableValue = minIndexableValue;
        MaxBucketCount = maxBucketCount;
        _mapping = LogarithmicMapping.For(relativeAccuracy, minIndexableValue);
        _positive = new DenseBucketStore(maxBucketCount);
        _negative = new DenseBucketStore(maxBucketCount);
    }

    /// <summary>The relative accuracy α.</summary>
    public double RelativeAccuracy { get; }

    /// <summary>The magnitude m below which values are counted as zero.</summary>
    public double MinIndexableValue { get; }

    /// <summary>The cap on buckets per sign store.</summary>
    public int MaxBucketCount { get; }

    /// <summary>Number of values added.</summary>
    public long Count => _count;

    /// <summary>Number of values counted as zero (|x| &lt; <see cref="MinIndexableValue"/>).</summary>
    public long ZeroCount => _zeroCount;

    /// <summary>The smallest value added (exact); +∞ when empty.</summary>
    public double Min => _min;

    /// <summary>The largest value added (exact); −∞ when empty.</summary>
    public double Max => _max;

    /// <summary>Adds one value.</summary>
    /// <param name="value">A finite value in the caller's units.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="value"/> is NaN or infinite.</exception>
    /// <exception cref="InvalidOperationException">The value would widen a store beyond <see cref="MaxBucketCount"/> buckets.</exception>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Add(double value)
    {
        if (!double.IsFinite(value))
        {
            ThrowNotFinite(value);
        }

        double magnitude = Math.Abs(value);
        if (magnitude >= MinIndexableValue)
        {
            int index = BucketIndex(magnitude);
            (value > 0 ? _positive : _negative).Add(index);
        }
        else
        {
            _zeroCount++;
        }

        _count++;

        // Math.Min/Max order ±0 and are therefore independent of the order of additions.
        _min = Math.Min(_min, value);
        _max = Math.Max(_max, value);
    }

    /// <summary>Adds every value of a span.</summary>
    /// <param name="values">Finite values.</param>
    /// <exception cref="ArgumentOutOfRangeException">A value is NaN or infinite; values before it have been added.</exception>
    /// <exception cref="InvalidOperationException">A value would widen a store beyond <see cref="MaxBucketCount"/> buckets.</exception>
    public void AddRange(ReadOnlySpan<double> values)
    {
        foreach (var value in values)
        {
            Add(value);
        }
    }

    /// <summary>
    /// Adds the counts of <paramref name="other"/> to this sketch. Exact: any split of the data, merged in any order,
    /// gives bit-identical counts, and hence identical quantiles.
    /// </summary>
    /// <param name="other">A sketch with the same <see cref="RelativeAccuracy"/> and <see cref="MinIndexableValue"/> (left unchanged unless it is this instance, whose counts then double).</param>
    /// <exception cref="ArgumentNullException"><paramref name="other"/> is null.</exception>
    /// <exception cref="ArgumentException">The mappings differ.</exception>
    /// <exception cref="InvalidOperationException">The merged range would exceed <see cref="MaxBucketCount"/>; counts are unchanged.</exception>
    /// <exception cref="OverflowException">The merged count would exceed 2⁶³ − 1; counts are unchanged.</exception>
    public void Merge(QuantileSketch other)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (other.RelativeAccuracy != RelativeAccuracy || other.MinIndexableValue != MinIndexableValue)
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                $"Sketches must share the mapping to merge: other has relativeAccuracy {other.RelativeAccuracy:R} and minIndexableValue {other.MinIndexableValue:R}, this has {RelativeAccuracy:R} and {MinIndexableValue:R}."),
                nameof(other));
        }

        long count;
        try
        {
            count = checked(_count + other._count);
        }
        catch (OverflowException ex)
        {
            throw new OverflowException("Merging would take the sketch's count above 2^63 − 1.", ex);
        }

        // Both stores check their capacity before either changes, so a failed merge leaves this sketch as it was.
        _positive.CheckMerge(other._positive);
        _negative.CheckMerge(other._negative);
        _positive.Merge(other._positive);
        _negative.Merge(other._negative);
        _zeroCount += other._zeroCount;
        _count = count;
        _min = Math.Min(_min, other._min);
        _max = Math.Max(_max, other._max);
    }

    /// <summary>Resets to the empty state (keeps the mapping and the allocated buckets).</summary>
    public void Clear()
    {
        _positive.Clear();
        _negative.Clear();
        _zeroCount = 0;
        _count = 0;
        _min = double.PositiveInfinity;
        _max = double.NegativeInfinity;
    }

    /// <summary>Creates an independent copy with the same mapping and counts.</summary>
    /// <returns>A new sketch.</returns>
    public QuantileSketch Clone()
    {
        var copy = new QuantileSketch(RelativeAccuracy, MinIndexableValue, MaxBucketCount);
        copy.Merge(this);
        return copy;
    }

    /// <summary>The estimated value at quantile <paramref name="p"/>.</summary>
    /// <param name="p">Probability in [0, 1].</param>
    /// <returns>
    /// An estimate q̂ of the sample value of 0-based rank ⌊p·(n − 1)⌋ with |q̂ − q| ≤ α|q| (|q| ≥ m) or &lt; m
    /// (see remarks); exact for p = 0 (<see cref="Min"/>) and p = 1 (<see cref="Max"/>).
    /// </returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="p"/> is outside [0, 1] or NaN.</exception>
    /// <exception cref="InvalidOperationException">The sketch is empty.</exception>
    public double Quantile(double p)
    {
        Guard.Probability(p);
        ThrowIfEmpty();
        return Estimate(RankOf(p, _count));
    }

    /// <summary>The estimated values at several quantiles (see <see cref="Quantile"/>).</summary>
    /// <param name="ps">Probabilities, each in [0, 1].</param>
    /// <returns>A new array with one estimate per probability, in the same order.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="ps"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A probability is outside [0, 1] or NaN.</exception>
    /// <exception cref="InvalidOperationException">The sketch is empty.</exception>
    public double[] Quantiles(params double[] ps)
    {
        ArgumentNullException.ThrowIfNull(ps);
        for (int i = 0; i < ps.Length; i++)
        {
            Guard.Probability(ps[i], string.Create(CultureInfo.InvariantCulture, $"ps[{i}]"));
        }

        ThrowIfEmpty();
        var result = new double[ps.Length];
        for (int i = 0; i < ps.Length; i++)
        {
            result[i] = Estimate(RankOf(ps[i], _count));
        }

        return result;
    }

    /// <summary>
    /// The value at risk of CLV at confidence <paramref name="confidenceLevel"/>: the (1 − c) quantile, i.e. the CLV
    /// that is exceeded with probability about c. Reported as a value with the sign of CLV; negate it for the
    /// loss convention.
    /// </summary>
    /// <param name="confidenceLevel">Confidence c in (0, 1), e.g. 0.95.</param>
    /// <returns><see cref="Quantile"/>(1 − c), with the same error bound.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="confidenceLevel"/> is outside (0, 1) or NaN.</exception>
    /// <exception cref="InvalidOperationException">The sketch is empty.</exception>
    public double ValueAtRisk(double confidenceLevel)
    {
        RiskLevel.Validate(confidenceLevel);
        return Quantile(1.0 - confidenceLevel);
    }

    /// <summary>
    /// The expected shortfall (conditional VaR) of CLV at confidence <paramref name="confidenceLevel"/>: the mean
    /// of the k + 1 smallest values, k = ⌊(1 − c)(n − 1)⌋ being the rank of <see cref="ValueAtRisk"/> (so the VaR
    /// value itself is included and ES ≤ VaR). Reported with the sign of CLV.
    /// </summary>
    /// <param name="confidenceLevel">Confidence c in (0, 1), e.g. 0.95.</param>
    /// <returns>
    /// The mean of the tail values' bucket representatives (clamped to [Min, Max]; the smallest value is exact).
    /// The tail set is exact, so |ÊS − ES| ≤ α·mean(|x|) over the tail values, plus m for values counted as zero.
    /// </returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="confidenceLevel"/> is outside (0, 1) or NaN.</exception>
    /// <exception cref="InvalidOperationException">The sketch is empty.</exception>
    public double ExpectedShortfall(double confidenceLevel)
    {
        RiskLevel.Validate(confidenceLevel);
        ThrowIfEmpty();
        long tail = RankOf(1.0 - confidenceLevel, _count) + 1;
        double sum = 0.0;
        long remaining = tail;

        // Walk the values in ascending order: negatives by decreasing magnitude, zeros, positives.
        if (_negative.Total > 0)
        {
            for (int index = _negative.LastIndex; index >= _negative.FirstIndex && remaining > 0; index--)
            {
                long take = Math.Min(_negative.CountAt(index), remaining);
                sum += take * Math.Clamp(-Representative(index), _min, _max);
                remaining -= take;
            }
        }

        long zeros = Math.Min(_zeroCount, remaining);
        sum += zeros * Math.Clamp(0.0, _min, _max);
        remaining -= zeros;
        if (remaining > 0)
        {
            for (int index = _positive.FirstIndex; remaining > 0; index++)
            {
                long take = Math.Min(_positive.CountAt(index), remaining);
                sum += take * Math.Clamp(Representative(index), _min, _max);
                remaining -= take;
            }
        }

        // The smallest value is known exactly: replace its bucket estimate.
        sum += _min - BucketEstimate(0);
        return sum / tail;
    }

    /// <summary>
    /// Writes the sketch in a compact, versioned little-endian binary form: magic "LVQS", format version, α, m, the
    /// bucket cap, count, zero count, min, max, then for the negative and the positive store the first non-empty
    /// index, the number of buckets and their counts. The form is canonical: equal counts give equal bytes.
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
        writer.Write(RelativeAccuracy);
        writer.Write(MinIndexableValue);
        writer.Write(MaxBucketCount);
        writer.Write(_count);
        writer.Write(_zeroCount);
        writer.Write(_min);
        writer.Write(_max);
        WriteStore(writer, _negative);
        WriteStore(writer, _positive);
    }

    /// <summary>Reads a sketch written by <see cref="WriteTo"/>; the result has bit-identical counts.</summary>
    /// <param name="reader">The source, positioned at the start of the record.</param>
    /// <returns>A new sketch.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="reader"/> is null.</exception>
    /// <exception cref="InvalidDataException">Wrong magic, unsupported version, invalid parameters or inconsistent counts.</exception>
    /// <exception cref="EndOfStreamException">The stream ends inside the record.</exception>
    public static QuantileSketch ReadFrom(BinaryReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        BinaryFormat.ReadHeader(reader, Magic, nameof(QuantileSketch), FormatVersion);
        reader.ReadByte();
        reader.ReadUInt16();
        double relativeAccuracy = reader.ReadDouble();
        double minIndexableValue = reader.ReadDouble();
        int maxBucketCount = reader.ReadInt32();
        QuantileSketch sketch;
        try
        {
            sketch = new QuantileSketch(relativeAccuracy, minIndexableValue, maxBucketCount);
        }
        catch (ArgumentOutOfRangeException ex)
        {
            throw new InvalidDataException("QuantileSketch record has invalid parameters: " + ex.Message, ex);
        }

        long count = reader.ReadInt64();
        long zeroCount = reader.ReadInt64();
        double min = reader.ReadDouble();
        double max = reader.ReadDouble();
        try
        {
            ReadStore(reader, sketch._negative);
            ReadStore(reader, sketch._positive);
        }
        catch (InvalidOperationException ex)
        {
            throw new InvalidDataException("QuantileSketch record is inconsistent: " + ex.Message, ex);
        }

        bool consistent = zeroCount >= 0
            && count == (Int128)zeroCount + sketch._negative.Total + sketch._positive.Total
            && (count == 0
                ? double.IsPositiveInfinity(min) && double.IsNegativeInfinity(max)
                : double.IsFinite(min) && double.IsFinite(max) && min <= max);
        if (!consistent)
        {
            throw new InvalidDataException(string.Create(CultureInfo.InvariantCulture,
                $"QuantileSketch record is inconsistent (count {count}, zero count {zeroCount}, store totals {sketch._negative.Total} and {sketch._positive.Total}, min {min:R}, max {max:R})."));
        }

        sketch._count = count;
        sketch._zeroCount = zeroCount;
        sketch._min = min;
        sketch._max = max;
        return sketch;
    }

    /// <summary>0-based rank ⌊p·(n − 1)⌋ of quantile p among n values.</summary>
    internal static long RankOf(double p, long count) => Math.Min(count - 1, (long)Math.Floor(p * (count - 1)));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int BucketIndex(double magnitude) => _mapping.Index(magnitude);

    private double Representative(int index) => _mapping.Representative(index);

    private double Estimate(long rank)
    {
        if (rank == 0)
        {
            return _min;
        }

        return rank == _count - 1 ? _max : BucketEstimate(rank);
    }

    /// <summary>The clamped representative of the bucket holding the value of 0-based rank <paramref name="rank"/>.</summary>
    private double BucketEstimate(long rank)
    {
        double estimate;
        long negatives = _negative.Total;
        if (rank < negatives)
        {
            estimate = -Representative(_negative.IndexAtRank(negatives - 1 - rank));
        }
        else if (rank < negatives + _zeroCount)
        {
            estimate = 0.0;
        }
        else
        {
            estimate = Representative(_positive.IndexAtRank(rank - negatives - _zeroCount));
        }

        return Math.Clamp(estimate, _min, _max);
    }

    private void ThrowIfEmpty()
    {
        if (_count == 0)
        {
            throw new InvalidOperationException("The sketch is empty: add values before asking for quantiles.");
        }
    }

    private static void WriteStore(BinaryWriter writer, DenseBucketStore store)
    {
        if (store.Total == 0)
        {
            writer.Write(0);
            writer.Write(0);
            return;
        }

        int first = store.FirstIndex, last = store.LastIndex;
        writer.Write(first);
        writer.Write(last - first + 1);
        for (int index = first; index <= last; index++)
        {
            writer.Write(store.CountAt(index));
        }
    }

    private static void ReadStore(BinaryReader reader, DenseBucketStore store)
    {
        int first = reader.ReadInt32();
        int length = reader.ReadInt32();
        if (length < 0 || (long)first + length - 1 > int.MaxValue)
        {
            throw new InvalidDataException(string.Create(CultureInfo.InvariantCulture,
                $"QuantileSketch record has an invalid bucket range (first {first}, length {length})."));
        }

        for (int i = 0; i < length; i++)
        {
            long count = reader.ReadInt64();
            if (count < 0 || store.Total > long.MaxValue - count)
            {
                throw new InvalidDataException(string.Create(CultureInfo.InvariantCulture,
                    $"QuantileSketch record has an invalid bucket count ({count}) at index {first + i}."));
            }

            if (count > 0)
            {
                store.Add(first + i, count);
            }
        }
    }

    [DoesNotReturn]
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void ThrowNotFinite(double value) => Guard.Throw(nameof(value), value, "must be a finite number");
}
