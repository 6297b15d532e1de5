using LifetimeValue.Internal;

namespace LifetimeValue.Calibration;

/// <summary>
/// Observed versus expected numbers of customers by calibration frequency, with Pearson's χ² (Fader, Hardie and Lee
/// 2005, Fig. 2 and Sec. 6); numbers only.
/// </summary>
/// <remarks>Thread safety: immutable.</remarks>
public sealed class FrequencyHistogram
{
    internal FrequencyHistogram(double[] observed, double[] expected, double chiSquare, int degreesOfFreedom)
    {
        Observed = ReadOnly.Of(observed);
        Expected = ReadOnly.Of(expected);
        ChiSquare = chiSquare;
        DegreesOfFreedom = degreesOfFreedom;
    }

    /// <summary>Customers with x = 0, 1, …; the last entry counts x ≥ its index.</summary>
    public IReadOnlyList<double> Observed { get; }

    /// <summary>Σ_i P(X(T_i) = x) over customers (last entry: the upper tail).</summary>
    public IReadOnlyList<double> Expected { get; }

    /// <summary>Pearson's χ² = Σ (O − E)²/E over the groups.</summary>
    public double ChiSquare { get; }

    /// <summary>Groups − 1 − number of model parameters.</summary>
    public int DegreesOfFreedom { get; }
}
