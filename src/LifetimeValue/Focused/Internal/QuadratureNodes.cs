using MathNet.Numerics.Distributions;
using MathNet.Numerics.Integration;

namespace LifetimeValue.Focused.Internal;

/// <summary>
/// A tensor Gauss–Legendre rule on the probability scale over the active mixing dimensions of a
/// <see cref="CustomerHeterogeneity"/>: θ = F⁻¹(u) at nodes u = v³/(v³ + (1 − v)³) for the Gauss–Legendre nodes v on (0, 1)
/// (MathNet), weights times du/dv, multiplied across dimensions.
/// An inactive dimension contributes the single node m = 1, p = 0 or g = 1 with weight 1.
/// </summary>
internal sealed class QuadratureNodes
{
    private QuadratureNodes(double[] mAxis, double[] gAxis, int[] im, int[] ig, double[] p, double[] w)
    {
        MAxis = mAxis;
        GAxis = gAxis;
        IM = im;
        IG = ig;
        P = p;
        W = w;
    }

    public static QuadratureNodes Single { get; } = new([1.0], [1.0], [0], [0], [0.0], [1.0]);

    /// <summary>The purchase-rate multipliers of the m axis.</summary>
    public double[] MAxis { get; }

    /// <summary>The attrition-rate multipliers of the g axis.</summary>
    public double[] GAxis { get; }

    /// <summary>Per node, its index on the m axis.</summary>
    public int[] IM { get; }

    /// <summary>Per node, its index on the g axis.</summary>
    public int[] IG { get; }

    public double[] P { get; }

    public double[] W { get; }

    public int Count => W.Length;

    public static QuadratureNodes Build(CustomerHeterogeneity mix)
    {
        // Gauss–Legendre in v on (0, 1) with the sigmoidal substitution u = v³/(v³ + (1 − v)³): quantile integrands behave like
        // powers of u and 1 − u at the ends (e.g. (1 − u)^{c/k} for a Gamma multiplier), which the substitution raises to the
        // cube, so the rule converges fast instead of algebraically slowly.
        var rule = new GaussLegendreRule(0.0, 1.0, mix.QuadratureNodes);
        var u = new double[rule.Order];
        var uw = new double[rule.Order];
        for (var i = 0; i < u.Length; i++)
        {
            double v = rule.Abscissas[i], a3 = v * v * v, b3 = (1.0 - v) * (1.0 - v) * (1.0 - v), d = a3 + b3;
            u[i] = a3 / d;
            uw[i] = rule.Weights[i] * 3.0 * v * v * (1.0 - v) * (1.0 - v) / (d * d);
        }

        // Normalise so that each dimension's weights sum to 1 exactly (the rule integrates du/dv to ~1e-13): constants, and
        // so models whose cash flows do not depend on the mixed parameter, come out exactly.
        var total = uw.Sum();
        for (var i = 0; i < uw.Length; i++)
        {
            uw[i] /= total;
        }
        (double[] X, double[] W) Axis(Func<double, double>? inverse, double off)
        {
            if (inverse is null)
            {
                return ([off], [1.0]);
            }

            var x = new double[u.Length];
            for (var i = 0; i < u.Length; i++)
            {
                x[i] = inverse(u[i]);
            }

            return (x, uw);
        }

        var (ms, mw) = Axis(mix.PurchaseRateShape is { } k ? v => MixingQuantiles.GammaMeanOne(k, v) : null, 1.0);
        var (ps, pw) = Axis(mix.DropoutShapeA is { } a && mix.DropoutShapeB is { } b ? v => Beta.InvCDF(a, b, v) : null, 0.0);
        var (gs, gw) = Axis(mix.AttritionRateShape is { } s ? v => MixingQuantiles.GammaMeanOne(s, v) : null, 1.0);
        var n = checked(ms.Length * ps.Length * gs.Length);
        var im = new int[n];
        var ig = new int[n];
        var p = new double[n];
        var w = new double[n];
        var j = 0;
        for (var i1 = 0; i1 < ms.Length; i1++)
        {
            for (var i2 = 0; i2 < ps.Length; i2++)
            {
                for (var i3 = 0; i3 < gs.Length; i3++)
                {
                    im[j] = i1;
                    ig[j] = i3;
                    p[j] = ps[i2];
                    w[j] = mw[i1] * pw[i2] * gw[i3];
                    j++;
                }
            }
        }

        return new QuadratureNodes(ms, gs, im, ig, p, w);
    }
}
