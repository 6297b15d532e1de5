namespace LifetimeValue.Internal;

/// <summary>RFC 4180 helpers shared by the CSV writers.</summary>
internal static class Csv
{
    /// <summary>Quotes a field if it contains a comma, quote or line break.</summary>
    public static string Escape(string field) =>
        field.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + field.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : field;
}
