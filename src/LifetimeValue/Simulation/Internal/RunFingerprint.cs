using System.Security.Cryptography;
using LifetimeValue.Internal;
using LifetimeValue.Scenarios;

namespace LifetimeValue.Simulation.Internal;

/// <summary>
/// A SHA-256 digest of everything that defines a run's result: the compiled model's numbers, every
/// scenario's rates, the discounting, the seed, customers, chunk size, method and sketch settings.
/// Partials merge only when their fingerprints agree.
/// </summary>
internal static class RunFingerprint
{
    public static string Compute(CompiledModel model, ScenarioSet scenarios, SimulationOptions options)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var scratch = new byte[8];
        void L(long v)
        {
            BitConverter.TryWriteBytes(scratch, v);
            hash.AppendData(scratch);
        }

        void D(double v) => L(BitConverter.DoubleToInt64Bits(v));
        void A(double[] values)
        {
            L(values.Length);
            foreach (var v in values)
            {
                D(v);
            }
        }

        hash.AppendData("LifetimeValue.MonteCarlo/1"u8);
        L((long)options.Seed);
        L(options.Customers);
        L(options.ChunkSize);
        L((long)options.Method);
        D(options.SketchAccuracy);
        L(options.ExactQuantileLimit);
        D(model.AcquisitionCost);
        L(model.Model.Acquisition.TotalWeight);
        foreach (var w in model.Model.Acquisition.Weights)
        {
            L(w);
        }

        foreach (var plan in model.Cohorts)
        {
            L(plan.Age);
            L(plan.Periods);
            A(plan.BaseIntercept);
            A(plan.BaseSlope);
            foreach (var seg in plan.Segments)
            {
                L(seg.StageIndex);
                L(seg.Start);
                L(seg.End);
                D(seg.Hazard);
                foreach (var slot in seg.Products)
                {
                    D(slot.Adoption);
                    D(slot.Servicing);
                    A(slot.Intercept);
                    A(slot.Slope);
                }
            }
        }

        var periods = model.MaxPeriods;
        L(scenarios.ScenarioCount);
        for (var s = 0; s < scenarios.ScenarioCount; s++)
        {
            foreach (var r in scenarios.Path(s)[..periods])
            {
                D(r);
            }
        }

        // Discounting: its factors on the first scenario, plus its kind.
        var df = new double[periods];
        model.Model.Discounting.Fill(scenarios.Path(0)[..periods], df);
        A(df);
        hash.AppendData(System.Text.Encoding.UTF8.GetBytes(model.Model.Discounting.GetType().Name));
        return Convert.ToHexString(hash.GetHashAndReset())[..32];
    }
}
