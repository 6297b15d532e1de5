using System.Globalization;
using MathNet.Numerics;
using LifetimeValue.Calibration.Internal;
using LifetimeValue.Internal;

namespace LifetimeValue.Calibration;

/// <summary>
/// The shifted-beta-geometric (sBG) model of contractual retention (Fader and Hardie 2007, "How to project customer
/// retention", J. Interactive Marketing 21(1), 76–90): each customer renews every period with probability 1 − θ,
/// θ ~ Beta(γ, δ) across customers.
/// </summary>
/// <remarks>
/// <para>With T the period in which a customer churns (FH 2007 eqs. 1–3):
/// P(T = t) = B(γ + 1, δ + t − 1)/B(γ, δ), S(t) = P(T &gt; t) = B(γ, δ + t)/B(γ, δ), retention r_t = (δ + t − 1)/(γ + δ + t − 1).</para>
/// <para>A cohort is given as alive counts n₀ ≥ n₁ ≥ … ≥ n_k (n₀ = cohort size at acquisition); its log-likelihood is
/// Σ_{t=1..k} (n_{t−1} − n_t) ln P(T = t) + n_k ln S(k) (FH 2007 eq. 5), the n_k survivors being right-censored. Several
/// cohorts of different lengths share (γ, δ). Periods are whatever the data use (months, years).</para>
/// <para>Thread safety: immutable; all members are safe to call concurrently.</para>
/// </remarks>
public sealed class ShiftedBetaGeometricModel
{
    private static readonly string[] Names = ["gamma", "delta"];

    private ShiftedBetaGeometricModel(double gamma, double delta, IReadOnlyList<ParameterEstimate> estimates, double logLikelihood, FitDiagnostics? diagnostics)
    {
        Gamma = gamma;
        Delta = delta;
        Estimates = ReadOnly.Of(estimates);
        LogLikelihood = logLikelihood;
        Diagnostics = diagnostics;
    }

    /// <summary>Beta shape γ &gt; 0 of the churn probability.</summary>
    public double Gamma { get; }

    /// <summary>Beta shape δ &gt; 0 of the churn probability.</summary>
    public double Delta { get; }

    /// <summary>The estimates (gamma, delta) with standard errors; NaN errors for a model built from parameters.</summary>
    public IReadOnlyList<ParameterEstimate> Estimates { get; }

    /// <summary>The maximised log-likelihood; NaN for a model built from parameters.</summary>
    public double LogLikelihood { get; }

    /// <summary>The optimiser report; null for a model built from parameters.</summary>
    public FitDiagnostics? Diagnostics { get; }

    /// <summary>A model with given parameters (no fit).</summary>
    /// <param name="gamma">Beta shape γ, &gt; 0.</param>
    /// <param name="delta">Beta shape δ, &gt; 0.</param>
    /// <returns>The model.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A parameter is not a finite positive number.</exception>
    public static ShiftedBetaGeometricModel FromParameters(double gamma, double delta)
    {
        Guard.Positive(gamma);
        Guard.Positive(delta);
        return new ShiftedBetaGeometricModel(gamma, delta, [new("gamma", gamma, double.NaN), new("delta", delta, double.NaN)], double.NaN, null);
    }

    /// <summary>Maximum-likelihood fit on one or more cohorts.</summary>
    /// <param name="cohorts">Per cohort the alive counts n₀ ≥ n₁ ≥ … ≥ n_k ≥ 0 at the start and after each period, n₀ &gt; 0.</param>
    /// <returns>The fitted model.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="cohorts"/> or a cohort is null.</exception>
    /// <exception cref="ArgumentException">A cohort has fewer than 2 counts, n₀ = 0, a negative or increasing count; or
    /// no cohort spans 2 periods, nobody churned, or everybody churned in period 1 (γ and δ are then not identified).</exception>
    /// <exception cref="ModelFitException">The optimum could not be verified.</exception>
    public static ShiftedBetaGeometricModel Fit(IReadOnlyList<IReadOnlyList<long>> cohorts)
    {
        Validate(cohorts);
        return FitEvents(FromCohorts(cohorts), nameof(cohorts));
    }

    /// <summary>
    /// Maximum-likelihood fit on individual tenures with right censoring (the data of <see cref="KaplanMeier"/>):
    /// Σ_{churned} ln P(T = t_i) + Σ_{active} ln S(t_i).
    /// </summary>
    /// <param name="periods">Per customer the number of periods observed: the churn period t ≥ 1 if churned, else the
    /// number of periods survived so far (≥ 0).</param>
    /// <param name="churned">Per customer, true if the customer churned in period <paramref name="periods"/>[i].</param>
    /// <returns>The fitted model.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">Lengths differ, a churn period is &lt; 1 or a tenure negative, or the data do not
    /// identify γ and δ (no churn, nobody past period 1, or no tenure of 2 or more periods).</exception>
    /// <exception cref="ModelFitException">The optimum could not be verified.</exception>
    public static ShiftedBetaGeometricModel FitTenures(IReadOnlyList<int> periods, IReadOnlyList<bool> churned)
    {
        Guard.NotEmpty(periods);
        ArgumentNullException.ThrowIfNull(churned);
        if (churned.Count != periods.Count)
        {
            throw new ArgumentException(FormattableString.Invariant($"churned must have one entry per tenure ({periods.Count}; was {churned.Count})."), nameof(churned));
        }

        int longest = 0;
        for (var i = 0; i < periods.Count; i++)
        {
            if (periods[i] < (churned[i] ? 1 : 0))
            {
                throw new ArgumentException(FormattableString.Invariant($"periods[{i}] = {periods[i]} must be ≥ {(churned[i] ? 1 : 0)}."), nameof(periods));
            }

            longest = Math.Max(longest, periods[i]);
        }

        var events = new Events(new long[longest + 1], new long[longest + 1]);
        for (var i = 0; i < periods.Count; i++)
        {
            (churned[i] ? events.Churned : events.Censored)[periods[i]]++;
        }

        return FitEvents(events, nameof(periods));
    }

    private static ShiftedBetaGeometricModel FitEvents(Events events, string paramName)
    {
        long churned = 0, pastOne = 0;
        int longest = 0;
        for (var t = 0; t < events.Churned.Length; t++)
        {
            churned += events.Churned[t];
            if (t >= 2)
            {
                pastOne += events.Churned[t];
            }

            if (t >= 1)
            {
                pastOne += events.Censored[t];
            }

            if (events.Churned[t] + events.Censored[t] > 0)
            {
                longest = t;
            }
        }

        if (longest < 2 || churned == 0 || pastOne == 0)
        {
            throw new ArgumentException(
                "gamma and delta are not identified: need some churn, some customers surviving period 1, and observation over 2 or more periods.",
                paramName);
        }

        double[][] starts = [[1.0, 1.0], [0.5, 3.0], [3.0, 0.5]];
        var outcome = MaximumLikelihood.Fit("sBG", Names, p => Sum(Math.Exp(p[0]), Math.Exp(p[1]), events), starts, [1.0, 1.0], 1.0, events.Churned.Length);
        var v = outcome.Parameters;
        return new ShiftedBetaGeometricModel(v[0], v[1],
            [new("gamma", v[0], outcome.StandardErrors[0]), new("delta", v[1], outcome.StandardErrors[1])],
            Sum(v[0], v[1], events), outcome.Diagnostics);
    }

    /// <summary>Churn counts by period and right-censored counts by periods survived.</summary>
    private sealed record Events(long[] Churned, long[] Censored);

    private static Events FromCohorts(IReadOnlyList<IReadOnlyList<long>> cohorts)
    {
        int longest = cohorts.Max(c => c.Count - 1);
        var events = new Events(new long[longest + 1], new long[longest + 1]);
        foreach (var c in cohorts)
        {
            for (var t = 1; t < c.Count; t++)
            {
                events.Churned[t] += c[t - 1] - c[t];
            }

            events.Censored[c.Count - 1] += c[^1];
        }

        return events;
    }

    /// <summary>The sBG log-likelihood of <paramref name="cohorts"/> at given parameters.</summary>
    /// <param name="gamma">Beta shape γ, &gt; 0.</param>
    /// <param name="delta">Beta shape δ, &gt; 0.</param>
    /// <param name="cohorts">Alive counts per cohort, as for <see cref="Fit"/>.</param>
    /// <returns>The log-likelihood (FH 2007 eq. 5 summed over cohorts).</returns>
    /// <exception cref="ArgumentOutOfRangeException">A parameter is not a finite positive number.</exception>
    /// <exception cref="ArgumentException">A cohort is malformed.</exception>
    public static double LogLikelihoodOf(double gamma, double delta, IReadOnlyList<IReadOnlyList<long>> cohorts)
    {
        Guard.Positive(gamma);
        Guard.Positive(delta);
        Validate(cohorts);
        return Sum(gamma, delta, FromCohorts(cohorts));
    }

    private static void Validate(IReadOnlyList<IReadOnlyList<long>> cohorts)
    {
        Guard.NotEmpty(cohorts);
        for (var i = 0; i < cohorts.Count; i++)
        {
            var c = cohorts[i] ?? throw new ArgumentNullException(nameof(cohorts), FormattableString.Invariant($"cohorts[{i}] is null."));
            if (c.Count < 2 || c[0] <= 0)
            {
                throw new ArgumentException(FormattableString.Invariant($"cohorts[{i}] needs a positive size n0 and at least one later count (had {c.Count} counts, n0 = {(c.Count > 0 ? c[0] : 0)})."), nameof(cohorts));
            }

            for (var t = 1; t < c.Count; t++)
            {
                if (c[t] < 0 || c[t] > c[t - 1])
                {
                    throw new ArgumentException(FormattableString.Invariant($"cohorts[{i}][{t}] = {c[t]} must be in [0, {c[t - 1]}] (alive counts cannot grow)."), nameof(cohorts));
                }
            }
        }
    }

    private static double Sum(double gamma, double delta, Events events)
    {
        double lnB = SpecialFunctions.BetaLn(gamma, delta);
        double total = 0;
        for (var t = 0; t < events.Churned.Length; t++)
        {
            if (events.Churned[t] > 0)
            {
                total += events.Churned[t] * (SpecialFunctions.BetaLn(gamma + 1, delta + t - 1) - lnB);
            }

            if (events.Censored[t] > 0)
            {
                total += events.Censored[t] * (SpecialFunctions.BetaLn(gamma, delta + t) - lnB);
            }
        }

        return total;
    }

    /// <summary>S(t) = P(T &gt; t): the expected share of a cohort still active after <paramref name="t"/> periods.</summary>
    /// <param name="t">Periods since acquisition, ≥ 0.</param>
    /// <returns>B(γ, δ + t)/B(γ, δ) in [0, 1]; S(0) = 1.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="t"/> is negative.</exception>
    public double Survival(int t)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(t);
        return Math.Exp(SpecialFunctions.BetaLn(Gamma, Delta + t) - SpecialFunctions.BetaLn(Gamma, Delta));
    }

    /// <summary>The retention rate in period t, r_t = S(t)/S(t − 1) = (δ + t − 1)/(γ + δ + t − 1) (FH 2007 eq. 8).</summary>
    /// <param name="t">Period, ≥ 1.</param>
    /// <returns>A probability, increasing in t (the sorting effect of heterogeneity).</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="t"/> &lt; 1.</exception>
    public double RetentionRate(int t)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(t, 1);
        return (Delta + t - 1) / (Gamma + Delta + t - 1);
    }

    /// <summary>The expected retention curve S(0), S(1), …, S(<paramref name="periods"/>).</summary>
    /// <param name="periods">Number of periods, ≥ 0.</param>
    /// <returns><paramref name="periods"/> + 1 survival shares.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="periods"/> is negative.</exception>
    public IReadOnlyList<double> SurvivalCurve(int periods)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(periods);
        var curve = new double[periods + 1];
        curve[0] = 1.0;
        for (var t = 1; t <= periods; t++)
        {
            curve[t] = curve[t - 1] * RetentionRate(t);
        }

        return curve;
    }

    /// <summary>
    /// Discounted expected lifetime of a newly acquired customer, DEL = Σ_{t≥0} S(t)/(1 + d)^t = ₂F₁(1, δ; γ + δ; 1/(1 + d))
    /// (Fader and Hardie 2010, "Customer-base valuation in a contractual setting: the perils of ignoring heterogeneity",
    /// Marketing Science 29(1), 85–93, eq. 6): the number of payments, the first at acquisition, discounted per period.
    /// Multiply by the margin per period to get CLV (a negative or zero margin gives a negative or zero CLV).
    /// </summary>
    /// <param name="discountRate">d per period, &gt; 0.</param>
    /// <returns>DEL in periods, ≥ 1.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="discountRate"/> is not a finite positive number.</exception>
    public double DiscountedExpectedLifetime(double discountRate)
    {
        Guard.Positive(discountRate);
        return Hypergeometric.Gauss2F1(1, Delta, Gamma + Delta, 1 / (1 + discountRate));
    }

    /// <summary>
    /// Discounted expected residual lifetime of a customer who has just made her <paramref name="renewals"/>-th renewal,
    /// DERL = Σ_{k≥1} S(n + k)/S(n) / (1 + d)^(k−1) = (δ + n)/(γ + δ + n) · ₂F₁(1, δ + n + 1; γ + δ + n + 1; 1/(1 + d))
    /// (FH 2010 eq. 7): her future payments, the next one (one period from now) undiscounted.
    /// </summary>
    /// <param name="discountRate">d per period, &gt; 0.</param>
    /// <param name="renewals">n, renewals made so far, ≥ 0.</param>
    /// <returns>DERL in periods, ≥ 0.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="discountRate"/> is not a finite positive number, or <paramref name="renewals"/> is negative.</exception>
    public double DiscountedExpectedResidualLifetime(double discountRate, int renewals)
    {
        Guard.Positive(discountRate);
        ArgumentOutOfRangeException.ThrowIfNegative(renewals);
        double n = renewals;
        return (Delta + n) / (Gamma + Delta + n) * Hypergeometric.Gauss2F1(1, Delta + n + 1, Gamma + Delta + n + 1, 1 / (1 + discountRate));
    }

    /// <inheritdoc/>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"sBG(gamma={Gamma:G6}, delta={Delta:G6}; LL={LogLikelihood:F4})");
}
