using System.Diagnostics;
using System.Text.RegularExpressions;

namespace LifetimeValue.Samples.Tests;

/// <summary>
/// The solution packed once per test run into a local feed, as the README's install-from-source section does
/// (<c>dotnet pack LifetimeValue.sln -o ./feed</c>), shared by the notebook, README and package tests. The feed and a
/// private NuGet package folder live in a temporary folder deleted after the run (<see cref="SamplesRun"/>), so the
/// freshly packed version never reaches, or comes from, the machine's NuGet cache.
/// </summary>
internal sealed partial class PackedFeed
{
    private static readonly Lazy<PackedFeed> Instance = new(() => new PackedFeed(), LazyThreadSafetyMode.ExecutionAndPublication);

    private PackedFeed()
    {
        Temp = Path.Combine(Path.GetTempPath(), $"lv-samples-{Guid.NewGuid():N}");
        Clone = Path.Combine(Temp, "lifetimevalue");
        Feed = Path.Combine(Clone, "feed");
        Packages = Path.Combine(Temp, "packages");
        Directory.CreateDirectory(Feed);

        // The README's line, with the test build's configuration and no rebuild: `dotnet test` has just compiled every
        // packable project (the test project references them), so packing costs seconds, not a second build.
        var watch = Stopwatch.StartNew();
        Processes.Run("dotnet", Repository.Root, Environment, TimeSpan.FromMinutes(10), check: true,
            "pack", "LifetimeValue.sln", "-o", Feed, "--no-build", "-c", Repository.Configuration);
        PackSeconds = watch.Elapsed.TotalSeconds;

        var core = Directory.GetFiles(Feed, "LifetimeValue.*.nupkg").Select(p => CoreVersion().Match(Path.GetFileName(p)))
            .FirstOrDefault(m => m.Success) ?? throw new InvalidOperationException($"no LifetimeValue.<version>.nupkg in {Feed}");
        Version = core.Groups["version"].Value;
    }

    /// <summary>The shared feed, packed on first use.</summary>
    public static PackedFeed Shared => Instance.Value;

    /// <summary>Whether a test has packed the feed in this run.</summary>
    public static bool IsCreated => Instance.IsValueCreated;

    /// <summary>The temporary folder holding the feed and the package folder.</summary>
    public string Temp { get; }

    /// <summary>
    /// Stands for the clone's root in the README's install lines, which run there: it holds only <c>feed</c>, so that
    /// <c>./feed</c> in those lines is this run's feed (the repository's own ./feed is left alone).
    /// </summary>
    public string Clone { get; }

    /// <summary>The folder of .nupkg/.snupkg files (<see cref="Clone"/>/feed).</summary>
    public string Feed { get; }

    /// <summary>A private NUGET_PACKAGES folder for every restore of the run.</summary>
    public string Packages { get; }

    /// <summary>The packages' version, from LifetimeValue.&lt;version&gt;.nupkg.</summary>
    public string Version { get; }

    /// <summary>Seconds the pack took.</summary>
    public double PackSeconds { get; }

    /// <summary>NUGET_PACKAGES for child processes.</summary>
    public IReadOnlyDictionary<string, string?> Environment => new Dictionary<string, string?> { ["NUGET_PACKAGES"] = Packages };

    [GeneratedRegex(@"^LifetimeValue\.(?<version>\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?)\.nupkg$")]
    private static partial Regex CoreVersion();
}

/// <summary>Deletes the shared feed once every test of the assembly has run.</summary>
[SetUpFixture]
public sealed class SamplesRun
{
    [OneTimeTearDown]
    public void DeleteFeed()
    {
        if (!PackedFeed.IsCreated)
        {
            return;
        }

        try
        {
            Directory.Delete(PackedFeed.Shared.Temp, recursive: true);
        }
        catch (IOException e)
        {
            TestContext.Out.WriteLine($"could not delete {PackedFeed.Shared.Temp}: {e.Message}");
        }
    }
}
