namespace LifetimeValue.Simulation;

/// <summary>What one economic scenario gives: the mean over its customers.</summary>
/// <param name="Scenario">Scenario index.</param>
/// <param name="MeanClv">Mean CLV over the scenario's customers.</param>
/// <param name="BreakEvenMonth">First month (index 0 = acquisition) at which the scenario's mean cumulative PV is ≥ 0; null if never or not tracked.</param>
/// <param name="PeakFundingPerCustomer">−min of the scenario's mean cumulative PV curve (≥ 0); NaN if per-scenario curves were not tracked.</param>
public readonly record struct ScenarioOutcome(int Scenario, double MeanClv, int? BreakEvenMonth, double PeakFundingPerCustomer);
