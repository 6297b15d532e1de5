using System.Diagnostics;
using System.Globalization;
using Microsoft.DotNet.Interactive;
using Microsoft.DotNet.Interactive.Commands;
using Microsoft.DotNet.Interactive.CSharp;
using Microsoft.DotNet.Interactive.Documents;
using Microsoft.DotNet.Interactive.Documents.Jupyter;
using Microsoft.DotNet.Interactive.PackageManagement;

namespace LifetimeValue.NotebookRunner;

/// <summary>
/// Runs one .ipynb notebook cell by cell in the .NET Interactive C# kernel, the kernel that Polyglot Notebooks hosts:
/// a <see cref="CompositeKernel"/> with a <see cref="CSharpKernel"/> that has the kernel helpers (<c>display</c>,
/// <c>HTML</c>) and the NuGet directives (<c>#r "nuget: …"</c>, <c>#i "nuget: …"</c>) restoring through the real
/// <c>dotnet</c> restore. Each code cell is submitted on its own, in order, in one kernel; its events become the cell's
/// outputs (a display that the kernel updates, such as the restore progress, keeps only its last value, as a notebook
/// front end shows it).
/// </summary>
/// <remarks>
/// <para>Usage: <c>LifetimeValue.NotebookRunner NOTEBOOK.ipynb [--out EXECUTED.ipynb] [--replace OLD=NEW]…
/// [--cell-timeout SECONDS]</c>.</para>
/// <para>The working directory is the notebook's folder (as in VS Code). The process culture is the invariant culture,
/// so that the outputs written into a committed notebook do not depend on the machine that regenerated them.
/// <c>--replace</c> rewrites a string in every output (a machine's absolute paths, for example) before writing.</para>
/// <para>Prints one line per code cell (index, seconds, status) and the total; exit code 0 when every code cell ran,
/// 1 when a cell failed (its error is printed and written into the outputs), 2 on bad arguments or an unreadable
/// notebook.</para>
/// </remarks>
internal static class Program
{
    private static async Task<int> Main(string[] args)
    {
        if (!TryParse(args, out var options, out var usage))
        {
            await Console.Error.WriteLineAsync(usage).ConfigureAwait(false);
            return 2;
        }

        CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
        CultureInfo.DefaultThreadCurrentUICulture = CultureInfo.InvariantCulture;
        CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
        CultureInfo.CurrentUICulture = CultureInfo.InvariantCulture;

        InteractiveDocument document;
        try
        {
            var json = await File.ReadAllTextAsync(options.Notebook).ConfigureAwait(false);
            document = Notebook.Parse(json, Kernels());
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or InvalidOperationException or System.Text.Json.JsonException)
        {
            await Console.Error.WriteLineAsync($"{options.Notebook}: cannot read the notebook: {e.Message}").ConfigureAwait(false);
            return 2;
        }

        Environment.CurrentDirectory = Path.GetDirectoryName(Path.GetFullPath(options.Notebook))!;
        using var kernel = CreateKernel();

        var failures = 0;
        var code = 0;
        var total = Stopwatch.StartNew();
        for (var i = 0; i < document.Elements.Count; i++)
        {
            var element = document.Elements[i];
            if (element.KernelName is not "csharp")
            {
                continue;
            }

            code++;
            var watch = Stopwatch.StartNew();
            using var timeout = new CancellationTokenSource(options.CellTimeout);
            var outputs = new CellOutputs();
            string? error;
            try
            {
                var result = await kernel.SendAsync(new SubmitCode(element.Contents, "csharp"), timeout.Token).ConfigureAwait(false);
                foreach (var e in result.Events)
                {
                    outputs.Add(e);
                }

                error = outputs.Error;
            }
            catch (OperationCanceledException)
            {
                error = $"the cell did not finish within {options.CellTimeout.TotalSeconds:F0} s";
                outputs.AddError(error);
            }

            element.Outputs.Clear();
            element.Outputs.AddRange(outputs.Elements(code, options.Replacements));
            element.ExecutionOrder = code;
            var status = error is null ? "ok" : "FAILED";
            Console.WriteLine($"cell {i + 1} (code cell {code}): {watch.Elapsed.TotalSeconds:F1} s {status}");
            if (error is not null)
            {
                failures++;
                Console.WriteLine($"  {error.ReplaceLineEndings("\n  ")}");
                Console.WriteLine($"  --- code ---\n  {element.Contents.ReplaceLineEndings("\n  ")}");
            }
        }

        Console.WriteLine($"{Path.GetFileName(options.Notebook)}: {code} code cells, {failures} failed, {total.Elapsed.TotalSeconds:F1} s");
        if (options.Output is not null)
        {
            var text = Notebook.ToJupyterJson(document);
            await File.WriteAllTextAsync(options.Output, text.ReplaceLineEndings("\n").TrimEnd('\n') + "\n").ConfigureAwait(false);
        }

        return failures == 0 && code > 0 ? 0 : 1;
    }

    /// <summary>The kernels a notebook may name: C# (the default) and Markdown cells.</summary>
    private static KernelInfoCollection Kernels() =>
    [
        new Microsoft.DotNet.Interactive.Documents.KernelInfo("csharp", "C#", ["c#", "C#"]),
        new Microsoft.DotNet.Interactive.Documents.KernelInfo("markdown", "Markdown", ["md"]),
    ];

    private static CompositeKernel CreateKernel()
    {
        var csharp = new CSharpKernel()
            .UseKernelHelpers()
            .UseNugetDirective(
                (k, references) =>
                {
                    k.AddAssemblyReferences(references.SelectMany(r => r.AssemblyPaths));
                    return Task.CompletedTask;
                },
                forceRestore: false);
        var kernel = new CompositeKernel { csharp };
        kernel.DefaultKernelName = csharp.Name;
        return kernel;
    }

    private sealed record Options(string Notebook, string? Output, TimeSpan CellTimeout, IReadOnlyList<(string Old, string New)> Replacements);

    private static bool TryParse(string[] args, out Options options, out string usage)
    {
        usage = "usage: LifetimeValue.NotebookRunner NOTEBOOK.ipynb [--out EXECUTED.ipynb] [--replace OLD=NEW]... [--cell-timeout SECONDS]";
        options = new Options(string.Empty, null, TimeSpan.FromMinutes(5), []);
        string? notebook = null;
        string? output = null;
        var timeout = TimeSpan.FromMinutes(5);
        var replacements = new List<(string, string)>();
        for (var i = 0; i < args.Length; i++)
        {
            var value = i + 1 < args.Length ? args[i + 1] : null;
            switch (args[i])
            {
                case "--out" when value is not null:
                    output = Path.GetFullPath(value);
                    i++;
                    break;
                case "--replace" when value is not null && value.IndexOf('=', StringComparison.Ordinal) > 0:
                    var eq = value.IndexOf('=', StringComparison.Ordinal);
                    replacements.Add((value[..eq], value[(eq + 1)..]));
                    i++;
                    break;
                case "--cell-timeout" when value is not null:
                    if (!double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) || !(seconds > 0))
                    {
                        usage = $"--cell-timeout must be a positive number of seconds (was {value})\n{usage}";
                        return false;
                    }

                    timeout = TimeSpan.FromSeconds(seconds);
                    i++;
                    break;
                default:
                    if (args[i].StartsWith("--", StringComparison.Ordinal) || notebook is not null)
                    {
                        usage = $"unexpected argument {args[i]}\n{usage}";
                        return false;
                    }

                    notebook = Path.GetFullPath(args[i]);
                    break;
            }
        }

        if (notebook is null || !File.Exists(notebook))
        {
            usage = (notebook is null ? "no notebook given" : $"{notebook}: no such file") + "\n" + usage;
            return false;
        }

        options = new Options(notebook, output, timeout, replacements);
        return true;
    }
}
