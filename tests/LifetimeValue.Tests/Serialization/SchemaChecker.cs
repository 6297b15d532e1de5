using System.Globalization;
using System.Text.Json;

namespace LifetimeValue.Tests.Serialization;

/// <summary>
/// A small structural JSON Schema checker for the keywords the model-file schema uses: type, properties,
/// required, additionalProperties (false), items, minItems/maxItems, $ref to #/$defs, oneOf, enum, const,
/// minimum/maximum/exclusiveMinimum, minLength, and for the report schema a list of types, pattern, propertyNames and
/// additionalProperties as a schema. Enough to check that exported files match the schema without a
/// schema package; returns every violation with its instance path.
/// </summary>
internal sealed class SchemaChecker
{
    private readonly JsonElement _root;

    public SchemaChecker(JsonElement schema) => _root = schema;

    public List<string> Check(JsonElement instance)
    {
        var errors = new List<string>();
        Check(_root, instance, "$", errors);
        return errors;
    }

    private void Check(JsonElement schema, JsonElement value, string path, List<string> errors)
    {
        if (schema.TryGetProperty("$ref", out var reference))
        {
            var name = reference.GetString()!;
            name.Should().StartWith("#/$defs/", "the checker resolves local $defs references only");
            Check(_root.GetProperty("$defs").GetProperty(name["#/$defs/".Length..]), value, path, errors);
        }

        if (schema.TryGetProperty("oneOf", out var oneOf))
        {
            var results = oneOf.EnumerateArray().Select(s =>
            {
                var sub = new List<string>();
                Check(s, value, path, sub);
                return sub;
            }).ToList();
            var matches = results.Count(r => r.Count == 0);
            if (matches != 1)
            {
                errors.Add($"{path}: matches {matches} of the oneOf alternatives (exactly one expected)");
            }

            if (matches == 0)
            {
                // Explain with the closest alternative.
                errors.AddRange(results.MinBy(r => r.Count)!);
            }
        }

        if (schema.TryGetProperty("const", out var constant) && !JsonElement.DeepEquals(constant, value))
        {
            errors.Add($"{path}: must be {constant.GetRawText()} (was {value.GetRawText()})");
        }

        if (schema.TryGetProperty("enum", out var choices) && !choices.EnumerateArray().Any(c => JsonElement.DeepEquals(c, value)))
        {
            errors.Add($"{path}: {value.GetRawText()} is not in {choices.GetRawText()}");
        }

        if (schema.TryGetProperty("type", out var type)
            && !(type.ValueKind == JsonValueKind.Array ? type.EnumerateArray().Any(t => HasType(value, t.GetString()!)) : HasType(value, type.GetString()!)))
        {
            errors.Add($"{path}: must be of type {type.GetRawText()} (was {value.ValueKind})");
            return;
        }

        switch (value.ValueKind)
        {
            case JsonValueKind.Object:
                CheckObject(schema, value, path, errors);
                break;
            case JsonValueKind.Array:
                CheckArray(schema, value, path, errors);
                break;
            case JsonValueKind.Number:
                var d = value.GetDouble();
                if (schema.TryGetProperty("minimum", out var min) && d < min.GetDouble())
                {
                    errors.Add($"{path}: {d} < minimum {min.GetDouble()}");
                }

                if (schema.TryGetProperty("maximum", out var max) && d > max.GetDouble())
                {
                    errors.Add($"{path}: {d} > maximum {max.GetDouble()}");
                }

                if (schema.TryGetProperty("exclusiveMinimum", out var xmin) && d <= xmin.GetDouble())
                {
                    errors.Add($"{path}: {d} ≤ exclusiveMinimum {xmin.GetDouble()}");
                }

                break;
            case JsonValueKind.String:
                if (schema.TryGetProperty("minLength", out var minLength) && value.GetString()!.Length < minLength.GetInt32())
                {
                    errors.Add($"{path}: shorter than {minLength.GetInt32()}");
                }

                if (schema.TryGetProperty("pattern", out var pattern) && !System.Text.RegularExpressions.Regex.IsMatch(value.GetString()!, pattern.GetString()!))
                {
                    errors.Add($"{path}: '{value.GetString()}' does not match {pattern.GetString()}");
                }

                break;
        }
    }

    private void CheckObject(JsonElement schema, JsonElement value, string path, List<string> errors)
    {
        var properties = schema.TryGetProperty("properties", out var p) ? p : default;
        if (schema.TryGetProperty("required", out var required))
        {
            foreach (var name in required.EnumerateArray().Select(r => r.GetString()!))
            {
                if (!value.TryGetProperty(name, out _))
                {
                    errors.Add($"{path}: required property '{name}' is missing");
                }
            }
        }

        foreach (var property in value.EnumerateObject())
        {
            if (schema.TryGetProperty("propertyNames", out var names))
            {
                using var name = JsonDocument.Parse(JsonSerializer.Serialize(property.Name));
                Check(names, name.RootElement, $"{path}.{property.Name} (name)", errors);
            }

            if (properties.ValueKind == JsonValueKind.Object && properties.TryGetProperty(property.Name, out var sub))
            {
                Check(sub, property.Value, $"{path}.{property.Name}", errors);
            }
            else if (schema.TryGetProperty("additionalProperties", out var additional))
            {
                if (additional.ValueKind == JsonValueKind.False)
                {
                    errors.Add($"{path}: property '{property.Name}' is not allowed by the schema");
                }
                else if (additional.ValueKind == JsonValueKind.Object)
                {
                    Check(additional, property.Value, $"{path}.{property.Name}", errors);
                }
            }
        }
    }

    private void CheckArray(JsonElement schema, JsonElement value, string path, List<string> errors)
    {
        var count = value.GetArrayLength();
        if (schema.TryGetProperty("minItems", out var min) && count < min.GetInt32())
        {
            errors.Add($"{path}: {count} items < minItems {min.GetInt32()}");
        }

        if (schema.TryGetProperty("maxItems", out var max) && count > max.GetInt32())
        {
            errors.Add($"{path}: {count} items > maxItems {max.GetInt32()}");
        }

        if (schema.TryGetProperty("items", out var items))
        {
            var i = 0;
            foreach (var item in value.EnumerateArray())
            {
                Check(items, item, string.Create(CultureInfo.InvariantCulture, $"{path}[{i++}]"), errors);
            }
        }
    }

    private static bool HasType(JsonElement value, string type) => type switch
    {
        "object" => value.ValueKind == JsonValueKind.Object,
        "array" => value.ValueKind == JsonValueKind.Array,
        "string" => value.ValueKind == JsonValueKind.String,
        "number" => value.ValueKind == JsonValueKind.Number,
        "null" => value.ValueKind == JsonValueKind.Null,
        "integer" => value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out _) || value.ValueKind == JsonValueKind.Number && value.TryGetUInt64(out _),
        "boolean" => value.ValueKind is JsonValueKind.True or JsonValueKind.False,
        _ => false,
    };
}
