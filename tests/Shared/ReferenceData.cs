using System.Diagnostics;

namespace LifetimeValue.TestSupport;

/// <summary>
/// Third-party reference data and tools that some tests need but the repository does not hold: the CDNOW sample
/// (research data of Fader and Hardie, never committed; see the README's "Reference data" section) and Debian's
/// python3-numpy for the numpy peer. Outside CI a test whose data is missing is ignored with a reason that says how to
/// get it; in CI (environment variable CI=true, as .ci/run runs) it fails, so a CI run cannot pass without them.
/// </summary>
internal static class ReferenceData
{
    /// <summary>The environment variable naming the folder that holds the CDNOW files.</summary>
    public const string CdnowVariable = "LIFETIMEVALUE_CDNOW_DIR";

    /// <summary>The interpreter the numpy peer runs with (Debian's, where apt-get installs python3-numpy).</summary>
    public const string Python = "/usr/bin/python3";

    private const string CdnowHelp =
        "The CDNOW sample is third-party data and not in the repository: download CDNOW_sample.txt (and, for the summary " +
        "tests, cdnow_customers_summary_with_transactions.csv) as the README's \"Reference data\" section describes, and set " +
        CdnowVariable + " to the folder holding them.";

    /// <summary>True when running in CI (CI=true), where missing reference data is a failure.</summary>
    public static bool InCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>The folder holding LifetimeValue.sln, found upwards from the test assembly.</summary>
    public static string RepositoryRoot
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

    /// <summary>
    /// The CDNOW folder: $LIFETIMEVALUE_CDNOW_DIR, else the developers' shared folder beside the clone
    /// (../shared/data/cdnow), when it holds CDNOW_sample.txt; null otherwise.
    /// </summary>
    public static string? CdnowDirectory
    {
        get
        {
            var configured = Environment.GetEnvironmentVariable(CdnowVariable);
            var dir = string.IsNullOrWhiteSpace(configured)
                ? Path.GetFullPath(Path.Combine(RepositoryRoot, "..", "shared", "data", "cdnow"))
                : Path.GetFullPath(configured);
            return File.Exists(Path.Combine(dir, "CDNOW_sample.txt")) ? dir : null;
        }
    }

    /// <summary>The path of a CDNOW file; ignores the test (fails it in CI) when the file is missing.</summary>
    /// <param name="name">File name, e.g. CDNOW_sample.txt.</param>
    /// <returns>The full path of an existing file.</returns>
    public static string CdnowFile(string name)
    {
        var dir = CdnowDirectory;
        var path = dir is null ? null : Path.Combine(dir, name);
        if (path is null || !File.Exists(path))
        {
            Missing($"CDNOW file {name} not found ({CdnowVariable}={Environment.GetEnvironmentVariable(CdnowVariable) ?? "(unset)"}). {CdnowHelp}");
        }

        return path!;
    }

    /// <summary>Ignores the test (fails it in CI) unless /usr/bin/python3 can import numpy.</summary>
    public static void RequireNumpy()
    {
        if (!File.Exists(Python) || Run(Python, ["-c", "import numpy"], out _) != 0)
        {
            Missing($"{Python} with numpy is not installed: apt-get install -y python3-numpy (.ci/run installs it).");
        }
    }

    /// <summary>Fails the test in CI, ignores it elsewhere, with <paramref name="reason"/>.</summary>
    /// <param name="reason">What is missing and how to get it.</param>
    public static void Missing(string reason)
    {
        if (InCi)
        {
            Assert.Fail($"CI=true and reference data is missing, so this test cannot run: {reason}");
        }

        Assert.Ignore(reason);
    }

    /// <summary>Runs a program to completion; returns its exit code, with stdout and stderr together.</summary>
    public static int Run(string file, IEnumerable<string> arguments, out string output)
    {
        var info = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        output = stdout.Result + stderr.Result;
        return process.ExitCode;
    }
}
