using LifetimeValue.Model;
using LifetimeValue.Random;
using LifetimeValue.Scenarios;

namespace LifetimeValue.Focused.Internal;

/// <summary>
/// Monte Carlo kernel of a <see cref="CustomerFocusedModel"/>: month-by-month stepping (short horizons).
/// </summary>
/// <remarks>
/// <para>Draws (Philox4x32-10 keyed by the seed; counter as <see cref="DrawSequence"/>): month t of customer i in
/// scenario s uses block (purpose Purchase, index t): X0 purchase (ignored in the first month, which always
/// purchases), X1 failure, X2 referral, X3 churn after the purchase; and, when the monthly attrition is positive,
/// word X0 of block (purpose Attrition, index t).</para>
/// <para>Mixed models (heterogeneity or a tenure attrition curve) first draw the customer's (m, p, g) from blocks
/// (purpose Heterogeneity, index 0 and 1) through MathNet's inverse CDFs, then use per-customer thresholds
/// (<see cref="CompiledFocusedModel.PurchaseFor"/>, <see cref="CompiledFocusedModel.ChurnFor"/>,
/// <see cref="CompiledFocusedModel.AttritionFor"/>); the monthly draws are the same blocks and words as above.</para>
/// <para>A referral adds the referral credit K_t (the referred customer's expected value given the scenario, less the
/// reward) to the referrer's PV.</para>
/// </remarks>
internal sealed class FocusedChunkKernel : ChunkKernel
{
    private readonly CompiledFocusedModel _model;
    private readonly ScenarioSet _scenarios;
    private readonly ulong _seed;
    private readonly double[] _rates;
    private readonly double[] _df;
    private readonly double[] _credit;
    private readonly double[] _value;
    private readonly double[] _good;
    private readonly double[] _failed;
    private readonly double[] _fee;
    private int _scenario = -1;

    public FocusedChunkKernel(CompiledFocusedModel model, ScenarioSet scenarios, ulong seed)
    {
        _model = model;
        _scenarios = scenarios;
        _seed = seed;
        var h = model.MaxPeriods;
        _rates = new double[h];
        _df = new double[h];
        _credit = new double[h];
        _value = new double[h + 1];
        _good = new double[h];
        _failed = new double[h];
        _fee = new double[h];
    }

    public override void Run(int scenario, long first, int count, Span<double> pv, Span<double> flows)
    {
        Build(scenario);
        if (_model.IsMixed)
        {
            RunMixed(scenario, first, count, pv, flows);
            return;
        }

        var m = _model;
        var h = m.MaxPeriods;
        flows[..h].Clear();
        var k0 = (uint)_seed;
        var k1 = (uint)(_seed >> 32);
        var c3 = (uint)scenario;
        const uint PurchaseTag = (uint)DrawPurpose.Purchase << 16;
        const uint AttritionTag = (uint)DrawPurpose.Attrition << 16;
        var attrition = m.AttritionThresholds;
        var purchase = m.PurchaseThreshold;
        var failure = m.FailureThreshold;

        for (var n = 0; n < count; n++)
        {
            var customer = first + n;
            var c1 = (uint)customer;
            var c2 = (uint)((ulong)customer >> 32);
            var value = -m.AcquisitionCost;
            for (var t = 0; t < h; t++)
            {
                var b = Philox4x32.Generate((uint)t, c1, c2 | PurchaseTag, c3, k0, k1);
                var v = _fee[t];
                var leaves = false;
                if (t == 0 || b.X0 < purchase[t])
                {
                    var failed = b.X1 < failure[t];
                    v += failed ? _failed[t] : _good[t];
                    if (b.X2 < (failed ? m.ReferralFailedThreshold : m.ReferralGoodThreshold))
                    {
                        v += _credit[t];
                    }

                    leaves = b.X3 < (failed ? m.ChurnFailedThreshold : m.ChurnGoodThreshold);
                }

                value += v;
                flows[t] += v;
                if (leaves)
                {
                    break;
                }

                if (attrition[t] != 0 && Philox4x32.Generate((uint)t, c1, c2 | AttritionTag, c3, k0, k1).X0 < attrition[t])
                {
                    break;
                }
            }

            pv[n] = value;
        }
    }

    private void RunMixed(int scenario, long first, int count, Span<double> pv, Span<double> flows)
    {
        var m = _model;
        var h = m.MaxPeriods;
        flows[..h].Clear();
        var k0 = (uint)_seed;
        var k1 = (uint)(_seed >> 32);
        var c3 = (uint)scenario;
        const uint PurchaseTag = (uint)DrawPurpose.Purchase << 16;
        const uint AttritionTag = (uint)DrawPurpose.Attrition << 16;
        const uint HeterogeneityTag = (uint)DrawPurpose.Heterogeneity << 16;
        var purchase = m.PurchaseThreshold;
        var failure = m.FailureThreshold;
        var attrition = m.AttritionThresholds;
        var mixPurchase = m.PurchaseShape is not null;
        var mixAttrition = m.AttritionShape is not null;

        for (var n = 0; n < count; n++)
        {
            var customer = first + n;
            var c1 = (uint)customer;
            var c2 = (uint)((ulong)customer >> 32);

            // The customer's own parameters, once, before month 0.
            var (rate, dropout, hazard) = m.DrawCustomer(
                Philox4x32.Generate(0u, c1, c2 | HeterogeneityTag, c3, k0, k1),
                Philox4x32.Generate(1u, c1, c2 | HeterogeneityTag, c3, k0, k1));
            var churnGoodRepeat = RandomDraws.BernoulliThreshold(CompiledFocusedModel.ChurnFor(m.ChurnGood, dropout, 1));
            var churnFailedRepeat = RandomDraws.BernoulliThreshold(CompiledFocusedModel.ChurnFor(m.ChurnFailed, dropout, 1));
            var value = -m.AcquisitionCost;
            for (var t = 0; t < h; t++)
            {
                var b = Philox4x32.Generate((uint)t, c1, c2 | PurchaseTag, c3, k0, k1);
                var v = _fee[t];
                var leaves = false;
                var buys = t == 0 || b.X0 < (mixPurchase ? RandomDraws.BernoulliThreshold(m.PurchaseFor(t, rate)) : purchase[t]);
                if (buys)
                {
                    var failed = b.X1 < failure[t];
                    v += failed ? _failed[t] : _good[t];
                    if (b.X2 < (failed ? m.ReferralFailedThreshold : m.ReferralGoodThreshold))
                    {
                        v += _credit[t];
                    }

                    var churn = t == 0
                        ? (failed ? m.ChurnFailedThreshold : m.ChurnGoodThreshold)
                        : (failed ? churnFailedRepeat : churnGoodRepeat);
                    leaves = b.X3 < churn;
                }

                value += v;
                flows[t] += v;
                if (leaves)
                {
                    break;
                }

                var leave = mixAttrition ? RandomDraws.BernoulliThreshold(m.AttritionFor(t, hazard)) : attrition[t];
                if (leave != 0 && Philox4x32.Generate((uint)t, c1, c2 | AttritionTag, c3, k0, k1).X0 < leave)
                {
                    break;
                }
            }

            pv[n] = value;
        }
    }

    private void Build(int scenario)
    {
        if (scenario == _scenario)
        {
            return;
        }

        var m = _model;
        _scenarios.Path(scenario)[.._rates.Length].CopyTo(_rates);
        m.Model.Discounting.Fill(_rates, _df);
        if (!m.Attribute)
        {
            // The referral credit is zero without attribution; skip the value tables (O(H · nodes) for mixed models).
            Array.Clear(_credit);
        }
        else
        {
            m.ValueTables(_df, _credit, _value);
        }

        for (var t = 0; t < _df.Length; t++)
        {
            _good[t] = _df[t] * m.Margin[t];
            _failed[t] = _df[t] * (m.Margin[t] - m.RecoverySpend);
            _fee[t] = -_df[t] * m.FeedbackCost;
        }

        _scenario = scenario;
    }
}
