using LifetimeValue.Internal;

namespace LifetimeValue.Calibration;

/// <summary>Thrown after reading a transaction file that has malformed rows; lists every error found (up to the limit).</summary>
/// <remarks>Thread safety: instances are immutable after construction.</remarks>
public sealed class TransactionFormatException : FormatException
{
    /// <summary>Creates the exception.</summary>
    public TransactionFormatException()
        : this([])
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">What went wrong.</param>
    public TransactionFormatException(string message)
        : base(message) => Errors = [];

    /// <summary>Creates the exception with a message and an inner exception.</summary>
    /// <param name="message">What went wrong.</param>
    /// <param name="innerException">The cause.</param>
    public TransactionFormatException(string message, Exception innerException)
        : base(message, innerException) => Errors = [];

    /// <summary>Creates the exception from the collected errors.</summary>
    /// <param name="errors">The malformed fields, in file order.</param>
    public TransactionFormatException(IReadOnlyList<CsvError> errors)
        : base(Describe(errors)) => Errors = ReadOnly.Of(errors);

    /// <summary>The malformed fields, in file order.</summary>
    public IReadOnlyList<CsvError> Errors { get; }

    private static string Describe(IReadOnlyList<CsvError> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        var shown = string.Join(Environment.NewLine, errors.Take(10).Select(e => "  " + e));
        return FormattableString.Invariant($"{errors.Count} malformed field(s) in the transaction file:{Environment.NewLine}{shown}")
            + (errors.Count > 10 ? Environment.NewLine + "  …" : string.Empty);
    }
}
