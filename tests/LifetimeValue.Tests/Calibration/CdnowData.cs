using System.Globalization;
using LifetimeValue.Calibration;
using LifetimeValue.TestSupport;

namespace LifetimeValue.Tests.Calibration;

/// <summary>
/// The third-party CDNOW files (never copied into the repository), found by <see cref="ReferenceData"/>:
/// $LIFETIMEVALUE_CDNOW_DIR (or the developers' shared folder beside the clone). A test whose file is missing is ignored
/// with instructions, and fails in CI. Provenance: Fader and Hardie's CDNOW data set (see the README's "Reference data").
/// </summary>
internal static class CdnowData
{
    /// <summary>The path of a CDNOW file; ignores the test (fails it in CI) when it is missing.</summary>
    public static string File(string name) => ReferenceData.CdnowFile(name);

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
