using System.Text.Json;

namespace LifetimeValue.Orleans.Tests.Processes;

/// <summary>
/// The <c>command</c> and <c>args</c> of the container in a Kubernetes manifest, read the way the docs write them:
/// flow sequences (<c>["a", "b"]</c>, valid JSON) or a block sequence whose items are plain or folded (<c>&gt;-</c>)
/// scalars. Enough YAML for the docs' manifests; anything else fails loudly.
/// </summary>
internal static class ContainerSpec
{
    public static (IReadOnlyList<string> Command, IReadOnlyList<string> Args) Read(string yaml)
    {
        var lines = yaml.Split('\n');
        return (Sequence(lines, "command:"), Sequence(lines, "args:"));
    }

    private static List<string> Sequence(string[] lines, string key)
    {
        var at = Array.FindIndex(lines, l => l.TrimStart().StartsWith(key, StringComparison.Ordinal));
        if (at < 0)
        {
            throw new FormatException($"no '{key}' in the manifest");
        }

        var rest = lines[at].TrimStart()[key.Length..].Trim();
        if (rest.StartsWith('['))
        {
            return JsonSerializer.Deserialize<List<string>>(rest) ?? throw new FormatException($"'{key}' is not a list of strings");
        }

        if (rest.Length != 0)
        {
            throw new FormatException($"'{key}' has an unsupported form: {rest}");
        }

        // A block sequence: "- item" lines indented under the key; an item ">-" folds the lines indented below it.
        var indent = Indent(lines[at]);
        var items = new List<string>();
        for (var i = at + 1; i < lines.Length && Indent(lines[i]) > indent && lines[i].TrimStart().StartsWith('-'); i++)
        {
            var item = lines[i].TrimStart()[1..].Trim();
            if (item == ">-")
            {
                var itemIndent = Indent(lines[i]);
                var folded = new List<string>();
                while (i + 1 < lines.Length && lines[i + 1].Trim().Length > 0 && Indent(lines[i + 1]) > itemIndent)
                {
                    folded.Add(lines[++i].Trim());
                }

                items.Add(string.Join(' ', folded));
            }
            else
            {
                items.Add(item);
            }
        }

        return items;
    }

    private static int Indent(string line) => line.Length - line.TrimStart().Length;
}
