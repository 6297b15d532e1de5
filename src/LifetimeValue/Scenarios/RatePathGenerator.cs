namespace LifetimeValue.Scenarios;

/// <summary>
/// Fills one scenario's rate path; prepared once per <see cref="ScenarioSet.Generate"/> call (grid-dependent
/// quantities such as the Hull–White shift are computed there) and then shared read-only by all threads.
/// </summary>
internal abstract class RatePathGenerator
{
    /// <summary>
    /// Writes r_0 … r_{T−1} of scenario <paramref name="scenario"/> into <paramref name="path"/> (length T),
    /// with the shocks of <see cref="RateShocks"/>.
    /// </summary>
    public abstract void Fill(ulong seed, int scenario, Span<double> path);
}
