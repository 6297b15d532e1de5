namespace LifetimeValue.Calibration;

/// <summary>A repeat-purchase model with a closed-form distribution of the number of repeat purchases, P(X(t) = x).</summary>
/// <remarks>Thread safety: implementations are immutable and safe to share.</remarks>
public interface IPurchaseCountDistribution
{
    /// <summary>P(X(t) = x) for a new customer.</summary>
    /// <param name="x">Number of repeat purchases, ≥ 0.</param>
    /// <param name="t">Time since the first purchase, ≥ 0.</param>
    /// <returns>A probability in [0, 1].</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="x"/> is negative or <paramref name="t"/> is not a finite number ≥ 0.</exception>
    double ProbabilityOfPurchases(int x, double t);
}
