using System.Globalization;
using System.Text;
using static LifetimeValue.Tests.Cli.CliRun;

namespace LifetimeValue.Tests.Cli;

public sealed partial class CliTests
{
    /// <summary>
    /// A synthetic log of 300 customers in 2024 drawn as the Pareto/NBD story goes: purchase rates ~ Gamma(0.5, 8 days),
    /// dropout rates ~ Gamma(1, 200 days), spend ~ Gamma(5, 6) per customer. Realistic heterogeneity keeps the fits quick
    /// (a log where nobody drops out leaves the dropout parameters unidentified and the optimiser wandering).
    /// </summary>
    private static string SyntheticLog(TempFolder temp)
    {
        var random = new System.Random(5);
        var sb = new StringBuilder("customer_id,date,amount\n");
        var start = new DateOnly(2024, 1, 1);
        for (var c = 0; c < 300; c++)
        {
            double t = random.Next(0, 81);
            var rate = MathNet.Numerics.Distributions.Gamma.Sample(random, 0.5, 8.0);
            var dropout = MathNet.Numerics.Distributions.Gamma.Sample(random, 1.0, 200.0);
            var death = t + MathNet.Numerics.Distributions.Exponential.Sample(random, dropout);
            var spend = MathNet.Numerics.Distributions.Gamma.Sample(random, 5.0, 1.0 / 6.0);
            while (t < 365 && t < death)
            {
                sb.Append(CultureInfo.InvariantCulture, $"c{c:D4},{start.AddDays((int)t):yyyy-MM-dd},{spend * (0.7 + (0.6 * random.NextDouble())):F2}\n");
                t += Math.Max(1, MathNet.Numerics.Distributions.Exponential.Sample(random, rate));
            }
        }

        var path = temp.File("log.csv");
        File.WriteAllText(path, sb.ToString());
        return path;
    }

    [Test]
    public void Fit_SyntheticLog_ReportsParametersAndDiagnostics()
    {
        using var temp = new TempFolder();

        var (code, output, error) = Run("fit", SyntheticLog(temp), "--calibration-end", "2024-09-30", "--holdout-end", "2024-12-31");

        code.Should().Be(0, error);
        output.Should().Contain("BG/NBD").And.Contain("Pareto/NBD").And.Contain("Gamma–Gamma").And.Contain("log-likelihood").And.Contain("holdout");
    }

    [TestCase("json", "\"parameters\": {")]
    [TestCase("csv", "# diagnostics")]
    [TestCase("md", "### parameters")]
    public void Fit_Formats_Work(string format, string expected)
    {
        using var temp = new TempFolder();

        var (code, output, error) = Run("fit", SyntheticLog(temp), "--unit", "day", "--amount-column", "0", "--format", format);

        code.Should().Be(0, error);
        output.Should().Contain(expected).And.NotContain("Gamma–Gamma\"", "no amounts, no spend model");
    }

    [Test]
    public void Fit_BadRow_ExitCode2NamingTheLine()
    {
        using var temp = new TempFolder();
        var path = temp.File("bad.csv");
        File.WriteAllText(path, "customer_id,date,amount\nc1,2024-01-01,10\nc1,01/02/2024,12\n");

        var (code, _, error) = Run("fit", path);

        code.Should().Be(2);
        error.Should().Contain("line 3");
    }

    [Test]
    public void Fit_BadUnit_IsAUsageError() =>
        Run("fit", "whatever.csv", "--unit", "fortnight").Code.Should().BeOneOf(1, 2);

    [Test]
    public void Fit_CdnowSample_FitsAllModels()
    {
        var path = LifetimeValue.Tests.Calibration.CdnowData.File("CDNOW_sample.txt");

        var (code, output, error) = Run("fit", path, "--separator", "whitespace", "--no-header", "--customer-column", "2", "--date-column", "3",
            "--amount-column", "5", "--date-format", "yyyyMMdd", "--calibration-end", "1997-09-30", "--holdout-end", "1998-06-30", "--format", "json");

        code.Should().Be(0, error);
        output.Should().Contain("\"customers\"").And.Contain("2357", "the CDNOW sample has 2,357 customers");
    }
}
