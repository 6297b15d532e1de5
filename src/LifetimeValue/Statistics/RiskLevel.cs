using System.Globalization;

namespace LifetimeValue.Statistics;

/// <summary>Validation shared by the value-at-risk and expected-shortfall members.</summary>
internal static class RiskLevel
{
    /// <summary>Throws unless the confidence level lies in the open interval (0, 1).</summary>
    public static void Validate(double confidenceLevel)
    {
        if (!(confidenceLevel > 0.0 && confidenceLevel < 1.0))
        {
            throw new ArgumentOutOfRangeException(nameof(confidenceLevel), confidenceLevel, string.Create(CultureInfo.InvariantCulture,
                $"confidenceLevel must be in (0, 1), e.g. 0.95 (was {confidenceLevel:R})."));
        }
    }
}
