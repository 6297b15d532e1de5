using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Xml.Linq;
using LifetimeValue.Projection;

namespace LifetimeValue.Samples.Tests;

/// <summary>
/// The packages install: packs LifetimeValue, LifetimeValue.Plotting and the LifetimeValue.Cli tool into a temporary
/// feed, builds and runs a throwaway console app that references the packages, and installs and runs the tool.
/// Restores use a private NUGET_PACKAGES folder (so the local 0.1.0 packages never reach the real cache) and the
/// machine's own package sources (copied from <c>dotnet nuget list source</c>) for dependencies.
/// </summary>
[NonParallelizable]
public sealed class PackageTests
{
    private static readonly TimeSpan StepTimeout = TimeSpan.FromMinutes(5);

    [Test]
    public void Packages_PackInstallBuildAndRun()
    {
        var temp = Path.Combine(Path.GetTempPath(), $"lv-pack-{Guid.NewGuid():N}");
        var feed = Path.Combine(temp, "feed");
        var app = Path.Combine(temp, "app");
        var tools = Path.Combine(temp, "tools");
        var environment = new Dictionary<string, string> { ["NUGET_PACKAGES"] = Path.Combine(temp, "packages") };
        Directory.CreateDirectory(feed);
        Directory.CreateDirectory(app);
        try
        {
            // Pack what the test build already compiled (same configuration), so packing costs seconds, not a rebuild.
            foreach (var project in new[] { "LifetimeValue", "LifetimeValue.Plotting", "LifetimeValue.Cli" })
            {
                Dotnet(Repository.Root, null, "pack", Path.Combine("src", project, project + ".csproj"), "--no-build", "--no-restore",
                    "-c", Repository.Configuration, "-o", feed, "-p:CI=false");
            }

            Directory.GetFiles(feed, "*.nupkg").Select(Path.GetFileName).Should().Contain(
                ["LifetimeValue.0.1.0.nupkg", "LifetimeValue.Plotting.0.1.0.nupkg", "LifetimeValue.Cli.0.1.0.nupkg"]);

            WriteNuGetConfig(Path.Combine(app, "nuget.config"), feed);
            File.WriteAllText(Path.Combine(app, "App.csproj"), """
                <Project Sdk="Microsoft.NET.Sdk">
                  <PropertyGroup>
                    <OutputType>Exe</OutputType>
                    <TargetFramework>net10.0</TargetFramework>
                    <ImplicitUsings>enable</ImplicitUsings>
                    <Nullable>enable</Nullable>
                  </PropertyGroup>
                  <ItemGroup>
                    <PackageReference Include="LifetimeValue" Version="0.1.0" />
                    <PackageReference Include="LifetimeValue.Plotting" Version="0.1.0" />
                  </ItemGroup>
                </Project>
                """);
            File.WriteAllText(Path.Combine(app, "Program.cs"), """
                using System.Globalization;
                using LifetimeValue;
                using LifetimeValue.Projection;
                using LifetimeValue.Serialization;

                var result = ExpectedValueEngine.Project(Presets.Bank(), Presets.BankRates());
                Console.WriteLine("clv=" + result.Clv.ToString("R", CultureInfo.InvariantCulture));
                Console.WriteLine("kinds=" + string.Join(",", ModelFile.Kinds));
                Console.WriteLine("plotting=" + typeof(LifetimeValue.Plotting.Charts).Assembly.GetName().Name);
                """);
            Dotnet(app, environment, "build", "-c", "Release");
            var output = Dotnet(app, environment, "run", "-c", "Release", "--no-build");

            var clv = ExpectedValueEngine.Project(Presets.Bank(), Presets.BankRates()).Clv;
            output.Should().Contain("clv=" + clv.ToString("R", CultureInfo.InvariantCulture), "oracle: the same projection in this process")
                .And.Contain("kinds=lifecycle").And.Contain("plotting=LifetimeValue.Plotting");

            Dotnet(app, environment, "tool", "install", "LifetimeValue.Cli", "--version", "0.1.0", "--tool-path", tools,
                "--add-source", feed, "--configfile", Path.Combine(app, "nuget.config"));
            var tool = Path.Combine(tools, OperatingSystem.IsWindows() ? "lifetimevalue.exe" : "lifetimevalue");
            var presets = Run(tool, app, environment, "presets", "list", "--format", "csv");
            presets.Should().Contain("bank,").And.Contain("w1,");
        }
        finally
        {
            try
            {
                Directory.Delete(temp, recursive: true);
            }
            catch (IOException e)
            {
                TestContext.Out.WriteLine($"could not delete {temp}: {e.Message}");
            }
        }
    }

    /// <summary>A nuget.config with the local feed plus the sources this machine's NuGet is configured with (none hard-coded).</summary>
    private static void WriteNuGetConfig(string path, string feed)
    {
        var sources = new XElement("packageSources", new XElement("clear"), new XElement("add", new XAttribute("key", "local"), new XAttribute("value", feed)));
        var listed = Dotnet(Repository.Root, null, "nuget", "list", "source", "--format", "short");
        var n = 0;
        foreach (var line in listed.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            // "E <source>" for enabled sources, "D <source>" for disabled ones.
            if (line.StartsWith("E ", StringComparison.Ordinal))
            {
                sources.Add(new XElement("add", new XAttribute("key", string.Create(CultureInfo.InvariantCulture, $"source{n++}")), new XAttribute("value", line[2..].Trim())));
            }
        }

        new XDocument(new XElement("configuration", sources)).Save(path);
    }

    private static string Dotnet(string workingDirectory, Dictionary<string, string>? environment, params string[] args) =>
        Run("dotnet", workingDirectory, environment, args);

    private static string Run(string fileName, string workingDirectory, Dictionary<string, string>? environment, params string[] args)
    {
        var info = new ProcessStartInfo(fileName)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        // The test host runs under MSBuild/VSTest: do not leak their settings into the child builds.
        foreach (var key in info.Environment.Keys.Where(k => k.StartsWith("MSBUILD", StringComparison.OrdinalIgnoreCase) || k.StartsWith("VSTEST", StringComparison.OrdinalIgnoreCase)).ToList())
        {
            info.Environment.Remove(key);
        }

        info.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        info.Environment["DOTNET_NOLOGO"] = "1";
        info.Environment["DOTNET_SKIP_FIRST_TIME_EXPERIENCE"] = "1";
        foreach (var (key, value) in environment ?? [])
        {
            info.Environment[key] = value;
        }

        using var process = Process.Start(info)!;
        var stdout = new StringBuilder();
        var stderr = new StringBuilder();
        process.OutputDataReceived += (_, e) => stdout.AppendLine(e.Data);
        process.ErrorDataReceived += (_, e) => stderr.AppendLine(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        if (!process.WaitForExit(StepTimeout))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"{fileName} {string.Join(' ', args)} did not finish within {StepTimeout}.\n{stdout}\n{stderr}");
        }

        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            Assert.Fail($"{fileName} {string.Join(' ', args)} exited with {process.ExitCode}.\n{stdout}\n{stderr}");
        }

        return stdout.ToString();
    }
}
