using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using LifetimeValue.Orleans;
using LifetimeValue.Simulation;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;

namespace LifetimeValue.Cli.Cluster;

/// <summary>
/// The client side of <c>simulate … --cluster</c>: connects to the cluster through the membership store, sends the
/// run (its model file travels with the job, so silos need no copy) and merges the partials in canonical order —
/// the result is the in-process run's, bit for bit. Retries are <see cref="OrleansSimulation"/>'s defaults: bounded
/// by a window of three failure-detection periods, so the loss of any one silo does not fail the run.
/// </summary>
internal static class ClusterClient
{
    /// <summary>How long the client waits for a first gateway (silos may still be starting).</summary>
    private static readonly TimeSpan ConnectWindow = TimeSpan.FromMinutes(2);

    /// <summary>Runs chunks [<paramref name="first"/>, <paramref name="first"/> + <paramref name="count"/>) of the run, or all of it when <paramref name="count"/> is null.</summary>
    public static (SimulationResult? Result, SimulationPartial? Partial) Run(CliEnvironment env, ClusterConnection connection, SimulationJob job,
        long first, long? count, IProgress<SimulationProgress>? progress, CancellationToken cancellationToken) =>
        RunAsync(env, connection, job, first, count, progress, cancellationToken).GetAwaiter().GetResult();

    private static async Task<(SimulationResult?, SimulationPartial?)> RunAsync(CliEnvironment env, ClusterConnection connection, SimulationJob job,
        long first, long? count, IProgress<SimulationProgress>? progress, CancellationToken cancellationToken)
    {
        var connect = new Stopwatch();
        var builder = new HostApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Logging.ClearProviders(); // standard output is the report; failures surface as exceptions
        builder.Services.AddSingleton<IHostLifetime, CommandLifetime>(); // Ctrl+C cancels the command, not the client under it
        builder.UseOrleansClient(client =>
        {
            connection.Configure(client);
            client.UseConnectionRetryFilter((e, ct) => RetryConnect(e, ct));

            // Calls on a loaded cluster may wait their turn on a silo for longer than Orleans' 30 s default: the
            // coordinator's own deadline (CallTimeout, growing with the slowest call) decides when to give up on one.
            client.Configure<ClientMessagingOptions>(o => o.ResponseTimeout = TimeSpan.FromMinutes(10));
        });
        using var host = builder.Build();
        connect.Start();
        try
        {
            await host.StartAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception e) when (e is not CliException)
        {
            throw new CliException(ExitCodes.Failure, string.Create(CultureInfo.InvariantCulture,
                $"cannot reach the cluster ({connection.Text}) after {connect.Elapsed.TotalSeconds:0} s: {e.GetBaseException().Message} Start silos with 'lifetimevalue silo --cluster …' on the same store and cluster id."), e);
        }

        var firstFailure = new ConcurrentDictionary<long, Stopwatch>();
        var recoveries = new ConcurrentBag<double>();
        var retries = 0;
        var options = new OrleansSimulationOptions
        {
            // Matches the response timeout above: a call is given up on after 2 minutes (or 4 × the slowest call).
            CallTimeout = TimeSpan.FromMinutes(2),
            CallRetrying = r =>
            {
                Interlocked.Increment(ref retries);
                firstFailure.TryAdd(r.FirstChunk, Stopwatch.StartNew());
                lock (env.Error)
                {
                    env.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"retrying chunks [{r.FirstChunk}, {r.FirstChunk + r.ChunkCount}) after attempt {r.FailedAttempt}: {r.Failure.GetType().Name}: {FirstLine(r.Failure.Message)}"));
                    env.Error.Flush();
                }
            },
            CallCompleted = r =>
            {
                if (firstFailure.TryRemove(r.FirstChunk, out var since))
                {
                    recoveries.Add(since.Elapsed.TotalSeconds);
                }
            },
        };

        try
        {
            var client = host.Services.GetRequiredService<IClusterClient>();
            (SimulationResult?, SimulationPartial?) outcome = count is { } c
                ? (null, await OrleansSimulation.SimulateChunksAsync(client, job, first, c, options, progress, cancellationToken).ConfigureAwait(false))
                : (await OrleansSimulation.RunAsync(client, job, options, progress, cancellationToken).ConfigureAwait(false), null);
            if (retries > 0)
            {
                env.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"recovered: {retries} call(s) retried after transient failures; the longest took {(recoveries.IsEmpty ? 0 : recoveries.Max()):0.0} s from first failure to success."));
                env.Error.Flush();
            }

            return outcome;
        }
        catch (TimeoutException e)
        {
            throw new CliException(ExitCodes.Failure, $"the cluster did not recover in time ({connection.Text}): {e.Message}", e);
        }
        catch (SimulationInputMismatchException e)
        {
            throw CliException.Invalid(e.Message, e);
        }
        finally
        {
            using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            try
            {
                await host.StopAsync(stop.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // The cluster is gone: nothing to leave cleanly.
            }
        }

        async Task<bool> RetryConnect(Exception failure, CancellationToken ct)
        {
            _ = failure;
            if (connect.Elapsed > ConnectWindow || ct.IsCancellationRequested)
            {
                return false;
            }

            await Task.Delay(TimeSpan.FromSeconds(1), ct).ConfigureAwait(false);
            return true;
        }
    }

    /// <summary>A host lifetime that leaves Ctrl+C and SIGTERM to the command (which cancels the run and then stops the host).</summary>
    private sealed class CommandLifetime : IHostLifetime
    {
        public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }

    private static string FirstLine(string message)
    {
        var end = message.IndexOfAny(['\r', '\n']);
        return end < 0 ? message : message[..end];
    }
}
