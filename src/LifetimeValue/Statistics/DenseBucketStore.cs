using System.Diagnostics;
using System.Globalization;
using System.Runtime.CompilerServices;

namespace LifetimeValue.Statistics;

/// <summary>
/// Integer bucket counts over a contiguous range of bucket indices: a growable <see cref="long"/> array with
/// an index offset (the dense store of DDSketch). Grows rarely (geometrically), never shrinks, never collapses.
/// </summary>
/// <remarks>Thread safety: not thread-safe.</remarks>
internal sealed class DenseBucketStore
{
    private const int MinimumLength = 64;

    private readonly int _maxBucketCount;
    private long[] _counts = [];
    private int _offset; // bucket index of _counts[0]
    private long _total;

    public DenseBucketStore(int maxBucketCount) => _maxBucketCount = maxBucketCount;

    /// <summary>Sum of all counts.</summary>
    public long Total => _total;

    /// <summary>Adds one to bucket <paramref name="index"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Add(int index)
    {
        int i = index - _offset;
        if ((uint)i >= (uint)_counts.Length)
        {
            EnsureRange(index, index);
            i = index - _offset;
        }

        _counts[i]++;
        _total++;
    }

    /// <summary>Adds <paramref name="count"/> to bucket <paramref name="index"/> (deserialisation and merge).</summary>
    public void Add(int index, long count)
    {
        Debug.Assert(count >= 0, "counts are non-negative");
        EnsureRange(index, index);
        _counts[index - _offset] += count;
        _total += count;
    }

    /// <summary>Index of the lowest non-empty bucket; only valid when <see cref="Total"/> &gt; 0.</summary>
    public int FirstIndex
    {
        get
        {
            Debug.Assert(_total > 0, "store is not empty");
            int i = 0;
            while (_counts[i] == 0)
            {
                i++;
            }

            return i + _offset;
        }
    }

    /// <summary>Index of the highest non-empty bucket; only valid when <see cref="Total"/> &gt; 0.</summary>
    public int LastIndex
    {
        get
        {
            Debug.Assert(_total > 0, "store is not empty");
            int i = _counts.Length - 1;
            while (_counts[i] == 0)
            {
                i--;
            }

            return i + _offset;
        }
    }

    /// <summary>Count of bucket <paramref name="index"/> (0 outside the allocated range).</summary>
    public long CountAt(int index)
    {
        int i = index - _offset;
        return (uint)i < (uint)_counts.Length ? _counts[i] : 0;
    }

    /// <summary>The bucket holding the item of 0-based rank <paramref name="rank"/> in ascending index order.</summary>
    public int IndexAtRank(long rank)
    {
        Debug.Assert(rank >= 0 && rank < _total, "rank within the store");
        long cumulative = 0;
        for (int i = 0; i < _counts.Length; i++)
        {
            cumulative += _counts[i];
            if (cumulative > rank)
            {
                return i + _offset;
            }
        }

        throw new UnreachableException("rank beyond the store total");
    }

    /// <summary>Adds every count of <paramref name="other"/> (may be this store); checks capacity before changing counts. The caller checks the total for overflow.</summary>
    public void Merge(DenseBucketStore other)
    {
        if (other._total == 0)
        {
            return;
        }

        // When other is this store, EnsureRange is a no-op and each bucket is read before it is doubled.
        int first = other.FirstIndex, last = other.LastIndex;
        EnsureRange(first, last);
        for (int index = first; index <= last; index++)
        {
            long count = other._counts[index - other._offset];
            _counts[index - _offset] += count;
            _total += count;
        }
    }

    /// <summary>Throws, without changing anything, when merging <paramref name="other"/> would need more buckets than the cap.</summary>
    public void CheckMerge(DenseBucketStore other)
    {
        if (other._total == 0)
        {
            return;
        }

        int first = other.FirstIndex, last = other.LastIndex;
        long low = _counts.Length == 0 ? first : Math.Min(first, _offset);
        long high = _counts.Length == 0 ? last : Math.Max(last, _offset + _counts.Length - 1L);
        if (high - low + 1 > _maxBucketCount)
        {
            ThrowTooWide(low, high);
        }
    }

    /// <summary>Resets every count to zero (keeps the allocation).</summary>
    public void Clear()
    {
        Array.Clear(_counts);
        _total = 0;
    }

    /// <summary>Makes buckets <paramref name="low"/> … <paramref name="high"/> addressable.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private void EnsureRange(int low, int high)
    {
        int end = _offset + _counts.Length; // exclusive
        if (_counts.Length > 0 && low >= _offset && high < end)
        {
            return;
        }

        bool empty = _counts.Length == 0;
        long newLow = empty ? low : Math.Min(low, _offset);
        long newHigh = empty ? high : Math.Max(high, end - 1);
        long span = newHigh - newLow + 1;
        if (span > _maxBucketCount)
        {
            ThrowTooWide(newLow, newHigh);
        }

        long length = Math.Min(_maxBucketCount, Math.Max(span, Math.Max(2L * _counts.Length, MinimumLength)));
        long slack = length - span;

        // Put the spare room on the side that grew, where the next out-of-range index is likely to be.
        long offset = !empty && newLow < _offset ? newLow - slack : newLow;
        var counts = new long[length];
        if (!empty)
        {
            Array.Copy(_counts, 0, counts, _offset - offset, _counts.Length);
        }

        _counts = counts;
        _offset = (int)offset;
    }

    private void ThrowTooWide(long low, long high) =>
        throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture,
            $"QuantileSketch store would need {high - low + 1} buckets (indices {low} … {high}) but maxBucketCount is {_maxBucketCount}; values span too many orders of magnitude for the relative accuracy. Raise maxBucketCount or minIndexableValue, or increase relativeAccuracy."));
}
