using System.Text;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis.CSharp.Scripting;
using Microsoft.CodeAnalysis.Scripting;

namespace LifetimeValue.Samples.Tests;

/// <summary>
/// Runs C# snippets the way a .NET Interactive notebook does: one Roslyn script state continued snippet after
/// snippet, with the notebook's default imports. <c>#r "nuget: LifetimeValue…"</c> lines map to the locally built
/// assemblies (already referenced); other magic commands (<c>#!…</c>, <c>#i</c>, <c>#r "nuget:…"</c>) are removed.
/// </summary>
internal static partial class ScriptRunner
{
    private static readonly string[] Imports =
    [
        "System", "System.Collections.Generic", "System.IO", "System.Linq", "System.Text", "System.Threading", "System.Threading.Tasks",
    ];

    public static ScriptOptions Options { get; } = ScriptOptions.Default
        .AddReferences(
            typeof(object).Assembly,
            typeof(Enumerable).Assembly,
            typeof(Console).Assembly,
            typeof(System.Collections.Generic.List<>).Assembly,
            typeof(System.Globalization.CultureInfo).Assembly,
            typeof(Presets).Assembly,
            typeof(Plotting.Charts).Assembly)
        .AddImports(Imports);

    /// <summary>Removes magic commands; fails on a package other than LifetimeValue's, which the test cannot supply.</summary>
    public static string Prepare(string code)
    {
        var sb = new StringBuilder();
        foreach (var line in code.Split('\n'))
        {
            var trimmed = line.Trim();
            var nuget = NugetReference().Match(trimmed);
            if (nuget.Success)
            {
                var package = nuget.Groups["package"].Value.Trim();
                if (package is not ("LifetimeValue" or "LifetimeValue.Plotting"))
                {
                    throw new InvalidOperationException($"#r \"nuget: {package}\": only LifetimeValue and LifetimeValue.Plotting are mapped to local builds.");
                }

                sb.Append('\n');
                continue;
            }

            sb.Append(trimmed.StartsWith("#!", StringComparison.Ordinal) || trimmed.StartsWith("#i ", StringComparison.Ordinal) ? string.Empty : line.TrimEnd('\r')).Append('\n');
        }

        return sb.ToString();
    }

    /// <summary>Runs the snippets in order; throws <see cref="SnippetException"/> naming the failing one.</summary>
    public static async Task RunAsync(string source, string unit, IReadOnlyList<(int Index, string Code)> snippets)
    {
        ScriptState<object>? state = null;
        foreach (var (index, code) in snippets)
        {
            try
            {
                var prepared = Prepare(code);
                state = state is null
                    ? await CSharpScript.RunAsync(prepared, Options).ConfigureAwait(false)
                    : await state.ContinueWithAsync(prepared, Options).ConfigureAwait(false);
            }
            catch (Exception e)
            {
                throw new SnippetException($"{source}, {unit} {index}: {e.GetType().Name}: {e.Message}\n--- code ---\n{code}", e);
            }
        }
    }

    [GeneratedRegex("^#r\\s+\"nuget:\\s*(?<package>[^,\"]+)(,[^\"]*)?\"")]
    private static partial Regex NugetReference();
}
