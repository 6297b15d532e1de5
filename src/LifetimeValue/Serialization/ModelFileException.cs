using System.Globalization;
using System.Text;

namespace LifetimeValue.Serialization;

/// <summary>
/// A model file that cannot be read: malformed JSON, a missing or unknown property, a value of the wrong
/// type or out of range, or parts that do not fit together. The message names the JSON path
/// (e.g. <c>$.model.stages[2].products[0].adoptionProbability</c>), the value found and what was expected,
/// and the line and position where known.
/// </summary>
/// <remarks>Thread safety: immutable once thrown.</remarks>
public sealed class ModelFileException : FormatException
{
    /// <summary>Creates an exception with a message only.</summary>
    public ModelFileException()
        : this("The model file is invalid.")
    {
    }

    /// <summary>Creates an exception with a message.</summary>
    /// <param name="message">The message.</param>
    public ModelFileException(string message)
        : base(message)
    {
        JsonPath = "$";
        Reason = message;
    }

    /// <summary>Creates an exception with a message and its cause.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public ModelFileException(string message, Exception innerException)
        : base(message, innerException)
    {
        JsonPath = "$";
        Reason = message;
    }

    /// <summary>Creates an exception for a JSON path.</summary>
    /// <param name="jsonPath">JSON path of the offending value, e.g. <c>$.model.stages[0].name</c>.</param>
    /// <param name="reason">What is wrong, without the path (e.g. <c>must be in [0, 1] (was 1.5).</c>).</param>
    /// <param name="lineNumber">1-based line of the value, or null when unknown.</param>
    /// <param name="position">1-based byte position of the value in its line, or null when unknown.</param>
    /// <param name="sourceName">File name or other label of the source, or null.</param>
    /// <param name="innerException">The cause, or null.</param>
    public ModelFileException(string jsonPath, string reason, long? lineNumber, long? position, string? sourceName, Exception? innerException = null)
        : base(Format(jsonPath, reason, lineNumber, position, sourceName), innerException)
    {
        JsonPath = jsonPath;
        Reason = reason;
        LineNumber = lineNumber;
        Position = position;
        SourceName = sourceName;
    }

    /// <summary>JSON path of the offending value (<c>$</c> for the document).</summary>
    public string JsonPath { get; }

    /// <summary>What is wrong, without the path and location.</summary>
    public string Reason { get; }

    /// <summary>1-based line of the offending value, or null when unknown.</summary>
    public long? LineNumber { get; }

    /// <summary>1-based byte position of the offending value in its line, or null when unknown.</summary>
    public long? Position { get; }

    /// <summary>File name or label of the source, or null.</summary>
    public string? SourceName { get; }

    private static string Format(string jsonPath, string reason, long? line, long? position, string? source)
    {
        var sb = new StringBuilder();
        if (!string.IsNullOrEmpty(source))
        {
            sb.Append(source).Append(": ");
        }

        sb.Append(jsonPath).Append(reason.StartsWith(':') ? string.Empty : " ").Append(reason);
        if (line is { } l)
        {
            sb.Append(CultureInfo.InvariantCulture, $" (line {l}");
            if (position is { } p)
            {
                sb.Append(CultureInfo.InvariantCulture, $", position {p}");
            }

            sb.Append(')');
        }

        return sb.ToString();
    }
}
