namespace LifetimeValue.Gpu.Tests;

/// <summary>
/// One GPU engine on ILGPU's CPU accelerator for the whole test assembly (opening it compiles the kernel once). Launches
/// hold at most 1,000 customers, so most runs take several launches, some of which span scenarios.
/// </summary>
[SetUpFixture]
public sealed class CpuAcceleratorFixture
{
    private static GpuMonteCarloEngine? _engine;

    public static GpuMonteCarloEngine Engine => _engine ?? throw new InvalidOperationException("The set-up fixture has not run.");

    [OneTimeSetUp]
    public void Open() => _engine = new GpuMonteCarloEngine(new GpuEngineOptions { Accelerator = AcceleratorKind.Cpu, MaxCustomersPerLaunch = 1_000 });

    [OneTimeTearDown]
    public void Close() => _engine?.Dispose();
}
