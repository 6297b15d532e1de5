namespace LifetimeValue.Samples.Tests;

/// <summary>Paths in the repository, found from the test assembly's folder.</summary>
internal static class Repository
{
    /// <summary>The folder holding LifetimeValue.sln.</summary>
    public static string Root => TestSupport.ReferenceData.RepositoryRoot;

    /// <summary>samples/notebooks.</summary>
    public static string Notebooks => Path.Combine(Root, "samples", "notebooks");

    /// <summary>The build configuration of the test assembly (Debug or Release), from its output path.</summary>
    public static string Configuration =>
        TestContext.CurrentContext.TestDirectory.Replace('\\', '/').Contains("/Release/", StringComparison.Ordinal) ? "Release" : "Debug";

    /// <summary>The notebook runner built beside the tests (same configuration).</summary>
    public static string NotebookRunner =>
        Path.Combine(Root, "tests", "LifetimeValue.NotebookRunner", "bin", Configuration, "net10.0", "LifetimeValue.NotebookRunner.dll");
}
