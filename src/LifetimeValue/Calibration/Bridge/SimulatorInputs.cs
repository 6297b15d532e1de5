using System.Globalization;
using LifetimeValue.Discounting;
using LifetimeValue.Focused;
using LifetimeValue.Lifecycle;
using LifetimeValue.Model;
using LifetimeValue.Projection;
using LifetimeValue.Random;
using LifetimeValue.Internal;

namespace LifetimeValue.Calibration.Bridge;

/// <summary>
/// The bridge from fitted calibration models to simulator models: retention models (sBG, Kaplan–Meier) become tenure
/// attrition curves or life-stage attrition; repeat-purchase models (BG/NBD, Pareto/NBD) with Gamma-Gamma spend become a
/// heterogeneous <see cref="CustomerFocusedModel"/>; and parameter uncertainty becomes a CLV interval.
/// </summary>
/// <remarks>
/// <para>Time units are explicit: a simulator month is the mean Gregorian month, 365.2425/12 = 30.436875 days
/// (<see cref="TimeUnit.GregorianMonth"/>), so a calibration model fitted in weeks has <c>u = 30.436875/7 = 4.348125</c> weeks
/// per simulator month. No 30-day month enters.</para>
/// <para>Thread safety: all members are pure (the parameter-uncertainty method calls the caller's builder sequentially).</para>
/// </remarks>
public static class SimulatorInputs
{
    /// <summary>Calibration time units per simulator month (30.436875 days).</summary>
    /// <param name="unit">The calibration model's time unit.</param>
    /// <returns>e.g. 4.348125 for weeks, 30.436875 for days, 1 for Gregorian months.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="unit"/> is not a defined value.</exception>
    public static double UnitsPerMonth(TimeUnit unit) => TimeUnits.DaysPer(TimeUnit.GregorianMonth) / TimeUnits.DaysPer(unit);

    /// <summary>
    /// The sBG retention model as a tenure attrition curve: the hazard of a random customer
    /// <c>h = 1 − S(k + 1)/S(k) = γ/(γ + δ + k)</c> in period k, spread evenly over the months of a period.
    /// </summary>
    /// <remarks>
    /// <para>With S(k) = B(γ, δ + k)/B(γ, δ) the share of a cohort alive after k periods, the curve reproduces S at every
    /// period boundary: it is the exact marginal lifetime distribution of a randomly drawn customer (θ ~ Beta(γ, δ) integrated
    /// out). Applied to every customer of a model whose cash flows do not depend on θ, it gives the exact expected cohort
    /// value; what it leaves out is the correlation between one customer's successive renewals (the sorting a single customer
    /// experiences), which matters only for the spread of individual lifetimes, not for expected values.</para>
    /// <para>With <paramref name="monthsPerPeriod"/> n &gt; 1 (quarters: 3, years: 12) the period's retention r is spread as
    /// a constant monthly hazard <c>1 − r^{1/n}</c>: exact at period boundaries, geometric within a period.</para>
    /// </remarks>
    /// <param name="model">The fitted sBG model.</param>
    /// <param name="months">Tenure months the curve covers, in [1, 1200] (beyond them the last hazard repeats; cover the horizon).</param>
    /// <param name="monthsPerPeriod">Simulator months per sBG period, in [1, 120] (1: the data are monthly).</param>
    /// <returns>The curve h_0 … h_{months−1}.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="model"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A count out of range.</exception>
    public static TenureAttritionCurve TenureAttrition(this ShiftedBetaGeometricModel model, int months, int monthsPerPeriod = 1)
    {
        ArgumentNullException.ThrowIfNull(model);
        Guard.InRange(months, 1, Horizon.MaxPeriods);
        Guard.InRange(monthsPerPeriod, 1, 120);
        var hazards = new double[months];
        for (var tau = 0; tau < months; tau++)
        {
            var k = tau / monthsPerPeriod;
            var periodHazard = PeriodHazard(model, k);
            hazards[tau] = monthsPerPeriod == 1 ? periodHazard : 1.0 - Math.Pow(1.0 - periodHazard, 1.0 / monthsPerPeriod);
        }

        return new TenureAttritionCurve(hazards);
    }

    /// <summary>
    /// A Kaplan–Meier curve as a tenure attrition curve: <c>h_τ = 1 − Ŝ((τ + 1)·u)/Ŝ(τ·u)</c> with u calibration units per
    /// simulator month (<see cref="UnitsPerMonth"/>); h = 1 once Ŝ has reached 0.
    /// </summary>
    /// <remarks>
    /// <para>Months that start before the last event time use the estimate; later months (where Ŝ is flat only because there
    /// are no more data) use the tail: <paramref name="tailMonthlyHazard"/> when given, otherwise the last estimated monthly
    /// hazard (the month holding the last event time).</para>
    /// </remarks>
    /// <param name="curve">The Kaplan–Meier estimate.</param>
    /// <param name="unit">The time unit of the durations the curve was estimated from.</param>
    /// <param name="months">Tenure months the curve covers, in [1, 1200].</param>
    /// <param name="tailMonthlyHazard">Monthly hazard after the data, in [0, 1]; null: the last estimated hazard.</param>
    /// <returns>The curve.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="curve"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A count or hazard out of range, or an undefined unit.</exception>
    /// <exception cref="ArgumentException">The curve has no event and no tail hazard is given (nothing to extend).</exception>
    public static TenureAttritionCurve TenureAttrition(this SurvivalCurve curve, TimeUnit unit, int months, double? tailMonthlyHazard = null)
    {
        ArgumentNullException.ThrowIfNull(curve);
        Guard.InRange(months, 1, Horizon.MaxPeriods);
        if (tailMonthlyHazard is { } tail)
        {
            Guard.Probability(tail, nameof(tailMonthlyHazard));
        }

        var u = UnitsPerMonth(unit);
        var dataMonths = curve.Times.Count == 0 ? 0 : (int)Math.Min(months, Math.Ceiling(curve.Times[^1] / u));
        if (curve.Times.Count > 0 && dataMonths == 0)
        {
            dataMonths = 1; // every event at time 0: the first month holds them
        }

        if (dataMonths == 0 && tailMonthlyHazard is null)
        {
            throw new ArgumentException("curve has no churn event, so no hazard can be estimated; give tailMonthlyHazard.", nameof(curve));
        }

        var hazards = new double[months];
        var last = 0.0;
        for (var tau = 0; tau < months; tau++)
        {
            if (tau < dataMonths)
            {
                // Ŝ is right-continuous: an event at exactly (τ + 1)·u counts in month τ, which ends there.
                var start = tau == 0 ? 1.0 : curve.At(tau * u);
                var end = curve.At((tau + 1) * u);
                last = start > 0.0 ? 1.0 - (end / start) : 1.0;
                hazards[tau] = last;
            }
            else
            {
                hazards[tau] = tailMonthlyHazard ?? last;
            }
        }

        return new TenureAttritionCurve(hazards);
    }

    /// <summary>
    /// A life-cycle model whose attrition follows an sBG retention model by tenure year: one stage per year of the relationship,
    /// each keeping the products and base margin of the template's stage at that age, with annual attrition
    /// <c>q_y = 1 − S(n(y + 1))/S(n·y)</c> (n sBG periods per year).
    /// </summary>
    /// <remarks>
    /// <para>Exact at every tenure anniversary when the acquisition is a single age (stages are keyed by age, and with one
    /// acquisition age, age and tenure move together): survival after y years is S(n·y). Within a year the life-cycle model's
    /// own convention applies (constant monthly hazard 1 − (1 − q)^{1/12}), so monthly sBG data are approximated within the year.
    /// Several acquisition ages cannot share one age-keyed ladder with tenure-based attrition, so they are refused.</para>
    /// <para>Products are offered again at each one-year stage entry (the life-cycle model draws adoption per stage). Adoption is
    /// independent of attrition, so expected values are unchanged; the Monte Carlo spread differs from the template's when an
    /// adoption probability lies strictly between 0 and 1 (holdings are re-drawn each year).</para>
    /// </remarks>
    /// <param name="template">The model whose products, margins, acquisition age, cost, horizon and discounting are kept.</param>
    /// <param name="retention">The fitted sBG model.</param>
    /// <param name="periodsPerYear">sBG periods per year, in [1, 12] (1: annual data, 12: monthly).</param>
    /// <returns>The model with per-year stages.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="periodsPerYear"/> out of range.</exception>
    /// <exception cref="ArgumentException">The template has more than one acquisition age, or its parts do not fit.</exception>
    public static LifecycleModel WithTenureAttrition(this LifecycleModel template, ShiftedBetaGeometricModel retention, int periodsPerYear = 1)
    {
        ArgumentNullException.ThrowIfNull(template);
        ArgumentNullException.ThrowIfNull(retention);
        Guard.InRange(periodsPerYear, 1, 12);
        template.Validate();
        if (template.Acquisition.Ages.Count != 1)
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                $"template.Acquisition must be a single age for tenure-based stage attrition (was {template.Acquisition.Ages.Count} ages): stages are keyed by age."),
                nameof(template));
        }

        var age = template.Acquisition.Ages[0];
        var years = (template.Horizon.PeriodsFor(age) + 11) / 12;
        var stages = new LifeStage[years];
        for (var y = 0; y < years; y++)
        {
            var source = template.Stages.Stages[template.Stages.IndexOf(age + y)];
            var q = 1.0 - (retention.Survival(periodsPerYear * (y + 1)) / retention.Survival(periodsPerYear * y));
            stages[y] = new LifeStage(string.Create(CultureInfo.InvariantCulture, $"{source.Name} (tenure year {y + 1})"), age + y, age + y + 1, q, source.Products, source.BaseMargin);
        }

        return template with { Stages = new StageLadder(stages) };
    }

    /// <summary>
    /// A BG/NBD purchase model with Gamma-Gamma spend as a heterogeneous <see cref="CustomerFocusedModel"/>: Poisson purchases
    /// with λ ~ Gamma(r, α), dropout p ~ Beta(a, b) after each repeat purchase, price = the Gamma-Gamma mean spend.
    /// </summary>
    /// <remarks>
    /// <para>With u calibration units per month (<see cref="UnitsPerMonth"/>): monthly purchase probability
    /// <c>π = 1 − e^{−r·u/α}</c> and heterogeneity <c>m ~ Gamma(r, r)</c>, so a customer's <c>π_i = 1 − e^{−λ_i u}</c> with
    /// λ_i = m·r/α ~ Gamma(r, α) exactly; intrinsic dropout Beta(a, b) after repeat purchases (<see cref="CustomerHeterogeneity"/>);
    /// no service failures, churn or attrition besides it. Month 0 is the first (acquisition) purchase; the purchase indicator of
    /// month t ≥ 1 stands for "at least one repeat purchase in (t − 1, t] months".</para>
    /// <para>Discretisation: the simulator makes at most one purchase a month and draws dropout once a month, so its expected
    /// repeat purchases fall short of E[X(t)] by at most Σ_months E[(λu)²]/2 = months·r(r + 1)u²/(2α²) to second order in λu
    /// (the tests check the gap). Choose a finer calibration unit only if λu is small; for heavy buyers (λu ≳ 0.3) the monthly
    /// simulator undercounts noticeably.</para>
    /// <para>Spend is independent of purchasing in the Gamma-Gamma model, so the expected value uses the population mean spend
    /// pγ/(q − 1) as the price; contribution = price − unit cost (<paramref name="margin"/>).</para>
    /// </remarks>
    /// <param name="purchases">The fitted BG/NBD model.</param>
    /// <param name="spend">The fitted Gamma-Gamma model (q &gt; 1).</param>
    /// <param name="unit">The time unit the BG/NBD model was fitted in.</param>
    /// <param name="margin">Contribution rule.</param>
    /// <param name="horizonMonths">Months followed, in [1, 1200].</param>
    /// <param name="acquisitionCost">Acquisition cost (currency, ≥ 0).</param>
    /// <param name="discounting">Discounting of the simulator.</param>
    /// <param name="quadratureNodes">Gauss–Legendre nodes per mixing dimension of the exact engine, in [2, 256].</param>
    /// <returns>The model.</returns>
    /// <exception cref="ArgumentNullException">A model or the discounting is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A value out of range (e.g. r/α so large that π rounds to 1 is still valid).</exception>
    /// <exception cref="InvalidOperationException">The Gamma-Gamma q ≤ 1 (infinite mean spend).</exception>
    public static CustomerFocusedModel ToCustomerFocusedModel(this BgNbdModel purchases, GammaGammaModel spend, TimeUnit unit, SpendMargin margin,
        int horizonMonths, double acquisitionCost, Discount discounting, int quadratureNodes = 32)
    {
        ArgumentNullException.ThrowIfNull(purchases);
        ArgumentNullException.ThrowIfNull(spend);
        var u = UnitsPerMonth(unit);
        var price = spend.PopulationMeanSpend;
        var process = new PurchaseProcess(1.0 - Math.Exp(-purchases.R * u / purchases.Alpha), price, margin.UnitCostFor(price));
        return new CustomerFocusedModel("BG/NBD + Gamma-Gamma", process, new ServiceQuality(0.0, 0.0, 0.0), horizonMonths, acquisitionCost, discounting)
        {
            Heterogeneity = new CustomerHeterogeneity
            {
                PurchaseRateShape = purchases.R,
                DropoutShapeA = purchases.A,
                DropoutShapeB = purchases.B,
                QuadratureNodes = quadratureNodes,
            },
        };
    }

    /// <summary>
    /// A Pareto/NBD purchase model with Gamma-Gamma spend as a heterogeneous <see cref="CustomerFocusedModel"/>: Poisson
    /// purchases with λ ~ Gamma(r, α) while alive, exponential lifetimes with μ ~ Gamma(s, β).
    /// </summary>
    /// <remarks>
    /// <para>Purchases as for BG/NBD (<c>π = 1 − e^{−r·u/α}</c>, m ~ Gamma(r, r)); lifetime as monthly attrition
    /// <c>h = 1 − e^{−s·u/β}</c> with attrition-rate multiplier g ~ Gamma(s, s), so a customer's monthly survival is
    /// <c>e^{−μ_i u}</c> with μ_i = g·s/β ~ Gamma(s, β) exactly: the share alive after M months is (β/(β + M·u))^s, as in
    /// Pareto/NBD. Discretisation of purchases: at most one per month (short by ≤ E[(λu)²]/2 a month) and a purchase in month t
    /// needs the customer alive at its start (short by ≤ E[λu·μu] a month), both second order.</para>
    /// </remarks>
    /// <param name="purchases">The fitted Pareto/NBD model.</param>
    /// <param name="spend">The fitted Gamma-Gamma model (q &gt; 1).</param>
    /// <param name="unit">The time unit the Pareto/NBD model was fitted in.</param>
    /// <param name="margin">Contribution rule.</param>
    /// <param name="horizonMonths">Months followed, in [1, 1200].</param>
    /// <param name="acquisitionCost">Acquisition cost (currency, ≥ 0).</param>
    /// <param name="discounting">Discounting of the simulator.</param>
    /// <param name="quadratureNodes">Gauss–Legendre nodes per mixing dimension, in [2, 256].</param>
    /// <returns>The model.</returns>
    /// <exception cref="ArgumentNullException">A model or the discounting is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A value out of range.</exception>
    /// <exception cref="InvalidOperationException">The Gamma-Gamma q ≤ 1 (infinite mean spend).</exception>
    public static CustomerFocusedModel ToCustomerFocusedModel(this ParetoNbdModel purchases, GammaGammaModel spend, TimeUnit unit, SpendMargin margin,
        int horizonMonths, double acquisitionCost, Discount discounting, int quadratureNodes = 32)
    {
        ArgumentNullException.ThrowIfNull(purchases);
        ArgumentNullException.ThrowIfNull(spend);
        var u = UnitsPerMonth(unit);
        var price = spend.PopulationMeanSpend;
        var process = new PurchaseProcess(1.0 - Math.Exp(-purchases.R * u / purchases.Alpha), price, margin.UnitCostFor(price),
            1.0 - Math.Exp(-purchases.S * u / purchases.Beta));
        return new CustomerFocusedModel("Pareto/NBD + Gamma-Gamma", process, new ServiceQuality(0.0, 0.0, 0.0), horizonMonths, acquisitionCost, discounting)
        {
            Heterogeneity = new CustomerHeterogeneity
            {
                PurchaseRateShape = purchases.R,
                AttritionRateShape = purchases.S,
                QuadratureNodes = quadratureNodes,
            },
        };
    }

    /// <summary>
    /// A CLV interval from parameter uncertainty: draws parameter vectors from the estimates' asymptotic distribution, builds a
    /// model from each and values it with the exact engine.
    /// </summary>
    /// <remarks>
    /// <para>Each parameter is drawn as <c>θ_i = θ̂_i · exp(z_i · SE_i/θ̂_i)</c>, z_i ~ N(0, 1) independent: normal on the log
    /// scale, where the fits estimate it (<see cref="ParameterEstimate.StandardError"/> is the delta-method SE of θ from
    /// SE(ln θ) = SE/θ), which keeps every draw positive. This overload uses marginal standard errors only, so correlations
    /// between estimates (strong for BG/NBD's r and α) are ignored: the interval is indicative, wider or narrower than the
    /// joint one depending on the sign of the correlations. Prefer the overload taking the fit's <see cref="ParameterCovariance"/>.</para>
    /// <para>Draws: z for draw d and parameter i from the Philox block (seed, scenario 0, customer d, purpose
    /// <see cref="DrawPurpose.Calibration"/>, index ⌊i/2⌋) by Box–Muller (two normals a block): reproducible for a seed,
    /// independent of threads. Quantiles interpolate linearly between order statistics (Hyndman–Fan type 7).</para>
    /// <para>Example: <c>ParameterUncertainty(bgnbd.Estimates, θ =&gt; BgNbdModel.FromParameters(θ[0], θ[1], θ[2], θ[3])
    /// .ToCustomerFocusedModel(gg, TimeUnit.Week, SpendMargin.FromRate(0.3), 36, 0, Discount.FlatAnnual(0.08)), rates, 500, 7)</c>.</para>
    /// </remarks>
    /// <param name="estimates">The estimates with finite, non-negative standard errors (a fitted model's <c>Estimates</c>).</param>
    /// <param name="build">Builds a simulator model from a parameter vector (in the order of <paramref name="estimates"/>).</param>
    /// <param name="rates">The rate path of the exact engine.</param>
    /// <param name="draws">Number of parameter draws, in [2, 100000].</param>
    /// <param name="seed">Seed of the draws.</param>
    /// <param name="lowerLevel">Lower quantile level, in (0, <paramref name="upperLevel"/>).</param>
    /// <param name="upperLevel">Upper quantile level, in (<paramref name="lowerLevel"/>, 1).</param>
    /// <returns>The interval, the point estimate and every draw's CLV.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">No estimates, a standard error that is NaN or negative (a model built from
    /// parameters has none), or levels out of order.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="draws"/> or a level out of range.</exception>
    public static ClvInterval ParameterUncertainty(IReadOnlyList<ParameterEstimate> estimates, Func<IReadOnlyList<double>, StrategyModel> build,
        RatePath rates, int draws, ulong seed, double lowerLevel = 0.05, double upperLevel = 0.95)
    {
        Guard.NotEmpty(estimates);
        CheckIntervalArguments(build, rates, draws, lowerLevel, upperLevel);

        var n = estimates.Count;
        var names = new string[n];
        var centre = new double[n];
        var logSe = new double[n];
        for (var i = 0; i < n; i++)
        {
            var e = estimates[i];
            names[i] = e.Name;
            centre[i] = Guard.Positive(e.Value, $"estimates[{i}].Value");
            if (!(double.IsFinite(e.StandardError) && e.StandardError >= 0.0))
            {
                throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                    $"estimates[{i}].StandardError ({e.Name}) must be a finite number ≥ 0 (was {e.StandardError:R}); a model built from parameters has no standard errors."),
                    nameof(estimates));
            }

            logSe[i] = e.StandardError / e.Value;
        }

        var factor = new double[n, n];
        for (var i = 0; i < n; i++)
        {
            factor[i, i] = logSe[i];
        }

        return Draw(names, centre, factor, build, rates, draws, seed, lowerLevel, upperLevel);
    }

    /// <summary>
    /// A CLV interval from parameter uncertainty with the estimates' full covariance: correlated draws on the log scale,
    /// ln θ = ln θ̂ + L z with L Lᵀ = Cov(ln θ̂) (Cholesky), z ~ N(0, I). BG/NBD's r and α are strongly correlated, so this
    /// interval can differ much from the marginal one of
    /// <see cref="ParameterUncertainty(IReadOnlyList{ParameterEstimate}, Func{IReadOnlyList{double}, StrategyModel}, RatePath, int, ulong, double, double)"/>.
    /// </summary>
    /// <remarks>
    /// <para>The z draws are those of the marginal overload (same seed, same blocks), so with a diagonal covariance both
    /// give the same interval.</para>
    /// <para>Example: <c>ParameterUncertainty(bgnbd.Diagnostics!.Covariance!, θ =&gt; BgNbdModel.FromParameters(θ[0], θ[1], θ[2], θ[3])
    /// .ToCustomerFocusedModel(gg, TimeUnit.Week, SpendMargin.FromRate(0.3), 36, 0, Discount.FlatAnnual(0.08)), rates, 500, 7)</c>.</para>
    /// </remarks>
    /// <param name="covariance">A fit's covariance (<see cref="FitDiagnostics.Covariance"/>).</param>
    /// <param name="build">Builds a simulator model from a parameter vector (in the order of <see cref="ParameterCovariance.Names"/>).</param>
    /// <param name="rates">The rate path of the exact engine.</param>
    /// <param name="draws">Number of parameter draws, in [2, 100000].</param>
    /// <param name="seed">Seed of the draws.</param>
    /// <param name="lowerLevel">Lower quantile level, in (0, <paramref name="upperLevel"/>).</param>
    /// <param name="upperLevel">Upper quantile level, in (<paramref name="lowerLevel"/>, 1).</param>
    /// <returns>The interval, the point estimate and every draw's CLV.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="draws"/> or a level out of range.</exception>
    public static ClvInterval ParameterUncertainty(ParameterCovariance covariance, Func<IReadOnlyList<double>, StrategyModel> build,
        RatePath rates, int draws, ulong seed, double lowerLevel = 0.05, double upperLevel = 0.95)
    {
        ArgumentNullException.ThrowIfNull(covariance);
        CheckIntervalArguments(build, rates, draws, lowerLevel, upperLevel);

        var centre = new double[covariance.Count];
        for (var i = 0; i < centre.Length; i++)
        {
            centre[i] = covariance.Value(i);
        }

        return Draw([.. covariance.Names], centre, covariance.LogCholesky(), build, rates, draws, seed, lowerLevel, upperLevel);
    }

    /// <summary>θ_d = θ̂ ∘ exp(L z_d) for each draw d, valued with the exact engine.</summary>
    private static ClvInterval Draw(string[] names, double[] centre, double[,] factor, Func<IReadOnlyList<double>, StrategyModel> build,
        RatePath rates, int draws, ulong seed, double lowerLevel, double upperLevel)
    {
        int n = centre.Length;
        var point = ExpectedValueEngine.Project(build(centre), rates).Clv;
        var values = new double[draws];
        var z = new double[n];
        for (var d = 0; d < draws; d++)
        {
            var stream = new DrawSequence(seed, 0, d, DrawPurpose.Calibration);
            for (var i = 0; i < n; i += 2)
            {
                var (z0, z1) = RandomDraws.StandardNormalPair(stream.Block((uint)(i / 2)));
                z[i] = z0;
                if (i + 1 < n)
                {
                    z[i + 1] = z1;
                }
            }

            var theta = new double[n];
            for (var i = 0; i < n; i++)
            {
                double shift = 0;
                for (var k = 0; k <= i; k++)
                {
                    shift += factor[i, k] * z[k];
                }

                theta[i] = centre[i] * Math.Exp(shift);
            }

            values[d] = ExpectedValueEngine.Project(build(theta), rates).Clv;
        }

        var sorted = (double[])values.Clone();
        Array.Sort(sorted);
        return new ClvInterval(point, Quantile(sorted, lowerLevel), Quantile(sorted, upperLevel), lowerLevel, upperLevel, values, seed, names);
    }

    /// <summary>Type-7 quantile of sorted values.</summary>
    private static double Quantile(double[] sorted, double level)
    {
        var h = (sorted.Length - 1) * level;
        var lo = (int)Math.Floor(h);
        var hi = Math.Min(lo + 1, sorted.Length - 1);
        return sorted[lo] + ((h - lo) * (sorted[hi] - sorted[lo]));
    }

    /// <summary>The sBG hazard in period k (0-based): 1 − r_{k+1} = γ/(γ + δ + k).</summary>
    private static double PeriodHazard(ShiftedBetaGeometricModel model, int k) => model.Gamma / (model.Gamma + model.Delta + k);

    /// <summary>The checks both <c>ParameterUncertainty</c> overloads make on their shared arguments.</summary>
    private static void CheckIntervalArguments(Func<IReadOnlyList<double>, StrategyModel> build, RatePath rates, int draws, double lowerLevel, double upperLevel)
    {
        ArgumentNullException.ThrowIfNull(build);
        ArgumentNullException.ThrowIfNull(rates);
        Guard.InRange(draws, 2, 100_000);
        if (!(lowerLevel > 0.0 && lowerLevel < upperLevel && upperLevel < 1.0))
        {
            throw new ArgumentOutOfRangeException(nameof(lowerLevel), lowerLevel, string.Create(CultureInfo.InvariantCulture,
                $"lowerLevel and upperLevel must satisfy 0 < lowerLevel < upperLevel < 1 (were {lowerLevel:R} and {upperLevel:R})."));
        }
    }
}
