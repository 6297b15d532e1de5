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
    public static MleOutcome Fit(
        string model,
        IReadOnlyList<string> names,
        Func<double[], double> logLikelihood,
        IReadOnlyList<double[]> starts,
        double[] parameterScale,
        double timeScale,
        int distinctInputs,
        double gradientTolerance = 1e-3)
    {
        var clock = Stopwatch.StartNew();
        long evaluations = 0;
        double Objective(double[] p)
        {
            evaluations++;
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
        double gradientNorm = 0;
        foreach (var g in gradient)
        {
            gradientNorm = Math.Max(gradientNorm, Math.Abs(g));
        }

        var hessian = Matrix<double>.Build.DenseOfArray(new NumericalHessian().Evaluate(f, p));
        hessian = (hessian + hessian.Transpose()) / 2.0;
        var eigen = hessian.Evd(Symmetricity.Symmetric).EigenValues;
        double minEig = double.PositiveInfinity, maxEig = double.NegativeInfinity;
        foreach (var e in eigen)
        {
            minEig = Math.Min(minEig, e.Real);
            maxEig = Math.Max(maxEig, e.Real);
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
                        $"converged: |∇LL|∞ = {gradientNorm:G3} (tolerance {gradientTolerance:G3}), Newton decrement {decrement:G3}, Hessian positive definite (condition {maxEig / minEig:G3}); {starts.Count} starts, spread {spread:G3} after the loose first stage");
        var diagnostics = new FitDiagnostics
        {
            Converged = positiveDefinite && gradientOk,
            Iterations = iterations,
            FunctionEvaluations = evaluations,
            Starts = starts.Count,
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
        };
        if (!diagnostics.Converged)
        {
            throw new ModelFitException($"{model} fit failed: {message}.", diagnostics);
        }

        return new MleOutcome(p, naturals, errors, -bestValue, diagnostics);
    }
}
