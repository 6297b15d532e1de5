using System.Buffers.Binary;
using static LifetimeValue.Tests.Cli.CliRun;

namespace LifetimeValue.Tests.Cli;

/// <summary>Partial files and merge: what is checksummed, how files are told apart, what a killed writer leaves (issue 17).</summary>
public sealed partial class CliTests
{
    [Test]
    public void Merge_PartNumberAlteredInTheHeader_RefusedAsCorrupt()
    {
        // Bytes 8–11 hold k: rewrite part 2's "2" as "3". The part number is now inside the header checksum.
        using var temp = new TempFolder();
        var files = PartFiles(temp, 3);
        var bytes = File.ReadAllBytes(files[1]);
        BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(8)).Should().Be(2, "the layout documented in PartialFile");
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(8), 3);
        File.WriteAllBytes(files[1], bytes);

        var (code, output, error) = Run([.. new[] { "merge" }, .. files, "--format", "json"]);

        code.Should().Be(2, error);
        error.Should().Contain(files[1]).And.Contain("corrupt").And.Contain("part number");
        output.Should().BeEmpty();
    }

    [Test]
    public void Merge_TwoDifferentFilesWithOneName_NamedByPathAndPart()
    {
        // a/2.bin is part 2 of 3 (chunks [5, 10) of 15), b/2.bin part 2 of 4 (chunks [3, 7)): two files, one name.
        using var temp = new TempFolder();
        var a = Directory.CreateDirectory(temp.File("a")).FullName;
        var b = Directory.CreateDirectory(temp.File("b")).FullName;
        Run([.. new[] { "simulate" }, .. RunArgs, "--chunks", "2/3", "--partial", Path.Combine(a, "2.bin")]).Code.Should().Be(0);
        Run([.. new[] { "simulate" }, .. RunArgs, "--chunks", "2/4", "--partial", Path.Combine(b, "2.bin")]).Code.Should().Be(0);

        var (code, _, error) = Run("merge", Path.Combine(a, "2.bin"), Path.Combine(b, "2.bin"));

        code.Should().Be(2, error);
        error.Should().Contain($"{Path.Combine(b, "2.bin")} (part 2/4) and {Path.Combine(a, "2.bin")} (part 2/3) both cover chunk 5")
            .And.NotContain("given twice");
    }

    [Test]
    public void Merge_ACopyOfAPartUnderAnotherPath_NamedAsACopy()
    {
        using var temp = new TempFolder();
        var files = PartFiles(temp, 3);
        var copy = Path.Combine(Directory.CreateDirectory(temp.File("elsewhere")).FullName, Path.GetFileName(files[1]));
        File.Copy(files[1], copy);

        var (code, _, error) = Run([.. new[] { "merge" }, .. files, copy]);

        code.Should().Be(2, error);
        error.Should().Contain($"{files[1]} and {copy} are copies of the same part 2/3");
    }

    [Test]
    public void Merge_OneFileGivenTwiceUnderTwoSpellings_GivenTwice()
    {
        using var temp = new TempFolder();
        var files = PartFiles(temp, 3);
        var respelled = Path.Combine(temp.Path, ".", Path.GetFileName(files[2]));

        var (code, _, error) = Run([.. new[] { "merge" }, .. files, respelled]);

        code.Should().Be(2, error);
        error.Should().Contain($"{respelled} is given twice (also as {files[2]})");
    }

    [Test]
    public void Simulate_ZeroBasedPartBeyondTheChunks_MessageShowsThePartAsGiven()
    {
        // The run has 15 chunks; 0/40 with --zero-based is the first of 40 parts.
        using var temp = new TempFolder();

        var (code, _, error) = Run([.. new[] { "simulate" }, .. RunArgs, "--chunks", "0/40", "--zero-based", "--partial", temp.File("p.bin")]);

        code.Should().Be(1);
        error.Should().Contain("--chunks 0/40 (zero-based): the run has only 15 chunk(s)").And.NotContain("1/40");
    }

    [Test]
    public void Simulate_ZeroBasedPart_ReportsThePartAsGiven()
    {
        using var temp = new TempFolder();

        var (code, output, error) = Run([.. new[] { "simulate" }, .. RunArgs, "--chunks", "2/3", "--zero-based", "--partial", temp.File("p.bin")]);

        code.Should().Be(0, error);
        output.Should().StartWith("part 2/3 (zero-based): chunks [10, 15) of 15");
    }

    [Test]
    public void Merge_WriterKilledBeforeRename_PartMissingAndTheLeftoverNamed()
    {
        // A writer killed mid-write leaves only its temporary file (.2.bin.<id>.tmp, half written), never 2.bin:
        // merge of the complete files reports the part missing and names the leftover.
        using var temp = new TempFolder();
        var files = PartFiles(temp, 3, "");
        var half = File.ReadAllBytes(files[1]);
        var leftover = temp.File($".2.bin.{Guid.NewGuid():N}.tmp");
        File.WriteAllBytes(leftover, half[..(half.Length / 2)]);
        File.Delete(files[1]);

        var (code, _, error) = Run("merge", files[0], files[2]);

        code.Should().Be(2, error);
        error.Should().Contain("are missing: parts given 1, 3 of 3").And.Contain(leftover).And.Contain("never renamed into place");
    }

    [Test]
    public void Merge_PartialFileOfFormatVersion1_RefusedWithARequestToRerun()
    {
        using var temp = new TempFolder();
        var files = PartFiles(temp, 2);
        var bytes = File.ReadAllBytes(files[0]);
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(4), 1);
        File.WriteAllBytes(files[0], bytes);

        var (code, _, error) = Run([.. new[] { "merge" }, .. files]);

        code.Should().Be(2, error);
        error.Should().Contain("version 1").And.Contain("re-run the part");
    }
}
