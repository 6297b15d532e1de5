using System.Globalization;
using MathNet.Numerics;
using LifetimeValue.Calibration.Internal;
using LifetimeValue.Internal;

namespace LifetimeValue.Calibration;

/// <summary>
/// The MBG/NBD model (Batislam, Denizel and Filiztekin 2007, "Empirical validation and comparison of models for customer
/// base analysis", Int. J. Research in Marketing 24(3), 201–209): BG/NBD in which a customer may also drop out right
/// after the first purchase, so customers without repeat purchases are not automatically alive.
/// </summary>
/// <remarks>
/// <para>Likelihood, in log space: L = Γ(r + x) αʳ/Γ(r) · [B(a, b + x + 1)/B(a, b) (α + T)^(−(r+x)) + B(a + 1, b + x)/B(a, b) (α + t_x)^(−(r+x))]
/// for every x ≥ 0; P(alive) = 1/(1 + a/(b + x) ((α + T)/(α + t_x))^(r+x)).</para>
/// <para>Expectations, derived by mixing the BG/NBD ones over the posterior: given (λ, p), E[X(t)] = (1 − p)/p (1 − e^(−λpt)), so
/// E[X(t)] = b/(a − 1) · [1 − (α/(α + t))ʳ ₂F₁(r, b + 1; a + b; t/(α + t))] and
/// E[Y(t) | x, t_x, T] = (a + b + x)/(a − 1) · [1 − ((α + T)/(α + T + t))^(r+x) ₂F₁(r + x, b + x + 1; a + b + x; t/(α + T + t))] · P(alive)
/// (checked against simulation in the tests).</para>
/// <para>Thread safety: immutable; all members are safe to call concurrently.</para>
/// </remarks>
public sealed class ModifiedBgNbdModel : IRepeatPurchaseModel
{
    private static readonly string[] Names = ["r", "alpha", "a", "b"];

    private ModifiedBgNbdModel(double r, double alpha, double a, double b, IReadOnlyList<ParameterEstimate> estimates, double logLikelihood, int customers, FitDiagnostics? diagnostics)
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
    public static ModifiedBgNbdModel FromParameters(double r, double alpha, double a, double b)
    {
        Guard.Positive(r);
        Guard.Positive(alpha);
        Guard.Positive(a);
        Guard.Positive(b);
        return new ModifiedBgNbdModel(r, alpha, a, b,
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
    public static ModifiedBgNbdModel Fit(IReadOnlyList<RepeatHistory> histories) => Fit(histories, FitOptions.Default);

    /// <summary>Maximum-likelihood fit with limits and cancellation.</summary>
    /// <param name="histories">One (x, t_x, T) per customer, all in the same time unit.</param>
    /// <param name="options">Iteration cap, time limit and cancellation token.</param>
    /// <returns>The fitted model with standard errors, covariance and diagnostics.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">As for <see cref="Fit(IReadOnlyList{RepeatHistory})"/>.</exception>
    /// <exception cref="ModelFitException">The optimum could not be verified, or a limit of <paramref name="options"/> was reached first.</exception>
    /// <exception cref="OperationCanceledException">The token was cancelled.</exception>
    public static ModifiedBgNbdModel Fit(IReadOnlyList<RepeatHistory> histories, FitOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);

        // Starting points: α as a multiple of 1/(observed purchase rate).
        var fit = RepeatModelFit.Fit("MBG/NBD", Names, histories, [[1.0, 1.0, 1.0, 3.0], [0.3, 0.3, 0.5, 1.0], [3.0, 3.0, 2.0, 8.0]], [false, true, false, false], Sum,
            (r, alpha, a, b, d, g) => BgFamilyLikelihood.Sum(r, alpha, a, b, d, modified: true, g), options);
        var q = fit.Parameters;
        return new ModifiedBgNbdModel(q[0], q[1], q[2], q[3], fit.Estimates, fit.LogLikelihood, histories.Count, fit.Diagnostics);
    }

    /// <summary>The MBG/NBD log-likelihood of <paramref name="histories"/> at given parameters.</summary>
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
        BgFamilyLikelihood.Sum(r, alpha, a, b, d, modified: true, Span<double>.Empty);

    /// <inheritdoc/>
    /// <remarks>E[X(t)] = b/(a − 1) · [1 − (α/(α + t))ʳ ₂F₁(r, b + 1; a + b; t/(α + t))].</remarks>
    public double ExpectedPurchases(double t)
    {
        Guard.NonNegative(t);
        if (t == 0)
        {
            return 0;
        }

        return AroundAEqualsOne(A, a =>
            B / (a - 1) * OneMinusScaled2F1(R * Math.Log(Alpha / (Alpha + t)), R, B + 1, a + B, t / (Alpha + t)));
    }

    /// <inheritdoc/>
    /// <remarks>P(alive) = 1 / (1 + a/(b + x) ((α + T)/(α + t_x))^(r+x)), as a logistic of a log-odds.</remarks>
    public double ProbabilityAlive(RepeatHistory history)
    {
        RepeatHistory.Validate([history], nameof(history));
        return Math.Exp(LogProbabilityAlive(history));
    }

    private double LogProbabilityAlive(RepeatHistory h)
    {
        double logOdds = Math.Log(A) - Math.Log(B + h.Frequency) + (R + h.Frequency) * (Math.Log(Alpha + h.Age) - Math.Log(Alpha + h.Recency));
        return -LogMath.LogSumExp(0, logOdds);
    }

    /// <inheritdoc/>
    /// <remarks>E[Y(t) | x, t_x, T] = (a + b + x)/(a − 1) · [1 − ((α + T)/(α + T + t))^(r+x) ₂F₁(r + x, b + x + 1; a + b + x; t/(α + T + t))] · P(alive).</remarks>
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
            (a + B + x) / (a - 1) * OneMinusScaled2F1((R + x) * Math.Log(at / (at + t)), R + x, B + x + 1, a + B + x, t / (at + t)));
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
        $"MBG/NBD(r={R:G6}, alpha={Alpha:G6}, a={A:G6}, b={B:G6}; LL={LogLikelihood:F4})");
}
