using System.Globalization;
using LifetimeValue.Internal;
using MathNet.Numerics;

namespace LifetimeValue.Scenarios;

/// <summary>
/// The Vasicek (1977) short-rate model dr = κ(θ − r)dt + σ dW: a Gaussian, mean-reverting rate that can
/// become negative.
/// </summary>
/// <remarks>
/// <para>Closed forms (Vasicek 1977, "An equilibrium characterization of the term structure", JFE 5):</para>
/// <list type="bullet">
/// <item><description>E[r(t)] = θ + (r₀ − θ)e^{−κt};</description></item>
/// <item><description>Var[r(t)] = σ²(1 − e^{−2κt}) / (2κ);</description></item>
/// <item><description>P(0, t) = exp((θ − σ²/(2κ²))(B − t) − σ²B²/(4κ) − B·r₀) with B = (1 − e^{−κt}) / κ.</description></item>
/// </list>
/// <para>Schemes, Δ = 1/12 year, Z_t from <see cref="RateShocks"/>:</para>
/// <list type="bullet">
/// <item><description><see cref="RateScheme.Euler"/> (the W1 benchmark): r_{t+1} = r_t + κ(θ − r_t)Δ + σ√Δ·Z_t,
/// evaluated in IEEE double exactly as <c>r + kappa * (theta - r) * dt + (sigma * Math.Sqrt(dt)) * z</c>; with σ = 0 no
/// shock is drawn or added, so the path is the deterministic recursion bit for bit ("W1-det").</description></item>
/// <item><description><see cref="RateScheme.Exact"/> (default): r_{t+1} = θ + (r_t − θ)e^{−κΔ} + σ√((1 − e^{−2κΔ})/(2κ))·Z_t.</description></item>
/// </list>
/// <para>Parameters: κ &gt; 0 (κ = 0, a random walk, has different closed forms and is not supported); σ ≥ 0.
/// Euler with κΔ &gt; 1 overshoots the mean; prefer <see cref="RateScheme.Exact"/> for fast mean reversion.</para>
/// <para>Thread safety: immutable; all members are safe to call concurrently.</para>
/// </remarks>
public sealed record Vasicek : ShortRateModel
{
    private readonly double _initialRate;
    private readonly double _kappa;
    private readonly double _theta;
    private readonly double _sigma;
    private readonly RateScheme _scheme;

    /// <summary>Creates a Vasicek model.</summary>
    /// <param name="initialRate">r₀, the annual short rate of the first period; any finite number.</param>
    /// <param name="kappa">κ, the speed of mean reversion per year; finite and &gt; 0.</param>
    /// <param name="theta">θ, the long-run mean annual rate; any finite number.</param>
    /// <param name="sigma">σ, the annual volatility of the rate (absolute, per √year); finite and ≥ 0.</param>
    /// <param name="scheme"><see cref="RateScheme.Exact"/> (default) or <see cref="RateScheme.Euler"/>.</param>
    /// <exception cref="ArgumentOutOfRangeException">A parameter is outside its range; the message names it.</exception>
    public Vasicek(double initialRate, double kappa, double theta, double sigma, RateScheme scheme = RateScheme.Exact)
    {
        InitialRate = initialRate;
        Kappa = kappa;
        Theta = theta;
        Sigma = sigma;
        Scheme = scheme;
    }

    /// <summary>r₀, the annual short rate of the first period; any finite number.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Not finite.</exception>
    public double InitialRate { get => _initialRate; init => _initialRate = Guard.Finite(value, "initialRate"); }

    /// <summary>κ, the speed of mean reversion per year; finite and &gt; 0.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Not finite or ≤ 0.</exception>
    public double Kappa { get => _kappa; init => _kappa = Guard.Positive(value, "kappa"); }

    /// <summary>θ, the long-run mean annual rate; any finite number.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Not finite.</exception>
    public double Theta { get => _theta; init => _theta = Guard.Finite(value, "theta"); }

    /// <summary>σ, the annual volatility of the rate (absolute, per √year); finite and ≥ 0.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Not finite or negative.</exception>
    public double Sigma { get => _sigma; init => _sigma = Guard.NonNegative(value, "sigma"); }

    /// <summary><see cref="RateScheme.Euler"/> or <see cref="RateScheme.Exact"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Any other value.</exception>
    public override RateScheme Scheme
    {
        get => _scheme;
        init => _scheme = CheckScheme(value, exactSupported: true, "Vasicek");
    }

    /// <inheritdoc/>
    public override double ExpectedRate(double years)
    {
        CheckTime(years, nameof(years));
        return _theta + (_initialRate - _theta) * Math.Exp(-_kappa * years);
    }

    /// <inheritdoc/>
    public override double RateVariance(double years)
    {
        CheckTime(years, nameof(years));
        return OrnsteinUhlenbeck.Variance(_kappa, _sigma, years);
    }

    /// <inheritdoc/>
    public override double ZeroCouponBondPrice(double maturityYears)
    {
        CheckTime(maturityYears, nameof(maturityYears));
        double t = maturityYears;
        double b = -SpecialFunctions.Expm1(-_kappa * t) / _kappa;
        double s2 = _sigma * _sigma;
        double logPrice = (_theta - s2 / (2.0 * _kappa * _kappa)) * (b - t) - s2 * b * b / (4.0 * _kappa) - b * _initialRate;
        return Math.Exp(logPrice);
    }

    /// <summary>The parameters, culture-invariant and round-trippable, e.g. <c>Vasicek { InitialRate = 0.03, Kappa = 0.15, Theta = 0.035, Sigma = 0.01, Scheme = Euler }</c>.</summary>
    /// <returns>A description of the model.</returns>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"Vasicek {{ InitialRate = {_initialRate:R}, Kappa = {_kappa:R}, Theta = {_theta:R}, Sigma = {_sigma:R}, Scheme = {_scheme} }}");

    internal override RatePathGenerator CreateGenerator(int periods) => new Generator(this);

    private sealed class Generator(Vasicek model) : RatePathGenerator
    {
        private readonly double _r0 = model._initialRate;
        private readonly double _kappa = model._kappa;
        private readonly double _theta = model._theta;
        private readonly double _sigma = model._sigma;
        private readonly bool _exact = model._scheme == RateScheme.Exact;
        private readonly double _decay = Math.Exp(-model._kappa * ScenarioSet.PeriodYears);
        private readonly double _eulerScale = model._sigma * Math.Sqrt(ScenarioSet.PeriodYears);
        private readonly double _exactScale = Math.Sqrt(OrnsteinUhlenbeck.Variance(model._kappa, model._sigma, ScenarioSet.PeriodYears));

        public override void Fill(ulong seed, int scenario, Span<double> path)
        {
            const double dt = ScenarioSet.PeriodYears;
            double r = _r0;
            path[0] = r;
            if (_sigma == 0.0)
            {
                // Deterministic path: no draw is made or added, so not even a signed zero can enter.
                for (var t = 1; t < path.Length; t++)
                {
                    r = _exact ? _theta + (r - _theta) * _decay : r + _kappa * (_theta - r) * dt;
                    path[t] = r;
                }

                return;
            }

            var shocks = new RateShockStream(seed, scenario);
            if (_exact)
            {
                for (var t = 1; t < path.Length; t++)
                {
                    // Exact OU transition: mean θ + (r − θ)e^{−κΔ}, variance σ²(1 − e^{−2κΔ})/(2κ).
                    r = _theta + (r - _theta) * _decay + _exactScale * shocks.Next();
                    path[t] = r;
                }
            }
            else
            {
                for (var t = 1; t < path.Length; t++)
                {
                    // Euler, same operation order as WORKLOAD.md / peer_numpy.py.
                    r = r + _kappa * (_theta - r) * dt + _eulerScale * shocks.Next();
                    path[t] = r;
                }
            }
        }
    }
}
