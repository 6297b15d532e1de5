namespace LifetimeValue.Calibration.Panel;

/// <summary>
/// Thrown when a customer-month panel has bad rows: fields that cannot be read (<see cref="PanelCsvReader"/>) or rows that
/// break the panel's structure (<see cref="PanelCalibration"/>: a customer's rows not together, months out of order or
/// missing, rows after the closing month, conflicting ages). Lists every error found, up to the limit.
/// </summary>
/// <remarks>Thread safety: instances are immutable after construction.</remarks>
public sealed class PanelFormatException : FormatException
{
    /// <summary>Creates the exception.</summary>
    public PanelFormatException()
        : this([])
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">What went wrong.</param>
    public PanelFormatException(string message)
        : base(message) => Errors = [];

    /// <summary>Creates the exception with a message and an inner exception.</summary>
    /// <param name="message">What went wrong.</param>
    /// <param name="innerException">The cause.</param>
    public PanelFormatException(string message, Exception innerException)
        : base(message, innerException) => Errors = [];

    /// <summary>Creates the exception from the collected errors.</summary>
    /// <param name="errors">The bad rows or fields, in file order.</param>
    /// <param name="stoppedAtLimit">Whether reading stopped because the error limit was reached.</param>
    public PanelFormatException(IReadOnlyList<CsvError> errors, bool stoppedAtLimit = false)
        : base(Describe(errors, stoppedAtLimit))
    {
        Errors = errors;
        StoppedAtLimit = stoppedAtLimit;
    }

    /// <summary>The bad rows or fields, in file order.</summary>
    public IReadOnlyList<CsvError> Errors { get; }

    /// <summary>Whether reading stopped at the error limit (more bad rows may follow).</summary>
    public bool StoppedAtLimit { get; }

    private static string Describe(IReadOnlyList<CsvError> errors, bool stoppedAtLimit)
    {
        ArgumentNullException.ThrowIfNull(errors);
        var shown = string.Join(Environment.NewLine, errors.Take(10).Select(e => "  " + e));
        var head = stoppedAtLimit
            ? FormattableString.Invariant($"the panel has bad rows; reading stopped at the limit of {errors.Count} error(s):")
            : FormattableString.Invariant($"the panel has {errors.Count} bad row(s) or field(s):");
        return head + Environment.NewLine + shown + (errors.Count > 10 ? Environment.NewLine + "  …" : string.Empty);
    }
}
