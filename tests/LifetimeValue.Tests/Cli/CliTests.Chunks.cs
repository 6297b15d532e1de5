using static LifetimeValue.Tests.Cli.CliRun;

namespace LifetimeValue.Tests.Cli;

public sealed partial class CliTests
{
    // 5 scenarios × ⌈3000 / 1000⌉ chunks = 15 chunks.
    private static readonly string[] RunArgs = ["w1", "--customers", "3000", "--chunk-size", "1000", "--rate-model", "vasicek", "--sigma", "0.01", "--scenarios", "5", "--seed", "3"];

    private static string[] PartFiles(TempFolder temp, int parts, string prefix = "part", params string[] extra)
    {
        var files = new string[parts];
        for (var k = 1; k <= parts; k++)
        {
            files[k - 1] = temp.File($"{prefix}{k}.bin");
            var (code, output, error) = Run([.. new[] { "simulate" }, .. RunArgs, .. extra, "--chunks", $"{k}/{parts}", "--partial", files[k - 1]]);
            code.Should().Be(0, error);
            output.Should().Contain($"part {k}/{parts}");
        }

        return files;
    }

    [Test]
    public void Merge_OneChunkVersusSevenChunks_BitIdenticalToUnchunked()
    {
        using var temp = new TempFolder();
        var unchunked = Run([.. new[] { "simulate" }, .. RunArgs, "--format", "json"]);
        unchunked.Code.Should().Be(0, unchunked.Err);

        var one = Run([.. new[] { "merge" }, .. PartFiles(temp, 1, "one"), "--format", "json"]);
        var seven = Run([.. new[] { "merge" }, .. PartFiles(temp, 7, "seven").Reverse(), "--format", "json"]);

        one.Code.Should().Be(0, one.Err);
        seven.Code.Should().Be(0, seven.Err);
        one.Out.Should().Be(unchunked.Out, "one part is the whole run");
        seven.Out.Should().Be(unchunked.Out, "partials merge exactly (integer sums), in any order");
    }

    [Test]
    public void Merge_ToFile_WritesTheResult()
    {
        using var temp = new TempFolder();
        var files = PartFiles(temp, 3);
        var outPath = temp.File("result.json");

        var (code, _, error) = Run([.. new[] { "merge" }, .. files, "--format", "json", "--out", outPath]);

        code.Should().Be(0, error);
        File.ReadAllText(outPath).Should().Contain("\"fingerprint\"");
    }

    [Test]
    public void Simulate_ZeroBasedChunks_AreTheSamePartsShiftedByOne()
    {
        // Kubernetes completion indices run 0 … n−1: part 0/3 --zero-based is part 1/3.
        using var temp = new TempFolder();
        var zero = Run([.. new[] { "simulate" }, .. RunArgs, "--chunks", "0/3", "--zero-based", "--partial", temp.File("z.bin")]);
        var one = Run([.. new[] { "simulate" }, .. RunArgs, "--chunks", "1/3", "--partial", temp.File("o.bin")]);
        zero.Code.Should().Be(0, zero.Err);
        one.Code.Should().Be(0, one.Err);
        File.ReadAllBytes(temp.File("z.bin")).Should().Equal(File.ReadAllBytes(temp.File("o.bin")));
        Run([.. new[] { "simulate" }, .. RunArgs, "--chunks", "3/3", "--zero-based", "--partial", temp.File("x.bin")]).Code.Should().Be(1);
    }

    [Test]
    public void Simulate_ChunksWithoutPartial_IsAUsageError()
    {
        Run([.. new[] { "simulate" }, .. RunArgs, "--chunks", "1/3"]).Code.Should().Be(1);
    }

    [TestCase("0/3")]
    [TestCase("4/3")]
    [TestCase("a/b")]
    [TestCase("16/16")]
    public void Simulate_BadChunks_IsAUsageError(string chunks)
    {
        using var temp = new TempFolder();

        var (code, _, error) = Run([.. new[] { "simulate" }, .. RunArgs, "--chunks", chunks, "--partial", temp.File("p.bin")]);

        code.Should().Be(1);
        error.Should().Contain("--chunks");
        Directory.GetFiles(temp.Path).Should().BeEmpty();
    }

    public enum Damage
    {
        Missing,
        Duplicated,
        Truncated,
        Corrupt,
        Foreign,
        NotAPartial,
        Absent,
    }

    [TestCase(Damage.Missing, "chunks [")]
    [TestCase(Damage.Duplicated, "given twice")]
    [TestCase(Damage.Truncated, "truncated")]
    [TestCase(Damage.Corrupt, "corrupt")]
    [TestCase(Damage.Foreign, "different run")]
    [TestCase(Damage.NotAPartial, "not a lifetimevalue partial file")]
    [TestCase(Damage.Absent, "no such partial file")]
    public void Merge_BadParts_RefusedWithExitCode2AndNoOutputFile(Damage damage, string message)
    {
        using var temp = new TempFolder();
        var files = PartFiles(temp, 3).ToList();
        switch (damage)
        {
            case Damage.Missing:
                files.RemoveAt(1);
                break;
            case Damage.Duplicated:
                files.Add(files[2]);
                break;
            case Damage.Truncated:
                var bytes = File.ReadAllBytes(files[1]);
                File.WriteAllBytes(files[1], bytes[..(bytes.Length - 100)]);
                break;
            case Damage.Corrupt:
                var data = File.ReadAllBytes(files[1]);
                data[data.Length / 2] ^= 0x40;
                File.WriteAllBytes(files[1], data);
                break;
            case Damage.Foreign:
                files[1] = PartFiles(temp, 3, "foreign", "--method", "stepping")[1];
                break;
            case Damage.NotAPartial:
                File.WriteAllText(files[1], "scenario,period,rate\n");
                break;
            case Damage.Absent:
                files[1] = temp.File("never-written.bin");
                break;
        }

        var before = Directory.GetFiles(temp.Path).Order().ToArray();
        var outPath = temp.File("result.json");

        var (code, output, error) = Run([.. new[] { "merge" }, .. files, "--format", "json", "--out", outPath]);

        code.Should().Be(2, error);
        error.Should().Contain(message);
        output.Should().BeEmpty();
        Directory.GetFiles(temp.Path).Order().Should().Equal(before, "a refused merge leaves no output or temporary file");
    }
}
