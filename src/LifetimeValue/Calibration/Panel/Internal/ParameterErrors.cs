namespace LifetimeValue.Calibration.Panel.Internal;

/// <summary>
/// The sampling uncertainty of every number in a <see cref="ModelBlueprint"/>, laid out like it: what the CLV interval draws from.
/// </summary>
internal sealed class ParameterErrors
{
    /// <summary>Standard error of each stage's monthly hazard.</summary>
    public required double[] Hazard { get; init; }

    /// <summary>Per stage and offered product: standard error of the adoption probability.</summary>
    public required double[][] Adoption { get; init; }

    /// <summary>Per band: (variance of a, variance of b, covariance) of the base margin, and the band whose estimate it uses.</summary>
    public required (double Va, double Vb, double C)[] Base { get; init; }

    public required int[] BaseSource { get; init; }

    /// <summary>Per stage, offered product and band of the stage: the margin's covariance, and the band (position in the stage) it uses.</summary>
    public required (double Va, double Vb, double C)[][][] Product { get; init; }

    public required int[][][] ProductSource { get; init; }

    /// <summary>Standard error of the acquisition cost (0 when given, not estimated).</summary>
    public required double AcquisitionCost { get; init; }
}
