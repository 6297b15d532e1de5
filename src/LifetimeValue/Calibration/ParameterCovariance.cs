using System.Globalization;
using LifetimeValue.Internal;

namespace LifetimeValue.Calibration;

/// <summary>
/// The asymptotic covariance of a fit's estimates: the inverse observed information (Hessian of −LL) in log-parameters,
/// and by the delta method in natural units. Used for joint parameter draws (correlations such as BG/NBD's r–α are strong).
/// </summary>
/// <remarks>
/// <para>Cov(ln θ̂) = H⁻¹ with H the Hessian of −LL in ln θ at the optimum; Cov(θ̂_i, θ̂_j) = θ̂_i θ̂_j Cov(ln θ̂_i, ln θ̂_j).</para>
/// <para>Thread safety: immutable.</para>
/// </remarks>
public sealed class ParameterCovariance
{
    private readonly double[,] _log;
    private readonly double[] _values;

    internal ParameterCovariance(IReadOnlyList<string> names, double[] values, double[,] logCovariance)
    {
        Names = ReadOnly.Of([.. names]);
        _values = (double[])values.Clone();
        int n = values.Length;
        _log = new double[n, n];
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j < n; j++)
            {
                // Symmetrised: a numerically inverted matrix is symmetric only to rounding.
                _log[i, j] = 0.5 * (logCovariance[i, j] + logCovariance[j, i]);
            }
        }
    }

    /// <summary>Parameter names, in the order of the matrix.</summary>
    public IReadOnlyList<string> Names { get; }

    /// <summary>Number of parameters.</summary>
    public int Count => _values.Length;

    /// <summary>The estimate θ̂_i.</summary>
    /// <param name="i">Index in [0, <see cref="Count"/>).</param>
    /// <returns>The estimate in the model's units.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="i"/> out of range.</exception>
    public double Value(int i) => _values[Check(i)];

    /// <summary>Cov(ln θ̂_i, ln θ̂_j), the scale on which the fit is made and parameters are drawn.</summary>
    /// <param name="i">Row index in [0, <see cref="Count"/>).</param>
    /// <param name="j">Column index in [0, <see cref="Count"/>).</param>
    /// <returns>The covariance of the log-estimates.</returns>
    /// <exception cref="ArgumentOutOfRangeException">An index out of range.</exception>
    public double LogCovariance(int i, int j) => _log[Check(i), Check(j)];

    /// <summary>Cov(θ̂_i, θ̂_j) by the delta method: θ̂_i θ̂_j Cov(ln θ̂_i, ln θ̂_j).</summary>
    /// <param name="i">Row index in [0, <see cref="Count"/>).</param>
    /// <param name="j">Column index in [0, <see cref="Count"/>).</param>
    /// <returns>The covariance in the model's units.</returns>
    /// <exception cref="ArgumentOutOfRangeException">An index out of range.</exception>
    public double Covariance(int i, int j) => _values[Check(i)] * _values[Check(j)] * _log[i, j];

    /// <summary>Corr(θ̂_i, θ̂_j) (equal on the log scale and, to first order, in natural units).</summary>
    /// <param name="i">Row index in [0, <see cref="Count"/>).</param>
    /// <param name="j">Column index in [0, <see cref="Count"/>).</param>
    /// <returns>A correlation in [−1, 1].</returns>
    /// <exception cref="ArgumentOutOfRangeException">An index out of range.</exception>
    public double Correlation(int i, int j) => _log[Check(i), Check(j)] / Math.Sqrt(_log[i, i] * _log[j, j]);

    /// <summary>The delta-method standard error of θ̂_i: θ̂_i √Var(ln θ̂_i).</summary>
    /// <param name="i">Index in [0, <see cref="Count"/>).</param>
    /// <returns>The standard error in the model's units.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="i"/> out of range.</exception>
    public double StandardError(int i) => _values[Check(i)] * Math.Sqrt(_log[i, i]);

    /// <summary>A two-sided Wald interval for θ_i built on the log scale, θ̂_i · exp(±z · SE(ln θ̂_i)), which stays positive.</summary>
    /// <param name="i">Index in [0, <see cref="Count"/>).</param>
    /// <param name="level">Coverage, in (0, 1), e.g. 0.95.</param>
    /// <returns>The lower and upper limits.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="i"/> or <paramref name="level"/> out of range.</exception>
    public (double Lower, double Upper) Interval(int i, double level = 0.95)
    {
        if (!(level > 0 && level < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(level), level, string.Create(CultureInfo.InvariantCulture, $"level must be in (0, 1) (was {level:R})."));
        }

        double z = MathNet.Numerics.Distributions.Normal.InvCDF(0, 1, 0.5 + (level / 2));
        double half = z * Math.Sqrt(_log[Check(i), i]);
        return (_values[i] * Math.Exp(-half), _values[i] * Math.Exp(half));
    }

    /// <summary>The lower Cholesky factor L of the log-scale covariance (LLᵀ = Cov(ln θ̂)), for correlated draws.</summary>
    /// <returns>A new row-major matrix; zero where the covariance is not positive definite in a trailing direction.</returns>
    internal double[,] LogCholesky()
    {
        int n = Count;
        var l = new double[n, n];
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j <= i; j++)
            {
                double s = _log[i, j];
                for (var k = 0; k < j; k++)
                {
                    s -= l[i, k] * l[j, k];
                }

                l[i, j] = i == j ? Math.Sqrt(Math.Max(s, 0.0)) : (l[j, j] > 0 ? s / l[j, j] : 0.0);
            }
        }

        return l;
    }

    private int Check(int i) => i >= 0 && i < _values.Length
        ? i
        : throw new ArgumentOutOfRangeException(nameof(i), i, string.Create(CultureInfo.InvariantCulture, $"index must be in [0, {_values.Length}) (was {i})."));
}
