using MathNet.Numerics;

namespace LifetimeValue.Calibration.Internal;

/// <summary>
/// The BG/NBD and MBG/NBD log-likelihoods with their analytic gradients in one pass over the collapsed histories,
/// in chunks summed in a fixed order (so the result does not depend on the thread count).
/// </summary>
/// <remarks>
/// <para>Per customer ln L = c(x) + ln(e^{A₁} + e^{A₂}) with c = ln Γ(r + x) − ln Γ(r) + r ln α and
/// A₁ = ln B(a, b + x + m) − ln B(a, b) − (r + x) ln(α + T), A₂ = ln B(a + 1, b + x − 1 + m) − ln B(a, b) − (r + x) ln(α + t_x),
/// where m = 0 for BG/NBD (A₂ only when x &gt; 0) and m = 1 for MBG/NBD. With weights w_k = e^{A_k}/(e^{A₁} + e^{A₂}):</para>
/// <para>∂/∂r = ψ(r + x) − ψ(r) + ln α − w₁ ln(α + T) − w₂ ln(α + t_x); ∂/∂α = r/α − (r + x)(w₁/(α + T) + w₂/(α + t_x));
/// ∂/∂a = w₁(ψ(a) − ψ(a + b + x + m)) + w₂(ψ(a + 1) − ψ(a + b + x + m)) − (ψ(a) − ψ(a + b));
/// ∂/∂b = w₁(ψ(b + x + m) − ψ(a + b + x + m)) + w₂(ψ(b + x − 1 + m) − ψ(a + b + x + m)) − (ψ(b) − ψ(a + b)).</para>
/// </remarks>
internal static class BgFamilyLikelihood
{
    private const int Chunk = 65_536;

    /// <summary>Σ w_i ln L_i and, when <paramref name="gradient"/> has 4 elements, ∂/∂(r, α, a, b).</summary>
    public static double Sum(double r, double alpha, double a, double b, CollapsedHistories d, bool modified, Span<double> gradient)
    {
        bool withGradient = gradient.Length == 4;
        int m = modified ? 1 : 0;
        double lnGammaR = SpecialFunctions.GammaLn(r);
        double betaAb = SpecialFunctions.BetaLn(a, b);
        double lnAlpha = Math.Log(alpha);
        double psiR = withGradient ? SpecialFunctions.DiGamma(r) : 0;
        double psiA = withGradient ? SpecialFunctions.DiGamma(a) : 0;
        double psiA1 = withGradient ? SpecialFunctions.DiGamma(a + 1) : 0;

        // Terms that depend on x only, once per distinct x.
        var xs = d.DistinctX;
        var perX = new XTerms[xs.Length];
        for (var k = 0; k < xs.Length; k++)
        {
            int x = xs[k];
            bool second = modified || x > 0;
            ref var t = ref perX[k];
            t.Common = SpecialFunctions.GammaLn(r + x) - lnGammaR + (r * lnAlpha);
            t.Beta1 = SpecialFunctions.BetaLn(a, b + x + m) - betaAb;
            t.Beta2 = second ? SpecialFunctions.BetaLn(a + 1, b + x - 1 + m) - betaAb : double.NegativeInfinity;
            if (withGradient)
            {
                double psiAbx = SpecialFunctions.DiGamma(a + b + x + m);
                t.DCommonR = SpecialFunctions.DiGamma(r + x) - psiR + lnAlpha;
                t.Da1 = psiA - psiAbx;
                t.Da2 = psiA1 - psiAbx;
                t.Db1 = SpecialFunctions.DiGamma(b + x + m) - psiAbx;
                t.Db2 = second ? SpecialFunctions.DiGamma(b + x - 1 + m) - psiAbx : 0;
            }
        }

        int chunks = (d.Count + Chunk - 1) / Chunk;
        var partials = new double[chunks * 5];
        void Run(int c)
        {
            int end = Math.Min(d.Count, (c + 1) * Chunk);
            double total = 0, gr = 0, gAlpha = 0, ga = 0, gb = 0;
            for (var i = c * Chunk; i < end; i++)
            {
                int x = d.X[i];
                ref readonly var t = ref perX[d.XIndex[i]];
                double rx = r + x, w = d.Weight[i];
                double aT = alpha + d.T[i];
                double lT = Math.Log(aT);
                double a1 = t.Beta1 - (rx * lT);
                double ll, w1, w2, lTx, aTx;
                if (x == 0 && !modified)
                {
                    ll = a1;
                    w1 = 1;
                    w2 = 0;
                    lTx = 0;
                    aTx = 1;
                }
                else
                {
                    aTx = alpha + d.Tx[i];
                    lTx = Math.Log(aTx);
                    double a2 = t.Beta2 - (rx * lTx);

                    // log-sum-exp with one exp: e = exp(min − max).
                    double hi = Math.Max(a1, a2), e = Math.Exp(Math.Min(a1, a2) - hi);
                    ll = hi + Math.Log(1 + e);
                    double wHi = 1 / (1 + e), wLo = e * wHi;
                    (w1, w2) = a1 >= a2 ? (wHi, wLo) : (wLo, wHi);
                }

                total += w * (t.Common + ll);
                if (withGradient)
                {
                    gr += w * (t.DCommonR - (w1 * lT) - (w2 * lTx));
                    gAlpha += w * ((r / alpha) - (rx * ((w1 / aT) + (w2 / aTx))));
                    ga += w * ((w1 * t.Da1) + (w2 * t.Da2));
                    gb += w * ((w1 * t.Db1) + (w2 * t.Db2));
                }
            }

            partials[c * 5] = total;
            partials[(c * 5) + 1] = gr;
            partials[(c * 5) + 2] = gAlpha;
            partials[(c * 5) + 3] = ga;
            partials[(c * 5) + 4] = gb;
        }

        if (chunks > 1)
        {
            Parallel.For(0, chunks, Run);
        }
        else if (chunks == 1)
        {
            Run(0);
        }

        // Merge in chunk order: the same sum on any number of threads.
        double sum = 0, sr = 0, sAlpha = 0, sa = 0, sb = 0, weight = 0;
        for (var c = 0; c < chunks; c++)
        {
            sum += partials[c * 5];
            sr += partials[(c * 5) + 1];
            sAlpha += partials[(c * 5) + 2];
            sa += partials[(c * 5) + 3];
            sb += partials[(c * 5) + 4];
        }

        if (withGradient)
        {
            foreach (var w in d.Weight)
            {
                weight += w;
            }

            double psiAb = SpecialFunctions.DiGamma(a + b);
            gradient[0] = sr;
            gradient[1] = sAlpha;
            gradient[2] = sa - (weight * (psiA - psiAb));
            gradient[3] = sb - (weight * (SpecialFunctions.DiGamma(b) - psiAb));
        }

        return sum;
    }

    private struct XTerms
    {
        public double Common;
        public double Beta1;
        public double Beta2;
        public double DCommonR;
        public double Da1;
        public double Da2;
        public double Db1;
        public double Db2;
    }
}
