using System.CommandLine;
using System.Globalization;
using System.Net;
using LifetimeValue.Cli.Cluster;
using LifetimeValue.Cli.Common;
using LifetimeValue.Orleans;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;

namespace LifetimeValue.Cli.Commands;

/// <summary>
/// <c>silo --cluster &lt;store&gt;</c>: runs an Orleans silo that computes chunk ranges for <c>simulate … --cluster</c>
/// (and for any client of <c>LifetimeValue.Orleans</c>), until Ctrl+C or SIGTERM. Every silo of a cluster is alike:
/// membership lives in the store, so any one can die and the runs in progress finish on the others.
/// </summary>
internal static class SiloCommand
{
    public static Command Create(CliEnvironment env)
    {
        var command = new Command("silo", "Run an Orleans silo that computes simulation chunks for 'simulate --cluster', until Ctrl+C or SIGTERM (then it leaves the cluster cleanly).");
        var cluster = new ClusterArguments("The membership store the silos share: redis://host:port or redis:<StackExchange.Redis configuration> (required).");
        var port = new Option<int?>("--port") { Description = "Silo-to-silo port (default 11111), in [1, 65535].", CustomParser = InvariantNumber.Int32(1, 65_535) };
        var gatewayPort = new Option<int?>("--gateway-port") { Description = "Port clients connect to (default 30000), in [1, 65535].", CustomParser = InvariantNumber.Int32(1, 65_535) };
        var address = new Option<string?>("--address") { Description = "The IP address other silos and clients reach this silo at (default: this host's address; in Kubernetes the pod IP)." };
        var threads = new Option<int?>("--threads") { Description = "Threads per chunk call (default: all cores), in [1, 1024]. Never changes results.", CustomParser = InvariantNumber.Int32(1, 1024) };
        cluster.AddTo(command);
        command.Options.Add(port);
        command.Options.Add(gatewayPort);
        command.Options.Add(address);
        command.Options.Add(threads);
        CommandRunner.SetAction(command, env, (parse, cancellationToken) =>
        {
            var connection = cluster.Resolve(parse) ?? throw CliException.Usage("silo needs --cluster <store>, e.g. --cluster redis://redis.internal:6379.");
            var siloPort = Port(parse.GetValue(port), "--port", EndpointOptions.DEFAULT_SILO_PORT);
            var clientPort = Port(parse.GetValue(gatewayPort), "--gateway-port", EndpointOptions.DEFAULT_GATEWAY_PORT);
            if (siloPort == clientPort)
            {
                throw CliException.Usage(string.Create(CultureInfo.InvariantCulture, $"--port and --gateway-port must differ (both {siloPort})."));
            }

            IPAddress? advertised = null;
            if (parse.GetValue(address) is { } text && !IPAddress.TryParse(text, out advertised))
            {
                throw CliException.Usage($"--address must be an IP address, e.g. 10.0.0.5 (was '{text}').");
            }

            var parallelism = parse.GetValue(threads) switch
            {
                null => 0,
                >= 1 and <= 1024 and var t => t,
                var t => throw CliException.Usage(string.Create(CultureInfo.InvariantCulture, $"--threads must be in [1, 1024] (was {t})."))
            };
            return Run(env, connection, siloPort, clientPort, advertised, parallelism, cancellationToken);
        });
        return command;
    }

    private static int Port(int? value, string name, int fallback) => value switch
    {
        null => fallback,
        >= 1 and <= 65535 => value.Value,
        _ => throw CliException.Usage(string.Create(CultureInfo.InvariantCulture, $"{name} must be in [1, 65535] (was {value})."))
    };

    private static int Run(CliEnvironment env, ClusterConnection connection, int siloPort, int gatewayPort, IPAddress? advertised, int threads, CancellationToken cancellationToken)
    {
        var builder = new HostApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Logging.AddSimpleConsole(o =>
        {
            o.SingleLine = true;
            o.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fff ";
            o.UseUtcTimestamp = true;
        });
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Logging.AddFilter("LifetimeValue", LogLevel.Information);
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(20));
        builder.UseOrleans(silo =>
        {
            connection.Configure(silo);
            if (advertised is null)
            {
                silo.ConfigureEndpoints(siloPort, gatewayPort, listenOnAnyHostAddress: true);
            }
            else
            {
                silo.ConfigureEndpoints(advertised, siloPort, gatewayPort, listenOnAnyHostAddress: true);
            }

            silo.AddLifetimeValueSimulation(o => o.MaxDegreeOfParallelism = threads);
        });

        using var host = builder.Build();
        try
        {
            host.StartAsync(cancellationToken).GetAwaiter().GetResult();
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception e) when (e is not CliException)
        {
            throw new CliException(ExitCodes.Failure,
                $"the silo could not join the cluster ({connection.Text}): {e.GetBaseException().Message}", e);
        }

        var silo = host.Services.GetRequiredService<ILocalSiloDetails>();
        env.Output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"silo {silo.SiloAddress} ready: gateway port {gatewayPort}, membership {connection.Text}. Ctrl+C or SIGTERM stops it."));
        env.Output.Flush();
        // Until SIGTERM or Ctrl+C (the host's console lifetime hears both): then leave the cluster cleanly, so the
        // others need not detect a failure.
        host.WaitForShutdownAsync(cancellationToken).GetAwaiter().GetResult();
        env.Output.WriteLine($"silo {silo.SiloAddress} stopped.");
        env.Output.Flush();
        return ExitCodes.Ok;
    }
}
