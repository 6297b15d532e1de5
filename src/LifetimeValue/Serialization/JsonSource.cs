using System.Globalization;
using System.Text.Json;

namespace LifetimeValue.Serialization;

/// <summary>
/// A parsed model file with the location (line, position) of every value by JSON path, so errors found
/// while building the model can say where they are. Duplicate properties are rejected while scanning.
/// </summary>
internal sealed class JsonSource : IDisposable
{
    internal static readonly JsonReaderOptions ReaderOptions = new() { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true };

    private readonly byte[] _utf8;
    private readonly Dictionary<string, int> _offsets = new(StringComparer.Ordinal);
    private readonly JsonDocument _document;

    private JsonSource(byte[] utf8, string? sourceName)
    {
        _utf8 = utf8;
        SourceName = sourceName;
        Scan();
        _document = JsonDocument.Parse(utf8, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
    }

    public string? SourceName { get; }

    public JsonElement Root => _document.RootElement;

    public static JsonSource Parse(byte[] utf8, string? sourceName)
    {
        // Skip a UTF-8 byte-order mark: Utf8JsonReader rejects it.
        var bytes = utf8.AsSpan().StartsWith("\uFEFF"u8) ? utf8[3..] : utf8;
        try
        {
            return new JsonSource(bytes, sourceName);
        }
        catch (JsonException e) when (e is not { InnerException: ModelFileException })
        {
            throw new ModelFileException(e.Path is { Length: > 0 } p ? p : "$", ": malformed JSON: " + FirstSentence(e.Message),
                e.LineNumber + 1, e.BytePositionInLine + 1, sourceName, e);
        }
    }

    public void Dispose() => _document.Dispose();

    /// <summary>An error at <paramref name="path"/>, located at the value (or the nearest enclosing value that has a location).</summary>
    public ModelFileException Error(string path, string reason, Exception? inner = null)
    {
        var probe = path;
        while (true)
        {
            if (_offsets.TryGetValue(probe, out var offset))
            {
                var (line, position) = LineAndPosition(offset);
                return new ModelFileException(path, reason, line, position, SourceName, inner);
            }

            var cut = Math.Max(probe.LastIndexOf('.'), probe.LastIndexOf('['));
            if (cut <= 0)
            {
                return new ModelFileException(path, reason, null, null, SourceName, inner);
            }

            probe = probe[..cut];
        }
    }

    internal static string Child(string path, string property) => path + "." + property;

    internal static string Item(string path, int index) => string.Create(CultureInfo.InvariantCulture, $"{path}[{index}]");

    private (long Line, long Position) LineAndPosition(int offset)
    {
        long line = 1;
        var lineStart = 0;
        for (var i = 0; i < offset && i < _utf8.Length; i++)
        {
            if (_utf8[i] == (byte)'\n')
            {
                line++;
                lineStart = i + 1;
            }
        }

        return (line, offset - lineStart + 1);
    }

    private static string FirstSentence(string message)
    {
        var cut = message.IndexOf(" Path:", StringComparison.Ordinal);
        return cut > 0 ? message[..cut] : message;
    }

    /// <summary>Walks the tokens once, recording the offset of each property name and value by JSON path.</summary>
    private void Scan()
    {
        var reader = new Utf8JsonReader(_utf8, ReaderOptions);
        var frames = new List<Frame>();
        while (reader.Read())
        {
            var offset = (int)reader.TokenStartIndex;
            switch (reader.TokenType)
            {
                case JsonTokenType.PropertyName:
                {
                    var top = frames[^1];
                    top.Property = Text(ref reader, top.Path, offset);
                    var path = Child(top.Path, top.Property);
                    if (!top.Seen!.Add(top.Property))
                    {
                        var (line, position) = LineAndPosition(offset);
                        throw new ModelFileException(path, $"is given twice; each property may appear once.", line, position, SourceName);
                    }

                    _offsets.TryAdd(path, offset);
                    break;
                }

                case JsonTokenType.StartObject:
                case JsonTokenType.StartArray:
                {
                    var path = NextValuePath(frames);
                    _offsets.TryAdd(path, offset);
                    frames.Add(new Frame(path, reader.TokenType == JsonTokenType.StartArray));
                    break;
                }

                case JsonTokenType.EndObject:
                case JsonTokenType.EndArray:
                    frames.RemoveAt(frames.Count - 1);
                    break;
                case JsonTokenType.String:
                {
                    var path = NextValuePath(frames);
                    _offsets.TryAdd(path, offset);
                    Text(ref reader, path, offset);
                    break;
                }

                default:
                    _offsets.TryAdd(NextValuePath(frames), offset);
                    break;
            }
        }
    }

    /// <summary>
    /// The token's text; text that is not Unicode (invalid UTF-8 bytes, or an escaped lone surrogate such as
    /// <c>"\uD800"</c>) is a model-file error at its path, not an <see cref="InvalidOperationException"/> later.
    /// </summary>
    private string Text(ref Utf8JsonReader reader, string path, int offset)
    {
        try
        {
            return reader.GetString()!;
        }
        catch (InvalidOperationException e)
        {
            var (line, position) = LineAndPosition(offset);
            throw new ModelFileException(path, "is not valid Unicode text (invalid UTF-8 bytes or a lone surrogate escape); model files are UTF-8.",
                line, position, SourceName, e);
        }
    }

    private static string NextValuePath(List<Frame> frames)
    {
        if (frames.Count == 0)
        {
            return "$";
        }

        var top = frames[^1];
        return top.IsArray ? Item(top.Path, top.Index++) : Child(top.Path, top.Property);
    }

    private sealed class Frame(string path, bool isArray)
    {
        public string Path { get; } = path;

        public bool IsArray { get; } = isArray;

        public int Index { get; set; }

        public string Property { get; set; } = string.Empty;

        public HashSet<string>? Seen { get; } = isArray ? null : new HashSet<string>(StringComparer.Ordinal);
    }
}
