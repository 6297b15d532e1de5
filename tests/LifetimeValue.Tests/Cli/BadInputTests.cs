using System.Globalization;
using System.Text;
using static LifetimeValue.Tests.Cli.CliRun;

namespace LifetimeValue.Tests.Cli;

/// <summary>
/// Every command fed bad values (issue 15): each is refused with the documented exit code (docs/cli.md, "Exit codes"),
/// a one-line message on standard error naming the option, path or line and the value, no stack trace or exception type,
/// no NaN, and an existing output file left byte for byte as it was. The table is the contract: a new number option
/// gets rows here.
/// </summary>
public sealed class BadInputTests
{
    private const int Usage = 1;
    private const int Invalid = 2;

    /// <summary>Written to the output file before each run; must be there, unchanged, afterwards.</summary>
    private static readonly byte[] Sentinel = Encoding.UTF8.GetBytes("previous results, must survive\n");

    private static readonly string[] Vasicek = ["--rate-model", "vasicek", "--scenarios", "3"];

    /// <summary>
    /// Rows: the command line ({dir} is a folder holding the fixtures of <see cref="WriteFixtures"/>; {out} an existing
    /// output file), the exit code, and what the message must quote.
    /// </summary>
    private static IEnumerable<TestCaseData> Cases()
    {
        static TestCaseData Case(int code, string[] args, params string[] mentions) =>
            new TestCaseData(code, args, mentions).SetName($"{{m}}({string.Join(' ', args).Replace("{dir}", "", StringComparison.Ordinal)})");

        // Scenario options (project, simulate, compare share them).
        foreach (var command in new[] { "project", "simulate" })
        {
            foreach (var value in new[] { "abc", "NaN", "Infinity", "-Infinity", "-5", "1e308", "0,03", "2", "-0.5" })
            {
                yield return Case(Usage, [command, "bank", "--rate", value, "--out", "{out}"], "--rate", value);
            }
        }

        foreach (var (option, value) in new[]
        {
            ("--sigma", "1e150"), ("--sigma", "-0.01"), ("--sigma", "NaN"), ("--sigma", "1"), ("--kappa", "0"), ("--kappa", "1e9"),
            ("--r0", "-0.5"), ("--theta", "7"), ("--theta", "0,035"), ("--scenarios", "-3"), ("--scenarios", "0"), ("--scenarios", "1.5"),
            ("--scenarios", "99999999999"), ("--periods", "0"), ("--periods", "1201"), ("--scenario-seed", "-1"), ("--scenario-seed", "1e3"),
        })
        {
            yield return Case(Usage, ["project", "bank", "--rate-model", "vasicek", option, value, "--out", "{out}"], option, value);
        }

        foreach (var (option, value) in new[]
        {
            ("--customers", "0"), ("--customers", "-1"), ("--customers", "1e3"), ("--customers", "99999999999999999999"), ("--customers", "2000000000000"),
            ("--seed", "-1"), ("--seed", "abc"), ("--threads", "0"), ("--threads", "5000"), ("--chunk-size", "0"), ("--chunk-size", "9999999"),
            ("--exact-quantiles", "-1"), ("--ci-level", "95"), ("--ci-level", "0"), ("--ci-level", "1"), ("--ci-level", "NaN"), ("--ci-level", "0,95"),
        })
        {
            yield return Case(Usage, ["simulate", "bank", option, value, "--out", "{out}"], option, value);
        }

        yield return Case(Usage, ["simulate", "bank", .. Vasicek, "--target-half-width", "-1", "--out", "{out}"], "--target-half-width", "-1");
        yield return Case(Usage, ["simulate", "bank", .. Vasicek, "--target-half-width", "1e308", "--out", "{out}"], "--target-half-width", "1e308");
        yield return Case(Usage, ["simulate", "bank", .. Vasicek, "--target-half-width", "10", "--max-scenarios", "1", "--out", "{out}"], "--max-scenarios", "1");

        // Sizes refused before anything is allocated.
        yield return Case(Usage, ["project", "bank", "--rate-model", "vasicek", "--scenarios", "1000000", "--out", "{out}"], "1000000 scenarios", "--scenarios");
        yield return Case(Usage, ["simulate", "bank", "--rate-model", "vasicek", "--scenarios", "1000000", "--out", "{out}"], "1000000 scenarios", "--scenarios");
        yield return Case(Usage, ["synthetic-panel", "bank", "--customers", "99999999999", "--out", "{out}"], "--customers", "99999999999");

        // Inputs so extreme that a simulated value leaves the statistics' range: a message, not an AggregateException.
        yield return Case(Usage, ["simulate", "bank", "--rate-model", "vasicek", "--sigma", "0.2", "--kappa", "0.001", "--scenarios", "20", "--customers", "200", "--out", "{out}"], "8.8e12", "--sigma");

        foreach (var (option, value) in new[] { ("--cohort", "0"), ("--cohort", "-5"), ("--capital", "NaN"), ("--capital", "-1"), ("--capital", "1e300"), ("--capital", "5,5") })
        {
            yield return Case(Usage, ["compare", "bank", "hotel", option, value, "--out", "{out}"], option, value);
        }

        foreach (var (option, value) in new[]
        {
            ("--per-year", "0"), ("--per-year", "-5e3"), ("--per-year", "1e13"), ("--per-year", "NaN"), ("--growth", "-0.9"), ("--growth", "3"),
            ("--growth", "0,05"), ("--capital", "-1"), ("--borrow-rate", "5"), ("--borrow-rate", "NaN"), ("--borrow-spread", "-0.01"),
            ("--deposit-rate", "-0.5"), ("--discount-rate", "1.5"), ("--discount-rate", "Infinity"),
        })
        {
            yield return Case(Usage, ["programme", "bank", "--exact", .. (option == "--per-year" ? Array.Empty<string>() : ["--per-year", "1000"]), option, value, "--out", "{out}"], option, value);
        }

        foreach (var (option, value) in new[] { ("--rate", "NaN"), ("--rate", "5"), ("--rate", "0,03"), ("--shift", "0"), ("--shift", "2"), ("--shift", "NaN") })
        {
            yield return Case(Usage, ["sensitivity", "bank", option, value, "--out", "{out}"], option, value);
        }

        foreach (var (option, value) in new[] { ("--customer-column", "0"), ("--customer-column", "-1"), ("--date-column", "abc"), ("--amount-column", "-1"), ("--amount-column", "99999") })
        {
            yield return Case(Usage, ["fit", "{dir}/transactions.csv", option, value, "--out", "{out}"], option, value);
        }

        foreach (var (option, value) in new[]
        {
            ("--clv-rate", "3"), ("--clv-rate", "0,03"), ("--clv-rate", "NaN"), ("--discount-spread", "-0.5"), ("--discount-spread", "0,05"),
            ("--discount-rate", "2"), ("--discount-rate", "Infinity"), ("--acquisition-cost", "1e12"), ("--acquisition-cost", "-1"), ("--acquisition-cost", "150,5"),
            ("--clv-draws", "-1"), ("--clv-draws", "1"), ("--max-errors", "0"), ("--margin-band-years", "0"), ("--seed", "-1"), ("--month-column", "0"),
        })
        {
            yield return Case(Usage, ["calibrate-panel", "{dir}/panel.csv", option, value, "--out", "{out}", "--model-out", "{out}"], option, value);
        }

        foreach (var (option, value) in new[]
        {
            ("--rate", "7"), ("--rate", "0,03"), ("--noise", "-1"), ("--noise", "1e300"), ("--noise", "NaN"), ("--noise", "0,2"),
            ("--customers", "0"), ("--months", "0"), ("--months", "99999"), ("--burn-in", "-1"), ("--seed", "-1"),
        })
        {
            yield return Case(Usage, ["synthetic-panel", "bank", option, value, "--out", "{out}"], option, value);
        }

        yield return Case(Usage, ["silo", "--cluster", "redis://localhost:1", "--port", "70000"], "--port", "70000");
        yield return Case(Usage, ["silo", "--cluster", "redis://localhost:1", "--threads", "0"], "--threads", "0");

        // A damaged value is quoted, but cut: the message stays short.
        yield return Case(Usage, ["project", "bank", "--rate", new string('9', 5000), "--out", "{out}"], "--rate", "5000 characters");

        // Bad files: the path (and line, column or JSON path) named, exit code 2.
        yield return Case(Invalid, ["project", "{dir}/missing.json", "--out", "{out}"], "missing.json");
        yield return Case(Invalid, ["project", "{dir}/invalid-utf8.json", "--out", "{out}"], "invalid-utf8.json", "not valid Unicode");
        yield return Case(Invalid, ["project", "{dir}/lone-surrogate.json", "--out", "{out}"], "lone-surrogate.json", "$.model.name", "not valid Unicode");
        yield return Case(Invalid, ["project", "{dir}/truncated.json", "--out", "{out}"], "truncated.json");
        yield return Case(Invalid, ["project", "{dir}/wrong-type.json", "--out", "{out}"], "$.model");
        yield return Case(Invalid, ["project", "{dir}/huge-cost.json", "--out", "{out}"], "huge-cost.json", "$.model.acquisitionCost", "1e308", "[-1e12, 1e12]");
        yield return Case(Invalid, ["simulate", "{dir}/negative-spread.json", "--customers", "100", "--out", "{out}"], "$.model.discounting.annualSpread", "-0.5");
        yield return Case(Invalid, ["project", "{dir}/long-literal.json", "--out", "{out}"], "$.model.acquisitionCost", "…");
        yield return Case(Invalid, ["simulate", "bank", "--rates-csv", "{dir}", "--out", "{out}"], "cannot read");
        yield return Case(Invalid, ["simulate", "bank", "--rates-csv", "{dir}/sparse-scenarios.csv", "--out", "{out}"], "sparse-scenarios.csv", "line 3", "999999");
        yield return Case(Invalid, ["simulate", "bank", "--rates-csv", "{dir}/bad-rate.csv", "--out", "{out}"], "bad-rate.csv", "line 3", "x0.03");
        yield return Case(Invalid, ["simulate", "bank", "--rates-csv", "{dir}/short-scenarios.csv", "--out", "{out}"], "short-scenarios.csv", "2 period(s)");
        yield return Case(Invalid, ["project", "bank", "--rates-csv", "{dir}/short-scenarios.csv", "--out", "{out}"], "short-scenarios.csv", "2 period(s)");
        yield return Case(Invalid, ["fit", "{dir}/bad-transactions.csv", "--out", "{out}"], "bad-transactions.csv", "line 3", "column 2", "2024-13-45");
        yield return Case(Invalid, ["calibrate-panel", "{dir}/bad-panel.csv", "--out", "{out}"], "bad-panel.csv", "line 3", "column 5", "abc");
        yield return Case(Invalid, ["calibrate-panel", "{dir}/panel.csv", "--rates", "{dir}/bad-monthly-rates.csv", "--out", "{out}"], "bad-monthly-rates.csv", "line 3");
        yield return Case(Invalid, ["calibrate-panel", "{dir}/panel.csv", "--rates", "{dir}", "--out", "{out}"], "rate file");
        yield return Case(Invalid, ["merge", "{dir}/transactions.csv", "--out", "{out}"], "transactions.csv");

        // Outputs that cannot be written: the path named, exit code 2, the existing file untouched.
        yield return Case(Invalid, ["project", "bank", "--out", "{dir}"], "cannot write", "folder");
        yield return Case(Invalid, ["project", "bank", "--out", "{dir}/transactions.csv/result.txt"], "cannot write", "result.txt");
        yield return Case(Invalid, ["presets", "export", "bank", "--out", "{dir}/transactions.csv/bank.json"], "cannot write", "bank.json");
        yield return Case(Invalid, ["synthetic-panel", "bank", "--customers", "10", "--months", "2", "--out", "{dir}"], "cannot write", "folder");
        yield return Case(Invalid, ["compare", "bank", "hotel", "--customers", "50", "--charts", "{dir}/transactions.csv", "--out", "{out}"], "--charts", "transactions.csv");
        yield return Case(Invalid, ["sensitivity", "bank", "--parameters", "attrition", "--charts", "{dir}/transactions.csv", "--out", "{out}"], "--charts", "transactions.csv");
        yield return Case(Invalid, ["calibrate-panel", "{dir}/panel.csv", "--charts", "{dir}/transactions.csv", "--out", "{out}"], "--charts", "transactions.csv");
        yield return Case(Invalid, ["calibrate-panel", "{dir}/panel.csv", "--model-out", "{dir}", "--clv-draws", "0", "--out", "{out}"], "cannot write", "folder");

        // Decision-map values: each parameter's plausible range.
        foreach (var (parameter, value) in new[] { ("discount-rate", "50"), ("rate-shift", "-5"), ("horizon", "1e9"), ("attrition", "1e300"), ("acquisition-cost", "-1e300"), ("attrition", "NaN") })
        {
            yield return Case(Usage, ["sensitivity", "bank", "hotel", "--map", parameter, value, "rate-shift", "0.01", "--out", "{out}"], "--map x values", parameter, value);
        }
    }

    [TestCaseSource(nameof(Cases))]
    public void Command_BadInput_IsRefusedCleanly(int expectedCode, string[] args, string[] mentions)
    {
        using var temp = new TempFolder();
        WriteFixtures(temp);
        var outPath = temp.File("existing-output.txt");
        File.WriteAllBytes(outPath, Sentinel);
        var resolved = args.Select(a => a.Replace("{dir}", temp.Path, StringComparison.Ordinal).Replace("{out}", outPath, StringComparison.Ordinal)).ToArray();

        var (code, output, error) = Run(resolved);

        code.Should().Be(expectedCode, error);
        foreach (var mention in mentions)
        {
            error.Should().Contain(mention.Replace("{dir}", temp.Path, StringComparison.Ordinal));
        }

        error.Should().StartWith("error: ");
        (output + error).Should().NotContain("Exception").And.NotContain("   at ").And.NotContain("NaN (").And.NotContain("was NaN")
            .And.NotContain("Description:", "the error, not the whole help text");
        error.Split('\n').Should().OnlyContain(line => line.Length <= 500, "messages quote at most a short piece of a bad value");
        File.ReadAllBytes(outPath).Should().Equal(Sentinel, "an existing output file is never damaged");
        Directory.GetFiles(temp.Path, "*.tmp").Should().BeEmpty("a failed write leaves no temporary file");
    }

    [Test]
    public void Options_UnderGermanCulture_ReadADotAsTheDecimalSeparator()
    {
        var previous = CultureInfo.CurrentCulture;
        CultureInfo.CurrentCulture = new CultureInfo("de-DE");
        try
        {
            var (code, output, error) = Run("project", "bank", "--rate", "0.03", "--format", "csv");
            var comma = Run("project", "bank", "--rate", "0,03");
            var spread = Run("simulate", "bank", "--rate", "0.03", "--customers", "200", "--ci-level", "0.9", "--format", "json");

            code.Should().Be(0, error);
            output.Should().Be(InvariantRun("project", "bank", "--rate", "0.03", "--format", "csv"), "0.03 is 3 % under any culture, not 3");
            comma.Code.Should().Be(1);
            comma.Err.Should().Contain("--rate").And.Contain("'0,03'").And.Contain("dot for decimals");
            spread.Code.Should().Be(0, spread.Err);
            spread.Out.Should().Contain("\"confidenceLevel\": 0.9", "0.9, not 9");
        }
        finally
        {
            CultureInfo.CurrentCulture = previous;
        }
    }

    [Test]
    public void BoundaryValues_AreAccepted()
    {
        // The ends of the documented ranges are inside them: refusing them would be as wrong as accepting NaN.
        Run("project", "bank", "--rate", "-0.1").Code.Should().Be(0);
        Run("project", "bank", "--rate", "1").Code.Should().Be(0);
        Run("sensitivity", "bank", "--shift", "1", "--parameters", "attrition").Code.Should().Be(0);
        Run("project", "bank", "--rate-model", "vasicek", "--sigma", "0", "--kappa", "10", "--scenarios", "1").Code.Should().Be(0);
    }

    private static string InvariantRun(params string[] args)
    {
        var previous = CultureInfo.CurrentCulture;
        CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
        try
        {
            return Run(args).Out;
        }
        finally
        {
            CultureInfo.CurrentCulture = previous;
        }
    }

    /// <summary>Small inputs, good and bad, the table's rows name.</summary>
    private static void WriteFixtures(TempFolder temp)
    {
        File.WriteAllText(temp.File("transactions.csv"), "customer,date,amount\n1,2024-01-05,10.5\n1,2024-02-07,12\n2,2024-01-09,8\n");
        File.WriteAllText(temp.File("bad-transactions.csv"), "customer,date,amount\n1,2024-01-05,10.5\n1,2024-13-45,12\n");
        File.WriteAllText(temp.File("panel.csv"),
            "customer,month,date_of_birth,product,balance,revenue,closed\nc1,2020-01,1980-05-01,,0,0,0\nc1,2020-01,1980-05-01,current,1000,5,0\n");
        File.WriteAllText(temp.File("bad-monthly-rates.csv"), "month,rate\n2020-01,0.03\n2020-02,abc\n");
        File.WriteAllText(temp.File("sparse-scenarios.csv"), "scenario,period,rate\n0,0,0.03\n999999,0,0.03\n");
        File.WriteAllText(temp.File("short-scenarios.csv"), "scenario,period,rate\n0,0,0.03\n0,1,0.03\n");
        File.WriteAllText(temp.File("bad-panel.csv"),
            "customer,month,date_of_birth,product,balance,revenue,closed\nc1,2020-01,1980-05-01,,0,0,0\nc1,2020-01,1980-05-01,current,abc,5,0\n");
        File.WriteAllText(temp.File("bad-rate.csv"), "scenario,period,rate\n0,0,0.03\n0,1,x0.03\n");
        File.WriteAllBytes(temp.File("invalid-utf8.json"), [(byte)'{', (byte)'"', 0xC3, 0x28, 0xFF, (byte)'"', (byte)':', (byte)'1', (byte)'}']);
        File.WriteAllText(temp.File("truncated.json"), "{\"formatVersion\": 1, \"model\": {\"kind\": \"lifecycle\", \"name\": \"b");
        File.WriteAllText(temp.File("lone-surrogate.json"), "{\"formatVersion\": 1, \"model\": {\"kind\": \"lifecycle\", \"name\": \"b\\uD800\"}}");
        var bank = LifetimeValue.Serialization.ModelFile.ToJson(LifetimeValue.Presets.Bank());
        File.WriteAllText(temp.File("huge-cost.json"), bank.Replace("\"acquisitionCost\": 250", "\"acquisitionCost\": 1e308", StringComparison.Ordinal));
        File.WriteAllText(temp.File("negative-spread.json"), bank.Replace("\"annualSpread\": 0.05", "\"annualSpread\": -0.5", StringComparison.Ordinal));
        File.WriteAllText(temp.File("long-literal.json"), bank.Replace("\"acquisitionCost\": 250", "\"acquisitionCost\": 1" + new string('0', 100_000), StringComparison.Ordinal));
        File.WriteAllText(temp.File("wrong-type.json"), "{\"formatVersion\": 1, \"model\": 42}");
    }
}
