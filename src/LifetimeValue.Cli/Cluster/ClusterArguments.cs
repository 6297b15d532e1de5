using System.CommandLine;

namespace LifetimeValue.Cli.Cluster;

/// <summary><c>--cluster</c> and <c>--cluster-id</c>, shared by <c>silo</c> and <c>simulate</c>.</summary>
internal sealed class ClusterArguments
{
    public ClusterArguments(string clusterDescription) =>
        Cluster = new Option<string?>("--cluster") { Description = clusterDescription };

    public Option<string?> Cluster { get; }

    public Option<string?> ClusterId { get; } = new("--cluster-id")
    {
        Description = $"The cluster's id in the membership store (default '{ClusterConnection.DefaultClusterId}'): silos and clients with the same store and id form one cluster.",
    };

    public void AddTo(Command command)
    {
        command.Options.Add(Cluster);
        command.Options.Add(ClusterId);
    }

    /// <summary>The connection, or null when <c>--cluster</c> is not given.</summary>
    public ClusterConnection? Resolve(ParseResult parse)
    {
        if (parse.GetValue(Cluster) is { } value)
        {
            return ClusterConnection.Parse(value, parse.GetValue(ClusterId));
        }

        return parse.GetValue(ClusterId) is null ? null : throw CliException.Usage("--cluster-id needs --cluster.");
    }
}
