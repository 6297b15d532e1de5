using System.Globalization;
using LifetimeValue.Internal;
using MathNet.Numerics;

namespace LifetimeValue.Scenarios;

/// <summary>
/// The Cox–Ingersoll–Ross (1985) short-rate model dr = κ(θ − r)dt + σ√r dW: a mean-reverting rate that
/// stays non-negative.
/// </summary>
/// <remarks>
/// <para>Closed forms (Cox, Ingersoll and Ross 1985, "A theory of the term structure of interest rates", Econometrica 53):</para>
/// <list type="bullet">
/// <item><description>E[r(t)] = θ + (r₀ − θ)e^{−κt};</description></item>
/// <item><description>Var[r(t)] = r₀(σ²/κ)(e^{−κt} − e^{−2κt}) + θ(σ²/(2κ))(1 − e^{−κt})²;</description></item>
/// <item><description>P(0, t) = A(t)·e^{−B(t)·r₀} with γ = √(κ² + 2σ²),
/// B = 2(e^{γt} − 1) / ((γ + κ)(e^{γt} − 1) + 2γ) and
/// A = (2γe^{(κ+γ)t/2} / ((γ + κ)(e^{γt} − 1) + 2γ))^{2κθ/σ²}
/// (evaluated with e^{−γt} so that long maturities cannot overflow; σ = 0 gives the deterministic
/// exp(−θt − (r₀ − θ)(1 − e^{−κt})/κ)).</description></item>
/// </list>
/// <para>
/// Scheme: <see cref="RateScheme.Euler"/> with full truncation only (Lord, Koekkoek and van Dijk 2010,
/// "A comparison of biased simulation schemes for stochastic volatility models", Quantitative Finance 10):
/// an auxiliary x̃ evolves as x̃_{t+1} = x̃_t + κ(θ − x̃_t⁺)Δ + σ√(x̃_t⁺)·√Δ·Z_t with x̃_0 = r₀, and the rate of
/// period t is r_t = x̃_t⁺ = max(x̃_t, 0). Flooring or reflecting the state itself instead biases bond prices
/// badly when the Feller condition 2κθ ≥ σ² fails (zero is then reached with positive probability); full
/// truncation has the smallest bias of the Euler fixes. The exact (non-central χ²) transition is not
/// offered: <see cref="RateScheme.Exact"/> is rejected. With σ = 0 no shock is drawn.
/// </para>
/// <para>Parameters: r₀ ≥ 0, κ &gt; 0, θ ≥ 0, σ ≥ 0, all finite.</para>
/// <para>Thread safety: immutable; all members are safe to call concurrently.</para>
/// </remarks>
public sealed record CoxIngersollRoss : ShortRateModel
{
    private readonly double _initialRate;
    private readonly double _kappa;
    private readonly double _theta;
    private readonly double _sigma;
    private readonly RateScheme _scheme;

    /// <summary>Creates a Cox–Ingersoll–Ross model.</summary>
    /// <param name="initialRate">r₀, the annual short rate of the first period; finite and ≥ 0.</param>
    /// <param name="kappa">κ, the speed of mean reversion per year; finite and &gt; 0.</param>
    /// <param name="theta">θ, the long-run mean annual rate; finite and ≥ 0.</param>
    /// <param name="sigma">σ, the volatility coefficient (per √year; the rate's volatility is σ√r); finite and ≥ 0.</param>
    /// <param name="scheme"><see cref="RateScheme.Euler"/> (full truncation), the only supported scheme.</param>
    /// <exception cref="ArgumentOutOfRangeException">A parameter is outside its range, or <paramref name="scheme"/> is not Euler; the message names it.</exception>
    public CoxIngersollRoss(double initialRate, double kappa, double theta, double sigma, RateScheme scheme = RateScheme.Euler)
    {
        InitialRate = initialRate;
        Kappa = kappa;
        Theta = theta;
        Sigma = sigma;
        Scheme = scheme;
    }

    /// <summary>r₀, the annual short rate of the first period; finite and ≥ 0.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Not finite or negative.</exception>
    public double InitialRate { get => _initialRate; init => _initialRate = Guard.NonNegative(value, "initialRate"); }

    /// <summary>κ, the speed of mean reversion per year; finite and &gt; 0.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Not finite or ≤ 0.</exception>
    public double Kappa { get => _kappa; init => _kappa = Guard.Positive(value, "kappa"); }

    /// <summary>θ, the long-run mean annual rate; finite and ≥ 0.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Not finite or negative.</exception>
    public double Theta { get => _theta; init => _theta = Guard.NonNegative(value, "theta"); }

    /// <summary>σ, the volatility coefficient (per √year); finite and ≥ 0.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Not finite or negative.</exception>
    public double Sigma { get => _sigma; init => _sigma = Guard.NonNegative(value, "sigma"); }

    /// <summary><see cref="RateScheme.Euler"/> with full truncation, the only supported scheme.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Any other value, <see cref="RateScheme.Exact"/> included.</exception>
    public override RateScheme Scheme
    {
        get => _scheme;
        init => _scheme = CheckScheme(value, exactSupported: false, "CoxIngersollRoss");
    }

    /// <summary>Whether the Feller condition 2κθ ≥ σ² holds, i.e. whether the continuous-time rate never reaches 0.</summary>
    public bool SatisfiesFellerCondition => 2.0 * _kappa * _theta >= _sigma * _sigma;

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
        double decay = Math.Exp(-_kappa * years);
        double oneMinusDecay = -SpecialFunctions.Expm1(-_kappa * years);
        double s2k = _sigma * _sigma / _kappa;
        return _initialRate * s2k * decay * oneMinusDecay + _theta * s2k / 2.0 * oneMinusDecay * oneMinusDecay;
    }

    /// <inheritdoc/>
    public override double ZeroCouponBondPrice(double maturityYears)
    {
        CheckTime(maturityYears, nameof(maturityYears));
        double t = maturityYears;
        if (_sigma == 0.0)
        {
            double integral = _theta * t - (_initialRate - _theta) * SpecialFunctions.Expm1(-_kappa * t) / _kappa;
            return Math.Exp(-integral);
        }

        // Numerator and denominator of A and B divided by e^{γt}: no overflow for any t.
        double gamma = Math.Sqrt(_kappa * _kappa + 2.0 * _sigma * _sigma);
        double decay = Math.Exp(-gamma * t);
        double oneMinusDecay = -SpecialFunctions.Expm1(-gamma * t);
        double denominator = (gamma + _kappa) * oneMinusDecay + 2.0 * gamma * decay;
        double b = 2.0 * oneMinusDecay / denominator;
        double logA = 2.0 * _kappa * _theta / (_sigma * _sigma)
            * (Math.Log(2.0 * gamma) + (_kappa - gamma) * t / 2.0 - Math.Log(denominator));
        return Math.Exp(logA - b * _initialRate);
    }

    /// <summary>The parameters, culture-invariant and round-trippable, e.g. <c>CoxIngersollRoss { InitialRate = 0.03, Kappa = 0.5, Theta = 0.04, Sigma = 0.1, Scheme = Euler }</c>.</summary>
    /// <returns>A description of the model.</returns>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"CoxIngersollRoss {{ InitialRate = {_initialRate:R}, Kappa = {_kappa:R}, Theta = {_theta:R}, Sigma = {_sigma:R}, Scheme = {_scheme} }}");

    internal override RatePathGenerator CreateGenerator(int periods) => new Generator(this);

    private sealed class Generator(CoxIngersollRoss model) : RatePathGenerator
    {
        private readonly double _r0 = model._initialRate;
        private readonly double _kappa = model._kappa;
        private readonly double _theta = model._theta;
        private readonly double _sigma = model._sigma;
        private readonly double _shockScale = model._sigma * Math.Sqrt(ScenarioSet.PeriodYears);

        public override void Fill(ulong seed, int scenario, Span<double> path)
        {
            const double dt = ScenarioSet.PeriodYears;
            double x = _r0;
            path[0] = x > 0.0 ? x : 0.0;
            if (_sigma == 0.0)
            {
                for (var t = 1; t < path.Length; t++)
                {
                    double xPlus = x > 0.0 ? x : 0.0;
                    x = x + _kappa * (_theta - xPlus) * dt;
                    path[t] = x > 0.0 ? x : 0.0;
                }

                return;
            }

            var shocks = new RateShockStream(seed, scenario);
            for (var t = 1; t < path.Length; t++)
            {
                // Full truncation: drift and diffusion see x̃⁺, the state itself is never floored.
                double xPlus = x > 0.0 ? x : 0.0;
                x = x + _kappa * (_theta - xPlus) * dt + _shockScale * Math.Sqrt(xPlus) * shocks.Next();

                // The rate is x̃⁺; written as a comparison so that a −0.0 state gives +0.0.
                path[t] = x > 0.0 ? x : 0.0;
            }
        }
    }
}
