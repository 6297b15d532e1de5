namespace LifetimeValue.Tests.Scenarios;

/// <summary>
/// Exact grid moments of a Gaussian AR(1) rate r_{k+1} = c + φ·r_k + s·Z_k (Vasicek Euler: φ = 1 − κΔ,
/// c = κθΔ, s = σ√Δ; Vasicek exact: φ = e^{−κΔ}, c = θ(1 − φ), s² = σ²(1 − e^{−2κΔ})/(2κ)), used as the
/// scheme-consistent oracle that measures the discretisation bias of the continuous closed forms.
/// E[exp(−Δ Σ_{j&lt;k} r_j)] = exp(−Δ Σ m_j + Δ²·Var(Σ r_j)/2) because the sum is Gaussian.
/// </summary>
internal static class GaussianAr1
{
    public static (double[] Mean, double[] Variance, double[] BondPrice) Moments(double r0, double c, double phi, double s, int periods)
    {
        const double dt = 1.0 / 12.0;
        var mean = new double[periods + 1];
        var variance = new double[periods + 1];
        var bond = new double[periods + 1];
        double m = r0, v = 0.0, sumMean = 0.0, varSum = 0.0, covSumR = 0.0;
        for (var k = 0; k <= periods; k++)
        {
            mean[k] = m;
            variance[k] = v;
            bond[k] = Math.Exp(-dt * sumMean + 0.5 * dt * dt * varSum);

            // S_{k+1} = S_k + r_k: Var S_{k+1} = Var S_k + 2 Cov(S_k, r_k) + Var r_k; Cov(S_{k+1}, r_{k+1}) = φ(Cov + Var r_k).
            sumMean += m;
            varSum += 2.0 * covSumR + v;
            covSumR = phi * (covSumR + v);
            m = c + phi * m;
            v = phi * phi * v + s * s;
        }

        return (mean, variance, bond);
    }
}
