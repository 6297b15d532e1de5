using System.Globalization;
using LifetimeValue.Discounting;
using LifetimeValue.Internal;
using LifetimeValue.Model;

namespace LifetimeValue.Lifecycle;

/// <summary>
/// A customer-centric (lifetime) relationship model: customers acquired at given ages climb a ladder of
/// life stages, taking up products as each stage starts, earning a margin that depends on the period's
/// short rate and their age, and leaving with a per-stage hazard, until a horizon.
/// </summary>
/// <remarks>
/// <para>Timing: monthly periods t = 0, 1, …; the age in whole years in period t is <c>a + ⌊t/12⌋</c> for a
/// customer acquired at age a. In each period a customer still present (1) on entering a stage
/// (t = 0 included) adopts each of its products independently with the product's probability, (2) earns
/// the stage's base margin plus the margins of the products held, net of servicing cost, received at the
/// end of the month and discounted with <c>D_{t+1}</c>, and (3) leaves with the stage's monthly hazard.
/// The acquisition cost is paid at t = 0, undiscounted.</para>
/// <para>Everything is data: <see cref="Presets"/> builds the bundled "bank" and W1 models from these types.</para>
/// <para>Thread safety: immutable; safe to share.</para>
/// </remarks>
public sealed record LifecycleModel : StrategyModel
{
    private readonly string _name = "model";
    private readonly StageLadder _stages = null!;
    private readonly AcquisitionProfile _acquisition = null!;
    private readonly double _acquisitionCost;
    private readonly Horizon _horizon;
    private readonly Discount _discounting = null!;

    /// <summary>Creates a model and checks that its parts fit together.</summary>
    /// <param name="name">Display name; not blank.</param>
    /// <param name="stages">The life-stage ladder.</param>
    /// <param name="acquisition">Acquisition ages; each must lie inside the ladder.</param>
    /// <param name="acquisitionCost">Cost of acquiring one customer, paid at t = 0 (currency, ≥ 0).</param>
    /// <param name="horizon">How long customers are followed; the ladder must cover it for every acquisition age.</param>
    /// <param name="discounting">How cash flows are discounted.</param>
    /// <exception cref="ArgumentException">A value out of range or parts that do not fit (the message says which).</exception>
    public LifecycleModel(string name, StageLadder stages, AcquisitionProfile acquisition, double acquisitionCost, Horizon horizon, Discount discounting)
    {
        Name = name;
        Stages = stages;
        Acquisition = acquisition;
        AcquisitionCost = acquisitionCost;
        Horizon = horizon;
        Discounting = discounting;
        Validate();
    }

    /// <inheritdoc />
    public override StrategyKind Kind => StrategyKind.CustomerCentric;

    /// <summary>Display name.</summary>
    public override string Name { get => _name; init => _name = Guard.NotBlank(value, nameof(Name)); }

    /// <summary>The life-stage ladder.</summary>
    public StageLadder Stages { get => _stages; init => _stages = value ?? throw new ArgumentNullException(nameof(Stages)); }

    /// <summary>Acquisition ages and weights.</summary>
    public AcquisitionProfile Acquisition { get => _acquisition; init => _acquisition = value ?? throw new ArgumentNullException(nameof(Acquisition)); }

    /// <summary>Cost of acquiring one customer, paid at t = 0 (currency, ≥ 0).</summary>
    public override double AcquisitionCost { get => _acquisitionCost; init => _acquisitionCost = Guard.NonNegative(value, nameof(AcquisitionCost)); }

    /// <summary>How long customers are followed.</summary>
    public Horizon Horizon { get => _horizon; init => _horizon = value; }

    /// <summary>
    /// Optional Markov chain over relationship states (active, dormant, lapsed with win-back, …) that scales margins; null
    /// (the default) for none. Models with states are simulated month by month.
    /// </summary>
    public RelationshipStates? States { get; init; }

    /// <summary>
    /// Optional customer heterogeneity (attrition frailty, balance dispersion) drawn once per customer; null (the default)
    /// for identical customers. Models with heterogeneity are simulated month by month.
    /// </summary>
    public LifecycleHeterogeneity? Heterogeneity { get; init; }

    /// <summary>How cash flows are discounted.</summary>
    public override Discount Discounting { get => _discounting; init => _discounting = value ?? throw new ArgumentNullException(nameof(Discounting)); }

    /// <summary>The longest horizon over the acquisition ages, in months.</summary>
    public override int MaxPeriods
    {
        get
        {
            var max = 0;
            foreach (var age in Acquisition.Ages)
            {
                max = Math.Max(max, Horizon.PeriodsFor(age));
            }

            return max;
        }
    }

    /// <summary>
    /// Checks that the parts fit together (engines call this, since <c>with</c> expressions can change one
    /// part without the others): the horizon is set, every acquisition age lies in the ladder and gets at
    /// least one period, the ladder covers every horizon, and horizons are at most 1200 months.
    /// </summary>
    /// <exception cref="ArgumentException">The first misfit found, named.</exception>
    public override void Validate()
    {
        if (Horizon.EndAge == 0 && Horizon.Periods == 0)
        {
            throw new ArgumentException("Horizon must be set (Horizon.ToAge or Horizon.Months).", nameof(Horizon));
        }

        foreach (var stage in Stages.Stages)
        {
            if (stage.EndAge <= stage.StartAge)
            {
                throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                    $"Stage '{stage.Name}': EndAge must be greater than StartAge = {stage.StartAge} (was {stage.EndAge})."), nameof(Stages));
            }
        }

        for (var c = 0; c < Acquisition.Ages.Count; c++)
        {
            var age = Acquisition.Ages[c];
            if (age < Stages.StartAge || age >= Stages.EndAge)
            {
                throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                    $"Acquisition.Ages[{c}] must be in [{Stages.StartAge}, {Stages.EndAge - 1}], the ages the stage ladder covers (was {age})."), nameof(Acquisition));
            }

            var periods = Horizon.PeriodsFor(age);
            if (periods < 1 || periods > Horizon.MaxPeriods)
            {
                throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                    $"Horizon {Horizon} gives {periods} months for acquisition age {age}; it must be in [1, {Horizon.MaxPeriods}]."), nameof(Horizon));
            }

            var lastAge = age + ((periods - 1) / 12);
            if (lastAge >= Stages.EndAge)
            {
                throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                    $"Horizon {Horizon} follows customers acquired at {age} to age {lastAge}, beyond the stage ladder's last age {Stages.EndAge - 1}: extend the ladder or shorten the horizon."), nameof(Horizon));
            }
        }
    }
}
