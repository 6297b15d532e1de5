using System.Globalization;

namespace LifetimeValue.Orleans.Tests.Processes;

/// <summary>
/// Real <c>lifetimevalue silo</c> processes (the built tool) on one membership store, each on free localhost ports,
/// started in order (silo 0 first) and each waited for until it reports ready. Disposing kills those still running.
/// </summary>
internal sealed class SiloProcesses : IDisposable
{
    private readonly List<ChildProcess> _silos = [];

    private SiloProcesses(string connection, string clusterId, string folder)
    {
        Connection = connection;
        ClusterId = clusterId;
        Folder = folder;
    }

    public string Connection { get; }

    public string ClusterId { get; }

    public string Folder { get; }

    public IReadOnlyList<ChildProcess> Silos => _silos;

    /// <summary>The <c>--cluster … --cluster-id …</c> arguments of a client of this cluster.</summary>
    public string[] ClientArguments => ["--cluster", Connection, "--cluster-id", ClusterId];

    public static async Task<SiloProcesses> StartAsync(string connection, int count, string folder)
    {
        var silos = new SiloProcesses(connection, $"test-{Guid.NewGuid():N}"[..20], folder);
        try
        {
            for (var i = 0; i < count; i++)
            {
                await silos.AddAsync();
            }

            return silos;
        }
        catch
        {
            silos.Dispose();
            throw;
        }
    }

    /// <summary>Starts one more silo and waits until it is ready.</summary>
    public async Task<ChildProcess> AddAsync()
    {
        var silo = ChildProcess.Tool($"silo{_silos.Count}", Folder, "silo", "--cluster", Connection, "--cluster-id", ClusterId,
            "--port", FreePort.Next().ToString(CultureInfo.InvariantCulture), "--gateway-port", FreePort.Next().ToString(CultureInfo.InvariantCulture),
            "--address", "127.0.0.1");
        _silos.Add(silo);
        await silo.WaitForLineAsync(" ready: ", TimeSpan.FromMinutes(3));
        return silo;
    }

    /// <summary>What every silo printed, for a failing test's message.</summary>
    public string Logs => string.Join(Environment.NewLine, _silos.Select(s => s.Log));

    public void Dispose()
    {
        foreach (var silo in _silos)
        {
            silo.Dispose();
        }
    }
}
