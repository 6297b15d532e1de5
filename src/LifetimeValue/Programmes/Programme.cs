using LifetimeValue.Internal;
using LifetimeValue.Model;

namespace LifetimeValue.Programmes;

/// <summary>
/// An acquisition programme: a strategy (one cohort's model) acquired repeatedly on a schedule, with its financing.
/// The programme's net cash flow at calendar month m is Σ_j n_j · f(m − j), the cohort's expected cash flow per customer
/// f(k) (f(0) = −acquisition cost) shifted to each acquisition month j and weighted by the n_j customers acquired then.
/// </summary>
/// <remarks>
/// <para>Every cohort sees the rate scenario from its own acquisition on (cohort time), so in a Monte Carlo run all
/// cohorts of one scenario share one simulated cohort curve (common random numbers) and the programme costs one cohort
/// simulation plus a linear pass per scenario. Financing uses the scenario's rates in calendar time.</para>
/// <para>Thread safety: immutable; safe to share.</para>
/// </remarks>
public sealed record Programme
{
    private readonly StrategyModel _strategy = null!;
    private readonly AcquisitionSchedule _schedule = null!;
    private readonly ProgrammeFinancing _financing = ProgrammeFinancing.Default;

    /// <summary>A programme of <paramref name="strategy"/> on <paramref name="schedule"/>.</summary>
    /// <param name="strategy">The cohort model.</param>
    /// <param name="schedule">Customers acquired per month.</param>
    /// <param name="financing">Financing and valuation (default <see cref="ProgrammeFinancing.Default"/>).</param>
    /// <exception cref="ArgumentNullException"><paramref name="strategy"/> or <paramref name="schedule"/> is null.</exception>
    public Programme(StrategyModel strategy, AcquisitionSchedule schedule, ProgrammeFinancing? financing = null)
    {
        Strategy = strategy;
        Schedule = schedule;
        Financing = financing ?? ProgrammeFinancing.Default;
    }

    /// <summary>The cohort model.</summary>
    /// <exception cref="ArgumentNullException">Null.</exception>
    public StrategyModel Strategy { get => _strategy; init => _strategy = value ?? throw new ArgumentNullException(nameof(Strategy)); }

    /// <summary>Customers acquired per month.</summary>
    /// <exception cref="ArgumentNullException">Null.</exception>
    public AcquisitionSchedule Schedule { get => _schedule; init => _schedule = value ?? throw new ArgumentNullException(nameof(Schedule)); }

    /// <summary>Financing and valuation.</summary>
    /// <exception cref="ArgumentNullException">Null.</exception>
    public ProgrammeFinancing Financing { get => _financing; init => _financing = value ?? throw new ArgumentNullException(nameof(Financing)); }

    /// <summary>
    /// False (default): every cohort sees the rate scenario from its own acquisition on (cohort time), so all cohorts of a
    /// scenario share one cohort curve. True: calendar rates — the cohorts acquired in year k see the scenario from
    /// calendar month 12k on, so each acquisition year has its own cohort curve (one projection or simulation per year,
    /// on the same simulated customers); the rate paths must then cover 12·(years − 1) months plus the cohort horizon.
    /// </summary>
    public bool CalendarRates { get; init; }

    /// <summary>The programme's name: the strategy's.</summary>
    public string Name => Strategy.Name;

    /// <summary>Calendar months of programme cash flows: the schedule's months plus the cohort horizon.</summary>
    public int Months => checked(Schedule.MonthCount + Strategy.MaxPeriods);

    /// <summary>This programme with its schedule scaled so that the first year acquires <paramref name="perYear"/> customers.</summary>
    /// <param name="perYear">First-year customers, ≥ 0 and finite.</param>
    /// <returns>The rescaled programme.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="perYear"/> is negative or not finite.</exception>
    /// <exception cref="InvalidOperationException">The schedule acquires no one in the first year.</exception>
    public Programme WithFirstYear(double perYear)
    {
        Guard.NonNegative(perYear);
        return Schedule.FirstYear > 0
            ? this with { Schedule = Schedule.Scale(perYear / Schedule.FirstYear) }
            : throw new InvalidOperationException("The schedule acquires no customers in its first year, so it cannot be rescaled to a yearly figure.");
    }
}
