using LifetimeValue.Random;

namespace LifetimeValue.Scenarios;

/// <summary>
/// The standard normal shocks that drive every generated rate path: the single, documented mapping from
/// (seed, scenario, step) to a draw, shared by <see cref="ScenarioSet.Generate"/>, the benchmark runner and
/// any other engine that must reproduce the same paths.
/// </summary>
/// <remarks>
/// <para>
/// Mapping: the shock Z_{s,t} that moves the rate of scenario s from period t to period t + 1
/// (t = 0 … T − 2) comes from the stream <c>new DrawSequence(seed, s, customer: 0, DrawPurpose.RateShock)</c>:
/// the block with draw index ⌊t / 2⌋ is turned into two normals by
/// <see cref="RandomDraws.StandardNormalPair"/> (Box–Muller), and Z_{s,t} is the first of the pair (Z0)
/// when t is even and the second (Z1) when t is odd. A path of T periods therefore uses blocks
/// 0 … ⌊(T − 2) / 2⌋ and never depends on the thread, the machine or the number of scenarios.
/// </para>
/// <para>Thread safety: all members are pure.</para>
/// </remarks>
public static class RateShocks
{
    /// <summary>The shock Z_{s,t} that moves scenario <paramref name="scenario"/> from period <paramref name="step"/> to the next.</summary>
    /// <param name="seed">Simulation seed (any 64-bit value).</param>
    /// <param name="scenario">Scenario index, 0 … 2³² − 1.</param>
    /// <param name="step">The period the step starts from, 0 … 2³³ − 1 (draw index ⌊step / 2⌋).</param>
    /// <returns>A standard normal draw.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="scenario"/> or <paramref name="step"/> is negative or too large.</exception>
    public static double Shock(ulong seed, long scenario, long step)
    {
        if (step < 0 || step > 2L * uint.MaxValue + 1)
        {
            throw new ArgumentOutOfRangeException(nameof(step), step,
                FormattableString.Invariant($"step must be in [0, {2L * uint.MaxValue + 1}] (was {step})."));
        }

        var sequence = new DrawSequence(seed, scenario, 0, DrawPurpose.RateShock);
        var (z0, z1) = RandomDraws.StandardNormalPair(sequence.Block((uint)(step >> 1)));
        return (step & 1) == 0 ? z0 : z1;
    }
}
