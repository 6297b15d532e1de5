namespace LifetimeValue.Statistics;

/// <summary>
/// An immutable snapshot of the moments of a sample (typically the simulated CLV of all customer paths),
/// produced by <see cref="FixedPointMoments.ToSummary"/>.
/// </summary>
/// <param name="Count">Number of values n (≥ 0).</param>
/// <param name="Mean">Sample mean x̄ = Σx/n, in value units; NaN when n = 0.</param>
/// <param name="Variance">Sample variance s² = Σ(x − x̄)²/(n − 1), in squared value units; NaN when n &lt; 2.</param>
/// <param name="StandardDeviation">Sample standard deviation s = √s² (n − 1 denominator); NaN when n &lt; 2.</param>
/// <param name="StandardError">Standard error of the mean s/√n; NaN when n &lt; 2.</param>
/// <param name="Min">Smallest value (exact); NaN when n = 0.</param>
/// <param name="Max">Largest value (exact); NaN when n = 0.</param>
/// <remarks>
/// <para>
/// Mean and variance are computed from fixed-point sums on a 2⁻²⁰ grid: the mean is within 2⁻²¹ ≈ 4.8·10⁻⁷
/// and the standard deviation within 2⁻²¹·√(n/(n − 1)) of those of the unquantised values, plus the
/// rounding of the final divisions (a few units in the last place).
/// </para>
/// <para>Thread safety: immutable.</para>
/// </remarks>
public sealed record MomentSummary(
    long Count,
    double Mean,
    double Variance,
    double StandardDeviation,
    double StandardError,
    double Min,
    double Max);
