using LifetimeValue.Internal;

namespace LifetimeValue.Calibration;

/// <summary>Cumulative repeat transactions per day, actual and model-expected, for a tracking plot; numbers only.</summary>
/// <remarks>Thread safety: immutable.</remarks>
public sealed class TrackingSeries
{
    internal TrackingSeries(DateOnly[] dates, double[] actual, double[] expected)
    {
        Dates = ReadOnly.Of(dates);
        Actual = ReadOnly.Of(actual);
        Expected = ReadOnly.Of(expected);
    }

    /// <summary>Calendar days, consecutive.</summary>
    public IReadOnlyList<DateOnly> Dates { get; }

    /// <summary>Actual cumulative repeat purchase days of the cohort up to and including each date.</summary>
    public IReadOnlyList<double> Actual { get; }

    /// <summary>Model-expected cumulative repeat purchases: Σ over customers of E[X(date − first purchase)].</summary>
    public IReadOnlyList<double> Expected { get; }
}
