using System.Runtime.CompilerServices;
using LifetimeValue.Random;

namespace LifetimeValue.Scenarios;

/// <summary>
/// Sequential reader of one scenario's shocks in the <see cref="RateShocks"/> layout: one Philox block
/// (two Box–Muller normals) per two steps.
/// </summary>
internal struct RateShockStream
{
    private readonly DrawSequence _sequence;
    private uint _step;
    private double _pending;

    public RateShockStream(ulong seed, int scenario)
    {
        _sequence = new DrawSequence(seed, scenario, 0, DrawPurpose.RateShock);
        _step = 0;
        _pending = 0.0;
    }

    /// <summary>Z_{s,t} for t = 0, 1, 2, … in turn.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public double Next()
    {
        double z;
        if ((_step & 1) == 0)
        {
            // Even step: a fresh block ⌊t/2⌋ gives (Z0, Z1); Z0 now, Z1 for the odd step after it.
            (z, _pending) = RandomDraws.StandardNormalPair(_sequence.Block(_step >> 1));
        }
        else
        {
            z = _pending;
        }

        _step++;
        return z;
    }
}
