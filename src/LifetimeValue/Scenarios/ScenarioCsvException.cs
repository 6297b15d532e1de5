using System.Globalization;
using System.Text;
using LifetimeValue.Internal;

namespace LifetimeValue.Scenarios;

/// <summary>A scenario CSV file is malformed; <see cref="Errors"/> lists every problem found, by line and field.</summary>
/// <remarks>Thread safety: immutable once thrown.</remarks>
public sealed class ScenarioCsvException : FormatException
{
    /// <summary>The number of errors spelled out in <see cref="Exception.Message"/>; all are in <see cref="Errors"/>.</summary>
    public const int MaxErrorsInMessage = 50;

    /// <summary>Creates the exception with no details.</summary>
    public ScenarioCsvException()
        : this("The scenario CSV file is malformed.")
    {
    }

    /// <summary>Creates the exception with a message and no per-line errors.</summary>
    /// <param name="message">What is wrong.</param>
    public ScenarioCsvException(string message)
        : base(message)
    {
        Errors = [];
    }

    /// <summary>Creates the exception with a message and an inner exception (e.g. an I/O error).</summary>
    /// <param name="message">What is wrong.</param>
    /// <param name="innerException">The cause.</param>
    public ScenarioCsvException(string message, Exception innerException)
        : base(message, innerException)
    {
        Errors = [];
    }

    /// <summary>Creates the exception from the collected errors.</summary>
    /// <param name="errors">Every problem found, in line order; at least one.</param>
    /// <exception cref="ArgumentNullException"><paramref name="errors"/> is null.</exception>
    public ScenarioCsvException(IReadOnlyList<ScenarioCsvError> errors)
        : base(Describe(errors))
    {
        Errors = ReadOnly.Of(errors);
    }

    /// <summary>Every problem found, in line order.</summary>
    public IReadOnlyList<ScenarioCsvError> Errors { get; }

    private static string Describe(IReadOnlyList<ScenarioCsvError> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"The scenario CSV file has {errors.Count} error(s):");
        for (var i = 0; i < errors.Count && i < MaxErrorsInMessage; i++)
        {
            text.Append('\n').Append(errors[i].ToString());
        }

        if (errors.Count > MaxErrorsInMessage)
        {
            text.Append(CultureInfo.InvariantCulture, $"\n... and {errors.Count - MaxErrorsInMessage} more (see Errors).");
        }

        return text.ToString();
    }
}
