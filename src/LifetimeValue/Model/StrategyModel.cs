using LifetimeValue.Discounting;
using LifetimeValue.Focused;
using LifetimeValue.Lifecycle;

namespace LifetimeValue.Model;

/// <summary>
/// A strategy model the engines can run: the customer-centric <see cref="LifecycleModel"/> or the
/// customer-focused <see cref="CustomerFocusedModel"/>. Every engine (<see cref="Projection.ExpectedValueEngine"/>,
/// <see cref="Simulation.MonteCarloEngine"/>, the comparison) takes this base type.
/// </summary>
/// <remarks>
/// <para>Common timing for all models: monthly periods t = 0, 1, …, <see cref="MaxPeriods"/> − 1; the acquisition
/// cost is paid at t = 0 undiscounted; the cash flow of period t is received at the end of the month and
/// discounted with <c>D_{t+1}</c>.</para>
/// <para>The set of models is closed (only this library derives from it), so the engines can rely on
/// exact expectations and reproducible kernels for every kind.</para>
/// <para>Thread safety: immutable; safe to share.</para>
/// </remarks>
public abstract record StrategyModel
{
    /// <summary>The longest horizon any model may have, in months (100 years).</summary>
    public const int MaxHorizonMonths = 1200;

    private protected StrategyModel()
    {
    }

    /// <summary>Display name.</summary>
    public abstract string Name { get; init; }

    /// <summary>Which of the two strategies the model represents.</summary>
    public abstract StrategyKind Kind { get; }

    /// <summary>Cost of acquiring one customer, paid at t = 0 (currency, ≥ 0).</summary>
    public abstract double AcquisitionCost { get; init; }

    /// <summary>How cash flows are discounted.</summary>
    public abstract Discount Discounting { get; init; }

    /// <summary>The number of monthly periods the engines simulate (the longest horizon over cohorts).</summary>
    public abstract int MaxPeriods { get; }

    /// <summary>Checks that the model's parts fit together; engines call it before running.</summary>
    /// <exception cref="ArgumentException">The first misfit found, named.</exception>
    public abstract void Validate();
}
