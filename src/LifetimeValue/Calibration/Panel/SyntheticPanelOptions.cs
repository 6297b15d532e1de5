using LifetimeValue.Internal;

namespace LifetimeValue.Calibration.Panel;

/// <summary>The design of a synthetic panel drawn by <see cref="SyntheticPanel"/>.</summary>
/// <remarks>Thread safety: an immutable record.</remarks>
public sealed record SyntheticPanelOptions
{
    private readonly long _customers = 10_000;
    private readonly int _months = 60;
    private readonly int? _burnInMonths;
    private readonly double _constantRate = 0.03;
    private readonly double _revenueNoise = 0.2;

    /// <summary>
    /// Customers acquired, in [1, 10¹²]: each at a uniformly drawn month of the burn-in and panel window, at an age from the model's
    /// acquisition profile (customer i at profile cohort i mod total weight, as the engines). Those who leave before the panel
    /// starts have no rows. Default 10,000.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">Outside [1, 10¹²].</exception>
    public long Customers { get => _customers; init => _customers = Guard.InRange(value, 1, 1_000_000_000_000); }

    /// <summary>The panel's first month (any day of it). Default 2020-01.</summary>
    public DateOnly FirstMonth { get; init; } = new(2020, 1, 1);

    /// <summary>Months in the panel, in [1, 1200]. Default 60.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Outside [1, 1200].</exception>
    public int Months { get => _months; init => _months = Guard.InRange(value, 1, 1200); }

    /// <summary>
    /// Months before the panel in which customers may already be acquired, in [0, 1200] — the customers seen in the first month
    /// (left-truncated, at every age). Null (the default): the model's longest horizon, so the panel's first month holds
    /// customers at every age the model reaches.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">Outside [0, 1200].</exception>
    public int? BurnInMonths { get => _burnInMonths; init => _burnInMonths = value is { } v ? Guard.InRange(v, 0, 1200) : null; }

    /// <summary>The annual short rate of each panel month (must cover the panel); null (the default) for <see cref="ConstantRate"/>.</summary>
    public MonthlyRates? Rates { get; init; }

    /// <summary>The annual short rate when <see cref="Rates"/> is null, in [−1, 1]. Default 0.03.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Outside [−1, 1].</exception>
    public double ConstantRate { get => _constantRate; init => _constantRate = Guard.InRange(value, -1.0, 1.0); }

    /// <summary>
    /// Relative standard deviation of a row's revenue around the model's expected margin, in [0, 5]: revenue = m + noise·|m|·Z, Z
    /// standard normal, rounded to cents. Default 0.2.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">Outside [0, 5].</exception>
    public double RevenueNoise { get => _revenueNoise; init => _revenueNoise = Guard.InRange(value, 0.0, 5.0); }

    /// <summary>Whether rows carry ages in whole years instead of dates of birth. Default false.</summary>
    public bool AgesOnly { get; init; }

    /// <summary>Whether each customer's first row carries the model's acquisition cost. Default true.</summary>
    public bool WithAcquisitionCost { get; init; } = true;

    /// <summary>Seed of the Philox streams. Default 1.</summary>
    public ulong Seed { get; init; } = 1;
}
