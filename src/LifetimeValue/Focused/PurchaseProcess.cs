using LifetimeValue.Internal;

namespace LifetimeValue.Focused;

/// <summary>
/// The purchase process of a customer-focused model: how often an active customer buys (e.g. stays at the
/// hotel), at what price and unit operating cost, and the background attrition.
/// </summary>
/// <remarks>
/// <para>The month of acquisition is the customer's first purchase (probability 1); in each later month an
/// active customer purchases with <see cref="MonthlyPurchaseProbability"/> (before the
/// <see cref="CostImprovement"/> price effect). Contribution per purchase = price − unit cost.
/// Independently, an active customer leaves each month with <see cref="MonthlyAttrition"/> (combined with the model's
/// <see cref="CustomerFocusedModel.TenureAttrition"/> curve when one is set; per-customer variation:
/// <see cref="CustomerHeterogeneity"/>).</para>
/// <para>Thread safety: immutable; safe to share.</para>
/// </remarks>
public sealed record PurchaseProcess
{
    private readonly double _probability;
    private readonly double _price;
    private readonly double _unitCost;
    private readonly double _attrition;

    /// <summary>Creates a purchase process.</summary>
    /// <param name="monthlyPurchaseProbability">Probability that an active customer purchases in a month after the first, in [0, 1].</param>
    /// <param name="price">Price per purchase (currency, ≥ 0).</param>
    /// <param name="unitCost">Operating cost per purchase (currency, ≥ 0).</param>
    /// <param name="monthlyAttrition">Monthly probability of leaving, independent of purchases, in [0, 1].</param>
    /// <exception cref="ArgumentOutOfRangeException">A value out of range (the message names it).</exception>
    public PurchaseProcess(double monthlyPurchaseProbability, double price, double unitCost, double monthlyAttrition = 0.0)
    {
        MonthlyPurchaseProbability = monthlyPurchaseProbability;
        Price = price;
        UnitCost = unitCost;
        MonthlyAttrition = monthlyAttrition;
    }

    /// <summary>Probability that an active customer purchases in a month after the first, in [0, 1].</summary>
    public double MonthlyPurchaseProbability { get => _probability; init => _probability = Guard.Probability(value, nameof(MonthlyPurchaseProbability)); }

    /// <summary>Price per purchase (currency, ≥ 0).</summary>
    public double Price { get => _price; init => _price = Guard.NonNegative(value, nameof(Price)); }

    /// <summary>Operating cost per purchase (currency, ≥ 0).</summary>
    public double UnitCost { get => _unitCost; init => _unitCost = Guard.NonNegative(value, nameof(UnitCost)); }

    /// <summary>Monthly probability of leaving, independent of purchases, in [0, 1].</summary>
    public double MonthlyAttrition { get => _attrition; init => _attrition = Guard.Probability(value, nameof(MonthlyAttrition)); }

    /// <summary>Contribution per purchase before levers: <see cref="Price"/> − <see cref="UnitCost"/> (may be negative).</summary>
    public double Contribution => Price - UnitCost;
}
