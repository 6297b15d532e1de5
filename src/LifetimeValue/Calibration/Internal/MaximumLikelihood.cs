using System.Diagnostics;
using System.Globalization;
using MathNet.Numerics.Differentiation;
using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.Optimization;

namespace LifetimeValue.Calibration.Internal;

/// <summary>The outcome of <see cref="MaximumLikelihood.Fit"/> (log-parameters, natural parameters, SEs, report).</summary>
internal sealed record MleOutcome(double[] LogParameters, double[] Parameters, double[] StandardErrors, double LogLikelihood, FitDiagnostics Diagnostics);

/// <summary>
/// Maximum likelihood on log-parameters with MathNet's optimisers: Nelder–Mead from several starts,
/// a warm restart from the best, a BFGS polish on a numerical gradient, a few Newton steps on the numerical
/// Hessian, then first- and second-order checks. Throws <see cref="ModelFitException"/> rather than returning an unverified optimum.
/// </summary>
internal static class MaximumLikelihood
{
    private const double Huge = 1e300;
    private const double NewtonDecrementTolerance = 1e-6;
    private const long BfgsEvaluationBudget = 1500;

    /// <summary>Fits the model.</summary>
    /// <param name="model">Model name for messages.</param>
    /// <param name="names">Parameter names.</param>
    /// <param name="logLikelihood">Log-likelihood as a function of log-parameters (internal, time-rescaled units).</param>
    /// <param name="starts">Starting points in natural (internal) units.</param>
    /// <param name="parameterScale">Multiplier from internal to reported units for each parameter (time rescaling).</param>
    /// <param name="timeScale">For the report.</param>
    /// <param name="distinctInputs">For the report.</param>
    /// <param name="gradientTolerance">Max-norm tolerance on the gradient in log-parameters.</param>
    /// <param name="options">Limits and cancellation (default: none).</param>
    public static MleOutcome Fit(
        string model,
        IReadOnlyList<string> names,
        Func<double[], double> logLikelihood,
        IReadOnlyList<double[]> starts,
        double[] parameterScale,
        double timeScale,
        int distinctInputs,
        double gradientTolerance = 1e-3,
        FitOptions? options = null)
    {
        options ??= FitOptions.Default;
        var clock = Stopwatch.StartNew();
        long evaluations = 0;
        double Objective(double[] p)
        {
            evaluations++;
            CheckLimits(model, options, clock);
            double ll;
            try
            {
                ll = logLikelihood(p);
            }
            catch (ArithmeticException)
            {
                // A special function that cannot be evaluated at an extreme trial point: treat as infeasible.
                return Huge;
            }

            return double.IsFinite(ll) ? -ll : Huge;
        }

        var objective = ObjectiveFunction.Value(v => Objective(v.AsArray() ?? v.ToArray()));
        int iterations = 0;
        var finals = new List<double>();
        Vector<double>? best = null;
        double bestValue = double.PositiveInfinity;
        string? lastError = null;

        foreach (var start in starts)
        {
            var x0 = Vector<double>.Build.Dense(start.Length, i => Math.Log(start[i]));
            if (Objective(x0.ToArray()) >= Huge)
            {
                continue;
            }

            try
            {
                var r = NelderMeadSimplex.Minimum(objective, x0, Vector<double>.Build.Dense(start.Length, 0.5), 1e-4, 4000);
                iterations += r.Iterations;
                double value = Objective(r.MinimizingPoint.ToArray());
                finals.Add(value);
                if (value < bestValue)
                {
                    bestValue = value;
                    best = r.MinimizingPoint;
                }
            }
            catch (Exception e) when (e is OptimizationException or ArithmeticException)
            {
                lastError = e.Message;
            }
        }

        if (best is null)
        {
            throw new ModelFitException(string.Create(CultureInfo.InvariantCulture,
                $"{model}: the log-likelihood is not finite at any of the {starts.Count} starting points, or Nelder–Mead failed from all of them ({lastError ?? "no detail"})."));
        }

        // Warm restart: a fresh simplex around the best point escapes a collapsed simplex.
        try
        {
            var r = NelderMeadSimplex.Minimum(objective, best, Vector<double>.Build.Dense(best.Count, 0.1), 1e-9, 4000);
            iterations += r.Iterations;
            double value = Objective(r.MinimizingPoint.ToArray());
            if (value <= bestValue)
            {
                bestValue = value;
                best = r.MinimizingPoint;
            }
        }
        catch (Exception e) when (e is OptimizationException or ArithmeticException)
        {
            lastError = e.Message;
        }

        // BFGS polish on a central-difference gradient (MathNet NumericalJacobian).
        var jacobian = new NumericalJacobian();
        Func<double[], double> f = Objective;
        try
        {
            // An evaluation budget: on a likelihood ridge (unidentified data) BFGS line searches can spend thousands of
            // evaluations; the checks below then report the ridge.
            long budget = evaluations + BfgsEvaluationBudget;
            double Budgeted(double[] x) => evaluations < budget ? Objective(x) : throw new OptimizationException("BFGS evaluation budget exhausted");
            Func<double[], double> fb = Budgeted;
            var gradObjective = ObjectiveFunction.Gradient(
                v => Budgeted(v.ToArray()),
                v => Vector<double>.Build.DenseOfArray(jacobian.Evaluate(fb, v.ToArray())));
            var r = new BfgsMinimizer(1e-7, 1e-12, 1e-14, 200).FindMinimum(gradObjective, best);
            iterations += r.Iterations;
            double value = Objective(r.MinimizingPoint.ToArray());
            if (value <= bestValue)
            {
                bestValue = value;
                best = r.MinimizingPoint;
            }
        }
        catch (Exception e) when (e is OptimizationException or ArithmeticException or ArgumentException)
        {
            // The Nelder–Mead point stands; the gradient check below decides whether it is an optimum.
            lastError = e.Message;
        }

        // Newton polish on the numerical Hessian (a few steps with backtracking): BFGS on a numerical gradient can stop
        // short when the log-likelihood is large (many customers or counts), leaving a gradient above tolerance.
        double[] p = best.ToArray();
        for (var step = 0; step < 10; step++)
        {
            var g = Vector<double>.Build.DenseOfArray(jacobian.Evaluate(f, p));
            if (g.InfinityNorm() <= gradientTolerance / 10)
            {
                break;
            }

            var h = Matrix<double>.Build.DenseOfArray(new NumericalHessian().Evaluate(f, p));
            h = (h + h.Transpose()) / 2.0;
            Vector<double> direction;
            try
            {
                direction = h.Cholesky().Solve(g);
            }
            catch (ArgumentException)
            {
                break;
            }

            bool improved = false;
            for (double t = 1.0; t > 1e-4; t /= 2)
            {
                var candidate = (Vector<double>.Build.DenseOfArray(p) - t * direction).ToArray();
                double value = Objective(candidate);
                if (value <= bestValue)
                {
                    bestValue = value;
                    p = candidate;
                    improved = true;
                    break;
                }
            }

            iterations++;
            if (!improved)
            {
                break;
            }
        }

        double[] gradient = jacobian.Evaluate(f, p);
        var hessian = Matrix<double>.Build.DenseOfArray(new NumericalHessian().Evaluate(f, p));
        hessian = (hessian + hessian.Transpose()) / 2.0;
        return Finish(model, names, p, -bestValue, gradient, hessian, parameterScale, timeScale, distinctInputs, gradientTolerance,
            iterations, evaluations, starts.Count, finals, lastError, clock);
    }

    private static MleOutcome Finish(string model, IReadOnlyList<string> names, double[] p, double logLikelihood, double[] gradient, Matrix<double> hessian,
        double[] parameterScale, double timeScale, int distinctInputs, double gradientTolerance, int iterations, long evaluations, int startCount,
        List<double> finals, string? lastError, Stopwatch clock)
    {
        double bestValue = -logLikelihood;
        double gradientNorm = 0;
        foreach (var g in gradient)
        {
            gradientNorm = Math.Max(gradientNorm, Math.Abs(g));
        }

        double minEig = double.NaN, maxEig = double.NaN;
        if (hessian.Enumerate().All(double.IsFinite))
        {
            var eigen = hessian.Evd(Symmetricity.Symmetric).EigenValues;
            minEig = double.PositiveInfinity;
            maxEig = double.NegativeInfinity;
            foreach (var e in eigen)
            {
                minEig = Math.Min(minEig, e.Real);
                maxEig = Math.Max(maxEig, e.Real);
            }
        }

        bool finite = double.IsFinite(gradientNorm) && double.IsFinite(minEig) && bestValue < Huge;
        bool positiveDefinite = finite && minEig > 0 && maxEig / minEig < 1e14;
        Matrix<double>? covariance = positiveDefinite ? hessian.Inverse() : null;

        // Newton decrement ½ gᵀH⁻¹g: the log-likelihood a Newton step could still gain. Scale-free, so it certifies an
        // optimum for millions of customers where the raw gradient carries finite-difference noise above the tolerance.
        var g0 = Vector<double>.Build.DenseOfArray(gradient);
        double decrement = covariance is null ? double.PositiveInfinity : 0.5 * g0.DotProduct(covariance * g0);
        bool gradientOk = finite && (gradientNorm <= gradientTolerance || decrement <= NewtonDecrementTolerance);
        double spread = 0;
        foreach (var v in finals)
        {
            spread = Math.Max(spread, v - bestValue);
        }

        var naturals = new double[p.Length];
        var errors = new double[p.Length];
        for (var i = 0; i < p.Length; i++)
        {
            naturals[i] = Math.Exp(p[i]) * parameterScale[i];
            errors[i] = covariance is null ? double.NaN : naturals[i] * Math.Sqrt(covariance[i, i]);
        }

        string message = !finite
            ? "the log-likelihood, its gradient or its Hessian is not finite at the best point found"
            : !positiveDefinite
                ? string.Create(CultureInfo.InvariantCulture,
                    $"the Hessian of −LL in log-parameters is not positive definite (eigenvalues {minEig:G4} … {maxEig:G4}): the data do not identify all of {string.Join(", ", names)}")
                : !gradientOk
                    ? string.Create(CultureInfo.InvariantCulture,
                        $"the gradient max-norm {gradientNorm:G3} exceeds the tolerance {gradientTolerance:G3} and a Newton step could still gain {decrement:G3} in LL after {iterations} iterations{(lastError is null ? string.Empty : " (" + lastError + ")")}")
                    : string.Create(CultureInfo.InvariantCulture,
                        $"converged: |∇LL|∞ = {gradientNorm:G3} (tolerance {gradientTolerance:G3}), Newton decrement {decrement:G3}, Hessian positive definite (condition {maxEig / minEig:G3}); {startCount} starts, spread {spread:G3} between them");
        var diagnostics = new FitDiagnostics
        {
            Converged = positiveDefinite && gradientOk,
            Iterations = iterations,
            FunctionEvaluations = evaluations,
            Starts = startCount,
            StartSpread = spread,
            GradientNorm = gradientNorm,
            NewtonDecrement = decrement,
            GradientTolerance = gradientTolerance,
            HessianPositiveDefinite = positiveDefinite,
            HessianConditionNumber = positiveDefinite ? maxEig / minEig : double.PositiveInfinity,
            TimeScale = timeScale,
            DistinctInputs = distinctInputs,
            Elapsed = clock.Elapsed,
            Message = message,
            Covariance = covariance is null ? null : new ParameterCovariance(names, naturals, covariance.ToArray()),
        };
        if (!diagnostics.Converged)
        {
            throw new ModelFitException($"{model} fit failed: {message}.", diagnostics);
        }

        return new MleOutcome(p, naturals, errors, -bestValue, diagnostics);
    }

    /// <summary>Throws when the fit is cancelled or past its time limit (called before every likelihood evaluation).</summary>
    private static void CheckLimits(string model, FitOptions options, Stopwatch clock)
    {
        options.CancellationToken.ThrowIfCancellationRequested();
        if (options.TimeLimit is { } limit && clock.Elapsed > limit)
        {
            throw new ModelFitException(string.Create(CultureInfo.InvariantCulture,
                $"{model} fit failed: not converged within the time limit of {limit.TotalSeconds:G4} s (FitOptions.TimeLimit); raise it, or fit fewer customers."));
        }
    }

    /// <summary>
    /// Fits with a gradient: BFGS on −LL in log-parameters from each start (analytic gradient), Newton steps on the
    /// Hessian from central differences of the gradient, then the same first- and second-order checks as <see cref="Fit"/>.
    /// Falls back to <see cref="Fit"/> (derivative-free) when no start reaches a verified optimum within the iteration cap.
    /// </summary>
    /// <param name="model">Model name for messages.</param>
    /// <param name="names">Parameter names.</param>
    /// <param name="valueOnly">LL at log-parameters (for the derivative-free fallback).</param>
    /// <param name="logLikelihood">LL at log-parameters; fills dLL/d ln θ into the second argument.</param>
    /// <param name="starts">Starting points in natural (internal) units.</param>
    /// <param name="parameterScale">Multiplier from internal to reported units for each parameter.</param>
    /// <param name="timeScale">For the report.</param>
    /// <param name="distinctInputs">For the report.</param>
    /// <param name="options">Limits and cancellation.</param>
    /// <param name="gradientTolerance">Max-norm tolerance on the gradient in log-parameters.</param>
    public static MleOutcome FitGradient(
        string model,
        IReadOnlyList<string> names,
        Func<double[], double> valueOnly,
        Func<double[], double[], double> logLikelihood,
        IReadOnlyList<double[]> starts,
        double[] parameterScale,
        double timeScale,
        int distinctInputs,
        FitOptions options,
        double gradientTolerance = 1e-3)
    {
        var clock = Stopwatch.StartNew();
        int n = names.Count;
        long evaluations = 0;
        int iterations = 0;
        bool iterationCapHit = false;
        bool diverged = false;

        // −LL and its gradient; +∞ where not finite.
        double Objective(double[] x, double[] g)
        {
            evaluations++;
            CheckLimits(model, options, clock);
            double ll;
            try
            {
                ll = logLikelihood(x, g);
            }
            catch (ArithmeticException)
            {
                return double.PositiveInfinity;
            }

            bool finite = double.IsFinite(ll);
            for (var i = 0; i < n; i++)
            {
                g[i] = -g[i];
                finite &= double.IsFinite(g[i]);
            }

            return finite ? -ll : double.PositiveInfinity;
        }

        // Hessian of −LL by central differences of the analytic gradient (step 1e-4 in ln θ: error O(h²) relative).
        Matrix<double> Hessian(double[] x)
        {
            const double H = 1e-4;
            var h = Matrix<double>.Build.Dense(n, n);
            var gp = new double[n];
            var gm = new double[n];
            var xp = (double[])x.Clone();
            for (var j = 0; j < n; j++)
            {
                xp[j] = x[j] + H;
                double fp = Objective(xp, gp);
                xp[j] = x[j] - H;
                double fm = Objective(xp, gm);
                xp[j] = x[j];
                for (var i = 0; i < n; i++)
                {
                    h[i, j] = double.IsFinite(fp) && double.IsFinite(fm) ? (gp[i] - gm[i]) / (2 * H) : double.NaN;
                }
            }

            return (h + h.Transpose()) / 2.0;
        }

        var finals = new List<double>();
        double[]? best = null;
        double bestValue = double.PositiveInfinity;
        foreach (var start in starts)
        {
            var x = new double[n];
            for (var i = 0; i < n; i++)
            {
                x[i] = Math.Log(start[i]);
            }

            var (point, value, steps, capped, boundary) = Bfgs(x, Objective, options.MaxIterations);
            iterations += steps;
            iterationCapHit |= capped;
            diverged |= boundary;
            if (!double.IsFinite(value))
            {
                continue;
            }

            finals.Add(value);
            if (value < bestValue)
            {
                bestValue = value;
                best = point;
            }
        }

        if (best is null)
        {
            return Fallback("the log-likelihood is not finite at any starting point");
        }

        // Newton polish: the BFGS stop leaves a small gradient; a few exact-Hessian steps make the decrement negligible.
        var p = best;
        var gradient = new double[n];
        bestValue = Objective(p, gradient);
        Matrix<double> hessian = Hessian(p);
        for (var step = 0; step < (iterationCapHit ? 0 : 8); step++)
        {
            var gv = Vector<double>.Build.DenseOfArray(gradient);
            Vector<double> direction;
            try
            {
                direction = hessian.Cholesky().Solve(gv);
            }
            catch (ArgumentException)
            {
                break;
            }

            if (0.5 * gv.DotProduct(direction) <= 1e-12)
            {
                break;
            }

            bool improved = false;
            var g = new double[n];
            for (double t = 1.0; t > 1e-4; t /= 2)
            {
                var candidate = (Vector<double>.Build.DenseOfArray(p) - (t * direction)).ToArray();
                double value = Objective(candidate, g);
                if (value <= bestValue)
                {
                    bestValue = value;
                    p = candidate;
                    gradient = g;
                    improved = true;
                    break;
                }
            }

            iterations++;
            if (!improved)
            {
                break;
            }

            hessian = Hessian(p);
        }

        try
        {
            return Finish(model, names, p, -bestValue, [.. gradient.Select(v => -v)], hessian, parameterScale, timeScale, distinctInputs, gradientTolerance,
                iterations, evaluations, starts.Count, finals, iterationCapHit ? $"iteration cap {options.MaxIterations} (FitOptions.MaxIterations) reached"
                    : diverged ? "a parameter ran towards 0 or ∞ (|ln θ| > 25): the optimum is on the boundary" : null, clock);
        }
        catch (ModelFitException e) when (iterationCapHit && e.Diagnostics is not null)
        {
            throw new ModelFitException(string.Create(CultureInfo.InvariantCulture,
                $"{model} fit failed: not converged after {options.MaxIterations} iterations per start (FitOptions.MaxIterations) and {clock.Elapsed.TotalSeconds:G3} s: {e.Message}"),
                e.Diagnostics);
        }
        catch (ModelFitException e) when (!diverged)
        {
            return Fallback(e.Message);
        }

        MleOutcome Fallback(string why)
        {
            if (iterationCapHit)
            {
                throw new ModelFitException(string.Create(CultureInfo.InvariantCulture,
                    $"{model} fit failed: not converged after {options.MaxIterations} iterations per start (FitOptions.MaxIterations) and {clock.Elapsed.TotalSeconds:G3} s ({why})."));
            }

            // Derivative-free path: slower, but it has rescued fits the gradient path could not verify.
            var remaining = options.TimeLimit is { } limit ? limit - clock.Elapsed : (TimeSpan?)null;
            var fallbackOptions = remaining is { } r ? options with { TimeLimit = r > TimeSpan.Zero ? r : TimeSpan.FromTicks(1) } : options;
            var outcome = Fit(model, names, valueOnly, starts, parameterScale, timeScale, distinctInputs, gradientTolerance, fallbackOptions);
            return outcome with
            {
                Diagnostics = outcome.Diagnostics with
                {
                    Elapsed = clock.Elapsed,
                    FunctionEvaluations = outcome.Diagnostics.FunctionEvaluations + evaluations,
                    Message = outcome.Diagnostics.Message + " (derivative-free fallback after the gradient path: " + why + ")",
                },
            };
        }
    }

    /// <summary>
    /// BFGS with a backtracking (Armijo) line search on f(x) with gradient; steps capped at 2 in max-norm (ln θ changes
    /// by at most e²). Stops when the quasi-Newton decrement ½gᵀH̃g ≤ max(1e-10, 1e-13 |f|) or |g|∞ ≤ 1e-9, or the line search stalls.
    /// </summary>
    private static (double[] Point, double Value, int Iterations, bool CapHit, bool Diverged) Bfgs(double[] x0, Func<double[], double[], double> f, int maxIterations)
    {
        int n = x0.Length;
        var x = (double[])x0.Clone();
        var g = new double[n];
        double fx = f(x, g);
        if (!double.IsFinite(fx))
        {
            return (x, fx, 0, false, false);
        }

        var h = Matrix<double>.Build.DenseIdentity(n);
        bool scaled = false;
        var gNew = new double[n];
        var xNew = new double[n];
        var history = new double[20];
        for (var it = 1; it <= maxIterations; it++)
        {
            var gv = Vector<double>.Build.DenseOfArray(g);
            double gNorm = gv.InfinityNorm();
            var d = -(h * gv);
            double slope = d.DotProduct(gv);
            if (!(slope < 0))
            {
                // Not a descent direction: restart from steepest descent.
                h = Matrix<double>.Build.DenseIdentity(n);
                d = -gv;
                slope = -gv.DotProduct(gv);
            }

            // Stop when the predicted gain is below the rounding of f itself (−LL grows with the customers): the Newton
            // steps that follow use the exact Hessian and finish the job.
            if (-0.5 * slope <= Math.Max(1e-10, 1e-13 * Math.Abs(fx)) || gNorm <= 1e-9)
            {
                return (x, fx, it - 1, false, false);
            }

            double maxStep = d.InfinityNorm();
            double t = maxStep > 2 ? 2 / maxStep : 1.0;
            bool accepted = false;
            double fNew = double.NaN;
            for (var k = 0; k < 40; k++)
            {
                for (var i = 0; i < n; i++)
                {
                    xNew[i] = x[i] + (t * d[i]);
                }

                fNew = f(xNew, gNew);
                if (double.IsFinite(fNew) && fNew <= fx + (1e-4 * t * slope))
                {
                    accepted = true;
                    break;
                }

                t *= 0.5;
            }

            if (!accepted)
            {
                return (x, fx, it, false, false);
            }

            var s = Vector<double>.Build.Dense(n, i => xNew[i] - x[i]);
            var y = Vector<double>.Build.Dense(n, i => gNew[i] - g[i]);
            double sy = s.DotProduct(y);
            if (sy > 1e-14 * s.L2Norm() * y.L2Norm())
            {
                if (!scaled)
                {
                    // Shanno–Phua scaling of the initial inverse Hessian: −LL grows with the number of customers.
                    h = Matrix<double>.Build.DenseIdentity(n) * (sy / y.DotProduct(y));
                    scaled = true;
                }

                double rho = 1.0 / sy;
                var hy = h * y;
                h = h + (((sy + y.DotProduct(hy)) * rho * rho) * s.OuterProduct(s)) - (rho * (hy.OuterProduct(s) + s.OuterProduct(hy)));
            }

            Array.Copy(xNew, x, n);
            Array.Copy(gNew, g, n);
            fx = fNew;
            history[it % history.Length] = fx;
            foreach (var v in x)
            {
                if (Math.Abs(v) > 25)
                {
                    // A parameter runs to 0 or ∞ along a ridge: no interior optimum to find.
                    return (x, fx, it, false, true);
                }
            }

            if (it >= history.Length && history[(it + 1) % history.Length] - fx <= 1e-13 * Math.Abs(fx))
            {
                // Stalled: the last 20 iterations gained less than 1e-13 relative (the Newton steps and checks decide).
                return (x, fx, it, false, false);
            }
        }

        return (x, fx, maxIterations, true, false);
    }
}
