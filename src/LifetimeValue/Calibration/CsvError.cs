namespace LifetimeValue.Calibration;

/// <summary>One malformed field of a delimited file.</summary>
/// <param name="Line">1-based line number in the file (the header, if any, is line 1).</param>
/// <param name="Column">1-based column number of the field (0 when the whole row is wrong, e.g. too few fields).</param>
/// <param name="Value">The offending text (the whole line when <paramref name="Column"/> is 0), truncated to 80 characters.</param>
/// <param name="Message">What is wrong and what was expected.</param>
/// <remarks>Thread safety: an immutable value.</remarks>
public readonly record struct CsvError(long Line, int Column, string Value, string Message)
{
    /// <inheritdoc/>
    public override string ToString() => FormattableString.Invariant($"line {Line}, column {Column}, value '{Value}': {Message}");
}
