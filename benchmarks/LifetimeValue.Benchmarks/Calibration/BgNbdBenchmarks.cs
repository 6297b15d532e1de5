using BenchmarkDotNet.Attributes;
using LifetimeValue.Calibration;

namespace LifetimeValue.Benchmarks.Calibration;

/// <summary>
/// Calibration: the BG/NBD log-likelihood (Fader, Hardie and Lee 2005) of 10,000 synthetic (x, tₓ, T) histories at
/// fixed parameters, per customer — the inner cost of every optimiser step of <c>BgNbdModel.Fit</c>.
/// </summary>
[Config(typeof(BenchConfig))]
public class BgNbdBenchmarks
{
    private const int Customers = 10_000;
    private IReadOnlyList<RepeatHistory> _histories = null!;

    [GlobalSetup]
    public void Setup()
    {
        var truth = BgNbdModel.FromParameters(0.24, 4.41, 0.79, 2.43); // CDNOW estimates (Fader, Hardie and Lee 2005)
        var ages = Enumerable.Range(0, Customers).Select(i => 27.0 + (12.0 * (i % 10) / 10.0)).ToArray();
        _histories = SyntheticCustomers.BgNbd(truth, ages, 1);
    }

    [Benchmark(OperationsPerInvoke = Customers)]
    public double LogLikelihoodPerCustomer() => BgNbdModel.LogLikelihoodOf(0.25, 4.0, 0.8, 2.5, _histories);
}
