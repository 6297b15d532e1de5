namespace LifetimeValue.Calibration.Panel.Internal;

/// <summary>
/// Streaming least squares of a monthly revenue v on (1, r) — or on 1 alone — with a cluster-robust (sandwich)
/// covariance, from sufficient statistics: no observations are kept.
/// </summary>
/// <remarks>
/// <para>Clusters (a customer's months of one product in one age band) are folded in whole. With per-cluster
/// <c>H_i = Σ x xᵀ</c> and <c>g_i = Σ x v</c>, the estimate is <c>β = (Σ H_i)⁻¹ Σ g_i</c> and the meat of the sandwich
/// <c>Σ (g_i − H_i β)(g_i − H_i β)ᵀ</c> expands into sums of products of the entries of <c>g_i</c> and <c>H_i</c>, which are
/// accumulated (15 numbers). Covariance: <c>G/(G − 1) · B M B</c> with <c>B = (Σ H_i)⁻¹</c> (the CR1 small-sample factor;
/// Cameron and Miller 2015, "A practitioner's guide to cluster-robust inference", J. Human Resources 50(2)).</para>
/// <para>For accuracy the sums are kept about a shift (K, R) taken from the first cluster, so that large levels do not
/// cancel: v′ = v − K, r′ = r − R; the intercept is shifted back at the end.</para>
/// </remarks>
internal sealed class ClusteredRegression
{
    private bool _shifted;
    private double _k, _r;

    // Totals (shifted).
    private double _n, _sr, _srr, _sv, _srv, _svv;

    // Cluster-level sums for the meat.
    private double _g0g0, _g0g1, _g1g1;
    private double _g0h00, _g0h01, _g0h11, _g1h00, _g1h01, _g1h11;
    private double _h00h00, _h01h01, _h11h11, _h00h01, _h00h11, _h01h11;

    public long Clusters { get; private set; }

    public long Count => (long)_n;

    /// <summary>Adds one cluster from its raw (unshifted) sums.</summary>
    public void AddCluster(double n, double sr, double srr, double sv, double srv, double svv)
    {
        if (n <= 0)
        {
            return;
        }

        if (!_shifted)
        {
            _k = sv / n;
            _r = sr / n;
            _shifted = true;
        }

        // Shift: v' = v − K, r' = r − R.
        var k = _k;
        var r = _r;
        var sv1 = sv - (n * k);
        var sr1 = sr - (n * r);
        var srr1 = srr - (2 * r * sr) + (n * r * r);
        var srv1 = srv - (k * sr) - (r * sv) + (n * r * k);
        var svv1 = svv - (2 * k * sv) + (n * k * k);

        _n += n;
        _sr += sr1;
        _srr += srr1;
        _sv += sv1;
        _srv += srv1;
        _svv += svv1;

        double h00 = n, h01 = sr1, h11 = srr1, g0 = sv1, g1 = srv1;
        _g0g0 += g0 * g0;
        _g0g1 += g0 * g1;
        _g1g1 += g1 * g1;
        _g0h00 += g0 * h00;
        _g0h01 += g0 * h01;
        _g0h11 += g0 * h11;
        _g1h00 += g1 * h00;
        _g1h01 += g1 * h01;
        _g1h11 += g1 * h11;
        _h00h00 += h00 * h00;
        _h01h01 += h01 * h01;
        _h11h11 += h11 * h11;
        _h00h01 += h00 * h01;
        _h00h11 += h00 * h11;
        _h01h11 += h01 * h11;
        Clusters++;
    }

    /// <summary>The fit: intercept-only when <paramref name="withSlope"/> is false or the rate does not vary.</summary>
    public Result Solve(bool withSlope)
    {
        if (_n <= 0)
        {
            return new Result(0, double.NaN, double.NaN, null, null, null, double.NaN, double.NaN, false);
        }

        var g = (double)Clusters;
        var factor = g > 1 ? g / (g - 1) : double.NaN;
        var meanR = _sr / _n;
        var varR = (_srr / _n) - (meanR * meanR);
        var sst = _svv - (_sv * _sv / _n);
        var slopeIdentified = withSlope && _n >= 3 && varR > 1e-14;
        if (!slopeIdentified)
        {
            var b0 = _sv / _n;
            var meat = _g0g0 - (2 * b0 * _g0h00) + (b0 * b0 * _h00h00);
            var variance = factor * Math.Max(0.0, meat) / (_n * _n);
            var ssr = Math.Max(0.0, sst);
            var sd = _n > 1 ? Math.Sqrt(ssr / (_n - 1)) : double.NaN;
            return new Result(_n, b0 + _k, Math.Sqrt(variance), null, null, null, double.NaN, sd, withSlope);
        }

        // X'X = [[n, sr], [sr, srr]], X'y = [sv, srv].
        var det = (_n * _srr) - (_sr * _sr);
        var i00 = _srr / det;
        var i01 = -_sr / det;
        var i11 = _n / det;
        var c0 = (i00 * _sv) + (i01 * _srv);
        var c1 = (i01 * _sv) + (i11 * _srv);

        // Meat M = Σ u uᵀ, u = g − H β.
        var m00 = _g0g0 - (2 * c0 * _g0h00) - (2 * c1 * _g0h01) + (c0 * c0 * _h00h00) + (2 * c0 * c1 * _h00h01) + (c1 * c1 * _h01h01);
        var m11 = _g1g1 - (2 * c0 * _g1h01) - (2 * c1 * _g1h11) + (c0 * c0 * _h01h01) + (2 * c0 * c1 * _h01h11) + (c1 * c1 * _h11h11);
        var m01 = _g0g1 - (c0 * _g0h01) - (c1 * _g0h11) - (c0 * _g1h00) - (c1 * _g1h01)
            + (c0 * c0 * _h00h01) + (c0 * c1 * (_h00h11 + _h01h01)) + (c1 * c1 * _h01h11);
        m00 = Math.Max(0.0, m00);
        m11 = Math.Max(0.0, m11);

        // V = factor · B M B (B symmetric).
        var a00 = (i00 * m00) + (i01 * m01);
        var a01 = (i00 * m01) + (i01 * m11);
        var a10 = (i01 * m00) + (i11 * m01);
        var a11 = (i01 * m01) + (i11 * m11);
        var v00 = factor * ((a00 * i00) + (a01 * i01));
        var v01 = factor * ((a00 * i01) + (a01 * i11));
        var v11 = factor * ((a10 * i01) + (a11 * i11));

        // Back to the unshifted intercept: β0 = β0' − β1 R + K.
        var intercept = c0 - (c1 * _r) + _k;
        var varIntercept = v00 + (_r * _r * v11) - (2 * _r * v01);
        var covariance = v01 - (_r * v11);
        var ssr2 = Math.Max(0.0, _svv - (c0 * _sv) - (c1 * _srv));
        var r2 = sst > 0 ? 1.0 - (ssr2 / sst) : double.NaN;
        var sd2 = _n > 2 ? Math.Sqrt(ssr2 / (_n - 2)) : double.NaN;
        return new Result(_n, intercept, Math.Sqrt(Math.Max(0.0, varIntercept)), c1, Math.Sqrt(Math.Max(0.0, v11)), covariance, r2, sd2, true);
    }

    /// <summary>A fit: intercept, optional slope, their standard errors and covariance, R² and the residual standard deviation.</summary>
    internal readonly record struct Result(double Count, double Intercept, double InterceptSe, double? Slope, double? SlopeSe, double? Covariance,
        double RSquared, double ResidualSd, bool WithRates);
}
