using System.Globalization;
using LifetimeValue.Internal;

namespace LifetimeValue.Calibration.Bridge;

/// <summary>
/// How the contribution of a purchase follows from its price when a calibration model supplies the price (the Gamma-Gamma
/// mean spend): a margin rate (share of the price kept) or a fixed unit cost.
/// </summary>
/// <remarks>Thread safety: an immutable value.</remarks>
public readonly record struct SpendMargin
{
    private SpendMargin(double rate, double unitCost, bool isRate)
    {
        Rate = rate;
        UnitCost = unitCost;
        IsRate = isRate;
    }

    /// <summary>The share of the price kept as contribution (when <see cref="IsRate"/>).</summary>
    public double Rate { get; }

    /// <summary>The operating cost per purchase (when not <see cref="IsRate"/>).</summary>
    public double UnitCost { get; }

    /// <summary>True for a margin rate, false for a unit cost.</summary>
    public bool IsRate { get; }

    /// <summary>A margin rate: unit cost = price · (1 − rate).</summary>
    /// <param name="rate">Share of the price kept, finite and ≤ 1 (negative: loss-making purchases).</param>
    /// <returns>The margin.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="rate"/> is not finite or above 1.</exception>
    public static SpendMargin FromRate(double rate)
    {
        if (!(double.IsFinite(rate) && rate <= 1.0))
        {
            throw new ArgumentOutOfRangeException(nameof(rate), rate,
                string.Create(CultureInfo.InvariantCulture, $"rate must be a finite number in (−∞, 1] (was {rate:R})."));
        }

        return new SpendMargin(rate, 0.0, true);
    }

    /// <summary>A fixed unit cost per purchase.</summary>
    /// <param name="unitCost">Cost per purchase (currency, finite, ≥ 0).</param>
    /// <returns>The margin.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="unitCost"/> is negative or not finite.</exception>
    public static SpendMargin FromUnitCost(double unitCost) => new(0.0, Guard.NonNegative(unitCost), false);

    /// <summary>The unit cost for a given price.</summary>
    /// <param name="price">Price per purchase.</param>
    /// <returns><c>price·(1 − rate)</c> or the fixed unit cost.</returns>
    public double UnitCostFor(double price) => IsRate ? price * (1.0 - Rate) : UnitCost;
}
