using System.Globalization;
using LifetimeValue.Internal;

namespace LifetimeValue.Scenarios;

/// <summary>Discount factors from a monthly short-rate path: exp(−∫(r + spread)), so never negative.</summary>
/// <remarks>
/// <para>
/// Convention (WORKLOAD.md, W1): D_0 = 1 and D_{t+1} = D_t·exp(−(r_t + s)·Δ) with Δ = 1/12 year, the rate of
/// period t applying over the whole period (left-point integral). The factors are computed as
/// D_{t+1} = exp(−I_{t+1}) with the running integral I_{t+1} = I_t + (r_t + s)·Δ, evaluated in exactly that
/// order (the same operations as numpy's <c>exp(-cumsum((r + s) * dt))</c>). D is positive, or 0 on underflow;
/// it is never negative, whatever the sign of the rates.
/// </para>
/// <para>Thread safety: all members are pure.</para>
/// </remarks>
public static class DiscountFactors
{
    /// <summary>
    /// Fills <paramref name="destination"/>[t] = D_{t+1}, the discount factor at the end of period t
    /// (the factor a cash flow of period t is discounted with, end of month).
    /// </summary>
    /// <param name="annualRates">r_0 … r_{T−1}, annual continuously compounded short rates, finite.</param>
    /// <param name="annualSpread">s, an annual spread added to every rate (e.g. 0.03 in W1); finite.</param>
    /// <param name="destination">Receives D_1 … D_T; its length must equal that of <paramref name="annualRates"/>.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="annualSpread"/> is not finite.</exception>
    /// <exception cref="ArgumentException">The lengths differ.</exception>
    public static void FillEndOfPeriod(ReadOnlySpan<double> annualRates, double annualSpread, Span<double> destination)
    {
        Guard.Finite(annualSpread);
        if (destination.Length != annualRates.Length)
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                $"destination must have one element per period ({annualRates.Length}) (was {destination.Length})."), nameof(destination));
        }

        const double dt = ScenarioSet.PeriodYears;
        double integral = 0.0;
        for (var t = 0; t < annualRates.Length; t++)
        {
            integral += (annualRates[t] + annualSpread) * dt;
            destination[t] = Math.Exp(-integral);
        }
    }
}
