namespace LifetimeValue.Simulation;

/// <summary>How the Monte Carlo engine samples a customer's lifetime.</summary>
public enum SimulationMethod
{
    /// <summary>Event-time sampling: per stage, one uniform gives the month of attrition directly (a geometric law),
    /// and prefix sums of discounted flows give the PV. An order of magnitude faster than stepping.</summary>
    EventTime = 0,

    /// <summary>Month-by-month stepping with one Bernoulli attrition draw per customer-month: the general path for
    /// models whose event times cannot be sampled directly. Same distribution as <see cref="EventTime"/>, different draws.</summary>
    Stepping = 1,
}
