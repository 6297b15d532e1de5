namespace LifetimeValue.Scenarios;

/// <summary>One problem found while reading a scenario CSV file.</summary>
/// <param name="Line">1-based line number (the header is line 1); 0 when the problem concerns the file as a whole.</param>
/// <param name="Field">The field: <c>header</c>, <c>row</c>, <c>scenario</c>, <c>period</c> or <c>rate</c>.</param>
/// <param name="Message">What is wrong, with the offending value and the allowed range.</param>
/// <remarks>Thread safety: an immutable value.</remarks>
public readonly record struct ScenarioCsvError(int Line, string Field, string Message)
{
    /// <summary>The error as <c>line 3, field 'rate': ...</c>.</summary>
    /// <returns>A culture-invariant description.</returns>
    public override string ToString() => FormattableString.Invariant($"line {Line}, field '{Field}': {Message}");
}
