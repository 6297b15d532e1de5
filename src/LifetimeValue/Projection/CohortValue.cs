namespace LifetimeValue.Projection;

/// <summary>The expected value of customers acquired at one age.</summary>
/// <param name="AcquisitionAge">Acquisition age in years.</param>
/// <param name="Share">Share of acquired customers at this age.</param>
/// <param name="Periods">Months followed.</param>
/// <param name="Clv">Expected present value per customer, acquisition cost included.</param>
public readonly record struct CohortValue(int AcquisitionAge, double Share, int Periods, double Clv);
