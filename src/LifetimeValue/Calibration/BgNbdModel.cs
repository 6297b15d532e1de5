using System.Globalization;
using MathNet.Numerics;
using LifetimeValue.Calibration.Internal;
using LifetimeValue.Internal;

namespace LifetimeValue.Calibration;

/// <summary>
/// The BG/NBD model of repeat purchasing (Fader, Hardie and Lee 2005, "“Counting your customers” the easy way:
/// an alternative to the Pareto/NBD model", Marketing Science 24(2), 275–284): while alive a customer buys as a
/// Poisson process with rate λ ~ Gamma(r, α); after every purchase she drops out with probability p ~ Beta(a, b).
/// </summary>
/// <remarks>
/// <para>Likelihood of one customer (FHL 2005, eq. 6), evaluated in log space with log-sum-exp:</para>
/// <para>L = B(a, b + x)/B(a, b) · Γ(r + x) αʳ / (Γ(r)(α + T)^(r+x)) + 1{x &gt; 0} · B(a + 1, b + x − 1)/B(a, b) · Γ(r + x) αʳ / (Γ(r)(α + t_x)^(r+x)).</para>
/// <para>α is a rate in the time unit of the histories (e.g. per week). <see cref="Fit(IReadOnlyList{RepeatHistory})"/> divides time by the largest T,
/// optimises log-parameters, collapses identical (x, t_x, T) and reports standard errors from the Hessian.</para>
/// <para>Thread safety: immutable; all members are safe to call concurrently.</para>
/// </remarks>
public sealed class BgNbdModel : IRepeatPurchaseModel, IPurchaseCountDistribution
{
    private static readonly string[] Names = ["r", "alpha", "a", "b"];

    private BgNbdModel(double r, double alpha, double a, double b, IReadOnlyList<ParameterEstimate> estimates, double logLikelihood, int customers, FitDiagnostics? diagnostics)
    {
        R = r;
        Alpha = alpha;
        A = a;
        B = b;
        Estimates = ReadOnly.Of(estimates);
        LogLikelihood = logLikelihood;
        Customers = customers;
        Diagnostics = diagnostics;
    }

    /// <summary>Shape r &gt; 0 of the Gamma distribution of purchase rates.</summary>
    public double R { get; }

    /// <summary>Rate (inverse scale) α &gt; 0 of the Gamma distribution of purchase rates, in the time unit of the data.</summary>
    public double Alpha { get; }

    /// <summary>Beta shape a &gt; 0 of the dropout probability.</summary>
    public double A { get; }

    /// <summary>Beta shape b &gt; 0 of the dropout probability.</summary>
    public double B { get; }

    /// <summary>The estimates (r, alpha, a, b) with standard errors; NaN errors for a model built from parameters.</summary>
    public IReadOnlyList<ParameterEstimate> Estimates { get; }

    /// <inheritdoc/>
    public double LogLikelihood { get; }

    /// <summary>Number of customers the model was fitted on (0 for a model built from parameters).</summary>
    public int Customers { get; }

    /// <summary>The optimiser report; null for a model built from parameters.</summary>
    public FitDiagnostics? Diagnostics { get; }

    /// <summary>A model with given parameters (no fit), e.g. published estimates.</summary>
    /// <param name="r">Gamma shape, &gt; 0.</param>
    /// <param name="alpha">Gamma rate per time unit, &gt; 0.</param>
    /// <param name="a">Beta shape, &gt; 0.</param>
    /// <param name="b">Beta shape, &gt; 0.</param>
    /// <returns>The model, with NaN log-likelihood and standard errors.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A parameter is not a finite positive number.</exception>
    public static BgNbdModel FromParameters(double r, double alpha, double a, double b)
    {
        Guard.Positive(r);
        Guard.Positive(alpha);
        Guard.Positive(a);
        Guard.Positive(b);
        return new BgNbdModel(r, alpha, a, b,
            [new("r", r, double.NaN), new("alpha", alpha, double.NaN), new("a", a, double.NaN), new("b", b, double.NaN)],
            double.NaN, 0, null);
    }

    /// <summary>Maximum-likelihood fit.</summary>
    /// <param name="histories">One (x, t_x, T) per customer, all in the same time unit.</param>
    /// <returns>The fitted model with standard errors and diagnostics.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="histories"/> is null.</exception>
    /// <exception cref="ArgumentException">The list is empty, a history is invalid, or nobody made a repeat purchase
    /// (then r, α, a and b are not identified).</exception>
    /// <exception cref="ModelFitException">The optimum could not be verified (see <see cref="ModelFitException.Diagnostics"/>).</exception>
    public static BgNbdModel Fit(IReadOnlyList<RepeatHistory> histories) => Fit(histories, FitOptions.Default);

    /// <summary>Maximum-likelihood fit with limits and cancellation.</summary>
    /// <param name="histories">One (x, t_x, T) per customer, all in the same time unit.</param>
    /// <param name="options">Iteration cap, time limit and cancellation token.</param>
    /// <returns>The fitted model with standard errors, covariance and diagnostics.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">As for <see cref="Fit(IReadOnlyList{RepeatHistory})"/>.</exception>
    /// <exception cref="ModelFitException">The optimum could not be verified, or a limit of <paramref name="options"/> was reached first.</exception>
    /// <exception cref="OperationCanceledException">The token was cancelled.</exception>
    public static BgNbdModel Fit(IReadOnlyList<RepeatHistory> histories, FitOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);

        // Starting points: α as a multiple of 1/(observed purchase rate).
        var fit = RepeatModelFit.Fit("BG/NBD", Names, histories, [[1.0, 1.0, 1.0, 3.0], [0.3, 0.3, 0.5, 1.0], [3.0, 3.0, 2.0, 8.0]], [false, true, false, false], Sum,
            (r, alpha, a, b, d, g) => BgFamilyLikelihood.Sum(r, alpha, a, b, d, modified: false, g), options);
        var q = fit.Parameters;
        return new BgNbdModel(q[0], q[1], q[2], q[3], fit.Estimates, fit.LogLikelihood, histories.Count, fit.Diagnostics);
    }

    /// <summary>The BG/NBD log-likelihood of <paramref name="histories"/> at given parameters.</summary>
    /// <param name="r">Gamma shape, &gt; 0.</param>
    /// <param name="alpha">Gamma rate per time unit of the histories, &gt; 0.</param>
    /// <param name="a">Beta shape, &gt; 0.</param>
    /// <param name="b">Beta shape, &gt; 0.</param>
    /// <param name="histories">Customer histories.</param>
    /// <returns>Σ ln L_i (finite for any valid input, including x in the thousands).</returns>
    /// <exception cref="ArgumentOutOfRangeException">A parameter is not a finite positive number.</exception>
    /// <exception cref="ArgumentException">A history is invalid.</exception>
    public static double LogLikelihoodOf(double r, double alpha, double a, double b, IReadOnlyList<RepeatHistory> histories)
    {
        Guard.Positive(r);
        Guard.Positive(alpha);
        Guard.Positive(a);
        Guard.Positive(b);
        RepeatHistory.Validate(histories);
        return Sum(r, alpha, a, b, CollapsedHistories.Create(histories, rescale: false));
    }

    private static double Sum(double r, double alpha, double a, double b, CollapsedHistories d) =>
        BgFamilyLikelihood.Sum(r, alpha, a, b, d, modified: false, Span<double>.Empty);

    /// <inheritdoc/>
    /// <remarks>
    /// FHL 2005 eq. 8: P(X(t) = x) = B(a, b + x)/B(a, b) · NB(x) + 1{x &gt; 0} B(a + 1, b + x − 1)/B(a, b) · (1 − Σ_{j&lt;x} NB(j)),
    /// with NB(j) = Γ(r + j)/(Γ(r) j!) (α/(α + t))ʳ (t/(α + t))ʲ, all terms in logs.
    /// </remarks>
    public double ProbabilityOfPurchases(int x, double t)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(x);
        Guard.NonNegative(t);
        if (t == 0)
        {
            return x == 0 ? 1.0 : 0.0;
        }

        double lnP = Math.Log(Alpha / (Alpha + t)), lnQ = Math.Log(t / (Alpha + t));
        double LogNb(int j) => SpecialFunctions.GammaLn(R + j) - SpecialFunctions.GammaLn(R) - SpecialFunctions.GammaLn(j + 1.0) + (R * lnP) + (j * lnQ);
        double betaAb = SpecialFunctions.BetaLn(A, B);
        double first = Math.Exp(SpecialFunctions.BetaLn(A, B + x) - betaAb + LogNb(x));
        if (x == 0)
        {
            return first;
        }

        // 1 − Σ_{j<x} NB(j) is the NBD upper tail; sum the tail directly when the head is close to 1.
        double head = 0;
        for (var j = 0; j < x; j++)
        {
            head += Math.Exp(LogNb(j));
        }

        double tail = Math.Max(0.0, 1.0 - head);
        if (tail < 1e-3)
        {
            tail = 0;
            for (var j = x; j < x + 100_000; j++)
            {
                double term = Math.Exp(LogNb(j));
                tail += term;
                if (term < 1e-17 * tail && j > x + 10)
                {
                    break;
                }
            }
        }

        return first + (Math.Exp(SpecialFunctions.BetaLn(A + 1, B + x - 1) - betaAb) * tail);
    }

    /// <inheritdoc/>
    /// <remarks>FHL 2005 eq. 9: E[X(t)] = (a + b − 1)/(a − 1) · [1 − (α/(α + t))ʳ ₂F₁(r, b; a + b − 1; t/(α + t))].</remarks>
    public double ExpectedPurchases(double t)
    {
        Guard.NonNegative(t);
        if (t == 0)
        {
            return 0;
        }

        return AroundAEqualsOne(A, a =>
            (a + B - 1) / (a - 1) * OneMinusScaled2F1(R * Math.Log(Alpha / (Alpha + t)), R, B, a + B - 1, t / (Alpha + t)));
    }

    /// <inheritdoc/>
    /// <remarks>FHL 2005 eq. 11: P(alive) = 1 / (1 + 1{x &gt; 0} a/(b + x − 1) ((α + T)/(α + t_x))^(r+x)), as a logistic of a log-odds.</remarks>
    public double ProbabilityAlive(RepeatHistory history)
    {
        RepeatHistory.Validate([history], nameof(history));
        return Math.Exp(LogProbabilityAlive(history));
    }

    private double LogProbabilityAlive(RepeatHistory h)
    {
        if (h.Frequency == 0)
        {
            return 0;
        }

        double logOdds = Math.Log(A) - Math.Log(B + h.Frequency - 1) + (R + h.Frequency) * (Math.Log(Alpha + h.Age) - Math.Log(Alpha + h.Recency));
        return -LogMath.LogSumExp(0, logOdds);
    }

    /// <inheritdoc/>
    /// <remarks>FHL 2005 eq. 10: E[Y(t) | x, t_x, T] = (a + b + x − 1)/(a − 1) · [1 − ((α + T)/(α + T + t))^(r+x) ₂F₁(r + x, b + x; a + b + x − 1; t/(α + T + t))] · P(alive).</remarks>
    public double ConditionalExpectedPurchases(double t, RepeatHistory history)
    {
        Guard.NonNegative(t);
        RepeatHistory.Validate([history], nameof(history));
        if (t == 0)
        {
            return 0;
        }

        double x = history.Frequency;
        double at = Alpha + history.Age;
        double pAlive = Math.Exp(LogProbabilityAlive(history));
        return pAlive * AroundAEqualsOne(A, a =>
            (a + B + x - 1) / (a - 1) * OneMinusScaled2F1((R + x) * Math.Log(at / (at + t)), R + x, B + x, a + B + x - 1, t / (at + t)));
    }

    /// <summary>1 − e^(logPrefactor) ₂F₁(a, b; c; z), accurate when the product is near 1 (expm1) and valid when ₂F₁ is
    /// negative (c = a + b − 1 &lt; 0 for a + b &lt; 1).</summary>
    private static double OneMinusScaled2F1(double logPrefactor, double a, double b, double c, double z)
    {
        var (log, sign) = Hypergeometric.LogGauss2F1Signed(a, b, c, z);
        if (sign > 0)
        {
            return -SpecialFunctions.Expm1(logPrefactor + log);
        }

        return 1.0 - (sign * Math.Exp(logPrefactor + log));
    }

    /// <summary>The formulas divide by a − 1; at a = 1 (a removable singularity) average the two sides.</summary>
    private static double AroundAEqualsOne(double a, Func<double, double> f)
    {
        const double H = 1e-6;
        if (Math.Abs(a - 1) > H)
        {
            return f(a);
        }

        return 0.5 * (f(1 - 2 * H) + f(1 + 2 * H));
    }

    /// <inheritdoc/>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"BG/NBD(r={R:G6}, alpha={Alpha:G6}, a={A:G6}, b={B:G6}; LL={LogLikelihood:F4})");
}
