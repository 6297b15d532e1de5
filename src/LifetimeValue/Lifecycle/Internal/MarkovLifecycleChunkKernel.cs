using LifetimeValue.Model;
using LifetimeValue.Random;
using LifetimeValue.Scenarios;
using LifetimeValue.Simulation;

namespace LifetimeValue.Lifecycle.Internal;

/// <summary>
/// The month-by-month kernel for lifecycle models with relationship states (<see cref="LifecycleModel.States"/>)
/// or customer heterogeneity (<see cref="LifecycleModel.Heterogeneity"/>). Attrition and adoption use the draws of
/// <see cref="LifecycleKernel"/> (stage blocks, adoption blocks, step blocks); the state path adds draws of purpose
/// StateTransition (word t mod 4 of block ⌊t/4⌋) and heterogeneity one block of purpose Heterogeneity. Each month's
/// margin is scaled by the state's factor and the customer's margin multiplier; a frailty m turns monthly retention ρ into ρ^m.
/// </summary>
internal sealed class MarkovLifecycleChunkKernel : ChunkKernel
{
    private const int MaxSegments = 128;

    private readonly CompiledLifecycleModel _model;
    private readonly ScenarioSet _scenarios;
    private readonly ulong _seed;
    private readonly bool _stepping;
    private readonly ScenarioTables _tables;
    private readonly double[] _factors;
    private readonly ulong[][] _cumulative;
    private readonly int[] _ends = new int[MaxSegments];
    private readonly ulong[] _held = new ulong[MaxSegments];
    private readonly double? _frailty;
    private readonly double _sigma;
    private readonly bool _hasStates;

    public MarkovLifecycleChunkKernel(CompiledLifecycleModel model, ScenarioSet scenarios, SimulationOptions options)
    {
        _model = model;
        _scenarios = scenarios;
        _seed = options.Seed;
        _stepping = options.Method == SimulationMethod.Stepping;
        _tables = new ScenarioTables(model);
        _frailty = model.Model.Heterogeneity?.AttritionFrailtyShape;
        _sigma = model.Model.Heterogeneity?.MarginLogSigma ?? 0.0;
        // Without states every month is in one state with factor 1 and no transition is drawn.
        var states = model.Model.States;
        _hasStates = states is not null;
        var n = states?.States.Count ?? 0;
        _factors = states is null ? [1.0] : [.. states.States.Select(s => s.MarginFactor)];
        _cumulative = new ulong[n][];
        for (var i = 0; i < n; i++)
        {
            _cumulative[i] = new ulong[n];
            var sum = 0.0;
            for (var j = 0; j < n; j++)
            {
                sum += states!.Transition(i, j);
                _cumulative[i][j] = RandomDraws.BernoulliThreshold(Math.Min(sum, 1.0));
            }

            _cumulative[i][n - 1] = 1UL << 32; // the last state absorbs the row's rounding (|sum − 1| ≤ 1e-9)
        }
    }

    public override void Run(int scenario, long first, int count, Span<double> pv, Span<double> flows)
    {
        _tables.Build(_scenarios, scenario);
        var model = _model;
        flows[..model.MaxPeriods].Clear();
        var k0 = (uint)_seed;
        var k1 = (uint)(_seed >> 32);
        var c3 = (uint)scenario;
        const uint AttritionTag = (uint)DrawPurpose.Attrition << 16;
        const uint AdoptionTag = (uint)DrawPurpose.Adoption << 16;
        const uint StateTag = (uint)DrawPurpose.StateTransition << 16;
        const uint HeterogeneityTag = (uint)DrawPurpose.Heterogeneity << 16;
        var r = _tables.Rates;
        var df = _tables.DiscountFactors;

        for (var n = 0; n < count; n++)
        {
            var customer = first + n;
            var c = model.Model.Acquisition.CohortOf(customer);
            var plan = model.Cohorts[c];
            var c1 = (uint)customer;
            var c2hi = (uint)((ulong)customer >> 32);

            // 0. Heterogeneity: hazard-rate multiplier m ~ Gamma(k, k), margin multiplier exp(σZ − σ²/2).
            var frailty = 1.0;
            var marginMultiplier = 1.0;
            if (_frailty is not null || _sigma > 0.0)
            {
                var h = Philox4x32.Generate(0, c1, c2hi | HeterogeneityTag, c3, k0, k1);
                if (_frailty is { } k)
                {
                    frailty = MathNet.Numerics.Distributions.Gamma.InvCDF(k, k, RandomDraws.OpenUnit(h.X0, h.X1));
                }

                if (_sigma > 0.0)
                {
                    var z = MathNet.Numerics.Distributions.Normal.InvCDF(0.0, 1.0, RandomDraws.OpenUnit(h.X2, h.X3));
                    marginMultiplier = Math.Exp((_sigma * z) - (0.5 * _sigma * _sigma));
                }
            }

            // 1. Attrition and adoption, segment by segment, with LifecycleKernel's draws.
            var segments = plan.Segments;
            var used = 0;
            for (var k = 0; k < segments.Length; k++)
            {
                var seg = segments[k];
                var block = Philox4x32.Generate((uint)seg.StageIndex, c1, c2hi | AttritionTag, c3, k0, k1);
                bool leaves;
                int end;
                if (_frailty is null)
                {
                    end = _stepping
                        ? LifecycleKernel.StepAttrition(seg, seg.HazardThreshold, k0, k1, c1, c2hi | AttritionTag, c3, out leaves)
                        : LifecycleKernel.EventAttrition(seg, RandomDraws.OpenUnit(block.X0, block.X1), out leaves);
                }
                else if (_stepping)
                {
                    var threshold = seg.Hazard == 0.0 ? 0UL : RandomDraws.BernoulliThreshold(1.0 - Math.Exp(frailty * seg.LogRetention));
                    end = LifecycleKernel.StepAttrition(seg, threshold, k0, k1, c1, c2hi | AttritionTag, c3, out leaves);
                }
                else
                {
                    end = FrailEventAttrition(seg, RandomDraws.OpenUnit(block.X0, block.X1), frailty, out leaves);
                }
                ulong held = 0;
                for (var j = 0; j < seg.Products.Length; j++)
                {
                    var word = j == 0 ? block.X2 : j == 1 ? block.X3 : LifecycleKernel.AdoptionWord(seg.StageIndex, j, k0, k1, c1, c2hi | AdoptionTag, c3);
                    if (word < seg.Products[j].AdoptionThreshold)
                    {
                        held |= 1UL << j;
                    }
                }

                _ends[k] = end;
                _held[k] = held;
                used = k + 1;
                if (leaves)
                {
                    break;
                }
            }

            // 2. Months in order, with the state path.
            var value = -model.AcquisitionCost;
            var state = 0;
            Philox4x32.Block stateBlock = default;
            for (var k = 0; k < used; k++)
            {
                var seg = segments[k];
                for (var t = seg.Start; t < _ends[k]; t++)
                {
                    var margin = plan.BaseIntercept[t] + (plan.BaseSlope[t] * r[t]);
                    var servicing = 0.0;
                    var held = _held[k];
                    for (var j = 0; held != 0; j++, held >>= 1)
                    {
                        if ((held & 1) != 0)
                        {
                            var slot = seg.Products[j];
                            var u = t - seg.Start;
                            margin += slot.Intercept[u] + (slot.Slope[u] * r[t]);
                            servicing += slot.Servicing;
                        }
                    }

                    var flow = df[t] * ((_factors[state] * marginMultiplier * margin) - servicing);
                    value += flow;
                    flows[t] += flow;

                    if (!_hasStates)
                    {
                        continue;
                    }

                    if ((t & 3) == 0)
                    {
                        stateBlock = Philox4x32.Generate((uint)(t >> 2), c1, c2hi | StateTag, c3, k0, k1);
                    }

                    var w = (t & 3) switch { 0 => stateBlock.X0, 1 => stateBlock.X1, 2 => stateBlock.X2, _ => stateBlock.X3 };
                    var row = _cumulative[state];
                    var next = 0;
                    while (w >= row[next])
                    {
                        next++;
                    }

                    state = next;
                }
            }

            pv[n] = value;
        }
    }

    /// <summary>Event-time attrition with retention ρ^m: g = ⌊ln u / (m ln ρ)⌋ months survived.</summary>
    private static int FrailEventAttrition(Segment seg, double u, double frailty, out bool leaves)
    {
        if (seg.Hazard == 0.0)
        {
            leaves = false;
            return seg.End;
        }

        var x = Math.Log(u) / (frailty * seg.LogRetention);
        if (!(x < seg.Length))
        {
            leaves = false;
            return seg.End;
        }

        leaves = true;
        return seg.Start + (int)x + 1;
    }
}
