using System.Globalization;
using LifetimeValue.Internal;
using MathNet.Numerics.Interpolation;

namespace LifetimeValue.Discounting;

/// <summary>
/// Discounting on a term structure of continuously compounded zero rates: <c>D(τ) = exp(−z(τ)·τ)</c>
/// with τ = t/12 years, z linearly interpolated between tenors and flat beyond the first and last.
/// </summary>
/// <remarks>Thread safety: immutable; safe to share.</remarks>
public sealed record ZeroCurveDiscounting : Discount
{
    private readonly double[] _tenors;
    private readonly double[] _zeroRates;
    private readonly LinearSpline? _spline;

    /// <summary>Creates the curve.</summary>
    /// <param name="tenorsYears">Tenors in years, strictly increasing, &gt; 0, at most 100; 1 to 200 of them.</param>
    /// <param name="zeroRates">Continuously compounded zero rates at the tenors; finite.</param>
    /// <exception cref="ArgumentException">Lengths differ, empty, unordered tenors or non-finite values.</exception>
    public ZeroCurveDiscounting(IReadOnlyList<double> tenorsYears, IReadOnlyList<double> zeroRates)
    {
        Guard.NotEmpty(tenorsYears);
        Guard.NotEmpty(zeroRates);
        Guard.InRange(tenorsYears.Count, 1, 200, "tenorsYears.Count");
        if (tenorsYears.Count != zeroRates.Count)
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                $"zeroRates must have one rate per tenor ({tenorsYears.Count}) (was {zeroRates.Count})."), nameof(zeroRates));
        }

        Guard.AllFinite(zeroRates);
        for (var i = 0; i < tenorsYears.Count; i++)
        {
            Guard.InRange(tenorsYears[i], double.Epsilon, 100.0, $"tenorsYears[{i}]");
            if (i > 0 && tenorsYears[i] <= tenorsYears[i - 1])
            {
                throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                    $"tenorsYears[{i}] must be greater than tenorsYears[{i - 1}] = {tenorsYears[i - 1]} (was {tenorsYears[i]})."), nameof(tenorsYears));
            }
        }

        _tenors = [.. tenorsYears];

        TenorsYears = ReadOnly.Wrap(_tenors);
        _zeroRates = [.. zeroRates];
        ZeroRates = ReadOnly.Wrap(_zeroRates);
        _spline = _tenors.Length > 1 ? LinearSpline.InterpolateSorted(_tenors, _zeroRates) : null;
    }

    /// <summary>Tenors in years.</summary>
    public IReadOnlyList<double> TenorsYears { get; }

    /// <summary>Continuously compounded zero rates at the tenors.</summary>
    public IReadOnlyList<double> ZeroRates { get; }

    /// <inheritdoc/>
    public override bool DependsOnRates => false;

    /// <summary>The interpolated zero rate at <paramref name="years"/>.</summary>
    /// <param name="years">Time in years.</param>
    /// <returns>Continuously compounded zero rate.</returns>
    public double ZeroRate(double years)
    {
        if (_spline is null || years <= _tenors[0])
        {
            return _zeroRates[0];
        }

        if (years >= _tenors[^1])
        {
            return _zeroRates[^1];
        }

        return _spline.Interpolate(years);
    }

    private protected override void FillCore(ReadOnlySpan<double> annualRates, Span<double> factors)
    {
        for (var t = 0; t < factors.Length; t++)
        {
            var years = (t + 1) / 12.0;
            factors[t] = Math.Exp(-ZeroRate(years) * years);
        }
    }

    /// <inheritdoc/>
    public bool Equals(ZeroCurveDiscounting? other) =>
        other is not null && _tenors.AsSpan().SequenceEqual(other._tenors) && _zeroRates.AsSpan().SequenceEqual(other._zeroRates);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(_tenors.Length, _tenors[0], _zeroRates[0]);
}
