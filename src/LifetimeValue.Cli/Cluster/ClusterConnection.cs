using System.Globalization;
using Microsoft.Extensions.Hosting;
using Orleans.Configuration;
using StackExchange.Redis;

namespace LifetimeValue.Cli.Cluster;

/// <summary>
/// The value of <c>--cluster</c>: where the cluster's membership table lives. Silos register there and clients find
/// the gateways there, so no silo is special and any one of them can die. Today: Redis
/// (<c>redis://host:port</c>, or <c>redis:</c> followed by a StackExchange.Redis configuration string such as
/// <c>redis:db.internal:6379,password=secret,ssl=true</c>).
/// </summary>
internal sealed class ClusterConnection
{
    /// <summary>The Orleans service id shared by every silo and client of the tool (part of the membership key).</summary>
    public const string ServiceId = "lifetimevalue";

    /// <summary>The default <c>--cluster-id</c>.</summary>
    public const string DefaultClusterId = "lifetimevalue";

    private ClusterConnection(ConfigurationOptions redis, string clusterId, string text)
    {
        Redis = redis;
        ClusterId = clusterId;
        Text = text;
    }

    /// <summary>The Redis configuration (the password is never printed).</summary>
    public ConfigurationOptions Redis { get; }

    /// <summary>The cluster id: silos and clients with the same store and id form one cluster.</summary>
    public string ClusterId { get; }

    /// <summary>What was given, without a password, for messages.</summary>
    public string Text { get; }

    /// <summary>Parses <c>--cluster</c> and <c>--cluster-id</c>; a usage error (exit code 1) when malformed.</summary>
    public static ClusterConnection Parse(string value, string? clusterId)
    {
        clusterId ??= DefaultClusterId;
        if (clusterId.Length is 0 or > 64 || !clusterId.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.'))
        {
            throw CliException.Usage($"--cluster-id must be 1 to 64 letters, digits, '-', '_' or '.' (was '{clusterId}').");
        }

        string configuration;
        if (value.StartsWith("redis://", StringComparison.OrdinalIgnoreCase))
        {
            configuration = value["redis://".Length..].TrimEnd('/');
        }
        else if (value.StartsWith("redis:", StringComparison.OrdinalIgnoreCase))
        {
            configuration = value["redis:".Length..];
        }
        else
        {
            throw CliException.Usage($"--cluster must name the membership store: redis://host:port or redis:<StackExchange.Redis configuration> (was '{value}'). See docs/scale-out.md.");
        }

        ConfigurationOptions redis;
        try
        {
            redis = ConfigurationOptions.Parse(configuration);
        }
        catch (ArgumentException e)
        {
            throw CliException.Usage($"--cluster '{value}': not a Redis configuration: {e.Message}");
        }

        if (redis.EndPoints.Count == 0)
        {
            throw CliException.Usage($"--cluster '{value}' names no Redis server: give host:port, e.g. redis://redis.internal:6379.");
        }

        return new ClusterConnection(redis, clusterId, string.Create(CultureInfo.InvariantCulture,
            $"redis {string.Join(", ", redis.EndPoints.Select(e => e.ToString()))}, cluster id '{clusterId}'"));
    }

    /// <summary>Configures a silo: Redis membership and the cluster's ids.</summary>
    public void Configure(ISiloBuilder silo) => silo
        .UseRedisClustering(o => o.ConfigurationOptions = Redis.Clone())
        .Configure<ClusterOptions>(o =>
        {
            o.ClusterId = ClusterId;
            o.ServiceId = ServiceId;
        });

    /// <summary>Configures a client: gateways from the Redis membership table, and the cluster's ids.</summary>
    public void Configure(IClientBuilder client) => client
        .UseRedisClustering(o => o.ConfigurationOptions = Redis.Clone())
        .Configure<ClusterOptions>(o =>
        {
            o.ClusterId = ClusterId;
            o.ServiceId = ServiceId;
        });
}
