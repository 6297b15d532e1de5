using LifetimeValue.Random;

namespace LifetimeValue.Lifecycle.Internal;

/// <summary>A product as offered in one segment, with its gross margin coefficients per period.</summary>
internal sealed class ProductSlot
{
    public ProductSlot(Product product, int start, int end, int acquisitionAge, int line)
    {
        Line = line;
        Adoption = product.AdoptionProbability;
        AdoptionThreshold = RandomDraws.BernoulliThreshold(Adoption);
        Servicing = product.MonthlyServicingCost;
        Intercept = new double[end - start];
        Slope = new double[end - start];
        for (var u = start; u < end; u++)
        {
            var age = acquisitionAge + (u / 12);
            Intercept[u - start] = product.Margin.Intercept.ValueAt(age);
            Slope[u - start] = product.Margin.RateSlope.ValueAt(age);
        }
    }

    public int Line { get; }

    /// <summary>Where this slot's column starts in the cohort's table.</summary>
    public int Offset { get; set; }

    public double Adoption { get; }

    public ulong AdoptionThreshold { get; }

    public double Servicing { get; }

    /// <summary>Gross margin intercept per period of the segment (index u − Start).</summary>
    public double[] Intercept { get; }

    /// <summary>Gross margin rate slope per period of the segment.</summary>
    public double[] Slope { get; }
}
