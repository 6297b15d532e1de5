using LifetimeValue.Internal;

namespace LifetimeValue.Calibration.Bridge;

/// <summary>
/// The CLV's spread from parameter uncertainty: the exact-engine CLV at the estimates and at parameter vectors drawn from
/// their asymptotic distribution (see the <c>SimulatorInputs.ParameterUncertainty</c> overloads).
/// </summary>
/// <remarks>Thread safety: immutable.</remarks>
public sealed class ClvInterval
{
    internal ClvInterval(double pointEstimate, double lower, double upper, double lowerLevel, double upperLevel, double[] draws, ulong seed, string[] parameters)
    {
        PointEstimate = pointEstimate;
        Lower = lower;
        Upper = upper;
        LowerLevel = lowerLevel;
        UpperLevel = upperLevel;
        Draws = ReadOnly.Of(draws);
        Seed = seed;
        Parameters = ReadOnly.Of(parameters);
        Mean = draws.Average();
    }

    /// <summary>CLV at the maximum-likelihood estimates.</summary>
    public double PointEstimate { get; }

    /// <summary>The <see cref="LowerLevel"/> quantile of the CLV draws (linear interpolation between order statistics).</summary>
    public double Lower { get; }

    /// <summary>The <see cref="UpperLevel"/> quantile of the CLV draws.</summary>
    public double Upper { get; }

    /// <summary>Probability level of <see cref="Lower"/>, in (0, 1).</summary>
    public double LowerLevel { get; }

    /// <summary>Probability level of <see cref="Upper"/>, in (0, 1).</summary>
    public double UpperLevel { get; }

    /// <summary>Mean CLV over the draws.</summary>
    public double Mean { get; }

    /// <summary>The CLV of each parameter draw, in draw order.</summary>
    public IReadOnlyList<double> Draws { get; }

    /// <summary>The seed of the parameter draws.</summary>
    public ulong Seed { get; }

    /// <summary>Names of the parameters drawn, in order.</summary>
    public IReadOnlyList<string> Parameters { get; }
}
