using System.Net;
using System.Net.Sockets;

namespace LifetimeValue.Orleans.Tests.Processes;

/// <summary>Free localhost TCP ports (asked of the kernel, so parallel test runs do not collide).</summary>
internal static class FreePort
{
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
