using MathNet.Numerics.Distributions;

namespace LifetimeValue.Focused.Internal;

/// <summary>Quantiles of the mixing distributions, finite over the whole open unit interval the draws can produce.</summary>
internal static class MixingQuantiles
{
    /// <summary>
    /// The u-quantile of Gamma(k, rate k): MathNet's <c>Gamma.InvCDF</c>, except in the far upper tail where it returns a
    /// non-finite value (u within ~10⁻¹³ of 1); there the upper tail Q(k, k·x) = 1 − u (exact for u ≥ ½) is solved on
    /// ln Q by MathNet's Brent root finder on a doubling bracket.
    /// </summary>
    public static double GammaMeanOne(double shape, double u)
    {
        var x = Gamma.InvCDF(shape, shape, u);
        if (double.IsFinite(x))
        {
            return x;
        }

        var logTail = Math.Log(1.0 - u);
        double LogUpper(double y) => Math.Log(MathNet.Numerics.SpecialFunctions.GammaUpperRegularized(shape, shape * y)) - logTail;
        double lo = 0.0, hi = 1.0;
        while (LogUpper(hi) > 0.0)
        {
            lo = hi;
            hi *= 2.0;
        }

        return MathNet.Numerics.RootFinding.Brent.FindRoot(LogUpper, lo, hi, 1e-12, 500);
    }
}
