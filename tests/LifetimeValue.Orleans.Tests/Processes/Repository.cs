namespace LifetimeValue.Orleans.Tests.Processes;

/// <summary>Paths in the repository, found from the test assembly's folder.</summary>
internal static class Repository
{
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

    /// <summary>The build configuration of the test assembly (Debug or Release), from its output path.</summary>
    public static string Configuration =>
        TestContext.CurrentContext.TestDirectory.Replace('\\', '/').Contains("/Release/", StringComparison.Ordinal) ? "Release" : "Debug";

    /// <summary>The built tool (the test project references the CLI project, so it is built first).</summary>
    public static string ToolAssembly
    {
        get
        {
            var path = Path.Combine(Root, "src", "LifetimeValue.Cli", "bin", Configuration, "net10.0", "LifetimeValue.Cli.dll");
            return File.Exists(path) ? path : throw new FileNotFoundException($"The built tool is missing: {path}. Build the solution first.", path);
        }
    }
}
