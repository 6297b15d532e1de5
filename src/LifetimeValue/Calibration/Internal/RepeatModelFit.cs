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

    /// <param name="model">Model name for messages and diagnostics, e.g. "BG/NBD".</param>
    /// <param name="names">The four parameter names.</param>
    /// <param name="histories">The customers.</param>
    /// <param name="starts">Starting points; the second parameter (the Gamma rate α) is given as a multiple of 1/(observed purchase rate).</param>
    /// <param name="perTime">Which parameters are rates per time unit (scaled with the internal time rescaling).</param>
    /// <param name="logLikelihood">The model's log-likelihood.</param>
    public static RepeatModelFitResult Fit(string model, string[] names, IReadOnlyList<RepeatHistory> histories, double[][] starts, bool[] perTime, LogLikelihood logLikelihood)
    {
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
        var outcome = MaximumLikelihood.Fit(model, names, p => logLikelihood(Math.Exp(p[0]), Math.Exp(p[1]), Math.Exp(p[2]), Math.Exp(p[3]), data),
            scaledStarts, scale, data.Scale, data.Count);
        var q = outcome.Parameters;
        double ll = logLikelihood(q[0], q[1], q[2], q[3], CollapsedHistories.Create(histories, rescale: false));
        var estimates = new ParameterEstimate[4];
        for (var i = 0; i < 4; i++)
        {
            estimates[i] = new ParameterEstimate(names[i], q[i], outcome.StandardErrors[i]);
        }

        return new RepeatModelFitResult(q, estimates, ll, outcome.Diagnostics);
    }
}
