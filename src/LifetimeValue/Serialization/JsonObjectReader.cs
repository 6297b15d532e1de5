using System.Globalization;
using System.Text.Json;

namespace LifetimeValue.Serialization;

/// <summary>
/// Reads one JSON object of a model file: typed, range-checked properties whose errors name their JSON path,
/// and a closed set of allowed property names (anything else is an error).
/// </summary>
internal sealed class JsonObjectReader
{
    private readonly JsonSource _source;
    private readonly JsonElement _element;

    private JsonObjectReader(JsonSource source, JsonElement element, string path)
    {
        _source = source;
        _element = element;
        Path = path;
    }

    public string Path { get; }

    public JsonSource Source => _source;

    /// <summary>Opens <paramref name="element"/> as an object whose properties must be among <paramref name="allowed"/>.</summary>
    public static JsonObjectReader Open(JsonSource source, JsonElement element, string path, params string[] allowed)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw source.Error(path, $"must be an object (was {Describe(element)}).");
        }

        foreach (var property in element.EnumerateObject())
        {
            if (System.Array.IndexOf(allowed, property.Name) < 0)
            {
                throw source.Error(JsonSource.Child(path, property.Name),
                    $"is not a known property here; expected one of: {string.Join(", ", allowed)}.");
            }
        }

        return new JsonObjectReader(source, element, path);
    }

    public string PathOf(string name) => JsonSource.Child(Path, name);

    public ModelFileException Error(string name, string reason, Exception? inner = null) => _source.Error(PathOf(name), reason, inner);

    public bool Has(string name) => _element.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null;

    public JsonElement Required(string name) =>
        _element.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null
            ? value
            : throw _source.Error(PathOf(name), "is required but missing.");

    public JsonObjectReader Object(string name, params string[] allowed) => Open(_source, Required(name), PathOf(name), allowed);

    public string String(string name)
    {
        var value = Required(name);
        if (value.ValueKind != JsonValueKind.String)
        {
            throw Error(name, $"must be a string (was {Describe(value)}).");
        }

        var s = value.GetString()!;
        return string.IsNullOrWhiteSpace(s) ? throw Error(name, "must not be blank.") : s;
    }

    /// <summary>A string that must be one of <paramref name="choices"/> (exact, case-sensitive).</summary>
    public string Choice(string name, params string[] choices)
    {
        var s = String(name);
        return System.Array.IndexOf(choices, s) >= 0
            ? s
            : throw Error(name, $"must be one of: {string.Join(", ", choices.Select(c => '"' + c + '"'))} (was \"{s}\").");
    }

    public double Number(string name) => NumberAt(Required(name), PathOf(name));

    public double Number(string name, double defaultValue) => Has(name) ? Number(name) : defaultValue;

    public double NumberAt(JsonElement value, string path) => NumberAt(_source, value, path);

    /// <summary>
    /// The largest magnitude of any number in a model file (amounts, balances, costs, shapes): 1e12. Beyond it results
    /// stop meaning anything (a cost of 1e308 gives a CLV of −1e308) and the simulation's statistics overflow.
    /// </summary>
    public const double MaxMagnitude = 1e12;

    public static double NumberAt(JsonSource source, JsonElement value, string path)
    {
        if (value.ValueKind != JsonValueKind.Number || !value.TryGetDouble(out var d) || !double.IsFinite(d))
        {
            throw source.Error(path, $"must be a finite number (was {Describe(value)}).");
        }

        return Math.Abs(d) <= MaxMagnitude ? d
            : throw source.Error(path, $"must be in [-1e12, 1e12], the range of every number in a model file (was {Describe(value)}).");
    }

    public double Probability(string name)
    {
        var d = Number(name);
        return d is >= 0.0 and <= 1.0 ? d : throw Error(name, $"must be in [0, 1] (was {R(d)}).");
    }

    public double NonNegative(string name, double? defaultValue = null)
    {
        if (defaultValue is { } v && !Has(name))
        {
            return v;
        }

        var d = Number(name);
        return d >= 0.0 ? d : throw Error(name, $"must be a finite number ≥ 0 (was {R(d)}).");
    }

    public double Positive(string name)
    {
        var d = Number(name);
        return d > 0.0 ? d : throw Error(name, $"must be a finite number > 0 (was {R(d)}).");
    }

    public double InRange(string name, double min, double max, double? defaultValue = null)
    {
        if (defaultValue is { } v && !Has(name))
        {
            return v;
        }

        var d = Number(name);
        return d >= min && d <= max ? d : throw Error(name, $"must be in [{R(min)}, {R(max)}] (was {R(d)}).");
    }

    public long Integer(string name, long min, long max) => IntegerAt(Required(name), PathOf(name), min, max);

    public long Integer(string name, long min, long max, long defaultValue) => Has(name) ? Integer(name, min, max) : defaultValue;

    public long IntegerAt(JsonElement value, string path, long min, long max)
    {
        if (value.ValueKind != JsonValueKind.Number || !value.TryGetInt64(out var n))
        {
            throw _source.Error(path, $"must be an integer in [{min}, {max}] (was {Describe(value)}).");
        }

        return n >= min && n <= max
            ? n
            : throw _source.Error(path, string.Create(CultureInfo.InvariantCulture, $"must be an integer in [{min}, {max}] (was {n})."));
    }

    public ulong UnsignedInteger(string name, ulong defaultValue)
    {
        if (!Has(name))
        {
            return defaultValue;
        }

        var value = Required(name);
        return value.ValueKind == JsonValueKind.Number && value.TryGetUInt64(out var n)
            ? n
            : throw Error(name, $"must be an integer in [0, {ulong.MaxValue}] (was {Describe(value)}).");
    }

    /// <summary>The elements of an array property with their paths; <paramref name="minCount"/> to <paramref name="maxCount"/> of them.</summary>
    public IReadOnlyList<(JsonElement Element, string Path)> Array(string name, int minCount = 0, int maxCount = int.MaxValue)
    {
        var value = Required(name);
        if (value.ValueKind != JsonValueKind.Array)
        {
            throw Error(name, $"must be an array (was {Describe(value)}).");
        }

        var items = new List<(JsonElement, string)>();
        foreach (var item in value.EnumerateArray())
        {
            items.Add((item, JsonSource.Item(PathOf(name), items.Count)));
        }

        if (items.Count < minCount || items.Count > maxCount)
        {
            throw Error(name, maxCount == int.MaxValue
                ? string.Create(CultureInfo.InvariantCulture, $"must have at least {minCount} element(s) (has {items.Count}).")
                : string.Create(CultureInfo.InvariantCulture, $"must have {minCount} to {maxCount} elements (has {items.Count})."));
        }

        return items;
    }

    public IReadOnlyList<double> Numbers(string name, int minCount, int maxCount)
    {
        var items = Array(name, minCount, maxCount);
        var values = new double[items.Count];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = NumberAt(items[i].Element, items[i].Path);
        }

        return values;
    }

    /// <summary>Runs a domain constructor and re-throws its argument errors with this object's path in front.</summary>
    public T Build<T>(Func<T> build)
    {
        try
        {
            return build();
        }
        catch (ArgumentException e)
        {
            throw _source.Error(Path, ": " + CleanMessage(e), e);
        }
    }

    /// <summary>An argument exception's own message, without the "(Parameter …)" and "Actual value was …" suffixes.</summary>
    public static string CleanMessage(Exception e)
    {
        var message = e.Message;
        var newline = message.IndexOf('\n', StringComparison.Ordinal);
        if (newline >= 0)
        {
            message = message[..newline].TrimEnd('\r');
        }

        if (e is ArgumentException { ParamName: { } name })
        {
            message = message.Replace($" (Parameter '{name}')", string.Empty, StringComparison.Ordinal);
        }

        return message;
    }

    public static string Describe(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => "the string \"" + Truncate(value.GetString()!) + "\"",
        JsonValueKind.Number => Truncate(value.GetRawText()),
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        JsonValueKind.Null => "null",
        JsonValueKind.Array => "an array",
        JsonValueKind.Object => "an object",
        _ => "nothing",
    };

    public static string R(double d) => d.ToString("R", CultureInfo.InvariantCulture);

    private static string Truncate(string s) => s.Length <= 40 ? s : s[..40] + "…";
}
