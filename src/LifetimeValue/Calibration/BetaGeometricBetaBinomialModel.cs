using System.Globalization;
using MathNet.Numerics;
using LifetimeValue.Calibration.Internal;
using LifetimeValue.Internal;

namespace LifetimeValue.Calibration;

/// <summary>
/// The BG/BB model for discrete-time non-contractual settings (Fader, Hardie and Shang 2010, "Customer-base analysis in
/// a discrete-time noncontractual setting", Marketing Science 29(6), 1086–1108): while alive a customer transacts at
/// each opportunity with probability p ~ Beta(α, β) and becomes inactive before each opportunity with probability
/// θ ~ Beta(γ, δ).
/// </summary>
/// <remarks>
/// <para>Likelihood (FHS 2010 eq. 5), evaluated as a log-sum-exp of n − t_x + 1 terms:
/// L = B(α + x, β + n − x)/B(α, β) · B(γ, δ + n)/B(γ, δ) + Σ_{i=0}^{n−t_x−1} B(α + x, β + t_x − x + i)/B(α, β) · B(γ + 1, δ + t_x + i)/B(γ, δ).</para>
/// <para>Thread safety: immutable; all members are safe to call concurrently.</para>
/// </remarks>
public sealed class BetaGeometricBetaBinomialModel
{
    private static readonly string[] Names = ["alpha", "beta", "gamma", "delta"];

    private BetaGeometricBetaBinomialModel(double alpha, double beta, double gamma, double delta, IReadOnlyList<ParameterEstimate> estimates, double logLikelihood, FitDiagnostics? diagnostics)
    {
        Alpha = alpha;
        Beta = beta;
        Gamma = gamma;
        Delta = delta;
        Estimates = ReadOnly.Of(estimates);
        LogLikelihood = logLikelihood;
        Diagnostics = diagnostics;
    }

    /// <summary>Beta shape α &gt; 0 of the transaction probability.</summary>
    public double Alpha { get; }

    /// <summary>Beta shape β &gt; 0 of the transaction probability.</summary>
    public double Beta { get; }

    /// <summary>Beta shape γ &gt; 0 of the dropout probability.</summary>
    public double Gamma { get; }

    /// <summary>Beta shape δ &gt; 0 of the dropout probability.</summary>
    public double Delta { get; }

    /// <summary>The estimates (alpha, beta, gamma, delta) with standard errors.</summary>
    public IReadOnlyList<ParameterEstimate> Estimates { get; }

    /// <summary>The maximised log-likelihood; NaN for a model built from parameters.</summary>
    public double LogLikelihood { get; }

    /// <summary>The optimiser report; null for a model built from parameters.</summary>
    public FitDiagnostics? Diagnostics { get; }

    /// <summary>A model with given parameters.</summary>
    /// <param name="alpha">α &gt; 0.</param>
    /// <param name="beta">β &gt; 0.</param>
    /// <param name="gamma">γ &gt; 0.</param>
    /// <param name="delta">δ &gt; 0.</param>
    /// <returns>The model.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A parameter is not a finite positive number.</exception>
    public static BetaGeometricBetaBinomialModel FromParameters(double alpha, double beta, double gamma, double delta)
    {
        Guard.Positive(alpha);
        Guard.Positive(beta);
        Guard.Positive(gamma);
        Guard.Positive(delta);
        return new BetaGeometricBetaBinomialModel(alpha, beta, gamma, delta,
            [new("alpha", alpha, double.NaN), new("beta", beta, double.NaN), new("gamma", gamma, double.NaN), new("delta", delta, double.NaN)], double.NaN, null);
    }

    /// <summary>Maximum-likelihood fit.</summary>
    /// <param name="histories">One (x, t_x, n) per customer (identical ones are collapsed).</param>
    /// <returns>The fitted model.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="histories"/> is null.</exception>
    /// <exception cref="ArgumentException">Empty, an invalid history, or nobody transacted.</exception>
    /// <exception cref="ModelFitException">The optimum could not be verified.</exception>
    public static BetaGeometricBetaBinomialModel Fit(IReadOnlyList<DiscreteHistory> histories)
    {
        var data = Collapse(histories, out long transactions);
        if (transactions == 0)
        {
            throw new ArgumentException("histories: nobody transacted, so the BG/BB parameters are not identified.", nameof(histories));
        }

        double[][] starts = [[1.0, 1.0, 1.0, 1.0], [0.5, 2.0, 0.5, 2.0], [2.0, 0.5, 2.0, 5.0]];
        var outcome = MaximumLikelihood.Fit("BG/BB", Names, p => Sum(Math.Exp(p[0]), Math.Exp(p[1]), Math.Exp(p[2]), Math.Exp(p[3]), data),
            starts, [1.0, 1.0, 1.0, 1.0], 1.0, data.Count);
        var v = outcome.Parameters;
        var estimates = new ParameterEstimate[4];
        for (var i = 0; i < 4; i++)
        {
            estimates[i] = new ParameterEstimate(Names[i], v[i], outcome.StandardErrors[i]);
        }

        return new BetaGeometricBetaBinomialModel(v[0], v[1], v[2], v[3], estimates, Sum(v[0], v[1], v[2], v[3], data), outcome.Diagnostics);
    }

    /// <summary>The BG/BB log-likelihood at given parameters.</summary>
    /// <param name="alpha">α &gt; 0.</param>
    /// <param name="beta">β &gt; 0.</param>
    /// <param name="gamma">γ &gt; 0.</param>
    /// <param name="delta">δ &gt; 0.</param>
    /// <param name="histories">Customer histories.</param>
    /// <returns>Σ ln L_i.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A parameter is not a finite positive number.</exception>
    /// <exception cref="ArgumentException">An invalid history.</exception>
    public static double LogLikelihoodOf(double alpha, double beta, double gamma, double delta, IReadOnlyList<DiscreteHistory> histories)
    {
        Guard.Positive(alpha);
        Guard.Positive(beta);
        Guard.Positive(gamma);
        Guard.Positive(delta);
        return Sum(alpha, beta, gamma, delta, Collapse(histories, out _));
    }

    private static List<(DiscreteHistory History, double Weight)> Collapse(IReadOnlyList<DiscreteHistory> histories, out long transactions)
    {
        Guard.NotEmpty(histories);
        var counts = new Dictionary<DiscreteHistory, double>();
        transactions = 0;
        for (var i = 0; i < histories.Count; i++)
        {
            var h = histories[i];
            Validate(h, FormattableString.Invariant($"histories[{i}]"));
            counts[h] = counts.GetValueOrDefault(h) + 1;
            transactions += h.Frequency;
        }

        return [.. counts.Select(kv => (kv.Key, kv.Value))];
    }

    private static void Validate(DiscreteHistory h, string name)
    {
        bool ok = h.Opportunities >= 1 && h.Frequency >= 0 && h.Recency <= h.Opportunities
            && (h.Frequency == 0 ? h.Recency == 0 : h.Recency >= h.Frequency);
        if (!ok)
        {
            throw new ArgumentException(FormattableString.Invariant(
                $"{name} = (x={h.Frequency}, t_x={h.Recency}, n={h.Opportunities}) must satisfy n ≥ 1, 0 ≤ x ≤ t_x ≤ n, and t_x = 0 when x = 0."), nameof(h));
        }
    }

    private static double Sum(double alpha, double beta, double gamma, double delta, List<(DiscreteHistory History, double Weight)> data)
    {
        double total = 0;
        foreach (var (h, w) in data)
        {
            total += w * LogL(alpha, beta, gamma, delta, h);
        }

        return total;
    }

    private static double LogL(double alpha, double beta, double gamma, double delta, DiscreteHistory h)
    {
        double lnBab = SpecialFunctions.BetaLn(alpha, beta), lnBgd = SpecialFunctions.BetaLn(gamma, delta);
        int x = h.Frequency, tx = h.Recency, n = h.Opportunities;
        double ll = SpecialFunctions.BetaLn(alpha + x, beta + n - x) - lnBab + SpecialFunctions.BetaLn(gamma, delta + n) - lnBgd;
        for (var i = 0; i < n - tx; i++)
        {
            ll = LogMath.LogSumExp(ll, SpecialFunctions.BetaLn(alpha + x, beta + tx - x + i) - lnBab + SpecialFunctions.BetaLn(gamma + 1, delta + tx + i) - lnBgd);
        }

        return ll;
    }

    /// <summary>P(alive at opportunity n + 1 | x, t_x, n) (FHS 2010 eq. 11).</summary>
    /// <param name="history">The customer's history.</param>
    /// <returns>A probability in [0, 1].</returns>
    /// <exception cref="ArgumentException">An invalid history.</exception>
    public double ProbabilityAlive(DiscreteHistory history)
    {
        Validate(history, nameof(history));
        int x = history.Frequency, n = history.Opportunities;
        double log = SpecialFunctions.BetaLn(Alpha + x, Beta + n - x) - SpecialFunctions.BetaLn(Alpha, Beta)
            + SpecialFunctions.BetaLn(Gamma, Delta + n + 1) - SpecialFunctions.BetaLn(Gamma, Delta)
            - LogL(Alpha, Beta, Gamma, Delta, history);
        return Math.Exp(log);
    }

    /// <summary>E[X(n)]: expected transactions of a new customer in the first n opportunities (FHS 2010 eq. 7).</summary>
    /// <param name="opportunities">n ≥ 0.</param>
    /// <returns>α/(α + β) · δ/(γ − 1) · [1 − Γ(γ + δ)Γ(1 + δ + n)/(Γ(γ + δ + n)Γ(1 + δ))] (limit at γ = 1).</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="opportunities"/> is negative.</exception>
    public double ExpectedTransactions(int opportunities)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(opportunities);
        return Alpha / (Alpha + Beta) * DiscountedRatio(Gamma, Delta, 0, opportunities);
    }

    /// <summary>E[X(n, n + n*) | x, t_x, n]: expected transactions in the next n* opportunities (FHS 2010 eq. 13).</summary>
    /// <param name="futureOpportunities">n* ≥ 0.</param>
    /// <param name="history">The customer's history.</param>
    /// <returns>The expectation, ≥ 0.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="futureOpportunities"/> is negative.</exception>
    /// <exception cref="ArgumentException">An invalid history.</exception>
    public double ConditionalExpectedTransactions(int futureOpportunities, DiscreteHistory history)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(futureOpportunities);
        Validate(history, nameof(history));
        int x = history.Frequency, n = history.Opportunities;
        double log = SpecialFunctions.BetaLn(Alpha + x + 1, Beta + n - x) - SpecialFunctions.BetaLn(Alpha, Beta) - LogL(Alpha, Beta, Gamma, Delta, history);
        return Math.Exp(log) * DiscountedRatio(Gamma, Delta, n, futureOpportunities);
    }

    /// <summary>δ/(γ − 1) · Γ(γ + δ)/Γ(1 + δ) · [Γ(1 + δ + n)/Γ(γ + δ + n) − Γ(1 + δ + n + m)/Γ(γ + δ + n + m)], with the γ → 1 limit.</summary>
    private static double DiscountedRatio(double gamma, double delta, int n, int m)
    {
        if (m == 0)
        {
            return 0;
        }

        double Value(double g)
        {
            double c = Math.Log(delta) + SpecialFunctions.GammaLn(g + delta) - SpecialFunctions.GammaLn(1 + delta);
            double a = SpecialFunctions.GammaLn(1 + delta + n) - SpecialFunctions.GammaLn(g + delta + n);
            double b = SpecialFunctions.GammaLn(1 + delta + n + m) - SpecialFunctions.GammaLn(g + delta + n + m);
            return Math.Exp(c + a) * -SpecialFunctions.Expm1(b - a) / (g - 1);
        }

        const double H = 1e-6;
        return Math.Abs(gamma - 1) > H ? Value(gamma) : 0.5 * (Value(1 - 2 * H) + Value(1 + 2 * H));
    }

    /// <inheritdoc/>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"BG/BB(alpha={Alpha:G6}, beta={Beta:G6}, gamma={Gamma:G6}, delta={Delta:G6}; LL={LogLikelihood:F4})");
}
