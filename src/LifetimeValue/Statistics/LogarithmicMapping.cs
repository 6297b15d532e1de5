using System.Collections.Concurrent;
using System.Diagnostics;
using System.Runtime.CompilerServices;

namespace LifetimeValue.Statistics;

/// <summary>
/// The exact logarithmic bucket mapping of <see cref="QuantileSketch"/>: a magnitude x goes to bucket
/// i = ⌈log_γ x⌉ (the bucket (γ^(i−1), γ^i]) with γ = (1 + α)/(1 − α) for the double α, computed without
/// <see cref="Math.Log(double)"/> and identically on every machine and operating system.
/// </summary>
/// <remarks>
/// <para>
/// <b>Boundaries.</b> For each index k the table holds L_k, the largest double ≤ γ^k. For a double x,
/// x ≤ γ^k ⟺ x ≤ L_k, so i is the smallest k with x ≤ L_k: a comparison of doubles, exact. γ^k is computed in
/// double-double arithmetic (about 104 bits) by binary powering from γ = (1 + α)/(1 − α), itself a double-double
/// quotient of the exact sums 1 ± α, with a separate power-of-two exponent so that nothing overflows; only IEEE
/// additions, multiplications, divisions and fused multiply-adds are used, which every conforming platform rounds the
/// same way. The relative error of γ^k is below 10⁻²⁸, so L_k is the true round-down unless γ^k lies within 10⁻²⁸ of
/// a double; <c>LogarithmicMappingTests</c> checks L_k against exact rational arithmetic.
/// </para>
/// <para>
/// <b>Lookup.</b> The exponent and the top mantissa bits of x give, through a small table of log₂(1 + m/2^b), a lower
/// bound of i within about half a bucket; one to three comparisons with the L table finish it. The first guess may
/// use the host's logarithm (only to fill that small table): it is corrected by exact comparisons, so it cannot
/// change the result.
/// </para>
/// <para>
/// <b>Representatives.</b> A bucket's representative 2γ^i/(γ + 1) (within relative error α of every value in it) is the
/// double-double value rounded to the nearest double, again identical everywhere.
/// </para>
/// <para>
/// <b>Range.</b> The table spans the indices from the minimum indexable value to <see cref="double.MaxValue"/>; for
/// α = 0.005 and m = 10⁻⁹ that is about 73,000 doubles (580 KB), of which a run touches the few hundred around its
/// values. Mappings are built once per (α, m) and shared (immutable). Where the span would exceed 2²¹ indices
/// (α below about 7·10⁻⁴), boundaries are computed per lookup instead: exact as well, but slower.
/// </para>
/// <para>Thread safety: immutable after construction; safe to share.</para>
/// </remarks>
internal sealed class LogarithmicMapping
{
    private const int MaxTableLength = 1 << 21;
    private static readonly ConcurrentDictionary<(double Alpha, double Min), LogarithmicMapping> Cache = new();

    private readonly Scaled _gamma;
    private readonly Scaled _inverseGamma;
    private readonly Scaled _representativeFactor; // 2 / (γ + 1)
    private readonly double[]? _lower; // L_k for k = _first … _first + length − 1
    private readonly int _first;
    private readonly double[] _log2Mantissa; // log₂(1 + j / 2^_mantissaBits), a lower bound used only for the guess
    private readonly int _mantissaBits;
    private readonly double _indicesPerBinade; // 1 / log₂ γ

    private LogarithmicMapping(double relativeAccuracy, double minIndexableValue)
    {
        RelativeAccuracy = relativeAccuracy;
        var (onePlusHi, onePlusLo) = TwoSum(1.0, relativeAccuracy);
        var (oneMinusHi, oneMinusLo) = TwoSum(1.0, -relativeAccuracy);
        _gamma = Scaled.From(Divide(onePlusHi, onePlusLo, oneMinusHi, oneMinusLo));
        _inverseGamma = Scaled.From(Divide(oneMinusHi, oneMinusLo, onePlusHi, onePlusLo));
        var gammaPlusOne = Add(_gamma.Hi * Math.ScaleB(1.0, _gamma.Exponent), _gamma.Lo * Math.ScaleB(1.0, _gamma.Exponent), 1.0, 0.0);
        _representativeFactor = Scaled.From(Divide(2.0, 0.0, gammaPlusOne.Hi, gammaPlusOne.Lo));

        // The guess: log₂ x ≥ e + log₂(1 + j/2^b) for the top b mantissa bits j. Enough bits that the guess is within
        // half a bucket: 2^−b · log₂(e) / log₂ γ ≤ 1/2.
        double log2Gamma = Math.Log2((1.0 + relativeAccuracy) / (1.0 - relativeAccuracy));
        _indicesPerBinade = 1.0 / log2Gamma;
        _mantissaBits = Math.Clamp((int)Math.Ceiling(Math.Log2(2.0 * 1.4426950408889634 * _indicesPerBinade)), 4, 12);
        _log2Mantissa = new double[1 << _mantissaBits];
        for (var j = 0; j < _log2Mantissa.Length; j++)
        {
            _log2Mantissa[j] = Math.Log2(1.0 + j / (double)_log2Mantissa.Length);
        }

        int first = IndexWithoutTable(minIndexableValue) - 4;
        int last = IndexWithoutTable(double.MaxValue);
        if ((long)last - first + 1 <= MaxTableLength)
        {
            _first = first;
            _lower = new double[last - first + 1];
            for (var k = first; k <= last; k++)
            {
                _lower[k - first] = ComputeLowerBoundary(k);
            }
        }
    }

    /// <summary>The relative accuracy α.</summary>
    public double RelativeAccuracy { get; }

    /// <summary>The shared mapping for α and the minimum indexable value m (built on first use).</summary>
    public static LogarithmicMapping For(double relativeAccuracy, double minIndexableValue) =>
        Cache.GetOrAdd((relativeAccuracy, minIndexableValue), static key => new LogarithmicMapping(key.Alpha, key.Min));

    /// <summary>The bucket ⌈log_γ x⌉ of a finite magnitude x ≥ the minimum indexable value.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int Index(double magnitude)
    {
        Debug.Assert(magnitude > 0 && double.IsFinite(magnitude));
        var lower = _lower;
        if (lower is null)
        {
            return IndexWithoutTable(magnitude);
        }

        int k = Guess(magnitude) - _first;
        if (k < 0)
        {
            k = 0;
        }

        // L is increasing; the guess is a lower bound, at most a few entries below the answer.
        while (magnitude > lower[k])
        {
            k++;
        }

        return k + _first;
    }

    /// <summary>The representative 2γ^i/(γ + 1) of bucket i, rounded to the nearest double.</summary>
    public double Representative(int index) => Scaled.Multiply(Power(index), _representativeFactor).ToNearestDouble();

    /// <summary>L_k: the largest double ≤ γ^k (<see cref="double.MaxValue"/> when γ^k exceeds it).</summary>
    internal double LowerBoundary(int k) =>
        _lower is { } lower && k >= _first && k - _first < lower.Length ? lower[k - _first] : ComputeLowerBoundary(k);

    private double ComputeLowerBoundary(int k) => Power(k).ToDoubleRoundedDown();

    /// <summary>A lower bound of ⌈log_γ x⌉, at most about one bucket below it.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int Guess(double magnitude)
    {
        long bits = BitConverter.DoubleToInt64Bits(magnitude);
        int exponent = (int)(bits >> 52) - 1023; // x is normal: x ≥ 10⁻³⁰⁰
        int top = (int)((bits & 0xF_FFFF_FFFF_FFFFL) >> (52 - _mantissaBits));
        return (int)Math.Floor((exponent + _log2Mantissa[top]) * _indicesPerBinade) - 1;
    }

    private int IndexWithoutTable(double magnitude)
    {
        int k = Guess(magnitude);
        while (magnitude > ComputeLowerBoundary(k))
        {
            k++;
        }

        return k;
    }

    /// <summary>γ^k in double-double with a power-of-two exponent, by binary powering.</summary>
    private Scaled Power(int k)
    {
        var result = Scaled.One;
        var factor = k >= 0 ? _gamma : _inverseGamma;
        long n = Math.Abs((long)k);
        while (n != 0)
        {
            if ((n & 1) != 0)
            {
                result = Scaled.Multiply(result, factor);
            }

            n >>= 1;
            if (n != 0)
            {
                factor = Scaled.Multiply(factor, factor);
            }
        }

        return result;
    }

    // Error-free transformations (Knuth, Dekker; Hida, Li and Bailey's QD library).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static (double Hi, double Lo) TwoSum(double a, double b)
    {
        double s = a + b;
        double bb = s - a;
        return (s, (a - (s - bb)) + (b - bb));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static (double Hi, double Lo) QuickTwoSum(double a, double b)
    {
        double s = a + b;
        return (s, b - (s - a));
    }

    private static (double Hi, double Lo) Add(double aHi, double aLo, double bHi, double bLo)
    {
        var (s, e) = TwoSum(aHi, bHi);
        e += aLo + bLo;
        return QuickTwoSum(s, e);
    }

    private static (double Hi, double Lo) MultiplyPlain(double aHi, double aLo, double bHi, double bLo)
    {
        double p = aHi * bHi;
        double e = Math.FusedMultiplyAdd(aHi, bHi, -p);
        e += aHi * bLo + aLo * bHi;
        return QuickTwoSum(p, e);
    }

    /// <summary>(aHi + aLo)/(bHi + bLo) in double-double: three quotient terms, as in QD's accurate division.</summary>
    private static (double Hi, double Lo) Divide(double aHi, double aLo, double bHi, double bLo)
    {
        double q1 = aHi / bHi;
        var t = MultiplyPlain(bHi, bLo, q1, 0);
        var r = Add(aHi, aLo, -t.Hi, -t.Lo);
        double q2 = r.Hi / bHi;
        t = MultiplyPlain(bHi, bLo, q2, 0);
        r = Add(r.Hi, r.Lo, -t.Hi, -t.Lo);
        double q3 = r.Hi / bHi;
        var (hi, lo) = QuickTwoSum(q1, q2);
        return Add(hi, lo, q3, 0);
    }

    /// <summary>(Hi + Lo)·2^Exponent with Hi in [1, 2): a double-double that cannot overflow.</summary>
    private readonly record struct Scaled(double Hi, double Lo, int Exponent)
    {
        public static Scaled One => new(1.0, 0.0, 0);

        public static Scaled From((double Hi, double Lo) value)
        {
            int e = Math.ILogB(value.Hi);
            return new Scaled(Math.ScaleB(value.Hi, -e), Math.ScaleB(value.Lo, -e), e);
        }

        public static Scaled Multiply(Scaled a, Scaled b)
        {
            var (hi, lo) = MultiplyPlain(a.Hi, a.Lo, b.Hi, b.Lo);
            int exponent = a.Exponent + b.Exponent;
            if (hi >= 2.0)
            {
                // Halving is exact (no underflow: |lo| ≈ 2⁻⁵³).
                hi *= 0.5;
                lo *= 0.5;
                exponent++;
            }

            return new Scaled(hi, lo, exponent);
        }

        /// <summary>The largest double ≤ the value (the value is positive; <see cref="double.MaxValue"/> above it).</summary>
        public double ToDoubleRoundedDown()
        {
            // Hi = RN(Hi + Lo), so the value lies within half an ulp of Hi: it rounds down to Hi, or to Hi's predecessor
            // when it is below Hi.
            double down = Lo < 0 ? Math.BitDecrement(Hi) : Hi;
            if (Exponent > 1023)
            {
                return double.MaxValue;
            }

            Debug.Assert(Exponent >= -1022, "the table stays in the normal range (m ≥ 10⁻³⁰⁰)");
            return Math.ScaleB(down, Exponent); // exact: a power-of-two scaling of a normal double
        }

        /// <summary>The double nearest the value.</summary>
        public double ToNearestDouble() => Exponent > 1023 ? double.MaxValue : Math.ScaleB(Hi, Exponent);
    }
}
