using LifetimeValue.Discounting;
using LifetimeValue.Lifecycle;

namespace LifetimeValue.Calibration.Panel.Internal;

/// <summary>
/// The fitted model's structure and numbers, kept apart so that the parameter draws of the CLV interval rebuild the model with
/// other numbers and the same structure.
/// </summary>
internal sealed class ModelBlueprint
{
    public required string Name { get; init; }

    public required int[] Boundaries { get; init; }

    public required string[] StageNames { get; init; }

    /// <summary>Monthly hazard per stage.</summary>
    public required double[] Hazards { get; init; }

    /// <summary>Per stage: the products offered (names).</summary>
    public required string[][] Products { get; init; }

    /// <summary>Per stage: the adoption probability of each offered product.</summary>
    public required double[][] Adoption { get; init; }

    /// <summary>Margin bands: first age and stage of each.</summary>
    public required int[] BandStarts { get; init; }

    public required int[] BandStage { get; init; }

    /// <summary>Base margin per band: intercept and slope.</summary>
    public required double[] BaseIntercept { get; init; }

    public required double[] BaseSlope { get; init; }

    /// <summary>Per stage, per offered product, per band of the stage (in band order): intercept and slope.</summary>
    public required double[][][] ProductIntercept { get; init; }

    public required double[][][] ProductSlope { get; init; }

    public required AcquisitionProfile Acquisition { get; init; }

    public required double AcquisitionCost { get; init; }

    public required Discount Discounting { get; init; }

    public ModelBlueprint Clone() => new()
    {
        Name = Name,
        Boundaries = Boundaries,
        StageNames = StageNames,
        Hazards = (double[])Hazards.Clone(),
        Products = Products,
        Adoption = [.. Adoption.Select(a => (double[])a.Clone())],
        BandStarts = BandStarts,
        BandStage = BandStage,
        BaseIntercept = (double[])BaseIntercept.Clone(),
        BaseSlope = (double[])BaseSlope.Clone(),
        ProductIntercept = [.. ProductIntercept.Select(s => s.Select(p => (double[])p.Clone()).ToArray())],
        ProductSlope = [.. ProductSlope.Select(s => s.Select(p => (double[])p.Clone()).ToArray())],
        Acquisition = Acquisition,
        AcquisitionCost = AcquisitionCost,
        Discounting = Discounting,
    };

    /// <summary>The bands of stage k, as indices into the band arrays.</summary>
    public int[] BandsOf(int k) => [.. Enumerable.Range(0, BandStarts.Length).Where(b => BandStage[b] == k)];

    public LifecycleModel Build()
    {
        var stages = new LifeStage[Hazards.Length];
        for (var k = 0; k < stages.Length; k++)
        {
            var bands = BandsOf(k);
            var baseMargin = Schedule(bands, BaseIntercept, BaseSlope);
            var products = new Product[Products[k].Length];
            for (var j = 0; j < products.Length; j++)
            {
                var margin = Schedule(bands.Select((_, i) => i).ToArray(), ProductIntercept[k][j], ProductSlope[k][j], bands);
                products[j] = new Product(Products[k][j], Adoption[k][j], margin);
            }

            // The annual attrition whose exact monthly hazard is h: q = 1 − (1 − h)¹².
            var q = 1.0 - Math.Pow(1.0 - Hazards[k], 12);
            stages[k] = new LifeStage(StageNames[k], Boundaries[k], Boundaries[k + 1], q, products, baseMargin);
        }

        return new LifecycleModel(Name, new StageLadder(stages), Acquisition, AcquisitionCost, Horizon.ToAge(Boundaries[^1]), Discounting);
    }

    private MarginSchedule Schedule(int[] bands, double[] intercepts, double[] slopes) => Schedule(bands, intercepts, slopes, bands);

    /// <summary>A step schedule over the bands; <paramref name="index"/> picks each band's entry in the value arrays.</summary>
    private MarginSchedule Schedule(int[] index, double[] intercepts, double[] slopes, int[] bands)
    {
        if (bands.Length == 1)
        {
            return new MarginSchedule(AgeSchedule.Constant(intercepts[index[0]]), AgeSchedule.Constant(slopes[index[0]]));
        }

        var a = new (int, double)[bands.Length];
        var b = new (int, double)[bands.Length];
        var slopeConstant = true;
        for (var i = 0; i < bands.Length; i++)
        {
            a[i] = (BandStarts[bands[i]], intercepts[index[i]]);
            b[i] = (BandStarts[bands[i]], slopes[index[i]]);
            slopeConstant &= slopes[index[i]] == slopes[index[0]];
        }

        return new MarginSchedule(AgeSchedule.Steps(a), slopeConstant ? AgeSchedule.Constant(slopes[index[0]]) : AgeSchedule.Steps(b));
    }
}
