using LifetimeValue.Internal;
using LifetimeValue.Model;

namespace LifetimeValue.Programmes;

/// <summary>
/// A programme's terms without its strategy, as a model file's <c>programme</c> section stores them: customers acquired
/// in the first year, growth, years, timing and financing. <see cref="For"/> applies them to a strategy.
/// </summary>
/// <remarks>Thread safety: immutable; safe to share.</remarks>
public sealed record ProgrammeTerms
{
    private readonly double _perYear;
    private readonly int _years = 15;
    private readonly double _growth;
    private readonly AcquisitionTiming _timing;
    private readonly ProgrammeFinancing _financing = ProgrammeFinancing.Default;

    /// <summary>Customers acquired in the first year, ≥ 0 and finite.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Negative or not finite.</exception>
    public double PerYear { get => _perYear; init => _perYear = Guard.NonNegative(value, nameof(PerYear)); }

    /// <summary>Years of acquisition, 1 … 100 (default 15).</summary>
    /// <exception cref="ArgumentOutOfRangeException">Outside 1 … 100.</exception>
    public int Years { get => _years; init => _years = Guard.InRange(value, 1, AcquisitionSchedule.MaxMonths / 12, nameof(Years)); }

    /// <summary>Annual growth of the yearly figure, in (−1, 10] (default 0).</summary>
    /// <exception cref="ArgumentOutOfRangeException">Outside (−1, 10].</exception>
    public double Growth
    {
        get => _growth;
        init => _growth = value > -1 && value <= 10 ? value : throw new ArgumentOutOfRangeException(nameof(Growth), value,
            string.Create(System.Globalization.CultureInfo.InvariantCulture, $"Growth must be in (-1, 10] (was {value:R})."));
    }

    /// <summary>How a year's customers arrive (default spread monthly).</summary>
    /// <exception cref="ArgumentOutOfRangeException">Not a defined value.</exception>
    public AcquisitionTiming Timing { get => _timing; init => _timing = Enum.IsDefined(value) ? value : throw new ArgumentOutOfRangeException(nameof(Timing), value, "Timing must be SpreadMonthly or StartOfYear."); }

    /// <summary>Financing and valuation (default <see cref="ProgrammeFinancing.Default"/>).</summary>
    /// <exception cref="ArgumentNullException">Null.</exception>
    public ProgrammeFinancing Financing { get => _financing; init => _financing = value ?? throw new ArgumentNullException(nameof(Financing)); }

    /// <summary>The schedule these terms describe.</summary>
    /// <returns><see cref="AcquisitionSchedule.PerYear"/> of the terms.</returns>
    public AcquisitionSchedule ToSchedule() => AcquisitionSchedule.PerYear(PerYear, Years, Growth, Timing);

    /// <summary>The programme of <paramref name="strategy"/> on these terms.</summary>
    /// <param name="strategy">The cohort model.</param>
    /// <returns>The programme.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="strategy"/> is null.</exception>
    public Programme For(StrategyModel strategy) => new(strategy, ToSchedule(), Financing);
}
