using System.Runtime.Intrinsics.X86;

namespace LifetimeValue.Samples.Tests;

/// <summary>
/// The kernels' bit-identity with the vector instruction sets switched off. The test host uses every instruction set
/// the CPU has, so on an AVX-512 machine the AVX2 and scalar paths of the Philox generator and the batch kernels would
/// never run in tests. Here the tool runs as a child process three times: as it is, with AVX-512 off
/// (<c>DOTNET_EnableAVX512=0</c>) and with every hardware intrinsic off (<c>DOTNET_EnableHWIntrinsic=0</c>). Each
/// child's <c>info</c> output proves the setting took effect, and each writes the partial-result file of the same run
/// (every sum, count, sketch bucket and curve of the result): the files must be equal byte for byte.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class IntrinsicsTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(5);

    private static readonly (string Name, Dictionary<string, string?> Environment, string PhiloxPath)[] Settings =
    [
        ("default", new Dictionary<string, string?>(), Avx512F.IsSupported ? "AVX-512" : Avx2.IsSupported ? "AVX2" : "scalar"),
        ("AVX-512 off", new Dictionary<string, string?> { ["DOTNET_EnableAVX512"] = "0" }, Avx2.IsSupported ? "AVX2" : "scalar"),
        ("all intrinsics off", new Dictionary<string, string?> { ["DOTNET_EnableHWIntrinsic"] = "0" }, "scalar"),
    ];

    private static string Cli => Path.Combine(Repository.Root, "src", "LifetimeValue.Cli", "bin", Repository.Configuration, "net10.0", "LifetimeValue.Cli.dll");

    [Test]
    public void Info_ReportsThePathEachSettingSelects()
    {
        foreach (var (name, environment, philoxPath) in Settings)
        {
            var (_, output) = Processes.Run("dotnet", Repository.Root, environment, Timeout, check: true, Cli, "info");
            output.Should().Contain($"Philox path: {philoxPath}", $"the child with {name} must run the {philoxPath} path");
            if (name != "default")
            {
                output.Should().Contain("Vector512 accelerated: no", name);
            }
        }

        TestContext.Out.WriteLine($"This machine: AVX-512F {Avx512F.IsSupported}, AVX2 {Avx2.IsSupported}.");
    }

    [TestCase("bank", "event", "--rate-model", "vasicek", "--sigma", "0.01", "--scenarios", "6", TestName = "Bank, event-time kernel, Vasicek scenarios")]
    [TestCase("bank", "stepping", "--scenarios", "3", TestName = "Bank, month-by-month kernel")]
    [TestCase("hotel", "event", "--scenarios", "4", TestName = "Hotel, customer-focused kernel")]
    [TestCase("w1", "event", TestName = "W1 workload")]
    public void Partial_IsByteIdentical_WithIntrinsicsSwitchedOff(string model, string method, params string[] scenarioArgs)
    {
        var folder = Directory.CreateTempSubdirectory("lv-intrinsics-").FullName;
        try
        {
            var files = new List<(string Name, byte[] Bytes)>();
            foreach (var (name, environment, _) in Settings)
            {
                var partial = Path.Combine(folder, $"{files.Count}.bin");
                string[] args = [Cli, "simulate", model, "--method", method, "--customers", "3001", "--seed", "20261203",
                    .. scenarioArgs, "--chunks", "1/1", "--partial", partial];
                Processes.Run("dotnet", Repository.Root, environment, Timeout, check: true, args);
                files.Add((name, File.ReadAllBytes(partial)));
            }

            files[0].Bytes.Length.Should().BeGreaterThan(1000, "a partial file holds the run's description and statistics");
            foreach (var (name, bytes) in files.Skip(1))
            {
                var firstDifference = Enumerable.Range(0, Math.Min(bytes.Length, files[0].Bytes.Length)).FirstOrDefault(i => bytes[i] != files[0].Bytes[i], -1);
                bytes.SequenceEqual(files[0].Bytes).Should().BeTrue(
                    $"the partial written with {name} must equal the default one byte for byte (lengths {bytes.Length} and {files[0].Bytes.Length}, first difference at byte {firstDifference})");
            }
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
