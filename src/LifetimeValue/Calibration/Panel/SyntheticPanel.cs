using System.Globalization;
using LifetimeValue.Lifecycle;
using LifetimeValue.Random;
using MathNet.Numerics.Distributions;

namespace LifetimeValue.Calibration.Panel;

/// <summary>
/// Draws a customer-month panel from any <see cref="LifecycleModel"/>, reproducibly: the data a bank following the model exactly
/// would have. Used to check that <see cref="PanelCalibration"/> recovers the model (recovery and coverage tests), for samples
/// and for benchmarks.
/// </summary>
/// <remarks>
/// <para><b>Design.</b> Customer i is acquired in a month drawn uniformly from the burn-in and panel window, at the age of the
/// model's acquisition cohort i mod (total weight), born exactly that many years before (so its age changes in the month of
/// its acquisition anniversary, as in the engines). From acquisition it follows the model month by month: on entering a stage
/// (acquisition included) it adopts each product independently with its probability and keeps it for the stage; in each month
/// it earns the base margin and the held products' margins net of servicing at its age and the month's short rate (times the
/// relationship state's factor and the customer's margin multiplier when the model has them); it leaves at the end of a month
/// with the stage's hazard (times its frailty), until the horizon. Rows are emitted for the panel's months only: a relationship
/// row (empty product, the base margin, the closed marker in the last month) and one row per held product, revenues with
/// Gaussian noise of relative size <see cref="SyntheticPanelOptions.RevenueNoise"/>, rounded to cents. Customers come in
/// order (ids <c>C0000000</c>, <c>C0000001</c>, …), each customer's months in order.</para>
/// <para><b>Draws</b> (Philox4x32-10 keyed by the seed, <see cref="DrawPurpose.Calibration"/>, stream
/// <c>DrawSequence(seed, code, i, Calibration)</c> of customer i): code 101 — block 0, words X0 X1 the acquisition month, X2 X3
/// the frailty's uniform; block 1 the margin multiplier's normal; code 102 — block k, words X0 X1 the attrition uniform of
/// stage k (event-time method: months survived g = ⌊ln u / (m ln(1 − h))⌋, P(g ≥ n) = (1 − h)^{mn}); code 103 — block
/// 16k + ⌊j/4⌋, word j mod 4 the adoption of product j of stage k; code 104 — block 33t + ⌊r/2⌋ the normal noise of row r
/// of month t since acquisition; code 105 — block ⌊t/4⌋, word t mod 4 the state transition in month t.</para>
/// <para>Thread safety: stateless; the sequence is a pure function of the model and the options.</para>
/// </remarks>
public static class SyntheticPanel
{
    private const long AcquisitionCode = 101, AttritionCode = 102, AdoptionCode = 103, NoiseCode = 104, StateCode = 105;

    /// <summary>Draws the panel lazily, customer by customer.</summary>
    /// <param name="model">The generating model (its states and heterogeneity are honoured).</param>
    /// <param name="options">The design; null for the defaults.</param>
    /// <returns>The rows, grouped by customer and in month order.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="model"/> is null.</exception>
    /// <exception cref="ArgumentException">The model's parts do not fit, or <see cref="SyntheticPanelOptions.Rates"/> does not cover the panel.</exception>
    public static IEnumerable<PanelRow> Generate(LifecycleModel model, SyntheticPanelOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        model.Validate();
        options ??= new SyntheticPanelOptions();
        var first = (options.FirstMonth.Year * 12) + options.FirstMonth.Month - 1;
        var rates = new double[options.Months];
        for (var m = 0; m < rates.Length; m++)
        {
            if (options.Rates is { } series)
            {
                if (!series.TryGet(first + m, out rates[m]))
                {
                    throw new ArgumentException(FormattableString.Invariant(
                        $"options.Rates ({series.FirstMonth:yyyy-MM} to {series.LastMonth:yyyy-MM}) must cover the panel's months {options.FirstMonth:yyyy-MM} to {options.FirstMonth.AddMonths(options.Months - 1):yyyy-MM}."),
                        nameof(options));
                }
            }
            else
            {
                rates[m] = options.ConstantRate;
            }
        }

        return Iterate(model, options, first, rates);
    }

    private static IEnumerable<PanelRow> Iterate(LifecycleModel model, SyntheticPanelOptions options, int first, double[] rates)
    {
        var burnIn = options.BurnInMonths ?? model.MaxPeriods;
        var window = (ulong)(burnIn + options.Months);
        var digits = Math.Max(7, (options.Customers - 1).ToString(CultureInfo.InvariantCulture).Length);
        var format = "D" + digits.ToString(CultureInfo.InvariantCulture);
        var ladder = model.Stages;
        var frailty = model.Heterogeneity?.AttritionFrailtyShape;
        var sigma = model.Heterogeneity?.MarginLogSigma ?? 0.0;
        var states = model.States;
        var held = new List<int>(8);
        var noise = options.RevenueNoise;
        for (long i = 0; i < options.Customers; i++)
        {
            var acquisition = new DrawSequence(options.Seed, AcquisitionCode, i, DrawPurpose.Calibration);
            var block = acquisition.Block(0);
            var start = first - burnIn + (int)((((ulong)block.X0 << 32) | block.X1) % window);
            var age = model.Acquisition.Ages[model.Acquisition.CohortOf(i)];
            var periods = model.Horizon.PeriodsFor(age);
            if (start + periods <= first || start >= first + options.Months)
            {
                // Followed to the horizon before the panel starts, or acquired after it ends: never seen.
                continue;
            }

            var m = frailty is { } k ? Gamma.InvCDF(k, k, RandomDraws.OpenUnit(block.X2, block.X3)) : 1.0;
            var multiplier = 1.0;
            if (sigma > 0)
            {
                var (z, _) = RandomDraws.StandardNormalPair(acquisition.Block(1));
                multiplier = Math.Exp((sigma * z) - (sigma * sigma / 2));
            }

            var id = "C" + i.ToString(format, CultureInfo.InvariantCulture);
            var birthMonth = start - (12 * age);
            var birth = new DateOnly(birthMonth / 12, (birthMonth % 12) + 1, 1 + (int)(i % 28));
            var attrition = new DrawSequence(options.Seed, AttritionCode, i, DrawPurpose.Calibration);
            var adoption = new DrawSequence(options.Seed, AdoptionCode, i, DrawPurpose.Calibration);
            var rowNoise = new DrawSequence(options.Seed, NoiseCode, i, DrawPurpose.Calibration);
            var transitions = new DrawSequence(options.Seed, StateCode, i, DrawPurpose.Calibration);
            var state = 0;
            var costPending = options.WithAcquisitionCost;
            var t = 0;
            var gone = false;
            while (t < periods && !gone)
            {
                var stageIndex = ladder.IndexOf(age + (t / 12));
                var stage = ladder.Stages[stageIndex];
                var end = Math.Min(periods, 12 * (stage.EndAge - age));

                // Adoption at stage entry, then the month of leaving (event time), as the engines draw them.
                held.Clear();
                for (var j = 0; j < stage.Products.Count; j++)
                {
                    var b = adoption.Block((uint)((16 * stageIndex) + (j >> 2)));
                    var word = (j & 3) switch { 0 => b.X0, 1 => b.X1, 2 => b.X2, _ => b.X3 };
                    if (word < RandomDraws.BernoulliThreshold(stage.Products[j].AdoptionProbability))
                    {
                        held.Add(j);
                    }
                }

                var leave = end;
                var h = stage.MonthlyHazard;
                if (h > 0)
                {
                    var a = attrition.Block((uint)stageIndex);
                    var u = RandomDraws.OpenUnit(a.X0, a.X1);
                    var g = Math.Floor(Math.Log(u) / (m * Math.Log(1.0 - h)));
                    if (g < end - t)
                    {
                        leave = t + (int)g + 1;
                        gone = true;
                    }
                }

                for (; t < leave; t++)
                {
                    var f = states?.States[state].MarginFactor ?? 1.0;
                    var calendar = start + t;
                    if (calendar >= first + options.Months)
                    {
                        gone = true;
                        break;
                    }

                    if (calendar >= first)
                    {
                        var r = rates[calendar - first];
                        var ageNow = age + (t / 12);
                        var month = new DateOnly(calendar / 12, (calendar % 12) + 1, 1);
                        var closed = gone && t == leave - 1;
                        var baseMargin = f * multiplier * stage.BaseMargin.At(ageNow, r);
                        yield return Row(id, month, birth, ageNow, string.Empty, Noisy(baseMargin, noise, rowNoise, t, 0), closed,
                            costPending ? model.AcquisitionCost : null, options.AgesOnly);
                        costPending = false;
                        for (var n = 0; n < held.Count; n++)
                        {
                            var product = stage.Products[held[n]];
                            var margin = (f * multiplier * product.Margin.At(ageNow, r)) - product.MonthlyServicingCost;
                            yield return Row(id, month, birth, ageNow, product.Name, Noisy(margin, noise, rowNoise, t, n + 1), false, null, options.AgesOnly);
                        }
                    }

                    if (states is not null)
                    {
                        var tb = transitions.Block((uint)(t >> 2));
                        var word = (t & 3) switch { 0 => tb.X0, 1 => tb.X1, 2 => tb.X2, _ => tb.X3 };
                        state = NextState(states, state, word);
                    }
                }
            }
        }
    }

    private static PanelRow Row(string id, DateOnly month, DateOnly birth, int age, string product, double revenue, bool closed, double? cost, bool agesOnly) =>
        agesOnly
            ? new PanelRow(id, month, null, age, product, revenue, closed, null, cost)
            : new PanelRow(id, month, birth, null, product, revenue, closed, null, cost);

    private static double Noisy(double mean, double noise, DrawSequence stream, int t, int row)
    {
        if (noise == 0)
        {
            return Math.Round(mean, 2);
        }

        var (z0, z1) = RandomDraws.StandardNormalPair(stream.Block((uint)((33 * t) + (row >> 1))));
        var z = (row & 1) == 0 ? z0 : z1;
        return Math.Round(mean + (noise * Math.Abs(mean) * z), 2);
    }

    private static int NextState(RelationshipStates states, int from, uint word)
    {
        // Cumulative thresholds ⌊(P[s,0] + … + P[s,j])·2³²⌋, as the month-by-month kernel.
        var cumulative = 0.0;
        var n = states.States.Count;
        for (var j = 0; j < n - 1; j++)
        {
            cumulative += states.Transition(from, j);
            if (word < RandomDraws.BernoulliThreshold(Math.Min(1.0, cumulative)))
            {
                return j;
            }
        }

        return n - 1;
    }
}
