using LifetimeValue.Internal;
using LifetimeValue.Random;
using LifetimeValue.Scenarios;

namespace LifetimeValue.Simulation.Internal;

/// <summary>
/// The month-by-month kernel for lifecycle models with relationship states (<see cref="Model.LifecycleModel.States"/>).
/// Attrition and adoption use exactly the draws of <see cref="LifecycleKernel"/> (stage blocks, adoption blocks,
/// step blocks), so a customer leaves and adopts as it would without states; the state path adds draws of purpose
/// StateTransition (word t mod 4 of block ⌊t/4⌋). Each month's margin is scaled by the state's factor.
/// </summary>
internal sealed class MarkovLifecycleChunkKernel : ChunkKernel
{
    private const int MaxSegments = 128;

    private readonly CompiledModel _model;
    private readonly ScenarioSet _scenarios;
    private readonly ulong _seed;
    private readonly bool _stepping;
    private readonly ScenarioTables _tables;
    private readonly double[] _factors;
    private readonly ulong[][] _cumulative;
    private readonly int[] _ends = new int[MaxSegments];
    private readonly ulong[] _held = new ulong[MaxSegments];

    public MarkovLifecycleChunkKernel(CompiledModel model, ScenarioSet scenarios, SimulationOptions options)
    {
        _model = model;
        _scenarios = scenarios;
        _seed = options.Seed;
        _stepping = options.Method == SimulationMethod.Stepping;
        _tables = new ScenarioTables(model);
        var states = model.Model.States!;
        var n = states.States.Count;
        _factors = [.. states.States.Select(s => s.MarginFactor)];
        _cumulative = new ulong[n][];
        for (var i = 0; i < n; i++)
        {
            _cumulative[i] = new ulong[n];
            var sum = 0.0;
            for (var j = 0; j < n; j++)
            {
                sum += states.Transition(i, j);
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
        var r = _tables.Rates;
        var df = _tables.DiscountFactors;

        for (var n = 0; n < count; n++)
        {
            var customer = first + n;
            var c = model.Model.Acquisition.CohortOf(customer);
            var plan = model.Cohorts[c];
            var c1 = (uint)customer;
            var c2hi = (uint)((ulong)customer >> 32);

            // 1. Attrition and adoption, segment by segment, with LifecycleKernel's draws.
            var segments = plan.Segments;
            var used = 0;
            for (var k = 0; k < segments.Length; k++)
            {
                var seg = segments[k];
                var block = Philox4x32.Generate((uint)seg.StageIndex, c1, c2hi | AttritionTag, c3, k0, k1);
                bool leaves;
                var end = _stepping
                    ? StepAttrition(seg, k0, k1, c1, c2hi | AttritionTag, c3, out leaves)
                    : LifecycleKernel.EventAttrition(seg, RandomDraws.OpenUnit(block.X0, block.X1), out leaves);
                ulong held = 0;
                for (var j = 0; j < seg.Products.Length; j++)
                {
                    var word = j == 0 ? block.X2 : j == 1 ? block.X3 : AdoptionWord(seg.StageIndex, j, k0, k1, c1, c2hi | AdoptionTag, c3);
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

                    var flow = df[t] * ((_factors[state] * margin) - servicing);
                    value += flow;
                    flows[t] += flow;

                    if ((t & 3) == 0 || t == 0)
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

    private static int StepAttrition(Segment seg, uint k0, uint k1, uint c1, uint c2, uint c3, out bool leaves)
    {
        var threshold = seg.HazardThreshold;
        Philox4x32.Block block = default;
        for (var t = seg.Start; t < seg.End; t++)
        {
            var w = t & 3;
            if (w == 0 || t == seg.Start)
            {
                block = Philox4x32.Generate(LifecycleKernel.StepBlockBase + (uint)(t >> 2), c1, c2, c3, k0, k1);
            }

            var word = w switch { 0 => block.X0, 1 => block.X1, 2 => block.X2, _ => block.X3 };
            if (word < threshold)
            {
                leaves = true;
                return t + 1;
            }
        }

        leaves = false;
        return seg.End;
    }

    private static uint AdoptionWord(int stage, int product, uint k0, uint k1, uint c1, uint c2, uint c3)
    {
        var j = product - 2;
        var block = Philox4x32.Generate((uint)((16 * stage) + (j >> 2)), c1, c2, c3, k0, k1);
        return (j & 3) switch { 0 => block.X0, 1 => block.X1, 2 => block.X2, _ => block.X3 };
    }
}
