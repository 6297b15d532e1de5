using System.Globalization;
using LifetimeValue.Calibration;

namespace LifetimeValue.Tests.Calibration;

/// <summary>
/// Locates the third-party CDNOW files (never copied into the repository): ../shared/data/cdnow next to the folder
/// holding LifetimeValue.sln, or the folder in the environment variable LIFETIMEVALUE_CDNOW_DIR.
/// Provenance: /work/shared/data/cdnow/SOURCE.md (Fader and Hardie; lifetimes and BTYD copies).
/// </summary>
internal static class CdnowData
{
    public const string EnvironmentVariable = "LIFETIMEVALUE_CDNOW_DIR";

    public static string Directory
    {
        get
        {
            var fromEnvironment = Environment.GetEnvironmentVariable(EnvironmentVariable);
            if (!string.IsNullOrWhiteSpace(fromEnvironment))
            {
                return fromEnvironment;
            }

            var dir = new DirectoryInfo(TestContext.CurrentContext.TestDirectory);
            while (dir is not null && !System.IO.File.Exists(Path.Combine(dir.FullName, "LifetimeValue.sln")))
            {
                dir = dir.Parent;
            }

            return dir is null
                ? Path.Combine("..", "shared", "data", "cdnow")
                : Path.GetFullPath(Path.Combine(dir.FullName, "..", "shared", "data", "cdnow"));
        }
    }

    /// <summary>The path of a CDNOW file, or Assert.Ignore when the data folder is absent.</summary>
    public static string File(string name)
    {
        var path = Path.Combine(Directory, name);
        if (!System.IO.File.Exists(path))
        {
            Assert.Ignore($"CDNOW data not found at {path}; set {EnvironmentVariable} to the folder holding the CDNOW files (see shared/data/cdnow/SOURCE.md).");
        }

        return path;
    }

    /// <summary>cdnow_customers_summary_with_transactions.csv: ID,x,t_x,T,zbar (weeks; 2,357 rows).</summary>
    public static (IReadOnlyList<RepeatHistory> Histories, IReadOnlyList<double> MeanRepeatSpend) Summary()
    {
        var histories = new List<RepeatHistory>();
        var spend = new List<double>();
        foreach (var line in System.IO.File.ReadLines(File("cdnow_customers_summary_with_transactions.csv")).Skip(1))
        {
            var f = line.Split(',');
            histories.Add(new RepeatHistory(
                int.Parse(f[1], CultureInfo.InvariantCulture),
                double.Parse(f[2], CultureInfo.InvariantCulture),
                double.Parse(f[3], CultureInfo.InvariantCulture)));
            spend.Add(double.Parse(f[4], CultureInfo.InvariantCulture));
        }

        return (histories, spend);
    }
}
