using System.Diagnostics;
using MathNet.Numerics.RootFinding;

namespace LifetimeValue.Finance;

/// <summary>
/// The root finder behind <see cref="Irr"/> and <see cref="Xirr"/>: all real roots r &gt; −1 of
/// NPV(r) = Σ cᵢ (1 + r)^(−tᵢ) for times 0 = t₀ ≤ t₁ ≤ … (periods, or years of 365 days).
/// </summary>
/// <remarks>
/// <para>Steps:</para>
/// <list type="number">
/// <item><description>Flows are scaled by a power of two near 1/max|cᵢ|: exact in binary floating point, so
/// the roots of c and of 10¹²·c differ only by the rounding of the inputs themselves.</description></item>
/// <item><description>Sign changes are counted (Descartes' rule of signs, which holds for real exponents when the
/// flows are ordered by time): none means no root; exactly one means exactly one root in r &gt; −1.</description></item>
/// <item><description>One sign change: safeguarded Newton from the guess on g(x) = ln PV(later flows) − ln PV(earlier
/// flows) in x = −ln(1 + r), which is strictly increasing with a bounded slope, so it converges from any guess
/// in a few steps even on 700 monthly flows.</description></item>
/// <item><description>Otherwise (or if that fails), Newton's method on the NPV from the guess; it contributes a root the
/// scan may miss (a double root).</description></item>
/// <item><description>Otherwise, or if Newton fails: a grid scan of sign changes over x = ln(1 + r) from
/// <see cref="GridMinLog"/> to ln(1 + <see cref="GridMaxRate"/>) in steps of <see cref="GridStep"/>, each bracket
/// solved with MathNet's <see cref="Brent"/>.</description></item>
/// </list>
/// <para>Overflow-free evaluation: for r ≥ 0 the NPV is evaluated in v = 1/(1 + r) ≤ 1 (Horner for whole
/// periods), for −1 &lt; r &lt; 0 it is multiplied by (1 + r)^T, T = the last time, which has the same sign and
/// roots and only powers of u = 1 + r &lt; 1. Every term is then bounded by |cᵢ|, for 700 monthly flows and
/// rates near −1 alike.</para>
/// <para>Limits: two roots closer than one grid step, or a root of even multiplicity, give no sign change and
/// are found only if Newton converges to them; roots outside the grid are found only by Newton.</para>
/// </remarks>
internal static class IrrSolver
{
    /// <summary>Lower end of the scan in x = ln(1 + r): 1 + r = e⁻²⁰ ≈ 2.1·10⁻⁹.</summary>
    internal const double GridMinLog = -20.0;

    /// <summary>Upper end of the scan in r (10⁶ = 100 000 000 % per period).</summary>
    internal const double GridMaxRate = 1e6;

    /// <summary>Scan step in x = ln(1 + r): a relative step of about 1 % in the growth factor 1 + r.</summary>
    internal const double GridStep = 0.01;

    private const int MaxNewtonIterations = 50;
    private const double NewtonTolerance = 1e-13;
    private const double NewtonResidual = 1e-9;
    private const double LogNewtonTolerance = 1e-15;
    private const double RateRounding = 8.0 * 1.1102230246251565e-16; // 8 half-ulps of a rate near 1
    private const double BrentAccuracy = 1e-14;
    private const double BrentFallbackAccuracy = 1e-10;
    private const int BrentMaxIterations = 200;
    private const double DuplicateTolerance = 1e-10;

    /// <summary>Solves a periodic series: flow k at time k (Excel IRR).</summary>
    public static IrrResult SolvePeriodic(IReadOnlyList<double> flows, double guess)
    {
        var amounts = new double[flows.Count];
        for (var i = 0; i < amounts.Length; i++)
        {
            amounts[i] = flows[i];
        }

        return Solve(new Curve(amounts, times: null), guess);
    }

    /// <summary>Solves a dated series: flow i at (dateᵢ − date₀)/365 years (Excel XIRR).</summary>
    public static IrrResult SolveDated(IReadOnlyList<double> flows, IReadOnlyList<DateOnly> dates, double guess)
    {
        // Order by date (Excel allows any order after the first) and merge same-day flows: the NPV is
        // unchanged and the sign-change count of Descartes' rule needs distinct, ordered exponents.
        var order = new int[flows.Count];
        for (var i = 0; i < order.Length; i++)
        {
            order[i] = i;
        }

        var keys = new int[flows.Count];
        for (var i = 0; i < keys.Length; i++)
        {
            keys[i] = dates[i].DayNumber;
        }

        Array.Sort(keys, order); // introsort is not stable, but same-day flows are summed below anyway
        var amounts = new List<double>(flows.Count);
        var times = new List<double>(flows.Count);
        var first = dates[0].DayNumber;
        for (var j = 0; j < order.Length; j++)
        {
            var day = keys[j];
            if (j > 0 && day == keys[j - 1])
            {
                amounts[^1] += flows[order[j]];
            }
            else
            {
                amounts.Add(flows[order[j]]);
                times.Add((day - first) / 365.0);
            }
        }

        return Solve(new Curve(amounts.ToArray(), times.ToArray()), guess);
    }

    private static IrrResult Solve(Curve curve, double guess)
    {
        curve.ScaleToUnit();
        var signChanges = curve.SignChanges();
        if (signChanges == 0)
        {
            return new IrrResult(null, [], IrrMethod.None, 0, guess);
        }

        if (signChanges == 1 && TryLogNewton(curve, guess, out var uniqueRoot, out var logIterations))
        {
            return new IrrResult(uniqueRoot, [uniqueRoot], IrrMethod.Newton, logIterations, guess);
        }

        var newtonOk = TryNewton(curve, guess, out var newtonRoot, out var iterations);
        if (signChanges == 1 && newtonOk)
        {
            return new IrrResult(newtonRoot, [newtonRoot], IrrMethod.Newton, iterations, guess);
        }

        var roots = new List<double>();
        if (newtonOk)
        {
            roots.Add(newtonRoot);
        }

        ScanAndSolve(curve, roots);
        if (roots.Count == 0)
        {
            return new IrrResult(null, [], IrrMethod.None, iterations, guess);
        }

        // Closest to the guess; ties go to the lower root because the list is sorted ascending.
        var sorted = roots.ToArray();
        Array.Sort(sorted);
        var chosen = sorted[0];
        for (var i = 1; i < sorted.Length; i++)
        {
            if (Math.Abs(sorted[i] - guess) < Math.Abs(chosen - guess))
            {
                chosen = sorted[i];
            }
        }

        var method = newtonOk && chosen == newtonRoot ? IrrMethod.Newton : IrrMethod.Brent;
        return new IrrResult(chosen, sorted, method, iterations, guess);
    }

    /// <summary>
    /// Safeguarded Newton on g(x) = ln(later flows' PV) − ln(earlier flows' PV), x = −ln(1 + r), for a series
    /// with one sign change. g is strictly increasing with slope between the time gap of the two groups and the
    /// horizon, so Newton converges from any guess, where Newton on the NPV itself crawls on long series
    /// (it overshoots into r &lt; 0, where the NPV grows like (1 + r)^−T, and then moves by about (1 + r)/T a step).
    /// </summary>
    private static bool TryLogNewton(Curve curve, double guess, out double root, out int iterations)
    {
        curve.PrepareLogRatio();
        var x = -Math.Log(1.0 + guess);
        double lo = double.NegativeInfinity, hi = double.PositiveInfinity;
        for (iterations = 1; iterations <= MaxNewtonIterations; iterations++)
        {
            var g = curve.LogRatio(x, out var slope);
            if (g == 0.0)
            {
                break;
            }

            // g increases with x: its sign tells which side of the root x is on.
            if (g < 0.0)
            {
                lo = x;
            }
            else
            {
                hi = x;
            }

            var next = x - g / slope;
            if (!(next > lo && next < hi) && double.IsFinite(lo) && double.IsFinite(hi))
            {
                next = 0.5 * (lo + hi); // Newton left the bracket: bisect
            }

            if (!double.IsFinite(next))
            {
                root = double.NaN;
                return false;
            }

            var done = Math.Abs(next - x) <= LogNewtonTolerance * Math.Max(1.0, Math.Abs(x));
            x = next;
            if (done)
            {
                break;
            }
        }

        root = Math.Exp(-x) - 1.0;
        return iterations <= MaxNewtonIterations && root > -1.0 && double.IsFinite(root);
    }

    private static bool TryNewton(Curve curve, double guess, out double root, out int iterations)
    {
        var r = guess;
        for (iterations = 1; iterations <= MaxNewtonIterations; iterations++)
        {
            var f = curve.Evaluate(r, out var df, out _);
            if (f == 0.0)
            {
                root = r;
                return true;
            }

            var step = f / df;
            if (!double.IsFinite(step))
            {
                break;
            }

            var next = r - step;
            var clamped = false;
            if (next <= -1.0)
            {
                // Stay in the domain: halve the distance to −1 instead of jumping past it. A clamped step never
                // counts as convergence, or a run towards a root below −1 would "converge" on the boundary.
                next = r - 0.5 * (1.0 + r);
                clamped = true;
            }

            if (!double.IsFinite(next) || next > 1e3 * GridMaxRate)
            {
                break;
            }

            if (!clamped && Math.Abs(next - r) <= NewtonTolerance * (1.0 + Math.Abs(next)))
            {
                // Accept only a true zero: a residual at rounding level relative to Σ|termᵢ|, or one explained by
                // the rounding of r itself (near r = −1 the double r carries few digits of 1 + r).
                root = next;
                var value = curve.Evaluate(next, out var slope, out var magnitude);
                return Math.Abs(value) <= NewtonResidual * magnitude
                    || Math.Abs(value) <= Math.Abs(slope) * RateRounding * Math.Max(1.0, Math.Abs(next));
            }

            r = next;
        }

        iterations = Math.Min(iterations, MaxNewtonIterations);
        root = double.NaN;
        return false;
    }

    private static void ScanAndSolve(Curve curve, List<double> roots)
    {
        Func<double, double> f = curve.Relative;
        var steps = (int)Math.Ceiling((Math.Log(1.0 + GridMaxRate) - GridMinLog) / GridStep);
        var ra = Math.Exp(GridMinLog) - 1.0;
        var fa = f(ra);
        for (var j = 1; j <= steps; j++)
        {
            var rb = j == steps ? GridMaxRate : Math.Exp(GridMinLog + j * GridStep) - 1.0;
            var fb = f(rb);
            if (fa == 0.0)
            {
                AddDistinct(roots, ra);
            }
            else if (fb != 0.0 && (fa < 0.0) != (fb < 0.0))
            {
                AddDistinct(roots, SolveBracket(f, ra, rb));
            }

            ra = rb;
            fa = fb;
        }

        if (fa == 0.0)
        {
            AddDistinct(roots, ra);
        }
    }

    private static double SolveBracket(Func<double, double> f, double a, double b)
    {
        if (Brent.TryFindRoot(f, a, b, BrentAccuracy, BrentMaxIterations, out var root)
            || Brent.TryFindRoot(f, a, b, BrentFallbackAccuracy, BrentMaxIterations, out root)
            || Bisection.TryFindRoot(f, a, b, BrentFallbackAccuracy, BrentMaxIterations, out root))
        {
            return root;
        }

        // Unreachable for a continuous f with a sign change; keep the bracket midpoint rather than lose the root.
        return 0.5 * (a + b);
    }

    private static void AddDistinct(List<double> roots, double root)
    {
        Debug.Assert(root > -1.0, "roots lie in the domain r > -1");
        foreach (var existing in roots)
        {
            if (Math.Abs(existing - root) <= DuplicateTolerance * Math.Max(1.0, Math.Abs(root)))
            {
                return;
            }
        }

        roots.Add(root);
    }

    /// <summary>The NPV curve of ordered flows, evaluated without overflow for any r &gt; −1.</summary>
    private sealed class Curve
    {
        private readonly double[] _amounts;
        private readonly double[]? _times;
        private readonly double _horizon;

        /// <summary>
        /// Drops leading and trailing zero flows (shifting the times to start at 0): the roots are unchanged, and
        /// the first term (r ≥ 0) or the last term (r &lt; 0) then has factor 1, so the magnitude Σ|termᵢ| never
        /// underflows to 0.
        /// </summary>
        public Curve(double[] amounts, double[]? times)
        {
            var first = 0;
            while (first < amounts.Length && amounts[first] == 0.0)
            {
                first++;
            }

            var last = amounts.Length - 1;
            while (last > first && amounts[last] == 0.0)
            {
                last--;
            }

            if (first > last)
            {
                first = last = 0; // all zero: one zero flow, no sign change
            }

            _amounts = amounts[first..(last + 1)];
            if (times is not null)
            {
                var t = times[first..(last + 1)];
                var t0 = t[0];
                for (var i = 0; i < t.Length; i++)
                {
                    t[i] -= t0;
                }

                _times = t;
                _horizon = t[^1];
            }
            else
            {
                _horizon = _amounts.Length - 1;
            }
        }

        private double[]? _logAbs;
        private int _split;

        /// <summary>Precomputes ln|cᵢ| and the index of the first flow after the (single) sign change.</summary>
        public void PrepareLogRatio()
        {
            var c = _amounts;
            _logAbs = new double[c.Length];
            var firstSign = 0;
            _split = c.Length;
            for (var i = 0; i < c.Length; i++)
            {
                _logAbs[i] = Math.Log(Math.Abs(c[i])); // −∞ for a zero flow, which then weighs nothing
                var sign = Math.Sign(c[i]);
                if (firstSign == 0)
                {
                    firstSign = sign;
                }
                else if (sign == -firstSign && _split == c.Length)
                {
                    _split = i;
                }
            }
        }

        /// <summary>
        /// g(x) = ln Σ_later |cᵢ| e^(tᵢx) − ln Σ_earlier |cᵢ| e^(tᵢx) with x = −ln(1 + r) (log-sum-exp, no overflow),
        /// and g'(x) = mean time of the later group − mean time of the earlier group (PV-weighted), &gt; 0.
        /// </summary>
        public double LogRatio(double x, out double slope)
        {
            Debug.Assert(_logAbs is not null, "PrepareLogRatio first");
            var logAbs = _logAbs;
            var t = _times;
            double maxEarly = double.NegativeInfinity, maxLate = double.NegativeInfinity;
            for (var i = 0; i < logAbs.Length; i++)
            {
                var e = logAbs[i] + (t is null ? i : t[i]) * x;
                if (i < _split)
                {
                    maxEarly = Math.Max(maxEarly, e);
                }
                else
                {
                    maxLate = Math.Max(maxLate, e);
                }
            }

            double sumEarly = 0.0, timeEarly = 0.0, sumLate = 0.0, timeLate = 0.0;
            for (var i = 0; i < logAbs.Length; i++)
            {
                var ti = t is null ? i : t[i];
                if (i < _split)
                {
                    var w = Math.Exp(logAbs[i] + ti * x - maxEarly);
                    sumEarly += w;
                    timeEarly += w * ti;
                }
                else
                {
                    var w = Math.Exp(logAbs[i] + ti * x - maxLate);
                    sumLate += w;
                    timeLate += w * ti;
                }
            }

            slope = timeLate / sumLate - timeEarly / sumEarly;
            return maxLate + Math.Log(sumLate) - (maxEarly + Math.Log(sumEarly));
        }

        /// <summary>Multiplies the flows by the power of two that brings max|cᵢ| into [1, 2).</summary>
        public void ScaleToUnit()
        {
            var max = 0.0;
            foreach (var c in _amounts)
            {
                max = Math.Max(max, Math.Abs(c));
            }

            if (max == 0.0)
            {
                return;
            }

            var scale = Math.ScaleB(1.0, -Math.ILogB(max));
            for (var i = 0; i < _amounts.Length; i++)
            {
                _amounts[i] *= scale;
            }
        }

        /// <summary>Sign changes of the time-ordered flows, zeros skipped.</summary>
        public int SignChanges()
        {
            var changes = 0;
            var last = 0;
            foreach (var c in _amounts)
            {
                var sign = Math.Sign(c);
                if (sign != 0)
                {
                    if (last != 0 && sign != last)
                    {
                        changes++;
                    }

                    last = sign;
                }
            }

            return changes;
        }

        /// <summary>
        /// h(r)/Σ|termᵢ| ∈ [−1, 1]: the relative residual, so that MathNet's Brent, which also stops when
        /// |f| &lt; accuracy, stops at a precision independent of the size of the terms.
        /// </summary>
        public double Relative(double rate)
        {
            var value = Evaluate(rate, out _, out var magnitude);
            return value / magnitude;
        }

        /// <summary>
        /// h(r) = NPV(r) for r ≥ 0 and NPV(r)·(1 + r)^T for r &lt; 0 (same sign, same roots), dh/dr, and the
        /// magnitude Σ|termᵢ| &gt; 0 (the scale of the rounding error of h).
        /// </summary>
        public double Evaluate(double rate, out double derivative, out double magnitude)
        {
            var c = _amounts;
            if (_times is null)
            {
                if (rate >= 0.0)
                {
                    // Horner in v = 1/(1 + r) ∈ (0, 1]: p(v) = Σ c_k v^k, dh/dr = p'(v)·dv/dr = −v²·p'(v).
                    var v = 1.0 / (1.0 + rate);
                    double p = 0.0, dp = 0.0, m = 0.0;
                    for (var k = c.Length - 1; k >= 0; k--)
                    {
                        dp = dp * v + p;
                        p = p * v + c[k];
                        m = m * v + Math.Abs(c[k]);
                    }

                    derivative = -v * v * dp;
                    magnitude = m;
                    return p;
                }
                else
                {
                    // Horner in u = 1 + r ∈ (0, 1): q(u) = Σ c_k u^(T−k) = NPV·u^T, dh/dr = q'(u).
                    var u = 1.0 + rate;
                    double q = 0.0, dq = 0.0, m = 0.0;
                    for (var k = 0; k < c.Length; k++)
                    {
                        dq = dq * u + q;
                        q = q * u + c[k];
                        m = m * u + Math.Abs(c[k]);
                    }

                    derivative = dq;
                    magnitude = m;
                    return q;
                }
            }

            var t = _times;
            var log = Math.Log(1.0 + rate);
            double sum = 0.0, dsum = 0.0, abs = 0.0;
            if (rate >= 0.0)
            {
                // Σ c_i e^(−t_i·ln(1+r)): every factor ≤ 1.
                for (var i = 0; i < c.Length; i++)
                {
                    var term = c[i] * Math.Exp(-t[i] * log);
                    sum += term;
                    dsum -= t[i] * term;
                    abs += Math.Abs(term);
                }
            }
            else
            {
                // Σ c_i e^((T − t_i)·ln(1+r)) = NPV·(1 + r)^T: every factor ≤ 1.
                for (var i = 0; i < c.Length; i++)
                {
                    var w = _horizon - t[i];
                    var term = c[i] * Math.Exp(w * log);
                    sum += term;
                    dsum += w * term;
                    abs += Math.Abs(term);
                }
            }

            derivative = dsum / (1.0 + rate);
            magnitude = abs;
            return sum;
        }
    }
}
