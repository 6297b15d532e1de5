using System.Globalization;
using LifetimeValue.Discounting;
using LifetimeValue.Focused;
using LifetimeValue.Internal;
using LifetimeValue.Lifecycle;
using LifetimeValue.Model;

namespace LifetimeValue.Sensitivity;

/// <summary>
/// A parameter that sensitivity analyses move: how to read its base value from a model and how to build the model
/// (and rate path) with another value. Built-ins cover both strategy kinds; <see cref="Custom"/> adds any other.
/// </summary>
/// <remarks>Thread safety: immutable; safe to share.</remarks>
public sealed class SensitivityParameter
{
    private readonly Func<StrategyModel, double?> _baseValue;
    private readonly Func<StrategyModel, RatePath, double, (StrategyModel, RatePath)> _apply;

    private SensitivityParameter(string name, Func<StrategyModel, double?> baseValue, Func<StrategyModel, RatePath, double, (StrategyModel, RatePath)> apply, double zeroBaseStep = 1.0)
    {
        Name = Guard.NotBlank(name);
        _baseValue = baseValue;
        _apply = apply;
        ZeroBaseStep = Guard.Positive(zeroBaseStep);
    }

    /// <summary>Display name.</summary>
    public string Name { get; }

    /// <summary>
    /// The step a relative tornado uses when the base value is 0 (a relative move of 0 is no move): the parameter is moved
    /// to ± this step. <see cref="RateShift"/> uses 0.01 (±100 bp).
    /// </summary>
    public double ZeroBaseStep { get; }

    /// <summary>
    /// The annual discount rate: the flat rate of <see cref="FlatAnnualDiscounting"/>, or the spread over the short rate of
    /// <see cref="ShortRateDiscounting"/>. Not applicable to other discounting.
    /// </summary>
    public static SensitivityParameter DiscountRate { get; } = new("Discount rate",
        m => m.Discounting switch { FlatAnnualDiscounting f => f.AnnualRate, ShortRateDiscounting s => s.AnnualSpread, _ => null },
        (m, r, v) => (m.Discounting switch
        {
            FlatAnnualDiscounting => WithDiscount(m, Discount.FlatAnnual(v)),
            ShortRateDiscounting => WithDiscount(m, Discount.ShortRatePlus(v)),
            _ => throw new NotSupportedException($"Discount rate cannot be moved for {m.Discounting.GetType().Name}."),
        }, r));

    /// <summary>The acquisition cost per customer.</summary>
    public static SensitivityParameter AcquisitionCost { get; } = new("Acquisition cost",
        m => m.AcquisitionCost,
        (m, r, v) => (m switch
        {
            LifecycleModel l => l with { AcquisitionCost = v },
            CustomerFocusedModel f => f with { AcquisitionCost = v },
            _ => throw Unsupported(m),
        }, r));

    /// <summary>
    /// A multiplier on attrition (base value 1): scales every stage's annual attrition of a lifecycle model, and the churn
    /// probabilities and monthly attrition of a customer-focused model. A multiplier that pushes a probability above 1 is refused.
    /// </summary>
    public static SensitivityParameter AttritionMultiplier { get; } = new("Attrition multiplier",
        _ => 1.0,
        (m, r, v) => (m switch
        {
            LifecycleModel l => l with
            {
                Stages = new StageLadder([.. l.Stages.Stages.Select(s => s with { AnnualAttrition = Scaled(s.AnnualAttrition, v, $"Stage '{s.Name}' annual attrition") })]),
            },
            CustomerFocusedModel f => f with
            {
                Purchases = f.Purchases with { MonthlyAttrition = Scaled(f.Purchases.MonthlyAttrition, v, "monthly attrition") },
                Service = f.Service with
                {
                    ChurnAfterGoodExperience = Scaled(f.Service.ChurnAfterGoodExperience, v, "churn after a good experience"),
                    ChurnAfterFailure = Scaled(f.Service.ChurnAfterFailure, v, "churn after a failure"),
                },
                Recovery = f.Recovery with { ChurnAfterFullRecovery = Scaled(f.Recovery.ChurnAfterFullRecovery, v, "churn after full recovery") },
            },
            _ => throw Unsupported(m),
        }, r));

    /// <summary>The horizon in years (lifecycle models: months followed from acquisition; customer-focused: the horizon).</summary>
    public static SensitivityParameter HorizonYears { get; } = new("Horizon (years)",
        m => m.MaxPeriods / 12.0,
        (m, r, v) =>
        {
            var months = (int)Math.Round(v * 12.0);
            return (m switch
            {
                LifecycleModel l => l with { Horizon = Horizon.Months(months) },
                CustomerFocusedModel f => f with { HorizonMonths = months },
                _ => throw Unsupported(m),
            }, r);
        });

    /// <summary>A parallel shift of the short-rate path (base value 0; annual, e.g. 0.01 = +100 bp; a relative tornado moves it ±100 bp). Moves margins and rate-linked discounting.</summary>
    public static SensitivityParameter RateShift { get; } = new("Rate shift",
        _ => 0.0,
        (m, r, v) => (m, Shift(r, v, m.MaxPeriods)), zeroBaseStep: 0.01);

    /// <summary>A user-defined parameter.</summary>
    /// <param name="name">Display name.</param>
    /// <param name="baseValue">The model's current value, or null when the parameter does not apply to the model.</param>
    /// <param name="apply">Builds the model with another value (may throw for invalid values).</param>
    /// <returns>The parameter.</returns>
    /// <param name="zeroBaseStep">The tornado step when the base value is 0 (&gt; 0).</param>
    public static SensitivityParameter Custom(string name, Func<StrategyModel, double?> baseValue, Func<StrategyModel, double, StrategyModel> apply, double zeroBaseStep = 1.0)
    {
        ArgumentNullException.ThrowIfNull(baseValue);
        ArgumentNullException.ThrowIfNull(apply);
        return new SensitivityParameter(name, baseValue, (m, r, v) => (apply(m, v), r), zeroBaseStep);
    }

    /// <summary>The model's base value of this parameter; null when it does not apply.</summary>
    /// <param name="model">The model.</param>
    /// <returns>The base value or null.</returns>
    public double? BaseValue(StrategyModel model) => _baseValue(model ?? throw new ArgumentNullException(nameof(model)));

    /// <summary>The model and rate path with the parameter set to <paramref name="value"/>.</summary>
    /// <param name="model">The model.</param>
    /// <param name="rates">The rate path.</param>
    /// <param name="value">The value.</param>
    /// <returns>The moved case.</returns>
    public (StrategyModel Model, RatePath Rates) Apply(StrategyModel model, RatePath rates, double value)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(rates);
        Guard.Finite(value);
        return _apply(model, rates, value);
    }

    /// <inheritdoc />
    public override string ToString() => Name;

    /// <summary>
    /// What the parameter is for these models, for labels: <see cref="DiscountRate"/> moves a spread over the short rate
    /// when every model discounts at the short rate plus a spread, and is labelled so; other parameters are their name.
    /// </summary>
    internal string LabelFor(IEnumerable<StrategyModel> models) =>
        ReferenceEquals(this, DiscountRate) && models.All(m => m.Discounting is ShortRateDiscounting) ? "Discount spread over the short rate" : Name;

    private static StrategyModel WithDiscount(StrategyModel m, Discount d) => m switch
    {
        LifecycleModel l => l with { Discounting = d },
        CustomerFocusedModel f => f with { Discounting = d },
        _ => throw Unsupported(m),
    };

    private static double Scaled(double p, double multiplier, string what)
    {
        var v = p * Guard.NonNegative(multiplier, nameof(multiplier));
        if (v > 1.0)
        {
            throw new ArgumentOutOfRangeException(nameof(multiplier), multiplier,
                string.Create(CultureInfo.InvariantCulture, $"Attrition multiplier {multiplier} pushes the {what} to {v} (a probability must be in [0, 1])."));
        }

        return v;
    }

    private static RatePath Shift(RatePath r, double shift, int periods)
    {
        if (r.IsConstant)
        {
            return RatePath.Constant(r.At(0) + shift);
        }

        var values = new double[Math.Min(periods, r.Length)];
        for (var t = 0; t < values.Length; t++)
        {
            values[t] = r.At(t) + shift;
        }

        return RatePath.FromValues(values);
    }

    private static NotSupportedException Unsupported(StrategyModel m) => new($"Model type {m.GetType().Name} is not supported.");
}
