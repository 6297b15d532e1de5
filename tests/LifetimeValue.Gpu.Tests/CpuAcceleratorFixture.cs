namespace LifetimeValue.Gpu.Tests;

/// <summary>One GPU engine on ILGPU's CPU accelerator for the whole test assembly (opening it compiles the kernel once).</summary>
[SetUpFixture]
public sealed class CpuAcceleratorFixture
{
    private static GpuMonteCarloEngine? _engine;

    public static GpuMonteCarloEngine Engine => _engine ?? throw new InvalidOperationException("The set-up fixture has not run.");

    [OneTimeSetUp]
    public void Open() => _engine = new GpuMonteCarloEngine(new GpuEngineOptions { Accelerator = AcceleratorKind.Cpu, MaxCustomersPerLaunch = 3_000 });

    [OneTimeTearDown]
    public void Close() => _engine?.Dispose();
}
