using System.Globalization;
using LifetimeValue.Internal;

namespace LifetimeValue;

/// <summary>
/// One path of the annual short rate, month by month: <c>r_t</c> is the rate in force during monthly
/// period t (t = 0 is the first month after acquisition). Rates drive product margins and, with
/// <see cref="LifetimeValue.Discounting.ShortRateDiscounting"/>, discounting.
/// </summary>
/// <remarks>Thread safety: immutable; safe to share.</remarks>
public sealed class RatePath : IEquatable<RatePath>
{
    private readonly double[] _rates;

    private RatePath(double[] rates, bool isConstant)
    {
        _rates = rates;
        Values = ReadOnly.Wrap(_rates);
        IsConstant = isConstant;
    }

    /// <summary>Whether the path is one rate for every period (it then covers any horizon).</summary>
    public bool IsConstant { get; }

    /// <summary>The number of periods the path covers (<see cref="int.MaxValue"/> for a constant path).</summary>
    public int Length => IsConstant ? int.MaxValue : _rates.Length;

    /// <summary>The rates given (a single value for a constant path).</summary>
    public IReadOnlyList<double> Values { get; }

    /// <summary>The same annual rate in every period.</summary>
    /// <param name="annualRate">Annual rate (e.g. 0.03); finite, may be negative.</param>
    /// <returns>The path.</returns>
    /// <exception cref="ArgumentOutOfRangeException">Not finite.</exception>
    public static RatePath Constant(double annualRate) => new([Guard.Finite(annualRate)], true);

    /// <summary>A path from explicit monthly values.</summary>
    /// <param name="annualRates">Annual rates for periods 0 … T − 1; 1 to 1200 finite values.</param>
    /// <returns>The path.</returns>
    /// <exception cref="ArgumentException">Empty, too long, or a value not finite (named by index).</exception>
    public static RatePath FromValues(IReadOnlyList<double> annualRates)
    {
        Guard.NotEmpty(annualRates);
        Guard.InRange(annualRates.Count, 1, Model.StrategyModel.MaxHorizonMonths, "annualRates.Count");
        Guard.AllFinite(annualRates);
        return new RatePath([.. annualRates], false);
    }

    /// <summary>
    /// The deterministic Vasicek path under the Euler scheme with no shocks,
    /// <c>r_{t+1} = r_t + κ(θ − r_t)Δ</c> with Δ = 1/12 (the W1 workload's "W1-det" path).
    /// </summary>
    /// <param name="initialRate">r_0, annual; finite.</param>
    /// <param name="meanReversion">κ per year; finite, ≥ 0.</param>
    /// <param name="longTermRate">θ, annual; finite.</param>
    /// <param name="periods">Number of months, in [1, 1200].</param>
    /// <returns>The path.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A parameter out of range.</exception>
    public static RatePath VasicekEulerMean(double initialRate, double meanReversion, double longTermRate, int periods)
    {
        Guard.Finite(initialRate);
        Guard.NonNegative(meanReversion);
        Guard.Finite(longTermRate);
        Guard.InRange(periods, 1, Model.StrategyModel.MaxHorizonMonths);
        const double Dt = 1.0 / 12.0;
        var r = new double[periods];
        r[0] = initialRate;
        for (var t = 0; t + 1 < periods; t++)
        {
            r[t + 1] = r[t] + (meanReversion * (longTermRate - r[t]) * Dt);
        }

        return new RatePath(r, false);
    }

    /// <summary>The annual rate in force in period <paramref name="period"/>.</summary>
    /// <param name="period">Period index, 0 … Length − 1.</param>
    /// <returns>Annual rate.</returns>
    /// <exception cref="ArgumentOutOfRangeException">Beyond the path.</exception>
    public double At(int period)
    {
        if (IsConstant)
        {
            return _rates[0];
        }

        if ((uint)period >= (uint)_rates.Length)
        {
            throw new ArgumentOutOfRangeException(nameof(period), period,
                string.Create(CultureInfo.InvariantCulture, $"period must be in [0, {_rates.Length - 1}] (was {period}): the rate path is shorter than the horizon."));
        }

        return _rates[period];
    }

    /// <summary>Copies rates for periods 0 … destination.Length − 1.</summary>
    /// <param name="destination">Where to write.</param>
    /// <exception cref="ArgumentException">The path is shorter than the destination.</exception>
    public void CopyTo(Span<double> destination)
    {
        if (IsConstant)
        {
            destination.Fill(_rates[0]);
            return;
        }

        if (destination.Length > _rates.Length)
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                $"The rate path covers {_rates.Length} periods but {destination.Length} are needed: supply a path at least as long as the horizon."), nameof(destination));
        }

        _rates.AsSpan(0, destination.Length).CopyTo(destination);
    }

    /// <inheritdoc/>
    public bool Equals(RatePath? other) => other is not null && IsConstant == other.IsConstant && _rates.AsSpan().SequenceEqual(other._rates);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as RatePath);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(IsConstant, _rates.Length, _rates[0]);
}
