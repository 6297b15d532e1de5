using System.Globalization;
using LifetimeValue.Internal;
using MathNet.Numerics;

namespace LifetimeValue.Scenarios;

/// <summary>
/// The one-factor Hull–White (1990) model dr = (θ(t) − a·r)dt + σ dW, with θ(t) fitted so that the model
/// reproduces an initial discount curve (a <see cref="ZeroCurve"/>, flat or given).
/// </summary>
/// <remarks>
/// <para>
/// Decomposition (Brigo and Mercurio, "Interest Rate Models", §3.3): r(t) = x(t) + α(t) with the centred
/// Ornstein–Uhlenbeck factor dx = −a·x dt + σ dW, x(0) = 0, and a deterministic shift α. In continuous time
/// α(t) = f(0, t) + σ²(1 − e^{−at})²/(2a²), equivalently θ(t) = ∂f(0, t)/∂t + a·f(0, t) + σ²(1 − e^{−2at})/(2a)
/// (Hull and White 1990, "Pricing interest-rate-derivative securities", RFS 3).
/// </para>
/// <para>Closed forms: E[r(t)] = α(t); Var[r(t)] = σ²(1 − e^{−2at})/(2a); P(0, t) = the curve's
/// <see cref="ZeroCurve.DiscountFactor"/>.</para>
/// <para>
/// Fitting on the grid (as in Hull and White's 1994 trees): the shift of period k, α_k, is chosen so that the
/// discount factor the engine uses, D_k = exp(−Δ·Σ_{j&lt;k} r_j), has E[D_k] = P(0, kΔ) exactly for every k:
/// α_k = (ln P(0, kΔ) − ln P(0, (k+1)Δ))/Δ + (V_{k+1} − V_k)/(2Δ), where V_k = Var(Δ·Σ_{j&lt;k} x_j) is computed
/// from the scheme's own transition of x. So the fitted model reproduces the initial curve with no
/// discretisation bias whatever the scheme, and r_0 = α_0 = R(Δ), the one-month zero rate
/// (<see cref="InitialRate"/>). Consequently E[r_k] = α_k is the average of f(0, t) over period k, [kΔ, (k+1)Δ], plus the
/// convexity term σ²(1 − e^{−a·kΔ})²/(2a²) at kΔ (to O(Δ²) with Exact; Euler adds its O(aΔ) relative variance bias),
/// rather than α(kΔ) itself: the two differ by about f′(kΔ)·Δ/2.
/// </para>
/// <para>Schemes for x (Δ = 1/12 year, Z_k from <see cref="RateShocks"/>): <see cref="RateScheme.Exact"/> (default)
/// x_{k+1} = x_k·e^{−aΔ} + σ√((1 − e^{−2aΔ})/(2a))·Z_k; <see cref="RateScheme.Euler"/> x_{k+1} = x_k − a·x_k·Δ + σ√Δ·Z_k
/// (the Euler step of r with the grid-fitted θ_k). With σ = 0 no shock is drawn and r_k is the discrete forward rate.</para>
/// <para>Parameters: a &gt; 0 (a = 0, Ho–Lee, has different closed forms and is not supported), σ ≥ 0, both finite.</para>
/// <para>Thread safety: immutable; all members are safe to call concurrently.</para>
/// </remarks>
public sealed record HullWhite : ShortRateModel
{
    private readonly double _meanReversion;
    private readonly double _sigma;
    private readonly ZeroCurve _initialCurve = ZeroCurve.Flat(0.0);
    private readonly RateScheme _scheme;

    /// <summary>Creates a Hull–White model fitted to <paramref name="initialCurve"/>.</summary>
    /// <param name="meanReversion">a, the speed of mean reversion per year; finite and &gt; 0.</param>
    /// <param name="sigma">σ, the annual volatility of the rate (absolute, per √year); finite and ≥ 0.</param>
    /// <param name="initialCurve">The initial zero curve the model reproduces.</param>
    /// <param name="scheme"><see cref="RateScheme.Exact"/> (default) or <see cref="RateScheme.Euler"/>.</param>
    /// <exception cref="ArgumentNullException"><paramref name="initialCurve"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A parameter is outside its range; the message names it.</exception>
    public HullWhite(double meanReversion, double sigma, ZeroCurve initialCurve, RateScheme scheme = RateScheme.Exact)
    {
        MeanReversion = meanReversion;
        Sigma = sigma;
        InitialCurve = initialCurve;
        Scheme = scheme;
    }

    /// <summary>a, the speed of mean reversion per year; finite and &gt; 0.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Not finite or ≤ 0.</exception>
    public double MeanReversion { get => _meanReversion; init => _meanReversion = Guard.Positive(value, "meanReversion"); }

    /// <summary>σ, the annual volatility of the rate (absolute, per √year); finite and ≥ 0.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Not finite or negative.</exception>
    public double Sigma { get => _sigma; init => _sigma = Guard.NonNegative(value, "sigma"); }

    /// <summary>The initial zero curve the model is fitted to.</summary>
    /// <exception cref="ArgumentNullException">Set to null.</exception>
    public ZeroCurve InitialCurve
    {
        get => _initialCurve;
        init
        {
            ArgumentNullException.ThrowIfNull(value, "initialCurve");
            _initialCurve = value;
        }
    }

    /// <summary><see cref="RateScheme.Euler"/> or <see cref="RateScheme.Exact"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Any other value.</exception>
    public override RateScheme Scheme
    {
        get => _scheme;
        init => _scheme = CheckScheme(value, exactSupported: true, "HullWhite");
    }

    /// <summary>r_0 = R(Δ), the one-month zero rate of the initial curve: the rate of the first period of every path.</summary>
    public double InitialRate => _initialCurve.ZeroRate(ScenarioSet.PeriodYears);

    /// <inheritdoc/>
    /// <remarks>α(t) = f(0, t) + σ²(1 − e^{−at})²/(2a²), f being the curve's instantaneous forward.</remarks>
    public override double ExpectedRate(double years)
    {
        CheckTime(years, nameof(years));
        double oneMinusDecay = SpecialFunctions.Expm1(-_meanReversion * years);
        return _initialCurve.InstantaneousForward(years)
            + _sigma * _sigma * oneMinusDecay * oneMinusDecay / (2.0 * _meanReversion * _meanReversion);
    }

    /// <inheritdoc/>
    public override double RateVariance(double years)
    {
        CheckTime(years, nameof(years));
        return OrnsteinUhlenbeck.Variance(_meanReversion, _sigma, years);
    }

    /// <inheritdoc/>
    /// <remarks>The fitted model reproduces the initial curve: P(0, t) = e^{−R(t)·t}.</remarks>
    public override double ZeroCouponBondPrice(double maturityYears)
    {
        CheckTime(maturityYears, nameof(maturityYears));
        return _initialCurve.DiscountFactor(maturityYears);
    }

    /// <summary>The parameters, culture-invariant and round-trippable, e.g. <c>HullWhite { MeanReversion = 0.1, Sigma = 0.01, InitialCurve = ZeroCurve { 1: 0.03 }, Scheme = Exact }</c>.</summary>
    /// <returns>A description of the model.</returns>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"HullWhite {{ MeanReversion = {_meanReversion:R}, Sigma = {_sigma:R}, InitialCurve = {_initialCurve}, Scheme = {_scheme} }}");

    /// <summary>The grid-fitted shift α_0 … α_{T−1} (see the remarks of the type).</summary>
    internal double[] FittedShift(int periods)
    {
        const double dt = ScenarioSet.PeriodYears;
        var (decay, scale) = Transition();
        var shift = new double[periods];
        double varianceX = 0.0, covarianceSX = 0.0;   // Var x_k and Cov(S_k, x_k), S_k = Σ_{j<k} x_j
        double logPrice = 0.0;                                            // ln P(0, 0)
        for (var k = 0; k < periods; k++)
        {
            // V_{k+1} − V_k = Δ²(Var S_{k+1} − Var S_k) = Δ²(2 Cov(S_k, x_k) + Var x_k).
            double varianceIncrement = dt * dt * (2.0 * covarianceSX + varianceX);
            double t1 = (k + 1) * dt;
            double nextLogPrice = -_initialCurve.ZeroRate(t1) * t1;
            shift[k] = (logPrice - nextLogPrice) / dt + varianceIncrement / (2.0 * dt);

            covarianceSX = decay * (covarianceSX + varianceX);
            varianceX = decay * decay * varianceX + scale * scale;
            logPrice = nextLogPrice;
        }

        return shift;
    }

    internal override RatePathGenerator CreateGenerator(int periods) => new Generator(this, periods);

    /// <summary>x_{k+1} = decay·x_k + scale·Z_k for the chosen scheme.</summary>
    private (double Decay, double Scale) Transition() => _scheme == RateScheme.Exact
        ? (Math.Exp(-_meanReversion * ScenarioSet.PeriodYears),
            Math.Sqrt(OrnsteinUhlenbeck.Variance(_meanReversion, _sigma, ScenarioSet.PeriodYears)))
        : (1.0 - _meanReversion * ScenarioSet.PeriodYears, _sigma * Math.Sqrt(ScenarioSet.PeriodYears));

    private sealed class Generator : RatePathGenerator
    {
        private readonly double[] _shift;
        private readonly double _meanReversion;
        private readonly double _sigma;
        private readonly bool _exact;
        private readonly double _decay;
        private readonly double _scale;

        public Generator(HullWhite model, int periods)
        {
            _shift = model.FittedShift(periods);
            _meanReversion = model._meanReversion;
            _sigma = model._sigma;
            _exact = model._scheme == RateScheme.Exact;
            (_decay, _scale) = model.Transition();
        }

        public override void Fill(ulong seed, int scenario, Span<double> path)
        {
            const double dt = ScenarioSet.PeriodYears;
            path[0] = _shift[0];
            if (_sigma == 0.0)
            {
                _shift.AsSpan(0, path.Length).CopyTo(path);
                return;
            }

            var shocks = new RateShockStream(seed, scenario);
            double x = 0.0;
            for (var t = 1; t < path.Length; t++)
            {
                x = _exact
                    ? x * _decay + _scale * shocks.Next()
                    : x - _meanReversion * x * dt + _scale * shocks.Next();
                path[t] = x + _shift[t];
            }
        }
    }
}
