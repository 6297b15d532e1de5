using LifetimeValue.Internal;

namespace LifetimeValue.Lifecycle;

/// <summary>
/// A product offered in a life stage: adopted (cross-sold) with some probability when the stage starts,
/// then held for the whole stage while the customer stays.
/// </summary>
/// <remarks>
/// <para>Monthly cash flow while held: <c>Margin.At(age, r) − MonthlyServicingCost</c>. Adoption is drawn
/// once at stage entry (independently per product) and lasts until the stage ends or the customer leaves.</para>
/// <para>Thread safety: immutable; safe to share.</para>
/// </remarks>
public sealed record Product
{
    private readonly string _name = "product";
    private readonly double _adoptionProbability;
    private readonly MarginSchedule _margin = MarginSchedule.Zero;
    private readonly double _monthlyServicingCost;

    /// <summary>Creates a product.</summary>
    /// <param name="name">Display name; not blank. Products with the same name in several stages share one cash-flow line.</param>
    /// <param name="adoptionProbability">Probability of adoption at stage entry, in [0, 1].</param>
    /// <param name="margin">Monthly margin while held.</param>
    /// <param name="monthlyServicingCost">Monthly servicing cost while held (currency/month, ≥ 0).</param>
    /// <exception cref="ArgumentException">A value out of range (the message names it).</exception>
    public Product(string name, double adoptionProbability, MarginSchedule margin, double monthlyServicingCost = 0)
    {
        Name = name;
        AdoptionProbability = adoptionProbability;
        Margin = margin;
        MonthlyServicingCost = monthlyServicingCost;
    }

    /// <summary>Display name; the cash-flow line the product's flows are reported under.</summary>
    public string Name { get => _name; init => _name = Guard.NotBlank(value, nameof(Name)); }

    /// <summary>Probability of adoption at stage entry, in [0, 1].</summary>
    public double AdoptionProbability { get => _adoptionProbability; init => _adoptionProbability = Guard.Probability(value, nameof(AdoptionProbability)); }

    /// <summary>Monthly margin while held.</summary>
    public MarginSchedule Margin { get => _margin; init => _margin = value ?? throw new ArgumentNullException(nameof(Margin)); }

    /// <summary>Monthly servicing cost while held (currency/month, ≥ 0).</summary>
    public double MonthlyServicingCost { get => _monthlyServicingCost; init => _monthlyServicingCost = Guard.NonNegative(value, nameof(MonthlyServicingCost)); }
}
