using LifetimeValue.Internal;

namespace LifetimeValue.Focused;

/// <summary>
/// Lever — continuous customer feedback: acting on feedback makes the service-failure rate fall over time.
/// </summary>
/// <remarks>
/// <para>Effect: the failure probability in month t (months since the programme started with the cohort) is
/// <c>f(t) = f_∞ + (f₀ − f_∞)·(1 − φ)^{t/12}</c>: it closes the share φ of the gap to the floor f_∞ each year.
/// Cost: <see cref="MonthlyCostPerCustomer"/> in every month a customer is active.</para>
/// <para>Thread safety: immutable; safe to share.</para>
/// </remarks>
public sealed record FeedbackProgramme
{
    private readonly double _reduction;
    private readonly double _floor;
    private readonly double _cost;

    /// <summary>Creates a feedback programme.</summary>
    /// <param name="annualFailureReduction">Share φ of the gap between the failure rate and its floor removed each year, in [0, 1).</param>
    /// <param name="failureFloor">Failure probability the programme converges to, in [0, 1] (at most the initial failure probability).</param>
    /// <param name="monthlyCostPerCustomer">Cost of the programme per active customer per month (currency, ≥ 0).</param>
    /// <exception cref="ArgumentOutOfRangeException">A value out of range (the message names it).</exception>
    public FeedbackProgramme(double annualFailureReduction, double failureFloor, double monthlyCostPerCustomer)
    {
        AnnualFailureReduction = annualFailureReduction;
        FailureFloor = failureFloor;
        MonthlyCostPerCustomer = monthlyCostPerCustomer;
    }

    /// <summary>No feedback programme.</summary>
    public static FeedbackProgramme None { get; } = new(0.0, 0.0, 0.0);

    /// <summary>Share of the gap to the floor removed each year, in [0, 1).</summary>
    public double AnnualFailureReduction
    {
        get => _reduction;
        init
        {
            if (!(value >= 0.0 && value < 1.0))
            {
                Guard.Throw(nameof(AnnualFailureReduction), value, "must be in [0, 1)");
            }

            _reduction = value;
        }
    }

    /// <summary>Failure probability the programme converges to, in [0, 1].</summary>
    public double FailureFloor { get => _floor; init => _floor = Guard.Probability(value, nameof(FailureFloor)); }

    /// <summary>Cost per active customer per month (currency, ≥ 0).</summary>
    public double MonthlyCostPerCustomer { get => _cost; init => _cost = Guard.NonNegative(value, nameof(MonthlyCostPerCustomer)); }

    /// <summary>The failure probability in month <paramref name="month"/> given the initial probability.</summary>
    /// <param name="initialFailure">f₀, at least <see cref="FailureFloor"/> when the programme is active.</param>
    /// <param name="month">Months since the start, ≥ 0.</param>
    /// <returns><c>f_∞ + (f₀ − f_∞)(1 − φ)^{t/12}</c>, or f₀ without a programme.</returns>
    public double FailureAt(double initialFailure, int month) =>
        AnnualFailureReduction == 0.0 ? initialFailure : FailureFloor + ((initialFailure - FailureFloor) * Math.Pow(1.0 - AnnualFailureReduction, month / 12.0));
}
