using System.Globalization;
using MathNet.Numerics;
using LifetimeValue.Calibration.Internal;
using LifetimeValue.Internal;

namespace LifetimeValue.Calibration;

/// <summary>
/// The Gamma-Gamma model of spend per transaction (Fader, Hardie and Lee 2005, "RFM and CLV", J. Marketing Research
/// 42(4); Fader and Hardie 2013, "The Gamma-Gamma model of monetary value", brucehardie.com note 025): transaction
/// values are Gamma(p, ν) with ν ~ Gamma(q, γ) across customers, independent of the purchase process.
/// </summary>
/// <remarks>
/// <para>Likelihood of a customer with x repeat purchases of mean z̄ (note 025 eq. 3):
/// f(z̄ | x) = Γ(px + q)/(Γ(px)Γ(q)) · γ^q z̄^(px−1) x^(px) / (γ + x z̄)^(px+q), in log space.</para>
/// <para>Customers with x = 0 carry no spend information and are skipped; a customer with x &gt; 0 and z̄ ≤ 0 cannot be
/// modelled (Gamma spend is positive) and makes <see cref="Fit(IReadOnlyList{SpendHistory})"/> throw. Spend is divided by its mean internally, so γ
/// comes out in currency units whatever their size.</para>
/// <para>Thread safety: immutable; all members are safe to call concurrently.</para>
/// </remarks>
public sealed class GammaGammaModel
{
    private static readonly string[] Names = ["p", "q", "gamma"];

    private GammaGammaModel(double p, double q, double gamma, IReadOnlyList<ParameterEstimate> estimates, double logLikelihood, int customers, FitDiagnostics? diagnostics)
    {
        P = p;
        Q = q;
        Gamma = gamma;
        Estimates = ReadOnly.Of(estimates);
        LogLikelihood = logLikelihood;
        Customers = customers;
        Diagnostics = diagnostics;
    }

    /// <summary>Shape p &gt; 0 of the per-transaction Gamma spend.</summary>
    public double P { get; }

    /// <summary>Shape q &gt; 0 of the Gamma distribution of ν across customers.</summary>
    public double Q { get; }

    /// <summary>Scale γ &gt; 0 of the Gamma distribution of ν, in currency units.</summary>
    public double Gamma { get; }

    /// <summary>The estimates (p, q, gamma) with standard errors; NaN errors for a model built from parameters.</summary>
    public IReadOnlyList<ParameterEstimate> Estimates { get; }

    /// <summary>The maximised log-likelihood (density of z̄ in the caller's currency units).</summary>
    public double LogLikelihood { get; }

    /// <summary>Number of customers with x &gt; 0 the model was fitted on.</summary>
    public int Customers { get; }

    /// <summary>The optimiser report; null for a model built from parameters.</summary>
    public FitDiagnostics? Diagnostics { get; }

    /// <summary>The population mean spend per transaction E[Z] = pγ/(q − 1).</summary>
    /// <exception cref="InvalidOperationException">q ≤ 1: the mean is infinite.</exception>
    public double PopulationMeanSpend => Q > 1
        ? P * Gamma / (Q - 1)
        : throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture, $"The Gamma-Gamma mean spend pγ/(q − 1) is infinite for q ≤ 1 (q = {Q:G6})."));

    /// <summary>A model with given parameters (no fit).</summary>
    /// <param name="p">Shape, &gt; 0.</param>
    /// <param name="q">Shape, &gt; 0.</param>
    /// <param name="gamma">Scale in currency units, &gt; 0.</param>
    /// <returns>The model, with NaN log-likelihood and standard errors.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A parameter is not a finite positive number.</exception>
    public static GammaGammaModel FromParameters(double p, double q, double gamma)
    {
        Guard.Positive(p);
        Guard.Positive(q);
        Guard.Positive(gamma);
        return new GammaGammaModel(p, q, gamma, [new("p", p, double.NaN), new("q", q, double.NaN), new("gamma", gamma, double.NaN)], double.NaN, 0, null);
    }

    /// <summary>Maximum-likelihood fit on the customers with at least one repeat purchase.</summary>
    /// <param name="customers">(x, z̄) per customer; those with x = 0 are skipped.</param>
    /// <returns>The fitted model.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="customers"/> is null.</exception>
    /// <exception cref="ArgumentException">Fewer than 3 customers have x &gt; 0, a frequency is negative, or a customer with
    /// x &gt; 0 has a mean spend that is not a finite positive number (the message gives the count and the first index).</exception>
    /// <exception cref="ModelFitException">The optimum could not be verified.</exception>
    public static GammaGammaModel Fit(IReadOnlyList<SpendHistory> customers) => Fit(customers, FitOptions.Default);

    /// <summary>Maximum-likelihood fit with limits and cancellation.</summary>
    /// <param name="customers">(x, z̄) per customer; customers with x = 0 are skipped.</param>
    /// <param name="options">Iteration cap, time limit and cancellation token.</param>
    /// <returns>The fitted model with standard errors, covariance and diagnostics.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">As for <see cref="Fit(IReadOnlyList{SpendHistory})"/>.</exception>
    /// <exception cref="ModelFitException">The optimum could not be verified, or a limit of <paramref name="options"/> was reached first.</exception>
    /// <exception cref="OperationCanceledException">The token was cancelled.</exception>
    public static GammaGammaModel Fit(IReadOnlyList<SpendHistory> customers, FitOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var data = Collapse(customers, out var scale, out var used);
        double[][] starts = [[1.0, 1.0, 1.0], [5.0, 3.0, 3.0], [0.5, 2.0, 0.5]];
        double WithGradient(double[] x, double[] g)
        {
            double p = Math.Exp(x[0]), q = Math.Exp(x[1]), gamma = Math.Exp(x[2]);
            double ll = Sum(p, q, gamma, data, 1.0, g);
            g[0] *= p;
            g[1] *= q;
            g[2] *= gamma;
            return ll;
        }

        var outcome = MaximumLikelihood.FitGradient("Gamma-Gamma", Names, x => Sum(Math.Exp(x[0]), Math.Exp(x[1]), Math.Exp(x[2]), data, 1.0, Span<double>.Empty),
            WithGradient, starts, [1.0, 1.0, scale], 1.0, data.Count, options);
        var v = outcome.Parameters;

        // Spend was divided by `scale`: the density of z̄ in currency units is the internal one divided by scale.
        double ll = outcome.LogLikelihood - (used * Math.Log(scale));
        var estimates = new ParameterEstimate[3];
        for (var i = 0; i < 3; i++)
        {
            estimates[i] = new ParameterEstimate(Names[i], v[i], outcome.StandardErrors[i]);
        }

        return new GammaGammaModel(v[0], v[1], v[2], estimates, ll, used, outcome.Diagnostics);
    }

    /// <summary>The Gamma-Gamma log-likelihood at given parameters (customers with x = 0 skipped).</summary>
    /// <param name="p">Shape, &gt; 0.</param>
    /// <param name="q">Shape, &gt; 0.</param>
    /// <param name="gamma">Scale in currency units, &gt; 0.</param>
    /// <param name="customers">(x, z̄) per customer.</param>
    /// <returns>Σ ln f(z̄_i | x_i) over customers with x &gt; 0.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A parameter is not a finite positive number.</exception>
    /// <exception cref="ArgumentException">As for <see cref="Fit(IReadOnlyList{SpendHistory})"/>.</exception>
    public static double LogLikelihoodOf(double p, double q, double gamma, IReadOnlyList<SpendHistory> customers)
    {
        Guard.Positive(p);
        Guard.Positive(q);
        Guard.Positive(gamma);
        var data = Collapse(customers, out var scale, out _);
        return Sum(p, q, gamma / scale, data, scale, Span<double>.Empty);
    }

    /// <summary>The log-likelihood with its analytic gradient ∂/∂(p, q, γ) written to <paramref name="gradient"/> (for tests).</summary>
    internal static double LogLikelihoodGradient(double p, double q, double gamma, IReadOnlyList<SpendHistory> customers, Span<double> gradient)
    {
        var data = Collapse(customers, out var scale, out _);
        double ll = Sum(p, q, gamma / scale, data, scale, gradient);
        gradient[2] /= scale;
        return ll;
    }

    /// <summary>E[mean spend | x, z̄]: the posterior mean of the customer's spend per transaction (note 025 eq. 5).</summary>
    /// <param name="customer">(x, z̄); x = 0 gives the population mean.</param>
    /// <returns>(q − 1)/(px + q − 1) · pγ/(q − 1) + px/(px + q − 1) · z̄, a weighted average of population and customer means.</returns>
    /// <exception cref="ArgumentOutOfRangeException">x &lt; 0, or z̄ is not finite (or ≤ 0 with x &gt; 0).</exception>
    /// <exception cref="InvalidOperationException">q ≤ 1 (infinite population mean).</exception>
    public double ConditionalExpectedSpend(SpendHistory customer)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(customer.Frequency);
        if (customer.Frequency == 0)
        {
            return PopulationMeanSpend;
        }

        Guard.Positive(customer.MeanSpend);
        _ = PopulationMeanSpend;
        double px = P * customer.Frequency;
        return (P * Gamma + px * customer.MeanSpend) / (px + Q - 1);
    }

    /// <summary>Distinct (x, z̄) with counts; <see cref="XIndex"/> points into <see cref="DistinctX"/> (x-only terms once per value).</summary>
    private sealed record Data(double[] X, double[] Z, double[] Weight, double[] DistinctX, int[] XIndex)
    {
        public int Count => X.Length;
    }

    private static Data Collapse(IReadOnlyList<SpendHistory> customers, out double scale, out int used)
    {
        ArgumentNullException.ThrowIfNull(customers);
        var index = new Dictionary<SpendHistory, int>();
        var keys = new List<SpendHistory>();
        var counts = new List<double>();
        int bad = 0, firstBad = -1;
        double sum = 0;
        used = 0;
        for (var i = 0; i < customers.Count; i++)
        {
            var c = customers[i];
            if (c.Frequency < 0)
            {
                throw new ArgumentException(FormattableString.Invariant($"customers[{i}].Frequency must be ≥ 0 (was {c.Frequency})."), nameof(customers));
            }

            if (c.Frequency == 0)
            {
                continue;
            }

            if (!(double.IsFinite(c.MeanSpend) && c.MeanSpend > 0))
            {
                bad++;
                firstBad = firstBad < 0 ? i : firstBad;
                continue;
            }

            used++;
            sum += c.MeanSpend;
            if (index.TryGetValue(c, out var k))
            {
                counts[k]++;
            }
            else
            {
                index[c] = keys.Count;
                keys.Add(c);
                counts.Add(1);
            }
        }

        if (bad > 0)
        {
            throw new ArgumentException(FormattableString.Invariant(
                $"customers: {bad} customer(s) with repeat purchases have a mean spend that is not a finite positive number (first: index {firstBad}, value {customers[firstBad].MeanSpend:R}); the Gamma-Gamma model needs positive spend. Remove or correct them (zero-value and refund transactions belong in the margin, not the spend model)."),
                nameof(customers));
        }

        if (used < 3)
        {
            throw new ArgumentException(FormattableString.Invariant($"customers: only {used} customer(s) have repeat purchases; the 3 Gamma-Gamma parameters are not identified."), nameof(customers));
        }

        scale = sum / used;
        var x = new double[keys.Count];
        var z = new double[keys.Count];
        var xIndex = new int[keys.Count];
        var distinct = new Dictionary<int, int>();
        var distinctX = new List<double>();
        for (var i = 0; i < keys.Count; i++)
        {
            x[i] = keys[i].Frequency;
            z[i] = keys[i].MeanSpend / scale;
            if (!distinct.TryGetValue(keys[i].Frequency, out var k))
            {
                k = distinctX.Count;
                distinct[keys[i].Frequency] = k;
                distinctX.Add(keys[i].Frequency);
            }

            xIndex[i] = k;
        }

        return new Data(x, z, [.. counts], [.. distinctX], xIndex);
    }

    /// <summary>Σ ln f with spend in units of <paramref name="scale"/> (the density is converted back: −ln scale per customer),
    /// and when <paramref name="gradient"/> has 3 elements ∂/∂(p, q, γ):
    /// ∂/∂p = x(ψ(px + q) − ψ(px) + ln z̄ + ln x − ln(γ + x z̄)), ∂/∂q = ψ(px + q) − ψ(q) + ln γ − ln(γ + x z̄),
    /// ∂/∂γ = q/γ − (px + q)/(γ + x z̄).</summary>
    private static double Sum(double p, double q, double gamma, Data d, double scale, Span<double> gradient)
    {
        bool withGradient = gradient.Length == 3;
        double lnGamma = Math.Log(gamma);
        double constant = (q * lnGamma) - SpecialFunctions.GammaLn(q);
        double lnScale = Math.Log(scale);
        var xs = d.DistinctX;
        var lnRatio = new double[xs.Length];
        var lnX = new double[xs.Length];
        var psiPxq = new double[xs.Length];
        var psiPx = new double[xs.Length];
        for (var k = 0; k < xs.Length; k++)
        {
            double px = p * xs[k];
            lnRatio[k] = SpecialFunctions.GammaLn(px + q) - SpecialFunctions.GammaLn(px);
            lnX[k] = Math.Log(xs[k]);
            if (withGradient)
            {
                psiPxq[k] = SpecialFunctions.DiGamma(px + q);
                psiPx[k] = SpecialFunctions.DiGamma(px);
            }
        }

        double total = 0, gp = 0, gq = 0, gg = 0, weight = 0;
        for (var i = 0; i < d.Count; i++)
        {
            int k = d.XIndex[i];
            double x = d.X[i], z = d.Z[i], px = p * x, w = d.Weight[i];
            double lnZ = Math.Log(z), denominator = gamma + (x * z), lnDenominator = Math.Log(denominator);
            double ll = lnRatio[k] + constant + ((px - 1) * lnZ) + (px * lnX[k]) - ((px + q) * lnDenominator) - lnScale;
            total += w * ll;
            if (withGradient)
            {
                weight += w;
                gp += w * x * (psiPxq[k] - psiPx[k] + lnZ + lnX[k] - lnDenominator);
                gq += w * (psiPxq[k] + lnGamma - lnDenominator);
                gg += w * (px + q) / denominator;
            }
        }

        if (withGradient)
        {
            gradient[0] = gp;
            gradient[1] = gq - (weight * SpecialFunctions.DiGamma(q));
            gradient[2] = (weight * q / gamma) - gg;
        }

        return total;
    }

    /// <inheritdoc/>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"Gamma-Gamma(p={P:G6}, q={Q:G6}, gamma={Gamma:G6}; LL={LogLikelihood:F4})");
}
