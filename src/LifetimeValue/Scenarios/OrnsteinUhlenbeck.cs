using MathNet.Numerics;

namespace LifetimeValue.Scenarios;

/// <summary>Shared closed forms of the Ornstein–Uhlenbeck process dx = −κx dt + σ dW.</summary>
internal static class OrnsteinUhlenbeck
{
    /// <summary>Var[x(t) | x(0)] = σ²(1 − e^{−2κt})/(2κ), via expm1 so that small κt keeps full precision.</summary>
    public static double Variance(double kappa, double sigma, double years) =>
        -sigma * sigma * SpecialFunctions.Expm1(-2.0 * kappa * years) / (2.0 * kappa);
}
