using System.Globalization;

namespace LifetimeValue.Finance;

/// <summary>
/// The two break-even conventions of a cumulative value curve (see <see cref="BreakEven.FromCumulative"/>).
/// They differ exactly when the curve, once non-negative, dips below zero again later.
/// </summary>
/// <remarks>Thread safety: immutable.</remarks>
public sealed class BreakEvenResult
{
    internal BreakEvenResult(int? firstCrossing, int? finalRunStart)
    {
        FirstCrossing = firstCrossing;
        FinalRunStart = finalRunStart;
    }

    /// <summary>
    /// The first index (period) at which the cumulative value is ≥ 0; <see langword="null"/> when it never is.
    /// This is the classic payback convention.
    /// </summary>
    public int? FirstCrossing { get; }

    /// <summary>
    /// The first index of the final run of non-negative values that lasts to the end of the curve, i.e. the
    /// smallest k with value ≥ 0 at every index ≥ k; <see langword="null"/> when the last value is negative.
    /// This is the break-even that stays broken even.
    /// </summary>
    public int? FinalRunStart { get; }

    /// <summary><see langword="true"/> when the two conventions disagree (the curve dips below zero after its first crossing).</summary>
    public bool ConventionsDiffer => FirstCrossing != FinalRunStart;

    /// <summary>A one-line summary in the invariant culture.</summary>
    /// <returns>The summary, e.g. <c>FirstCrossing=3, FinalRunStart=9</c>.</returns>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"FirstCrossing={(FirstCrossing is { } f ? f.ToString(CultureInfo.InvariantCulture) : "never")}, FinalRunStart={(FinalRunStart is { } s ? s.ToString(CultureInfo.InvariantCulture) : "never")}");
}
