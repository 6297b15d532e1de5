using System.Reflection;

namespace LifetimeValue.Orleans.Tests;

/// <summary>The LocalCluster sample runs to completion and finds the cluster's result identical to in-process.</summary>
public sealed class LocalClusterSampleTests
{
    private static Task<int> RunSample(params string[] args)
    {
        var entry = Assembly.Load("LocalCluster").EntryPoint ?? throw new InvalidOperationException("LocalCluster has no entry point.");
        // The compiler's entry point for an async top-level program is a synchronous wrapper returning int.
        return Task.Run(() => (int)entry.Invoke(null, [args])!);
    }

    [Test]
    public async Task LocalCluster_SmallW1_ExitsZeroWhenIdentical()
    {
        var exitCode = await RunSample("--customers", "8000", "--scenarios", "2").WaitAsync(TimeSpan.FromMinutes(2));

        exitCode.Should().Be(0, "the sample exits 0 only when the 3-silo result equals the in-process result byte for byte");
    }

    [Test]
    public async Task LocalCluster_BadArguments_ExitsTwo()
    {
        (await RunSample("--customers")).Should().Be(2);
        (await RunSample("--frobnicate")).Should().Be(2);
    }
}
