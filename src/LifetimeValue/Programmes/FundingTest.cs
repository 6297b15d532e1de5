using System.Globalization;
using LifetimeValue.Internal;

namespace LifetimeValue.Programmes;

/// <summary>
/// Whether a programme stays within a given capital: the share of rate scenarios whose funding need (financing included)
/// exceeds the capital, with a Wilson score interval for that share (honest at 0 and 1 and for few scenarios).
/// </summary>
/// <param name="Capital">The capital available.</param>
/// <param name="ScenariosShort">Scenarios whose need exceeds the capital.</param>
/// <param name="Scenarios">Scenarios in all.</param>
/// <param name="ConfidenceLevel">The interval's level, in (0, 1).</param>
public readonly record struct FundingTest(double Capital, int ScenariosShort, int Scenarios, double ConfidenceLevel)
{
    /// <summary>The share of scenarios short of capital, k/S.</summary>
    public double ShortfallShare => (double)ScenariosShort / Scenarios;

    /// <summary>The Wilson interval's lower end: (p̂ + z²/2S − z·√(p̂(1−p̂)/S + z²/4S²)) / (1 + z²/S).</summary>
    public double CiLow => Wilson(-1);

    /// <summary>The Wilson interval's upper end.</summary>
    public double CiHigh => Wilson(+1);

    internal static FundingTest Of(IReadOnlyList<double> needs, double capital, double confidenceLevel)
    {
        Guard.NonNegative(capital);
        var k = 0;
        foreach (var need in needs)
        {
            if (need > capital)
            {
                k++;
            }
        }

        return new FundingTest(capital, k, needs.Count, confidenceLevel);
    }

    private double Wilson(int sign)
    {
        // The ends are exactly 0 at k = 0 and 1 at k = S; the formula would give them only to rounding.
        if ((sign < 0 && ScenariosShort == 0) || (sign > 0 && ScenariosShort == Scenarios))
        {
            return sign < 0 ? 0 : 1;
        }

        var z = MathNet.Numerics.Distributions.Normal.InvCDF(0, 1, 1 - ((1 - ConfidenceLevel) / 2));
        var n = (double)Scenarios;
        var p = ShortfallShare;
        var centre = p + (z * z / (2 * n));
        var spread = z * Math.Sqrt((p * (1 - p) / n) + (z * z / (4 * n * n)));
        return Math.Clamp((centre + (sign * spread)) / (1 + (z * z / n)), 0, 1);
    }

    /// <inheritdoc />
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{ScenariosShort} of {Scenarios} scenarios need more than {Capital:N0} ({ShortfallShare:P1}, {ConfidenceLevel:P0} CI {CiLow:P1} – {CiHigh:P1})");
}
