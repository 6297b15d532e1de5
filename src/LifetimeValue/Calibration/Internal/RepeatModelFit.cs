namespace LifetimeValue.Calibration.Internal;

/// <summary>The fitted parameters of a four-parameter repeat-purchase model, as its constructor takes them.</summary>
internal sealed record RepeatModelFitResult(double[] Parameters, ParameterEstimate[] Estimates, double LogLikelihood, FitDiagnostics Diagnostics);

/// <summary>
/// The maximum-likelihood fit shared by BG/NBD, MBG/NBD and Pareto/NBD: validate and collapse the histories, refuse data
/// without repeat purchases, start from multiples of the observed purchase rate, fit on rescaled time, and report the
/// log-likelihood on the original time unit.
/// </summary>
internal static class RepeatModelFit
{
    /// <summary>A model's log-likelihood Σ ln L_i at four parameters.</summary>
    public delegate double LogLikelihood(double p0, double p1, double p2, double p3, CollapsedHistories data);

    /// <summary>A model's log-likelihood with its gradient ∂LL/∂θ (natural parameters) written to <paramref name="gradient"/>.</summary>
    public delegate double LogLikelihoodGradient(double p0, double p1, double p2, double p3, CollapsedHistories data, Span<double> gradient);

    /// <param name="model">Model name for messages and diagnostics, e.g. "BG/NBD".</param>
    /// <param name="names">The four parameter names.</param>
    /// <param name="histories">The customers.</param>
    /// <param name="starts">Starting points; the second parameter (the Gamma rate α) is given as a multiple of 1/(observed purchase rate).</param>
    /// <param name="perTime">Which parameters are rates per time unit (scaled with the internal time rescaling).</param>
    /// <param name="logLikelihood">The model's log-likelihood.</param>
    /// <param name="gradient">The log-likelihood with its analytic gradient; null for a central-difference gradient.</param>
    /// <param name="options">Limits and cancellation.</param>
    public static RepeatModelFitResult Fit(string model, string[] names, IReadOnlyList<RepeatHistory> histories, double[][] starts, bool[] perTime, LogLikelihood logLikelihood,
        LogLikelihoodGradient? gradient, FitOptions? options)
    {
        options ??= FitOptions.Default;
        RepeatHistory.Validate(histories);
        var data = CollapsedHistories.Create(histories, rescale: true);
        if (data.TotalFrequency == 0)
        {
            throw new ArgumentException($"histories: no customer made a repeat purchase, so the {model} parameters are not identified.", nameof(histories));
        }

        double totalAge = 0;
        for (var i = 0; i < data.Count; i++)
        {
            totalAge += data.T[i] * data.Weight[i];
        }

        double rate = data.TotalFrequency / totalAge;
        double[][] scaledStarts = [.. starts.Select(s => new[] { s[0], s[1] / rate, s[2], s[3] })];
        double[] scale = [.. perTime.Select(p => p ? data.Scale : 1.0)];
        double LogLikelihoodAndGradient(double[] p, double[] g)
        {
            double p0 = Math.Exp(p[0]), p1 = Math.Exp(p[1]), p2 = Math.Exp(p[2]), p3 = Math.Exp(p[3]);
            if (gradient is not null)
            {
                double ll = gradient(p0, p1, p2, p3, data, g);
                g[0] *= p0;
                g[1] *= p1;
                g[2] *= p2;
                g[3] *= p3;
                return ll;
            }

            // Central differences in ln θ (step 1e-5): about 1e-9 relative error on the gradient.
            const double H = 1e-5;
            var q = (double[])p.Clone();
            for (var i = 0; i < 4; i++)
            {
                q[i] = p[i] + H;
                double up = logLikelihood(Math.Exp(q[0]), Math.Exp(q[1]), Math.Exp(q[2]), Math.Exp(q[3]), data);
                q[i] = p[i] - H;
                double down = logLikelihood(Math.Exp(q[0]), Math.Exp(q[1]), Math.Exp(q[2]), Math.Exp(q[3]), data);
                q[i] = p[i];
                g[i] = (up - down) / (2 * H);
            }

            return logLikelihood(p0, p1, p2, p3, data);
        }

        var outcome = MaximumLikelihood.FitGradient(model, names,
            p => logLikelihood(Math.Exp(p[0]), Math.Exp(p[1]), Math.Exp(p[2]), Math.Exp(p[3]), data), LogLikelihoodAndGradient, scaledStarts, scale, data.Scale, data.Count, options);
        var q = outcome.Parameters;
        // Dividing time by c multiplies each customer's likelihood by c^x (x event-time densities), so the LL in the
        // original time unit is the internal one less (Σ x) ln c: no second pass over the customers.
        double ll = outcome.LogLikelihood - (data.TotalFrequency * Math.Log(data.Scale));
        var estimates = new ParameterEstimate[4];
        for (var i = 0; i < 4; i++)
        {
            estimates[i] = new ParameterEstimate(names[i], q[i], outcome.StandardErrors[i]);
        }

        return new RepeatModelFitResult(q, estimates, ll, outcome.Diagnostics);
    }
}
