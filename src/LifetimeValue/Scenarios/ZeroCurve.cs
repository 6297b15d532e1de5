using System.Collections.ObjectModel;
using System.Globalization;
using LifetimeValue.Internal;
using MathNet.Numerics.Interpolation;

namespace LifetimeValue.Scenarios;

/// <summary>
/// An initial term structure: continuously compounded annual zero rates at given tenors, linearly
/// interpolated in the zero rate and extrapolated flat. It is the curve a <see cref="HullWhite"/> model is
/// fitted to.
/// </summary>
/// <remarks>
/// <para>
/// With nodes (t_i, R_i), i = 1 … n, strictly increasing tenors t_i &gt; 0: R(t) = R_1 for t ≤ t_1,
/// R(t) = R_n for t ≥ t_n and the MathNet <see cref="LinearSpline"/> through the nodes in between.
/// P(0, t) = e^{−R(t)·t}; the instantaneous forward is f(0, t) = R(t) + t·R′(t), taking the right
/// derivative at a node (so f is right-continuous and piecewise linear).
/// </para>
/// <para>Thread safety: immutable; all members are safe to call concurrently.</para>
/// </remarks>
public sealed class ZeroCurve : IEquatable<ZeroCurve>
{
    /// <summary>The longest tenor a curve may have, in years.</summary>
    public const double MaxTenorYears = 1000.0;

    private readonly double[] _tenors;
    private readonly double[] _rates;
    private readonly LinearSpline? _spline;

    private ZeroCurve(double[] tenors, double[] rates)
    {
        _tenors = tenors;
        _rates = rates;
        _spline = tenors.Length >= 2 ? LinearSpline.InterpolateSorted(tenors, rates) : null;
        Tenors = new ReadOnlyCollection<double>(tenors);
        ZeroRates = new ReadOnlyCollection<double>(rates);
    }

    /// <summary>The tenors in years, strictly increasing, each in (0, <see cref="MaxTenorYears"/>].</summary>
    public IReadOnlyList<double> Tenors { get; }

    /// <summary>The continuously compounded annual zero rates at <see cref="Tenors"/>.</summary>
    public IReadOnlyList<double> ZeroRates { get; }

    /// <summary>A flat curve: R(t) = <paramref name="annualRate"/> for every t (one node at 1 year).</summary>
    /// <param name="annualRate">Continuously compounded annual zero rate; any finite number.</param>
    /// <returns>The curve.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="annualRate"/> is not finite.</exception>
    public static ZeroCurve Flat(double annualRate)
    {
        Guard.Finite(annualRate);
        return new ZeroCurve([1.0], [annualRate]);
    }

    /// <summary>A curve through the given (tenor, zero rate) nodes.</summary>
    /// <param name="tenorsYears">Tenors in years, strictly increasing, each finite in (0, <see cref="MaxTenorYears"/>]; at least one.</param>
    /// <param name="zeroRates">Continuously compounded annual zero rates, one per tenor, each finite.</param>
    /// <returns>The curve (a single node gives a flat curve).</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">The lists are empty or of different lengths, or the tenors are not strictly increasing.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A tenor or rate is outside its range; the message names its index.</exception>
    public static ZeroCurve FromZeroRates(IReadOnlyList<double> tenorsYears, IReadOnlyList<double> zeroRates)
    {
        Guard.NotEmpty(tenorsYears);
        Guard.AllFinite(zeroRates);
        if (zeroRates.Count != tenorsYears.Count)
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                $"zeroRates must have one rate per tenor ({tenorsYears.Count}) (was {zeroRates.Count})."), nameof(zeroRates));
        }

        var tenors = new double[tenorsYears.Count];
        var rates = new double[tenorsYears.Count];
        for (var i = 0; i < tenors.Length; i++)
        {
            double tenor = tenorsYears[i];
            if (!(tenor > 0.0 && tenor <= MaxTenorYears))
            {
                Guard.Throw(string.Create(CultureInfo.InvariantCulture, $"{nameof(tenorsYears)}[{i}]"), tenor,
                    string.Create(CultureInfo.InvariantCulture, $"must be in (0, {MaxTenorYears}]"), nameof(tenorsYears));
            }

            if (i > 0 && !(tenor > tenors[i - 1]))
            {
                throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                    $"tenorsYears must be strictly increasing (tenorsYears[{i}] = {tenor:R} follows {tenors[i - 1]:R})."), nameof(tenorsYears));
            }

            tenors[i] = tenor;
            rates[i] = zeroRates[i];
        }

        return new ZeroCurve(tenors, rates);
    }

    /// <summary>R(t), the continuously compounded annual zero rate for maturity <paramref name="years"/>.</summary>
    /// <param name="years">Maturity in years, finite and ≥ 0.</param>
    /// <returns>The zero rate (flat beyond the first and last nodes).</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="years"/> is negative or not finite.</exception>
    public double ZeroRate(double years)
    {
        Guard.NonNegative(years);
        if (_spline is null || years <= _tenors[0])
        {
            return _rates[0];
        }

        return years >= _tenors[^1] ? _rates[^1] : _spline.Interpolate(years);
    }

    /// <summary>P(0, t) = e^{−R(t)·t}, the discount factor for maturity <paramref name="years"/>.</summary>
    /// <param name="years">Maturity in years, finite and ≥ 0.</param>
    /// <returns>The discount factor, &gt; 0 (1 at t = 0).</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="years"/> is negative or not finite.</exception>
    public double DiscountFactor(double years) => Math.Exp(-ZeroRate(years) * years);

    /// <summary>f(0, t) = R(t) + t·R′(t), the instantaneous forward rate at <paramref name="years"/> (right derivative at nodes).</summary>
    /// <param name="years">Time in years, finite and ≥ 0.</param>
    /// <returns>The annual instantaneous forward rate.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="years"/> is negative or not finite.</exception>
    public double InstantaneousForward(double years)
    {
        double rate = ZeroRate(years);
        if (_spline is null || years < _tenors[0] || years >= _tenors[^1])
        {
            return rate;
        }

        return rate + years * _spline.Differentiate(years);
    }

    /// <inheritdoc/>
    public bool Equals(ZeroCurve? other) =>
        other is not null && _tenors.AsSpan().SequenceEqual(other._tenors) && _rates.AsSpan().SequenceEqual(other._rates);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as ZeroCurve);

    /// <inheritdoc/>
    public override int GetHashCode()
    {
        var hash = default(HashCode);
        for (var i = 0; i < _tenors.Length; i++)
        {
            hash.Add(_tenors[i]);
            hash.Add(_rates[i]);
        }

        return hash.ToHashCode();
    }

    /// <summary>The nodes, e.g. <c>ZeroCurve { 1: 0.03, 5: 0.035 }</c> (round-trip formatting).</summary>
    /// <returns>A culture-invariant description.</returns>
    public override string ToString()
    {
        var parts = new string[_tenors.Length];
        for (var i = 0; i < parts.Length; i++)
        {
            parts[i] = string.Create(CultureInfo.InvariantCulture, $"{_tenors[i]:R}: {_rates[i]:R}");
        }

        return "ZeroCurve { " + string.Join(", ", parts) + " }";
    }
}
