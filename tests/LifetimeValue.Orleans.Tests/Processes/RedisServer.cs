using System.Globalization;
using System.Net.Sockets;

namespace LifetimeValue.Orleans.Tests.Processes;

/// <summary>
/// A throwaway Redis server (Debian's <c>redis-server</c>) on a free localhost port, with its files in a fresh
/// temporary folder and persistence off; disposing kills it and deletes the folder. Tests that need one call
/// <see cref="StartOrSkip"/>: the test is skipped, with the reason, only where no <c>redis-server</c> is installed —
/// and fails instead under CI (<c>CI=true</c>), where <c>.ci/run</c> installs it.
/// </summary>
internal sealed class RedisServer : IDisposable
{
    private readonly ChildProcess _process;

    private RedisServer(ChildProcess process, int port, string folder)
    {
        _process = process;
        Port = port;
        Folder = folder;
    }

    public int Port { get; }

    public string Folder { get; }

    /// <summary>The <c>--cluster</c> value for this server.</summary>
    public string Connection => string.Create(CultureInfo.InvariantCulture, $"redis://127.0.0.1:{Port}");

    public static string? Binary => new[] { "/usr/bin/redis-server", "/usr/local/bin/redis-server" }.FirstOrDefault(File.Exists)
        ?? (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, "redis-server")).FirstOrDefault(File.Exists);

    public static async Task<RedisServer> StartOrSkip()
    {
        var binary = Binary;
        if (binary is null)
        {
            const string reason = "redis-server is not installed (apt-get install -y redis-server; .ci/run installs it)";
            if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
            {
                Assert.Fail(reason + ": under CI this test must run.");
            }

            Assert.Ignore(reason + ".");
        }

        var folder = Path.Combine(Path.GetTempPath(), $"lv-redis-{Guid.NewGuid():N}");
        Directory.CreateDirectory(folder);
        var port = FreePort.Next();
        var process = ChildProcess.Start("redis", binary!,
            ["--port", port.ToString(CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--dir", folder, "--save", "", "--appendonly", "no", "--daemonize", "no"],
            folder);
        var server = new RedisServer(process, port, folder);
        try
        {
            await process.WaitForLineAsync("Ready to accept connections", TimeSpan.FromSeconds(30));
            using var probe = new TcpClient();
            await probe.ConnectAsync("127.0.0.1", port);
            return server;
        }
        catch
        {
            server.Dispose();
            throw;
        }
    }

    public void Dispose()
    {
        _process.Dispose();
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: a temporary folder.
        }
    }
}
