using System.Runtime.CompilerServices;
using LifetimeValue.Internal;

namespace LifetimeValue.Random;

/// <summary>
/// Conversions from raw 32-bit generator words to the draws the engines need. Each conversion is
/// exact integer arithmetic or a single IEEE operation sequence, so it gives the same bits on every
/// device.
/// </summary>
/// <remarks>Thread safety: all members are pure.</remarks>
public static class RandomDraws
{
    private const double TwoPow52Inv = 1.0 / 4503599627370496.0;

    /// <summary>
    /// The Bernoulli threshold ⌊p·2³²⌋ for an integer compare <c>word &lt; threshold</c>: the success
    /// probability is exactly threshold/2³², within 2.4·10⁻¹⁰ of p; p = 1 always succeeds and p = 0 never does.
    /// </summary>
    /// <param name="probability">Success probability in [0, 1].</param>
    /// <returns>The threshold in [0, 2³²].</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="probability"/> is outside [0, 1] or NaN.</exception>
    public static ulong BernoulliThreshold(double probability)
    {
        Guard.Probability(probability);
        return (ulong)Math.Floor(probability * 4294967296.0);
    }

    /// <summary>
    /// A uniform double in the open interval (0, 1) from two 32-bit words: the top 52 bits k of
    /// (hi·2³² + lo) give (k + ½)·2⁻⁵², exactly representable, so neither 0 nor 1 can occur (with 53 bits,
    /// k + ½ would round up to 2⁵³ for the largest k and return exactly 1).
    /// </summary>
    /// <param name="hi">High word.</param>
    /// <param name="lo">Low word.</param>
    /// <returns>(k + ½)·2⁻⁵² for k = the 52-bit integer, in [2⁻⁵³, 1 − 2⁻⁵³].</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double OpenUnit(uint hi, uint lo)
    {
        ulong bits = (((ulong)hi << 32) | lo) >> 12;
        return (bits + 0.5) * TwoPow52Inv;
    }

    /// <summary>
    /// Two independent standard normal draws from one 128-bit block by the Box–Muller transform
    /// (uses the host's <see cref="Math.Log(double)"/>, <see cref="Math.Sqrt"/>, <see cref="Math.SinCos"/>;
    /// rate scenarios are generated on the host only, so device transcendentals never enter).
    /// </summary>
    /// <param name="block">A Philox block.</param>
    /// <returns>Two independent N(0, 1) draws.</returns>
    public static (double Z0, double Z1) StandardNormalPair(Philox4x32.Block block)
    {
        double u1 = OpenUnit(block.X0, block.X1);
        double u2 = OpenUnit(block.X2, block.X3);
        double radius = Math.Sqrt(-2.0 * Math.Log(u1));
        var (sin, cos) = Math.SinCos(2.0 * Math.PI * u2);
        return (radius * cos, radius * sin);
    }
}
