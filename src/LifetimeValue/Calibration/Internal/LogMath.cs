using MathNet.Numerics;

namespace LifetimeValue.Calibration.Internal;

/// <summary>Log-space arithmetic used by the likelihoods (log-sum-exp, log(1 − eˣ)).</summary>
internal static class LogMath
{
    /// <summary>log(eᵃ + eᵇ) without overflow.</summary>
    public static double LogSumExp(double a, double b)
    {
        if (double.IsNegativeInfinity(a))
        {
            return b;
        }

        if (double.IsNegativeInfinity(b))
        {
            return a;
        }

        return a > b ? a + SpecialFunctions.Log1p(Math.Exp(b - a)) : b + SpecialFunctions.Log1p(Math.Exp(a - b));
    }

    /// <summary>log(1 − eˣ) for x ≤ 0 (Mächler 2012, "Accurately computing log(1 − exp(−|a|))").</summary>
    public static double Log1mExp(double x)
    {
        if (x > -0.6931471805599453)
        {
            return Math.Log(-SpecialFunctions.Expm1(x));
        }

        return SpecialFunctions.Log1p(-Math.Exp(x));
    }

    /// <summary>(1 − (1 + u)^(−k)) / k for u ≥ 0, with the k → 0 limit log(1 + u).</summary>
    public static double OneMinusPowerOverK(double logOnePlusU, double k)
    {
        if (Math.Abs(k) < 1e-12)
        {
            return logOnePlusU;
        }

        return -SpecialFunctions.Expm1(-k * logOnePlusU) / k;
    }
}
