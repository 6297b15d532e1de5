namespace LifetimeValue.Projection;

/// <summary>One monthly period of an exact expected-value projection, per acquired customer.</summary>
/// <param name="Period">Period index t (0 = the first month after acquisition).</param>
/// <param name="Survival">Probability that an acquired customer is still a customer, and within the horizon, at the start of period t.</param>
/// <param name="ExpectedCashFlow">Expected cash flow of period t (all lines), received at the end of the month.</param>
/// <param name="DiscountFactor">The end-of-period discount factor <c>D_{t+1}</c>.</param>
/// <param name="PresentValue">ExpectedCashFlow × DiscountFactor.</param>
/// <param name="CumulativePresentValue">−acquisition cost + Σ present values of periods 0 … t.</param>
public readonly record struct ProjectionRow(
    int Period,
    double Survival,
    double ExpectedCashFlow,
    double DiscountFactor,
    double PresentValue,
    double CumulativePresentValue)
{
    /// <summary>The year of the relationship the period falls in (1 for periods 0–11).</summary>
    public int Year => (Period / 12) + 1;
}
