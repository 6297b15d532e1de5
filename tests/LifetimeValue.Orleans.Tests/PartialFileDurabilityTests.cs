using System.Text.RegularExpressions;
using LifetimeValue.Orleans.Tests.Processes;

namespace LifetimeValue.Orleans.Tests;

/// <summary>
/// A partial file reaches the disk before it gets its name: the tool's system calls, traced with strace, show an
/// fsync of the temporary file before the rename onto the part's path (issue 17). And a task killed mid-run leaves
/// no part file, so merge reports the part missing.
/// </summary>
[NonParallelizable]
public sealed partial class PartialFileDurabilityTests
{
    private static readonly string[] Run = ["w1", "--customers", "3000", "--chunk-size", "1000", "--rate-model", "vasicek", "--scenarios", "5", "--seed", "3"];

    [Test]
    public async Task Simulate_Partial_FsyncedBeforeTheRename()
    {
        var strace = new[] { "/usr/bin/strace", "/bin/strace" }.FirstOrDefault(File.Exists);
        if (strace is null)
        {
            const string reason = "strace is not installed (apt-get install -y strace; .ci/run installs it)";
            if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
            {
                Assert.Fail(reason + ": under CI this test must run.");
            }

            Assert.Ignore(reason + ".");
        }

        var folder = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), $"lv-fsync-{Guid.NewGuid():N}")).FullName;
        try
        {
            var trace = Path.Combine(folder, "trace.txt");
            var part = Path.Combine(folder, "2.bin");
            using var process = ChildProcess.Start("strace", strace,
                ["-f", "-y", "-o", trace, "-e", "trace=fsync,fdatasync,rename,renameat,renameat2", "dotnet", Repository.ToolAssembly, "simulate", .. Run, "--chunks", "2/3", "--partial", part],
                folder);
            var (code, _, log) = await process.WaitForExitAsync(TimeSpan.FromMinutes(3));
            code.Should().Be(0, log);

            var lines = await File.ReadAllLinesAsync(trace);
            var rename = Array.FindIndex(lines, l => RenameOnto().IsMatch(l) && l.Contains($"\"{part}\"", StringComparison.Ordinal));
            rename.Should().BeGreaterThan(0, "the part is renamed into place:\n" + string.Join('\n', lines));
            var temporary = RenameOnto().Match(lines[rename]).Groups["from"].Value;
            temporary.Should().StartWith(Path.Combine(folder, ".2.bin.")).And.EndWith(".tmp");
            lines.Take(rename).Should().Contain(l => (l.Contains("fsync(", StringComparison.Ordinal) || l.Contains("fdatasync(", StringComparison.Ordinal)) && l.Contains($"<{temporary}>", StringComparison.Ordinal),
                "the temporary file is flushed to disk before it is renamed (strace -y names each descriptor's file)");
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Test]
    public async Task Simulate_KilledMidRun_LeavesNoPartAndMergeReportsItMissing()
    {
        var folder = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), $"lv-kill-{Guid.NewGuid():N}")).FullName;
        try
        {
            foreach (var k in new[] { 1, 3 })
            {
                using var task = ChildProcess.Tool($"part {k}", folder, ["simulate", .. Run, "--chunks", $"{k}/3", "--partial", $"{k}.bin"]);
                (await task.WaitForExitAsync(TimeSpan.FromMinutes(3))).ExitCode.Should().Be(0);
            }

            // Part 2 of a large run, killed (SIGKILL) while it computes.
            using (var killed = ChildProcess.Tool("part 2", folder, ["simulate", "w1", "--customers", "50000000", "--chunks", "2/3", "--partial", "2.bin"]))
            {
                await Task.Delay(TimeSpan.FromSeconds(3));
                killed.HasExited.Should().BeFalse("the part must still be computing when it is killed");
                killed.Kill();
            }

            File.Exists(Path.Combine(folder, "2.bin")).Should().BeFalse("a part is never visible under its name until it is complete");
            using var merge = ChildProcess.Tool("merge", folder, "merge", "1.bin", "3.bin");
            var (code, _, log) = await merge.WaitForExitAsync(TimeSpan.FromMinutes(3));
            code.Should().Be(2, log);
            log.Should().Contain("are missing: parts given 1, 3 of 3");
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [GeneratedRegex("rename(at2?)?\\((AT_FDCWD<[^>]*>|AT_FDCWD), \"(?<from>[^\"]+)\"|rename\\(\"(?<from>[^\"]+)\"")]
    private static partial Regex RenameOnto();
}
