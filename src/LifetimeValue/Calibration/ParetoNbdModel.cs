using System.Globalization;
using MathNet.Numerics;
using LifetimeValue.Calibration.Internal;
using LifetimeValue.Internal;

namespace LifetimeValue.Calibration;

/// <summary>
/// The Pareto/NBD model (Schmittlein, Morrison and Colombo 1987, "Counting your customers: who are they and what
/// will they do next?", Management Science 33(1), 1–24): while alive a customer buys as a Poisson process with
/// rate λ ~ Gamma(r, α); her lifetime is exponential with rate μ ~ Gamma(s, β).
/// </summary>
/// <remarks>
/// <para>Likelihood (Fader and Hardie 2005, "A note on deriving the Pareto/NBD model and related expressions",
/// brucehardie.com note 009, eq. 22), written with I(t) = ∫ₜ^∞ (α + y)^(−(r+x)) (β + y)^(−(s+1)) dy:</para>
/// <para>L = Γ(r + x) αʳ βˢ / Γ(r) · [ (α + T)^(−(r+x)) (β + T)^(−s) + s (I(t_x) − I(T)) ],</para>
/// <para>I(t) = (α + t)^(−(r+s+x)) ₂F₁(r + s + x, s + 1; r + s + x + 1; (α − β)/(α + t)) / (r + s + x) when α ≥ β, and
/// (β + t)^(−(r+s+x)) ₂F₁(r + s + x, r + x; r + s + x + 1; (β − α)/(β + t)) / (r + s + x) otherwise, so the argument
/// is always in [0, 1). Everything is in log space: ln ₂F₁ from <see cref="Hypergeometric"/>, I(t_x) − I(T) as
/// ln I(t_x) + ln(1 − e^(ln I(T) − ln I(t_x))), and a log-sum-exp for the bracket.</para>
/// <para>Thread safety: immutable; all members are safe to call concurrently.</para>
/// </remarks>
public sealed class ParetoNbdModel : IRepeatPurchaseModel, IPurchaseCountDistribution
{
    private static readonly string[] Names = ["r", "alpha", "s", "beta"];

    private ParetoNbdModel(double r, double alpha, double s, double beta, IReadOnlyList<ParameterEstimate> estimates, double logLikelihood, int customers, FitDiagnostics? diagnostics)
    {
        R = r;
        Alpha = alpha;
        S = s;
        Beta = beta;
        Estimates = ReadOnly.Of(estimates);
        LogLikelihood = logLikelihood;
        Customers = customers;
        Diagnostics = diagnostics;
    }

    /// <summary>Shape r &gt; 0 of the Gamma distribution of purchase rates.</summary>
    public double R { get; }

    /// <summary>Rate α &gt; 0 of the Gamma distribution of purchase rates, in the time unit of the data.</summary>
    public double Alpha { get; }

    /// <summary>Shape s &gt; 0 of the Gamma distribution of dropout rates.</summary>
    public double S { get; }

    /// <summary>Rate β &gt; 0 of the Gamma distribution of dropout rates, in the time unit of the data.</summary>
    public double Beta { get; }

    /// <summary>The estimates (r, alpha, s, beta) with standard errors; NaN errors for a model built from parameters.</summary>
    public IReadOnlyList<ParameterEstimate> Estimates { get; }

    /// <inheritdoc/>
    public double LogLikelihood { get; }

    /// <summary>Number of customers the model was fitted on (0 for a model built from parameters).</summary>
    public int Customers { get; }

    /// <summary>The optimiser report; null for a model built from parameters.</summary>
    public FitDiagnostics? Diagnostics { get; }

    /// <summary>A model with given parameters (no fit), e.g. published estimates.</summary>
    /// <param name="r">Gamma shape of purchase rates, &gt; 0.</param>
    /// <param name="alpha">Gamma rate of purchase rates per time unit, &gt; 0.</param>
    /// <param name="s">Gamma shape of dropout rates, &gt; 0.</param>
    /// <param name="beta">Gamma rate of dropout rates per time unit, &gt; 0.</param>
    /// <returns>The model, with NaN log-likelihood and standard errors.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A parameter is not a finite positive number.</exception>
    public static ParetoNbdModel FromParameters(double r, double alpha, double s, double beta)
    {
        Guard.Positive(r);
        Guard.Positive(alpha);
        Guard.Positive(s);
        Guard.Positive(beta);
        return new ParetoNbdModel(r, alpha, s, beta,
            [new("r", r, double.NaN), new("alpha", alpha, double.NaN), new("s", s, double.NaN), new("beta", beta, double.NaN)],
            double.NaN, 0, null);
    }

    /// <summary>Maximum-likelihood fit.</summary>
    /// <param name="histories">One (x, t_x, T) per customer, all in the same time unit.</param>
    /// <returns>The fitted model with standard errors and diagnostics.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="histories"/> is null.</exception>
    /// <exception cref="ArgumentException">The list is empty, a history is invalid, or nobody made a repeat purchase.</exception>
    /// <exception cref="ModelFitException">The optimum could not be verified (see <see cref="ModelFitException.Diagnostics"/>).</exception>
    public static ParetoNbdModel Fit(IReadOnlyList<RepeatHistory> histories) => Fit(histories, FitOptions.Default);

    /// <summary>Maximum-likelihood fit with limits and cancellation (the gradient is by central differences: the
    /// likelihood's ₂F₁ terms have no cheap parameter derivatives).</summary>
    /// <param name="histories">One (x, t_x, T) per customer, all in the same time unit.</param>
    /// <param name="options">Iteration cap, time limit and cancellation token.</param>
    /// <returns>The fitted model with standard errors, covariance and diagnostics.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">As for <see cref="Fit(IReadOnlyList{RepeatHistory})"/>.</exception>
    /// <exception cref="ModelFitException">The optimum could not be verified, or a limit of <paramref name="options"/> was reached first.</exception>
    /// <exception cref="OperationCanceledException">The token was cancelled.</exception>
    public static ParetoNbdModel Fit(IReadOnlyList<RepeatHistory> histories, FitOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);

        // Starting points: α as a multiple of 1/(observed purchase rate).
        var fit = RepeatModelFit.Fit("Pareto/NBD", Names, histories, [[1.0, 1.0, 1.0, 1.0], [0.5, 0.5, 0.5, 0.3], [2.0, 2.0, 2.0, 3.0]], [false, true, false, true], Sum, null, options);
        var q = fit.Parameters;
        return new ParetoNbdModel(q[0], q[1], q[2], q[3], fit.Estimates, fit.LogLikelihood, histories.Count, fit.Diagnostics);
    }

    /// <summary>The Pareto/NBD log-likelihood of <paramref name="histories"/> at given parameters.</summary>
    /// <param name="r">Gamma shape of purchase rates, &gt; 0.</param>
    /// <param name="alpha">Gamma rate of purchase rates per time unit, &gt; 0.</param>
    /// <param name="s">Gamma shape of dropout rates, &gt; 0.</param>
    /// <param name="beta">Gamma rate of dropout rates per time unit, &gt; 0.</param>
    /// <param name="histories">Customer histories.</param>
    /// <returns>Σ ln L_i (finite for any valid input, including x in the thousands).</returns>
    /// <exception cref="ArgumentOutOfRangeException">A parameter is not a finite positive number.</exception>
    /// <exception cref="ArgumentException">A history is invalid.</exception>
    public static double LogLikelihoodOf(double r, double alpha, double s, double beta, IReadOnlyList<RepeatHistory> histories)
    {
        Guard.Positive(r);
        Guard.Positive(alpha);
        Guard.Positive(s);
        Guard.Positive(beta);
        RepeatHistory.Validate(histories);
        return Sum(r, alpha, s, beta, CollapsedHistories.Create(histories, rescale: false));
    }

    private static double Sum(double r, double alpha, double s, double beta, CollapsedHistories d)
    {
        double lnGammaR = SpecialFunctions.GammaLn(r);
        double constant = r * Math.Log(alpha) + s * Math.Log(beta) - lnGammaR;
        var xs = d.DistinctX;
        Span<double> common = xs.Length <= 256 ? stackalloc double[xs.Length] : new double[xs.Length];
        for (var k = 0; k < xs.Length; k++)
        {
            common[k] = SpecialFunctions.GammaLn(r + xs[k]) + constant;
        }

        double lnS = Math.Log(s);
        // ln I per distinct (x, time) point: the ₂F₁ evaluations dominate the cost, so large data sets compute them in
        // parallel chunks (each point written once: the result does not depend on the thread count).
        var pointX = d.PointX;
        var pointTime = d.PointTime;
        var lnI = new double[pointX.Length];
        const int PointChunk = 8192;
        if (lnI.Length > PointChunk)
        {
            try
            {
                Parallel.For(0, (lnI.Length + PointChunk - 1) / PointChunk, c =>
                {
                    int end = Math.Min(lnI.Length, (c + 1) * PointChunk);
                    for (var k = c * PointChunk; k < end; k++)
                    {
                        lnI[k] = LogI(r, alpha, s, beta, pointX[k], pointTime[k]);
                    }
                });
            }
            catch (AggregateException e) when (e.InnerException is ArithmeticException inner)
            {
                // The same exception the sequential loop would throw (the optimiser treats it as an infeasible point).
                throw new ArithmeticException(inner.Message, inner);
            }
        }
        else
        {
            for (var k = 0; k < lnI.Length; k++)
            {
                lnI[k] = LogI(r, alpha, s, beta, pointX[k], pointTime[k]);
            }
        }

        double total = 0;
        for (var i = 0; i < d.Count; i++)
        {
            int x = d.X[i];
            double alive = -(r + x) * Math.Log(alpha + d.T[i]) - s * Math.Log(beta + d.T[i]);
            double both = alive;
            if (d.Tx[i] < d.T[i])
            {
                double lnITx = lnI[d.RecencyPoint[i]];
                double died = lnS + lnITx + LogMath.Log1mExp(Math.Min(lnI[d.AgePoint[i]] - lnITx, 0.0));
                both = LogMath.LogSumExp(alive, died);
            }

            total += d.Weight[i] * (common[d.XIndex[i]] + both);
        }

        return total;
    }

    /// <summary>ln of the two bracket terms: "alive at T" and "died in (t_x, T]".</summary>
    private static (double Alive, double Died) Terms(double r, double alpha, double s, double beta, double lnS, int x, double tx, double t)
    {
        double alive = -(r + x) * Math.Log(alpha + t) - s * Math.Log(beta + t);
        if (tx >= t)
        {
            return (alive, double.NegativeInfinity);
        }

        double lnITx = LogI(r, alpha, s, beta, x, tx);
        double lnIT = LogI(r, alpha, s, beta, x, t);
        double died = lnS + lnITx + LogMath.Log1mExp(Math.Min(lnIT - lnITx, 0.0));
        return (alive, died);
    }

    private static double LogI(double r, double alpha, double s, double beta, int x, double t)
    {
        double a = r + s + x;
        if (alpha >= beta)
        {
            return -a * Math.Log(alpha + t) - Math.Log(a) + Hypergeometric.LogGauss2F1Unchecked(a, s + 1, a + 1, (alpha - beta) / (alpha + t));
        }

        return -a * Math.Log(beta + t) - Math.Log(a) + Hypergeometric.LogGauss2F1Unchecked(a, r + x, a + 1, (beta - alpha) / (beta + t));
    }

    /// <inheritdoc/>
    /// <remarks>
    /// <para>Fader and Hardie (2006), "Deriving an expression for P(X(t) = x) under the Pareto/NBD model", brucehardie.com
    /// note 012, eq. 6: P(X(t) = x) = NB(x) (β/(β + t))ˢ + αʳβˢ B(r + x, s + 1)/B(r, s) · [B₁ − Σ_{j=0..x} Γ(r + s + j)/(Γ(r + s) j!) tʲ B₂ⱼ],
    /// with B₁ and B₂ⱼ the ₂F₁ expressions of the note (argument in [0, 1) by the α ≥ β / α &lt; β split).</para>
    /// <para>The bracket is a difference of positive terms; it is computed relative to B₁, so its relative accuracy degrades
    /// for large x (it is intended for histograms of small counts, x ≲ 50).</para>
    /// </remarks>
    public double ProbabilityOfPurchases(int x, double t)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(x);
        Guard.NonNegative(t);
        if (t == 0)
        {
            return x == 0 ? 1.0 : 0.0;
        }

        double r = R, alpha = Alpha, s = S, beta = Beta;
        double nb = SpecialFunctions.GammaLn(r + x) - SpecialFunctions.GammaLn(r) - SpecialFunctions.GammaLn(x + 1.0)
            + (r * Math.Log(alpha / (alpha + t))) + (x * Math.Log(t / (alpha + t))) + (s * Math.Log(beta / (beta + t)));
        double c = r + s + x + 1;
        bool alphaLarger = alpha >= beta;
        double big = alphaLarger ? alpha : beta, small = alphaLarger ? beta : alpha;
        double second = alphaLarger ? s + 1 : r + x;
        double logB1 = Hypergeometric.LogGauss2F1(r + s, second, c, (big - small) / big) - ((r + s) * Math.Log(big));

        // Σ_j Γ(r+s+j)/(Γ(r+s) j!) tʲ B₂ⱼ relative to B₁.
        double sum = 0;
        for (var j = 0; j <= x; j++)
        {
            double logTerm = SpecialFunctions.GammaLn(r + s + j) - SpecialFunctions.GammaLn(r + s) - SpecialFunctions.GammaLn(j + 1.0) + (j * Math.Log(t))
                + Hypergeometric.LogGauss2F1(r + s + j, second, c, (big - small) / (big + t)) - ((r + s + j) * Math.Log(big + t));
            sum += Math.Exp(logTerm - logB1);
        }

        double bracket = Math.Max(0.0, 1.0 - sum);
        double logFactor = (r * Math.Log(alpha)) + (s * Math.Log(beta)) + SpecialFunctions.BetaLn(r + x, s + 1) - SpecialFunctions.BetaLn(r, s) + logB1;
        return Math.Exp(nb) + (bracket == 0 ? 0.0 : Math.Exp(logFactor + Math.Log(bracket)));
    }

    /// <inheritdoc/>
    /// <remarks>Fader and Hardie 2005 (note 009) eq. 17: E[X(t)] = rβ/(α(s − 1)) · [1 − (β/(β + t))^(s−1)], with the s → 1 limit (rβ/α) ln(1 + t/β).</remarks>
    public double ExpectedPurchases(double t)
    {
        Guard.NonNegative(t);
        return R / Alpha * Beta * LogMath.OneMinusPowerOverK(SpecialFunctions.Log1p(t / Beta), S - 1);
    }

    /// <inheritdoc/>
    /// <remarks>Note 009 eq. 18: P(alive) = (α + T)^(−(r+x)) (β + T)^(−s) / [the bracket of the likelihood], computed as a ratio of logs.</remarks>
    public double ProbabilityAlive(RepeatHistory history)
    {
        RepeatHistory.Validate([history], nameof(history));
        return Math.Exp(LogProbabilityAlive(history));
    }

    private double LogProbabilityAlive(RepeatHistory h)
    {
        var (alive, died) = Terms(R, Alpha, S, Beta, Math.Log(S), h.Frequency, h.Recency, h.Age);
        return alive - LogMath.LogSumExp(alive, died);
    }

    /// <inheritdoc/>
    /// <remarks>Note 009 eq. 21: E[Y(t) | x, t_x, T] = (r + x)(β + T)/((α + T)(s − 1)) · [1 − ((β + T)/(β + T + t))^(s−1)] · P(alive).</remarks>
    public double ConditionalExpectedPurchases(double t, RepeatHistory history)
    {
        Guard.NonNegative(t);
        RepeatHistory.Validate([history], nameof(history));
        double bt = Beta + history.Age;
        double alive = Math.Exp(LogProbabilityAlive(history));
        return alive * (R + history.Frequency) / (Alpha + history.Age) * bt * LogMath.OneMinusPowerOverK(SpecialFunctions.Log1p(t / bt), S - 1);
    }

    /// <summary>
    /// Discounted expected residual transactions, DERT (Fader, Hardie and Lee 2005, "RFM and CLV: using iso-value
    /// curves for customer base analysis", J. Marketing Research 42(4), 415–430, eq. 2), over an infinite horizon with
    /// continuous discounting.
    /// </summary>
    /// <param name="continuousDiscountRate">δ per time unit of the data, &gt; 0 (e.g. ln(1.15)/52 for 15 % a year in weeks).</param>
    /// <param name="history">The customer's calibration history.</param>
    /// <returns>E[∫_T^∞ e^(−δ(u−T)) dX(u) | x, t_x, T] in transactions.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="continuousDiscountRate"/> is not a finite positive number.</exception>
    /// <exception cref="ArgumentException">The history is invalid.</exception>
    /// <remarks>
    /// Given alive at T the posterior rates are independent, λ ~ Gamma(r + x, α + T) and μ ~ Gamma(s, β + T), so
    /// DERT = P(alive) · (r + x)/(α + T) · E[1/(μ + δ)], and E[1/(μ + δ)] = (1/δ) ∫₀^∞ e^(−v) (1 + v/(δ(β + T)))^(−s) dv,
    /// which equals FHL's δ^(s−1)(β+T)^s Ψ(s, s; δ(β + T)) form (Ψ = Tricomi U). The integral is computed with MathNet's
    /// adaptive Gauss–Kronrod rule after the substitution v = w/(1 − w).
    /// </remarks>
    public double DiscountedExpectedResidualTransactions(double continuousDiscountRate, RepeatHistory history)
    {
        Guard.Positive(continuousDiscountRate);
        RepeatHistory.Validate([history], nameof(history));
        double bt = Beta + history.Age;
        double z = continuousDiscountRate * bt;
        double s = S;
        double integral = MathNet.Numerics.Integrate.GaussKronrod(
            w =>
            {
                if (w >= 1.0)
                {
                    return 0.0;
                }

                double v = w / (1.0 - w);
                return Math.Exp(-v - s * SpecialFunctions.Log1p(v / z)) / ((1.0 - w) * (1.0 - w));
            },
            0.0, 1.0, 1e-12, 20, 21);
        double alive = Math.Exp(LogProbabilityAlive(history));
        return alive * (R + history.Frequency) / (Alpha + history.Age) * integral / continuousDiscountRate;
    }

    /// <inheritdoc/>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"Pareto/NBD(r={R:G6}, alpha={Alpha:G6}, s={S:G6}, beta={Beta:G6}; LL={LogLikelihood:F4})");
}
