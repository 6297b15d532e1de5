using LifetimeValue.Random;
using MathNet.Numerics.Distributions;
using LifetimeValue.Internal;

namespace LifetimeValue.Calibration;

/// <summary>
/// Simulates customer histories from known model parameters, reproducibly: every draw comes from the library's
/// Philox4x32-10 counter generator, keyed by (seed, model, customer, <see cref="DrawPurpose.Calibration"/>), so the data
/// are identical on every machine and thread count. Used for parameter-recovery tests and power studies.
/// </summary>
/// <remarks>
/// <para>Per customer i the stream <c>DrawSequence(seed, scenario = model code, customer = i, Calibration)</c> is used:
/// draw 0 for the purchase rate, draw 1 for the dropout parameter (two uniforms of one block feed a Beta via two Gammas),
/// draw 2 for the Pareto/NBD lifetime or the MBG/NBD drop-out at the first purchase, later draws for the event sequence. Gamma variates are exact inverse-CDF transforms (MathNet
/// <see cref="Gamma.InvCDF"/>) of 53-bit open uniforms.</para>
/// <para>Thread safety: all members are pure.</para>
/// </remarks>
public static class SyntheticCustomers
{
    private const long BgNbdCode = 1, ParetoNbdCode = 2, GammaGammaCode = 3, SbgCode = 4, MbgNbdCode = 5;

    /// <summary>BG/NBD histories (FHL 2005 assumptions): λ ~ Gamma(r, α), p ~ Beta(a, b); exponential inter-purchase
    /// times while alive; after each repeat purchase the customer drops out with probability p.</summary>
    /// <param name="model">Parameters (r, α per time unit, a, b).</param>
    /// <param name="ages">T per customer (time from first purchase to the end of calibration), each &gt; 0.</param>
    /// <param name="seed">Philox key.</param>
    /// <returns>One (x, t_x, T) per age.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="ages"/> is empty or has a non-positive entry.</exception>
    public static IReadOnlyList<RepeatHistory> BgNbd(BgNbdModel model, IReadOnlyList<double> ages, ulong seed)
    {
        ArgumentNullException.ThrowIfNull(model);
        return BetaGeometric(model.R, model.Alpha, model.A, model.B, ages, seed, BgNbdCode, dropAtStart: false);
    }

    /// <summary>MBG/NBD histories (Batislam et al. 2007): as <see cref="BgNbd"/>, but the customer may also drop out right
    /// after the first purchase (with probability p, draw 1 of the event sequence).</summary>
    /// <param name="model">Parameters (r, α per time unit, a, b).</param>
    /// <param name="ages">T per customer, each &gt; 0.</param>
    /// <param name="seed">Philox key.</param>
    /// <returns>One (x, t_x, T) per age.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="ages"/> is empty or has a non-positive entry.</exception>
    public static IReadOnlyList<RepeatHistory> ModifiedBgNbd(ModifiedBgNbdModel model, IReadOnlyList<double> ages, ulong seed)
    {
        ArgumentNullException.ThrowIfNull(model);
        return BetaGeometric(model.R, model.Alpha, model.A, model.B, ages, seed, MbgNbdCode, dropAtStart: true);
    }

    private static RepeatHistory[] BetaGeometric(double r, double alpha, double a, double b, IReadOnlyList<double> ages, ulong seed, long code, bool dropAtStart)
    {
        ValidateAges(ages);
        var result = new RepeatHistory[ages.Count];
        for (var i = 0; i < result.Length; i++)
        {
            var draws = new DrawSequence(seed, code, i, DrawPurpose.Calibration);
            double lambda = GammaDraw(r, alpha, draws.OpenUniform(0));
            double p = BetaDraw(a, b, draws.Block(1));
            double age = ages[i], t = 0, tx = 0;
            int x = 0;
            if (dropAtStart && draws.OpenUniform(2) < p)
            {
                result[i] = new RepeatHistory(0, 0, age);
                continue;
            }

            for (uint k = 3; ; k += 2)
            {
                t += -Math.Log(draws.OpenUniform(k)) / lambda;
                if (t > age)
                {
                    break;
                }

                x++;
                tx = t;
                if (draws.OpenUniform(k + 1) < p)
                {
                    break;
                }
            }

            result[i] = new RepeatHistory(x, tx, age);
        }

        return result;
    }

    /// <summary>Pareto/NBD histories (SMC 1987 assumptions): λ ~ Gamma(r, α), μ ~ Gamma(s, β); Poisson purchases until an
    /// exponential(μ) lifetime ends.</summary>
    /// <param name="model">Parameters (r, α, s, β, rates per time unit).</param>
    /// <param name="ages">T per customer, each &gt; 0.</param>
    /// <param name="seed">Philox key.</param>
    /// <returns>One (x, t_x, T) per age.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="ages"/> is empty or has a non-positive entry.</exception>
    public static IReadOnlyList<RepeatHistory> ParetoNbd(ParetoNbdModel model, IReadOnlyList<double> ages, ulong seed)
    {
        ArgumentNullException.ThrowIfNull(model);
        ValidateAges(ages);
        var result = new RepeatHistory[ages.Count];
        for (var i = 0; i < result.Length; i++)
        {
            var draws = new DrawSequence(seed, ParetoNbdCode, i, DrawPurpose.Calibration);
            double lambda = GammaDraw(model.R, model.Alpha, draws.OpenUniform(0));
            double mu = GammaDraw(model.S, model.Beta, draws.OpenUniform(1));
            double end = Math.Min(ages[i], -Math.Log(draws.OpenUniform(2)) / mu);
            double t = 0, tx = 0;
            int x = 0;
            for (uint k = 3; ; k++)
            {
                t += -Math.Log(draws.OpenUniform(k)) / lambda;
                if (t > end)
                {
                    break;
                }

                x++;
                tx = t;
            }

            result[i] = new RepeatHistory(x, tx, ages[i]);
        }

        return result;
    }

    /// <summary>Gamma-Gamma mean spends: ν ~ Gamma(q, rate γ), each of x transactions ~ Gamma(p, rate ν); returns their mean.</summary>
    /// <param name="model">Parameters (p, q, γ).</param>
    /// <param name="frequencies">x per customer, ≥ 0 (x = 0 gives mean spend 0).</param>
    /// <param name="seed">Philox key.</param>
    /// <returns>One (x, z̄) per customer.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">A frequency is negative.</exception>
    public static IReadOnlyList<SpendHistory> GammaGamma(GammaGammaModel model, IReadOnlyList<int> frequencies, ulong seed)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(frequencies);
        var result = new SpendHistory[frequencies.Count];
        for (var i = 0; i < result.Length; i++)
        {
            int x = frequencies[i];
            if (x < 0)
            {
                throw new ArgumentException(FormattableString.Invariant($"frequencies[{i}] must be ≥ 0 (was {x})."), nameof(frequencies));
            }

            var draws = new DrawSequence(seed, GammaGammaCode, i, DrawPurpose.Calibration);
            double nu = GammaDraw(model.Q, model.Gamma, draws.OpenUniform(0));
            double sum = 0;
            for (uint k = 1; k <= x; k++)
            {
                sum += GammaDraw(model.P, nu, draws.OpenUniform(k));
            }

            result[i] = new SpendHistory(x, x == 0 ? 0 : sum / x);
        }

        return result;
    }

    /// <summary>An sBG cohort: θ ~ Beta(γ, δ) per customer, geometric churn; returns alive counts after 0 … <paramref name="periods"/> periods.</summary>
    /// <param name="model">Parameters (γ, δ).</param>
    /// <param name="cohortSize">Customers acquired, ≥ 1.</param>
    /// <param name="periods">Periods observed, ≥ 1.</param>
    /// <param name="seed">Philox key.</param>
    /// <returns><paramref name="periods"/> + 1 non-increasing counts, the first equal to <paramref name="cohortSize"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="model"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A count is less than 1.</exception>
    public static IReadOnlyList<long> ShiftedBetaGeometric(ShiftedBetaGeometricModel model, int cohortSize, int periods, ulong seed)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentOutOfRangeException.ThrowIfLessThan(cohortSize, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(periods, 1);
        var alive = new long[periods + 1];
        for (var i = 0; i < cohortSize; i++)
        {
            var draws = new DrawSequence(seed, SbgCode, i, DrawPurpose.Calibration);
            double theta = BetaDraw(model.Gamma, model.Delta, draws.Block(0));
            alive[0]++;
            for (var t = 1; t <= periods; t++)
            {
                if (draws.OpenUniform((uint)t) < theta)
                {
                    break;
                }

                alive[t]++;
            }
        }

        return alive;
    }

    private static void ValidateAges(IReadOnlyList<double> ages)
    {
        Guard.NotEmpty(ages);
        for (var i = 0; i < ages.Count; i++)
        {
            if (!(double.IsFinite(ages[i]) && ages[i] > 0))
            {
                throw new ArgumentException(FormattableString.Invariant($"ages[{i}] must be a finite number > 0 (was {ages[i]:R})."), nameof(ages));
            }
        }
    }

    /// <summary>Gamma(shape, rate) by inversion of one uniform.</summary>
    private static double GammaDraw(double shape, double rate, double u) => Gamma.InvCDF(shape, rate, u);

    /// <summary>Beta(a, b) = X/(X + Y) with X ~ Gamma(a), Y ~ Gamma(b) from the two halves of one Philox block.</summary>
    private static double BetaDraw(double a, double b, Philox4x32.Block block)
    {
        double x = Gamma.InvCDF(a, 1.0, RandomDraws.OpenUnit(block.X0, block.X1));
        double y = Gamma.InvCDF(b, 1.0, RandomDraws.OpenUnit(block.X2, block.X3));
        return x / (x + y);
    }
}
