using System.Globalization;
using MathNet.Numerics;
using LifetimeValue.Internal;

namespace LifetimeValue.Calibration;

/// <summary>
/// The Gauss hypergeometric function ₂F₁(a, b; c; z) for real parameters and real z ≤ 1, evaluated in log
/// space so that the large parameters of customer-base models (a = r + s + x with x in the hundreds) neither
/// overflow nor lose precision. MathNet.Numerics 5 has no robust ₂F₁; this is the one the models use.
/// </summary>
/// <remarks>
/// <para>Definition: ₂F₁(a, b; c; z) = Σₙ (a)ₙ(b)ₙ / ((c)ₙ n!) zⁿ (DLMF 15.2.1), with (q)ₙ the rising factorial.</para>
/// <para>Algorithm (Abramowitz and Stegun 1964, §15.3; DLMF §15.8; the strategy of Numerical Recipes §6.12 and of
/// Pearson, Olver and Porter 2017, "Numerical methods for the computation of the confluent and Gauss hypergeometric
/// functions", Numer. Algorithms 74, 821–866):</para>
/// <list type="number">
/// <item><description>z &lt; 0: Pfaff's transformation ₂F₁(a, b; c; z) = (1 − z)^(−a) ₂F₁(a, c − b; c; z/(z − 1))
/// (A&amp;S 15.3.4) maps z into (0, 1).</description></item>
/// <item><description>0 &lt; z &lt; 1: the Maclaurin series, summed in scaled log form, either directly or after
/// Euler's transformation ₂F₁(a, b; c; z) = (1 − z)^(c−a−b) ₂F₁(c − a, c − b; c; z) (A&amp;S 15.3.3), whichever has the
/// smaller leading term growth |a·b| versus |(c − a)(c − b)|. If the series needs too many terms (z near 1),
/// the 1 − z connection formula (A&amp;S 15.3.6) is used, whose two series converge like (1 − z)ⁿ. When its two terms
/// cancel (large a and b, where each is far larger than the sum) by more than 6 digits, the Maclaurin series is summed
/// after all, up to 2·10⁶ terms; an ArithmeticException reports the rare case where neither is accurate.</description></item>
/// <item><description>When c − a − b is within 10⁻⁵ of an integer the connection formula is degenerate (its Gamma
/// factors have poles); ln ₂F₁ is then interpolated (cubic Lagrange, ₂F₁ is analytic in c) through c₀ ± 2·10⁻⁴ and
/// c₀ ± 4·10⁻⁴ around the degenerate c₀, which keeps a relative error near 10⁻¹⁰ (tested against closed forms).</description></item>
/// <item><description>z = 1: Gauss's theorem Γ(c)Γ(c − a − b)/(Γ(c − a)Γ(c − b)) when c − a − b &gt; 0 (A&amp;S 15.1.20).</description></item>
/// </list>
/// <para>Thread safety: all members are pure.</para>
/// </remarks>
public static class Hypergeometric
{
    private const double Epsilon = 1e-17;
    private const double RescaleAbove = 1e250;
    private const double DegenerateDistance = 1e-5;
    private const double DegenerateStep = 2e-4;
    private const int FastSeriesTerms = 2000;
    private const int MaxSeriesTerms = 2_000_000;
    private const double MaxLostDigitsLog = 13.815510557964274; // ln(10⁶)

    /// <summary>₂F₁(a, b; c; z).</summary>
    /// <param name="a">First numerator parameter (finite).</param>
    /// <param name="b">Second numerator parameter (finite).</param>
    /// <param name="c">Denominator parameter (finite, not 0, −1, −2, …).</param>
    /// <param name="z">Argument, −∞ &lt; z ≤ 1; at z = 1 c − a − b must be &gt; 0.</param>
    /// <returns>The value; ±∞ only when it overflows a double.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A parameter is not finite, z &gt; 1, c is a non-positive integer, or z = 1 with c − a − b ≤ 0.</exception>
    /// <exception cref="ArithmeticException">The series did not converge within 2·10⁶ terms.</exception>
    public static double Gauss2F1(double a, double b, double c, double z)
    {
        var (log, sign) = LogGauss2F1Signed(a, b, c, z);
        return sign == 0 ? 0.0 : sign * Math.Exp(log);
    }

    /// <summary>log ₂F₁(a, b; c; z) for a positive value, without overflow (e.g. for large a, b).</summary>
    /// <param name="a">First numerator parameter (finite).</param>
    /// <param name="b">Second numerator parameter (finite).</param>
    /// <param name="c">Denominator parameter (finite, not 0, −1, −2, …).</param>
    /// <param name="z">Argument, −∞ &lt; z ≤ 1.</param>
    /// <returns>ln ₂F₁(a, b; c; z).</returns>
    /// <exception cref="ArgumentOutOfRangeException">As for <see cref="Gauss2F1"/>.</exception>
    /// <exception cref="ArithmeticException">The value is ≤ 0 (its logarithm is not real) or the series did not converge.</exception>
    public static double LogGauss2F1(double a, double b, double c, double z)
    {
        var (log, sign) = LogGauss2F1Signed(a, b, c, z);
        if (sign <= 0)
        {
            throw new ArithmeticException(string.Create(CultureInfo.InvariantCulture,
                $"2F1({a:R}, {b:R}; {c:R}; {z:R}) is not positive, so its logarithm is not real."));
        }

        return log;
    }

    /// <summary>ln |₂F₁(a, b; c; z)| and its sign (−1, 0 or +1).</summary>
    /// <param name="a">First numerator parameter (finite).</param>
    /// <param name="b">Second numerator parameter (finite).</param>
    /// <param name="c">Denominator parameter (finite, not 0, −1, −2, …).</param>
    /// <param name="z">Argument, −∞ &lt; z ≤ 1.</param>
    /// <returns>(ln|F|, sign F); ln|F| = −∞ when the sign is 0.</returns>
    /// <exception cref="ArgumentOutOfRangeException">As for <see cref="Gauss2F1"/>.</exception>
    /// <exception cref="ArithmeticException">The series did not converge within 2·10⁶ terms.</exception>
    public static (double LogAbs, int Sign) LogGauss2F1Signed(double a, double b, double c, double z)
    {
        Guard.Finite(a);
        Guard.Finite(b);
        Guard.Finite(c);
        if (!(z <= 1.0) || double.IsNegativeInfinity(z))
        {
            Guard.Throw(nameof(z), z, "must be a finite number ≤ 1");
        }

        if (IsNonPositiveInteger(c) && !(IsNonPositiveInteger(a) && a > c) && !(IsNonPositiveInteger(b) && b > c))
        {
            Guard.Throw(nameof(c), c, "must not be 0, −1, −2, … (2F1 has a pole there)");
        }

        return Core(a, b, c, z);
    }

    /// <summary>ln ₂F₁ without argument validation, for the likelihood loops (callers guarantee valid arguments and a positive value).</summary>
    internal static double LogGauss2F1Unchecked(double a, double b, double c, double z) => Core(a, b, c, z).LogAbs;

    private static (double LogAbs, int Sign) Core(double a, double b, double c, double z)
    {
        if (z == 0.0 || a == 0.0 || b == 0.0)
        {
            return (0.0, 1);
        }

        if (IsNonPositiveInteger(b) && !IsNonPositiveInteger(a))
        {
            (a, b) = (b, a);
        }

        if (z == 1.0)
        {
            double m = c - a - b;
            if (!(m > 0))
            {
                throw new ArgumentOutOfRangeException(nameof(z), z, string.Create(CultureInfo.InvariantCulture,
                    $"z = 1 requires c − a − b > 0 (was {m:R}); 2F1 diverges there."));
            }

            var (g1, s1) = LogAbsGamma(c);
            var (g2, s2) = LogAbsGamma(m);
            var (g3, s3) = LogAbsGamma(c - a);
            var (g4, s4) = LogAbsGamma(c - b);
            if (s3 == 0 || s4 == 0)
            {
                return (double.NegativeInfinity, 0);
            }

            return (g1 + g2 - g3 - g4, s1 * s2 * s3 * s4);
        }

        if (z < 0.0)
        {
            // Pfaff (A&S 15.3.4): w = z/(z−1) ∈ (0, 1); a stays first so a terminating series stays terminating.
            double w = z / (z - 1.0);
            var (l, s) = Core(a, c - b, c, w);
            return (l - a * SpecialFunctions.Log1p(-z), s);
        }

        if (IsNonPositiveInteger(a))
        {
            // Terminating polynomial of degree −a.
            var poly = Series(a, b, c, z, MaxSeriesTerms) ?? throw NotConverged(a, b, c, z);
            return poly;
        }

        if (z <= 0.75)
        {
            return BestSeries(a, b, c, z, MaxSeriesTerms) ?? throw NotConverged(a, b, c, z);
        }

        // Near 1 the Maclaurin tail alone needs about ln(ε)/ln(z) terms: try the series while that is affordable.
        if (Math.Log(Epsilon) / Math.Log(z) < FastSeriesTerms && BestSeries(a, b, c, z, FastSeriesTerms) is { } value)
        {
            return value;
        }

        // Otherwise the connection formula (series in 1 − z ≤ 0.25). Its two terms can nearly cancel (large a, b);
        // when more than 6 digits are lost, sum the Maclaurin series however long it takes instead.
        var connection = OneMinusZ(a, b, c, z, out double lost);
        if (lost <= MaxLostDigitsLog)
        {
            return connection;
        }

        if (BestSeries(a, b, c, z, MaxSeriesTerms) is { } slow)
        {
            return slow;
        }

        if (lost <= 2 * MaxLostDigitsLog)
        {
            return connection;
        }

        throw new ArithmeticException(string.Create(CultureInfo.InvariantCulture,
            $"2F1({a:R}, {b:R}; {c:R}; {z:R}): the connection formula cancels to fewer than 4 significant digits and the series does not converge within {MaxSeriesTerms} terms."));
    }

    /// <summary>The direct or Euler-transformed Maclaurin series, whichever grows more slowly; null if it needs more than <paramref name="cap"/> terms.</summary>
    private static (double LogAbs, int Sign)? BestSeries(double a, double b, double c, double z, int cap)
    {
        bool eulerTerminates = IsNonPositiveInteger(c - a) || IsNonPositiveInteger(c - b);
        bool useEuler = eulerTerminates || Math.Abs((c - a) * (c - b)) < Math.Abs(a * b);
        if (useEuler)
        {
            var euler = Series(c - a, c - b, c, z, cap);
            if (euler is { } e)
            {
                return (e.LogAbs + (c - a - b) * SpecialFunctions.Log1p(-z), e.Sign);
            }
        }

        return Series(a, b, c, z, cap);
    }

    /// <summary>A&amp;S 15.3.6, with linear interpolation in c across the degenerate integer case.</summary>
    private static (double LogAbs, int Sign) OneMinusZ(double a, double b, double c, double z, out double lost)
    {
        double m = c - a - b;
        double nearest = Math.Round(m);
        double d = m - nearest;
        if (Math.Abs(d) >= DegenerateDistance)
        {
            return ConnectionFormula(a, b, c, z, out lost);
        }

        // ₂F₁ is analytic in c: cubic Lagrange interpolation through c0 + h·{−2, −1, 1, 2} around the degenerate c0,
        // in log|F| (the sign is constant over so short an interval). Interpolation error O(h⁴ (ln(1 − z))⁴),
        // cancellation error O(ε/h): both near 10⁻¹¹ relative for h = 2·10⁻⁴.
        double c0 = c - d;
        ReadOnlySpan<double> nodes = [-2.0, -1.0, 1.0, 2.0];
        double u = d / DegenerateStep;
        double log = 0;
        int sign = 0;
        lost = 0;
        for (var i = 0; i < nodes.Length; i++)
        {
            var v = ConnectionFormula(a, b, c0 + nodes[i] * DegenerateStep, z, out double lostHere);
            lost = Math.Max(lost, lostHere);
            if (v.Sign == 0)
            {
                return v;
            }

            sign = v.Sign;
            double weight = 1.0;
            for (var j = 0; j < nodes.Length; j++)
            {
                if (j != i)
                {
                    weight *= (u - nodes[j]) / (nodes[i] - nodes[j]);
                }
            }

            log += weight * v.LogAbs;
        }

        return (log, sign);
    }

    /// <summary>A&amp;S 15.3.6; <paramref name="lost"/> = ln(largest term / |result|), the digits lost to cancellation (× ln 10).</summary>
    private static (double LogAbs, int Sign) ConnectionFormula(double a, double b, double c, double z, out double lost)
    {
        double m = c - a - b;
        double y = 1.0 - z;
        var (gc, sc) = LogAbsGamma(c);

        // Term 1: Γ(c)Γ(m)/(Γ(c−a)Γ(c−b)) · F(a, b; 1 − m; 1 − z)
        var (gm, sm) = LogAbsGamma(m);
        var (gca, sca) = LogAbsGamma(c - a);
        var (gcb, scb) = LogAbsGamma(c - b);
        (double, int) t1 = (double.NegativeInfinity, 0);
        if (sca != 0 && scb != 0)
        {
            var f1 = Core(a, b, 1.0 - m, y);
            t1 = (gc + gm - gca - gcb + f1.LogAbs, sc * sm * sca * scb * f1.Sign);
        }

        // Term 2: (1 − z)^m Γ(c)Γ(−m)/(Γ(a)Γ(b)) · F(c − a, c − b; m + 1; 1 − z)
        var (gmm, smm) = LogAbsGamma(-m);
        var (ga, sa) = LogAbsGamma(a);
        var (gb, sb) = LogAbsGamma(b);
        (double, int) t2 = (double.NegativeInfinity, 0);
        if (sa != 0 && sb != 0)
        {
            var f2 = Core(c - a, c - b, m + 1.0, y);
            t2 = (m * Math.Log(y) + gc + gmm - ga - gb + f2.LogAbs, sc * smm * sa * sb * f2.Sign);
        }

        var sum = SignedLogSum(t1, t2);
        double largest = Math.Max(t1.Item1, t2.Item1);
        lost = sum.Sign == 0 ? double.PositiveInfinity : Math.Max(0.0, largest - sum.LogAbs);
        return sum;
    }

    private static (double LogAbs, int Sign) SignedLogSum((double LogAbs, int Sign) x, (double LogAbs, int Sign) y)
    {
        if (x.Sign == 0)
        {
            return y;
        }

        if (y.Sign == 0)
        {
            return x;
        }

        if (x.LogAbs < y.LogAbs)
        {
            (x, y) = (y, x);
        }

        double ratio = Math.Exp(y.LogAbs - x.LogAbs);
        double factor = x.Sign == y.Sign ? 1.0 + ratio : 1.0 - ratio;
        if (factor == 0.0)
        {
            return (double.NegativeInfinity, 0);
        }

        return (x.LogAbs + Math.Log(factor), x.Sign);
    }

    /// <summary>The Maclaurin series in scaled form: returns null if it needs more than <paramref name="cap"/> terms.</summary>
    private static (double LogAbs, int Sign)? Series(double a, double b, double c, double z, int cap)
    {
        double sum = 1.0, term = 1.0, logScale = 0.0;
        double ratio = a * b / c * z;
        for (var n = 0; n < cap; n++)
        {
            term *= ratio;
            sum += term;
            if (term == 0.0)
            {
                return Finish(sum, logScale);
            }

            if (Math.Abs(sum) > RescaleAbove || Math.Abs(term) > RescaleAbove)
            {
                sum /= RescaleAbove;
                term /= RescaleAbove;
                logScale += Math.Log(RescaleAbove);
            }

            // Stop once the terms shrink geometrically and the remaining tail is below the precision.
            double m = n + 1.0;
            ratio = (a + m) * (b + m) / ((c + m) * (m + 1.0)) * z;
            double next = Math.Abs(ratio);
            if (next < 1.0 && Math.Abs(term) * next <= Epsilon * Math.Abs(sum) * (1.0 - next))
            {
                return Finish(sum, logScale);
            }
        }

        return null;
    }

    private static (double LogAbs, int Sign) Finish(double sum, double logScale) =>
        sum == 0.0 ? (double.NegativeInfinity, 0) : (logScale + Math.Log(Math.Abs(sum)), Math.Sign(sum));

    /// <summary>ln|Γ(x)| and sign Γ(x) for all real x; sign 0 at the poles 0, −1, −2, … (where 1/Γ = 0).</summary>
    internal static (double LogAbs, int Sign) LogAbsGamma(double x)
    {
        if (x > 0)
        {
            return (SpecialFunctions.GammaLn(x), 1);
        }

        if (x == Math.Floor(x))
        {
            return (double.PositiveInfinity, 0);
        }

        // Reflection: Γ(x) = π / (sin(πx) Γ(1 − x)), Γ(1 − x) > 0 for x < 0.
        double sin = double.SinPi(x);
        return (Math.Log(Math.PI) - Math.Log(Math.Abs(sin)) - SpecialFunctions.GammaLn(1.0 - x), Math.Sign(sin));
    }

    private static bool IsNonPositiveInteger(double x) => x <= 0 && x == Math.Floor(x);

    private static ArithmeticException NotConverged(double a, double b, double c, double z) =>
        new(string.Create(CultureInfo.InvariantCulture, $"2F1({a:R}, {b:R}; {c:R}; {z:R}): the series did not converge within {MaxSeriesTerms} terms."));
}
