using System.Text;
using Microsoft.DotNet.Interactive.Documents;
using Microsoft.DotNet.Interactive.Events;

namespace LifetimeValue.NotebookRunner;

/// <summary>
/// The outputs of one code cell, built from the kernel's events the way a notebook front end shows them: consecutive
/// standard output is one stream, a display the kernel updates (same value id) keeps its last value, a return value is
/// the cell's result, and a failure is an error output.
/// </summary>
internal sealed class CellOutputs
{
    private readonly List<Output> _outputs = [];

    /// <summary>The first failure of the cell, or null when it ran.</summary>
    public string? Error { get; private set; }

    public void Add(KernelEvent e)
    {
        switch (e)
        {
            case StandardOutputValueProduced stdout:
                AddStream("stdout", PlainText(stdout));
                break;
            case StandardErrorValueProduced stderr:
                AddStream("stderr", PlainText(stderr));
                break;
            case ErrorProduced produced:
                AddError(produced.Message);
                break;
            case DisplayedValueUpdated updated:
                var index = _outputs.FindIndex(o => o.ValueId is not null && o.ValueId == updated.ValueId);
                if (index >= 0)
                {
                    _outputs[index] = Display(updated, "display_data");
                }
                else
                {
                    _outputs.Add(Display(updated, "display_data"));
                }

                break;
            case ReturnValueProduced returned:
                _outputs.Add(Display(returned, "execute_result"));
                break;
            case DisplayEvent display:
                _outputs.Add(Display(display, "display_data"));
                break;
            case CommandFailed failed:
                AddError(failed.Message);
                break;
        }
    }

    public void AddError(string message)
    {
        Error ??= message;
        _outputs.Add(new Output("error", null, null, null, message));
    }

    /// <summary>The outputs as document elements (a result numbered <paramref name="executionOrder"/>), with each replacement applied to every text.</summary>
    public IEnumerable<InteractiveDocumentOutputElement> Elements(int executionOrder, IReadOnlyList<(string Old, string New)> replacements)
    {
        string Clean(string s)
        {
            foreach (var (old, @new) in replacements)
            {
                s = s.Replace(old, @new, StringComparison.Ordinal);
            }

            return s;
        }

        foreach (var o in _outputs)
        {
            switch (o.Kind)
            {
                case "stream":
                    yield return new TextElement(Clean(o.Text!.ToString()), o.StreamName!);
                    break;
                case "error":
                    yield return new ErrorElement(Clean(o.ErrorMessage!), "Error", []);
                    break;
                case "execute_result":
                    var result = new ReturnValueElement { ExecutionOrder = executionOrder };
                    foreach (var (mime, value) in o.Data!)
                    {
                        result.Data[mime] = Clean(value);
                    }

                    yield return result;
                    break;
                default:
                    yield return new DisplayElement(o.Data!.ToDictionary(d => d.Key, d => (object)Clean(d.Value)));
                    break;
            }
        }
    }

    private void AddStream(string name, string text)
    {
        if (_outputs.Count > 0 && _outputs[^1] is { Kind: "stream" } last && last.StreamName == name)
        {
            last.Text!.Append(text);
            return;
        }

        _outputs.Add(new Output("stream", null, name, new StringBuilder(text), null));
    }

    private static string PlainText(DisplayEvent e) =>
        e.FormattedValues.FirstOrDefault(v => v.MimeType == "text/plain")?.Value ?? e.Value?.ToString() ?? string.Empty;

    private static Output Display(DisplayEvent e, string kind)
    {
        var data = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var value in e.FormattedValues)
        {
            data[value.MimeType] = value.Value;
        }

        return new Output(kind, e.ValueId, null, null, null) { Data = data };
    }

    private sealed record Output(string Kind, string? ValueId, string? StreamName, StringBuilder? Text, string? ErrorMessage)
    {
        public Dictionary<string, string>? Data { get; init; }
    }
}
