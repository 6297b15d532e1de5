using System.Globalization;
using System.IO.Compression;

namespace LifetimeValue.Samples.Tests;

/// <summary>
/// The packages install as the README says and stay lean. The README's install lines run as written (in a folder that
/// stands for the clone and holds this run's feed as <c>./feed</c>; <c>--global</c> becomes a private
/// <c>--tool-path</c>), then a console app built from the added packages draws a chart and prints a CLV, and the
/// installed tool runs. Sizes: the tool package under 40 MB, no native .pdb in any package, a .snupkg beside every
/// library package, and the app under 100 MB once it names its runtime as the README shows.
/// </summary>
[NonParallelizable]
public sealed class PackageTests
{
    private static readonly TimeSpan StepTimeout = TimeSpan.FromMinutes(10);

    [Test]
    public void ReadmeInstallLines_WorkAsWritten()
    {
        var feed = PackedFeed.Shared;
        var readme = File.ReadAllText(Path.Combine(Repository.Root, "README.md"));
        var install = ReadmeTests.Blocks(readme, "bash").Select(b => b.Code).First(c => c.Contains("dotnet pack LifetimeValue.sln -o ./feed", StringComparison.Ordinal));
        var lines = install.Split('\n').Select(l => l.Split('#')[0].Trim()).Where(l => l.Length > 0).ToList();
        lines.Should().HaveCount(5, "the README's install block: clone, pack, tool, two packages");
        lines[0].Should().StartWith("git clone ", "this working tree is the clone");
        lines[1].Should().Be("dotnet pack LifetimeValue.sln -o ./feed", "the shared fixture ran this line (no rebuild, temporary ./feed)");

        var app = Path.Combine(feed.Temp, "MyApp");
        var tools = Path.Combine(feed.Temp, "tools");
        Processes.Run("dotnet", feed.Temp, feed.Environment, StepTimeout, check: true, "new", "console", "-o", app, "-n", "MyApp");
        foreach (var line in lines.Skip(2))
        {
            var args = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            args[0].Should().Be("dotnet");
            args = args.Skip(1).SelectMany(a => a == "--global" ? new[] { "--tool-path", tools } : [a]).ToArray();
            Processes.Run("dotnet", feed.Clone, feed.Environment, StepTimeout, check: true, args);
        }

        File.WriteAllText(Path.Combine(app, "Program.cs"), """
            using System.Globalization;
            using LifetimeValue;
            using LifetimeValue.Comparison;
            using LifetimeValue.Projection;
            using LifetimeValue.Scenarios;
            using LifetimeValue.Simulation;

            var result = ExpectedValueEngine.Project(Presets.Bank(), Presets.BankRates());
            Console.WriteLine("clv=" + result.Clv.ToString("R", CultureInfo.InvariantCulture));
            var scenarios = ScenarioSet.Constant(0.03, Presets.Bank().MaxPeriods);
            var comparison = StrategyComparison.Compare([Presets.Bank(), Presets.Hotel()], scenarios,
                new ComparisonOptions { Simulation = new SimulationOptions { Seed = 1, Customers = 500 } });
            var png = LifetimeValue.Plotting.Charts.CumulativeValue(comparison, Path.Combine(AppContext.BaseDirectory, "chart.png"));
            Console.WriteLine("png=" + new FileInfo(png).Length);
            """);
        var output = Processes.Run("dotnet", app, feed.Environment, StepTimeout, check: true, "run").Output;
        output.Should().MatchRegex(@"clv=-?\d", "the app ran the exact engine").And.MatchRegex(@"png=\d{4,}", "and drew a chart (a PNG of some kB)");
        var anyRuntime = FolderMegabytes(Path.Combine(app, "bin", "Debug", "net10.0"));

        // The README's advice for charts: name the runtime; then only its native libraries are copied.
        var rid = System.Runtime.InteropServices.RuntimeInformation.RuntimeIdentifier;
        Processes.Run("dotnet", app, feed.Environment, StepTimeout, check: true, "build", "-r", rid, "--self-contained", "false", "-o", Path.Combine(app, "out-rid"));
        var oneRuntime = FolderMegabytes(Path.Combine(app, "out-rid"));
        TestContext.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"console app with plotting: {anyRuntime:F1} MB without a runtime identifier, {oneRuntime:F1} MB for {rid}"));
        oneRuntime.Should().BeLessThan(100, "a console app using plotting, built for one runtime");

        var tool = Path.Combine(tools, OperatingSystem.IsWindows() ? "lifetimevalue.exe" : "lifetimevalue");
        Processes.Run(tool, app, feed.Environment, StepTimeout, check: true, "presets", "list", "--format", "csv").Output
            .Should().Contain("bank,").And.Contain("hotel,").And.Contain("w1,");
        var chart = Path.Combine(app, "tool-charts");
        Processes.Run(tool, app, feed.Environment, StepTimeout, check: true, "compare", "bank", "hotel", "--customers", "200", "--charts", chart);
        Directory.GetFiles(chart, "*.png").Should().NotBeEmpty("the installed tool draws charts with the native libraries it ships");
    }

    [Test]
    public void Packages_AreLean_AndCarrySymbolsAndMetadata()
    {
        var feed = PackedFeed.Shared;
        var packages = Directory.GetFiles(feed.Feed, "*.nupkg");
        packages.Select(Path.GetFileName).Should().BeEquivalentTo(
            new[] { "LifetimeValue", "LifetimeValue.Plotting", "LifetimeValue.Cli", "LifetimeValue.Orleans", "LifetimeValue.Gpu" }
                .Select(id => $"{id}.{feed.Version}.nupkg"));

        foreach (var package in packages)
        {
            using var zip = ZipFile.OpenRead(package);
            var names = zip.Entries.Select(e => e.FullName).ToList();
            names.Should().NotContain(n => n.StartsWith("runtimes/", StringComparison.Ordinal) && n.EndsWith(".pdb", StringComparison.Ordinal)
                || n.Contains("/runtimes/", StringComparison.Ordinal) && n.EndsWith(".pdb", StringComparison.Ordinal), $"{Path.GetFileName(package)} ships no native debug symbols");
            names.Should().Contain(["README.md", "icon.png"], $"{Path.GetFileName(package)} has the package page's readme and icon");
            var nuspec = new StreamReader(zip.Entries.Single(e => e.FullName.EndsWith(".nuspec", StringComparison.Ordinal)).Open()).ReadToEnd();
            nuspec.Should().Contain("<license type=\"expression\">MIT</license>").And.Contain("<projectUrl>https://github.com/lifetimevalue/lifetimevalue</projectUrl>")
                .And.Contain("<releaseNotes>").And.Contain("<repository type=\"git\" url=\"https://github.com/lifetimevalue/lifetimevalue\"");
            var readme = new StreamReader(zip.GetEntry("README.md")!.Open()).ReadToEnd();
            readme.Should().NotMatchRegex(@"\]\((?!https?://)[^)]+\)", "the package page cannot resolve repository-relative links");

            if (!Path.GetFileName(package).StartsWith("LifetimeValue.Cli.", StringComparison.Ordinal))
            {
                File.Exists(Path.ChangeExtension(package, ".snupkg")).Should().BeTrue($"{Path.GetFileName(package)} has a symbol package");
            }
        }

        // The GPU engine reproduces the core's draws bit for bit, so it depends on exactly the core it was built with;
        // the Orleans package needs only the public API and takes NuGet's usual lower bound.
        DependencyVersion("LifetimeValue.Gpu").Should().Be($"[{feed.Version}]");
        DependencyVersion("LifetimeValue.Orleans").Should().Be(feed.Version);

        string DependencyVersion(string id)
        {
            using var zip = ZipFile.OpenRead(Path.Combine(feed.Feed, $"{id}.{feed.Version}.nupkg"));
            var nuspec = System.Xml.Linq.XDocument.Load(zip.Entries.Single(e => e.FullName.EndsWith(".nuspec", StringComparison.Ordinal)).Open());
            return nuspec.Descendants().Single(e => e.Name.LocalName == "dependency" && (string?)e.Attribute("id") == "LifetimeValue")
                .Attribute("version")!.Value;
        }

        var toolPackage = Path.Combine(feed.Feed, $"LifetimeValue.Cli.{feed.Version}.nupkg");
        var megabytes = new FileInfo(toolPackage).Length / 1e6;
        TestContext.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"tool package: {megabytes:F1} MB"));
        megabytes.Should().BeLessThan(40, "the tool package's target size");
        using (var tool = ZipFile.OpenRead(toolPackage))
        {
            var runtimes = tool.Entries.Select(e => e.FullName.Split('/')).Where(p => p.Length > 4 && p[3] == "runtimes").Select(p => p[4]).Distinct();
            runtimes.Should().BeEquivalentTo(["linux-x64", "linux-arm64", "osx", "win-x64"], "the tool ships native chart libraries for these runtimes only");
        }
    }

    private static double FolderMegabytes(string folder) =>
        new DirectoryInfo(folder).EnumerateFiles("*", SearchOption.AllDirectories).Sum(f => f.Length) / 1e6;
}
