namespace LifetimeValue.Samples.Tests;

/// <summary>Paths in the repository and beside it, found from the test assembly's folder.</summary>
internal static class Repository
{
    public const string CdnowVariable = "LIFETIMEVALUE_CDNOW_DIR";

    /// <summary>The folder holding LifetimeValue.sln.</summary>
    public static string Root
    {
        get
        {
            var dir = new DirectoryInfo(TestContext.CurrentContext.TestDirectory);
            while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "LifetimeValue.sln")))
            {
                dir = dir.Parent;
            }

            return dir?.FullName ?? throw new InvalidOperationException($"LifetimeValue.sln not found above {TestContext.CurrentContext.TestDirectory}.");
        }
    }

    /// <summary>The CDNOW data folder: $LIFETIMEVALUE_CDNOW_DIR, else ../shared/data/cdnow beside the repository; null when absent.</summary>
    public static string? CdnowDirectory
    {
        get
        {
            var dir = Environment.GetEnvironmentVariable(CdnowVariable);
            dir = string.IsNullOrWhiteSpace(dir) ? Path.GetFullPath(Path.Combine(Root, "..", "shared", "data", "cdnow")) : dir;
            return File.Exists(Path.Combine(dir, "CDNOW_sample.txt")) ? dir : null;
        }
    }

    /// <summary>The build configuration of the test assembly (Debug or Release), from its output path.</summary>
    public static string Configuration =>
        TestContext.CurrentContext.TestDirectory.Replace('\\', '/').Contains("/Release/", StringComparison.Ordinal) ? "Release" : "Debug";
}
