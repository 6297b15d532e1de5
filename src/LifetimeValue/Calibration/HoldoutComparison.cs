using LifetimeValue.Internal;

namespace LifetimeValue.Calibration;

/// <summary>
/// Actual versus conditional-expected holdout purchases, grouped by calibration frequency (Fader, Hardie and Lee 2005,
/// Fig. 4); numbers only.
/// </summary>
/// <remarks>Thread safety: immutable.</remarks>
public sealed class HoldoutComparison
{
    internal HoldoutComparison(int[] frequencies, int[] customers, double[] actual, double[] expected, double holdoutLength)
    {
        Frequencies = ReadOnly.Of(frequencies);
        Customers = ReadOnly.Of(customers);
        ActualMean = ReadOnly.Of(actual);
        ExpectedMean = ReadOnly.Of(expected);
        HoldoutLength = holdoutLength;
    }

    /// <summary>Calibration frequency x of each group; the last group collects every x ≥ its value.</summary>
    public IReadOnlyList<int> Frequencies { get; }

    /// <summary>Number of customers in each group.</summary>
    public IReadOnlyList<int> Customers { get; }

    /// <summary>Mean actual holdout purchases per customer in each group (NaN for an empty group).</summary>
    public IReadOnlyList<double> ActualMean { get; }

    /// <summary>Mean of E[Y(holdout) | x, t_x, T] per customer in each group (NaN for an empty group).</summary>
    public IReadOnlyList<double> ExpectedMean { get; }

    /// <summary>Length of the holdout period in the summary's unit.</summary>
    public double HoldoutLength { get; }
}
