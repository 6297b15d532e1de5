using System.Globalization;
using LifetimeValue.Internal;

namespace LifetimeValue.Lifecycle;

/// <summary>
/// A life stage of the customer relationship, keyed by age in whole years: the products a customer
/// may take up on entering it, the basic margin every customer in the stage earns, and the attrition
/// hazard while in it.
/// </summary>
/// <remarks>
/// <para>The stage covers ages <c>[StartAge, EndAge)</c>. A customer enters a stage either when acquired
/// inside it (period 0) or on the birthday that reaches <see cref="StartAge"/>.</para>
/// <para>Attrition is given as an annual probability q and converted exactly to the monthly hazard
/// <c>h = 1 − (1 − q)^(1/12)</c>, so twelve months in the stage retain exactly 1 − q.</para>
/// <para>Monthly cash flow of a customer in the stage: <c>BaseMargin.At(age, r) + Σ held products</c>.</para>
/// <para>Thread safety: immutable; safe to share.</para>
/// </remarks>
public sealed record LifeStage
{
    private readonly string _name = "stage";
    private readonly int _startAge;
    private readonly int _endAge = 1;
    private readonly double _annualAttrition;
    private readonly IReadOnlyList<Product> _products = [];
    private readonly MarginSchedule _baseMargin = MarginSchedule.Zero;

    /// <summary>Creates a life stage.</summary>
    /// <param name="name">Display name; not blank.</param>
    /// <param name="startAge">First age of the stage (years), in [0, 129].</param>
    /// <param name="endAge">First age after the stage (years), in (startAge, 130].</param>
    /// <param name="annualAttrition">Probability of leaving within a year spent in the stage, in [0, 1].</param>
    /// <param name="products">Products offered on entry (may be empty; at most 64).</param>
    /// <param name="baseMargin">Monthly margin earned from every customer in the stage (default zero).</param>
    /// <exception cref="ArgumentException">A value out of range (the message names it).</exception>
    public LifeStage(string name, int startAge, int endAge, double annualAttrition, IReadOnlyList<Product> products, MarginSchedule? baseMargin = null)
    {
        Name = name;
        StartAge = startAge;
        EndAge = endAge;
        AnnualAttrition = annualAttrition;
        Products = products;
        BaseMargin = baseMargin ?? MarginSchedule.Zero;
        if (endAge <= startAge)
        {
            throw new ArgumentOutOfRangeException(nameof(endAge), endAge,
                string.Create(CultureInfo.InvariantCulture, $"endAge must be greater than startAge = {startAge} (was {endAge})."));
        }
    }

    /// <summary>The largest number of products one stage may offer.</summary>
    public const int MaxProducts = 64;

    /// <summary>Display name.</summary>
    public string Name { get => _name; init => _name = Guard.NotBlank(value, nameof(Name)); }

    /// <summary>First age of the stage (years).</summary>
    public int StartAge { get => _startAge; init => _startAge = Guard.InRange(value, 0, AgeSchedule.MaxAge - 1, nameof(StartAge)); }

    /// <summary>First age after the stage (years).</summary>
    public int EndAge { get => _endAge; init => _endAge = Guard.InRange(value, 1, AgeSchedule.MaxAge, nameof(EndAge)); }

    /// <summary>Probability of leaving within a year spent in the stage, in [0, 1].</summary>
    public double AnnualAttrition { get => _annualAttrition; init => _annualAttrition = Guard.Probability(value, nameof(AnnualAttrition)); }

    /// <summary>Monthly attrition hazard <c>1 − (1 − q)^(1/12)</c>.</summary>
    public double MonthlyHazard => 1.0 - Math.Pow(1.0 - AnnualAttrition, 1.0 / 12.0);

    /// <summary>Products offered on entry.</summary>
    public IReadOnlyList<Product> Products
    {
        get => _products;
        init
        {
            ArgumentNullException.ThrowIfNull(value, nameof(Products));
            Guard.InRange(value.Count, 0, MaxProducts, "Products.Count");
            var copy = new Product[value.Count];
            for (var i = 0; i < copy.Length; i++)
            {
                copy[i] = value[i] ?? throw new ArgumentNullException($"{nameof(Products)}[{i}]");
            }

            _products = Array.AsReadOnly(copy);
        }
    }

    /// <summary>Monthly margin earned from every customer in the stage.</summary>
    public MarginSchedule BaseMargin { get => _baseMargin; init => _baseMargin = value ?? throw new ArgumentNullException(nameof(BaseMargin)); }

    /// <summary>Number of whole years in the stage.</summary>
    public int Years => EndAge - StartAge;

    /// <inheritdoc/>
    public bool Equals(LifeStage? other) =>
        other is not null && Name == other.Name && StartAge == other.StartAge && EndAge == other.EndAge
        && AnnualAttrition.Equals(other.AnnualAttrition) && BaseMargin.Equals(other.BaseMargin)
        && Products.SequenceEqual(other.Products);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Name, StartAge, EndAge, AnnualAttrition, BaseMargin, Products.Count);
}
