using LifetimeValue.Internal;

namespace LifetimeValue.Calibration;

/// <summary>How <see cref="TransactionCsvReader"/> reads a delimited transaction log.</summary>
/// <remarks>
/// Defaults read <c>customer_id,date,amount</c> with a header and ISO dates. For the CDNOW sample
/// (whitespace-separated, no header, <c>yyyyMMdd</c>): <c>new() { Separator = null, HasHeader = false, CustomerColumn = 2,
/// DateColumn = 3, AmountColumn = 5, DateFormat = "yyyyMMdd" }</c>.
/// Thread safety: an immutable record.
/// </remarks>
public sealed record TransactionCsvOptions
{
    private readonly int _customerColumn = 1;
    private readonly int _dateColumn = 2;
    private readonly int? _amountColumn = 3;
    private readonly int _maxErrors = 100;
    private readonly string _dateFormat = "yyyy-MM-dd";

    /// <summary>Field separator; null splits on runs of whitespace. Default ','.</summary>
    public char? Separator { get; init; } = ',';

    /// <summary>Whether the first line is a header (skipped). Default true.</summary>
    public bool HasHeader { get; init; } = true;

    /// <summary>1-based column of the customer id. Default 1.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Less than 1.</exception>
    public int CustomerColumn
    {
        get => _customerColumn;
        init => _customerColumn = Guard.InRange(value, 1, 10_000);
    }

    /// <summary>1-based column of the date. Default 2.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Less than 1.</exception>
    public int DateColumn
    {
        get => _dateColumn;
        init => _dateColumn = Guard.InRange(value, 1, 10_000);
    }

    /// <summary>1-based column of the amount, or null when the log has no amounts (they are then 0). Default 3.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Less than 1.</exception>
    public int? AmountColumn
    {
        get => _amountColumn;
        init => _amountColumn = value is { } v ? Guard.InRange(v, 1, 10_000) : null;
    }

    /// <summary>Exact date format (InvariantCulture), e.g. <c>yyyy-MM-dd</c>, <c>yyyyMMdd</c> or <c>yyyy-MM-dd HH:mm:ss</c>
    /// (a time of day is parsed and dropped: purchases are counted per calendar day). Default <c>yyyy-MM-dd</c>.</summary>
    /// <exception cref="ArgumentException">Blank.</exception>
    public string DateFormat
    {
        get => _dateFormat;
        init => _dateFormat = Guard.NotBlank(value);
    }

    /// <summary>Stop reading after this many errors (1 … 10⁶). Default 100.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Outside 1 … 10⁶.</exception>
    public int MaxErrors
    {
        get => _maxErrors;
        init => _maxErrors = Guard.InRange(value, 1, 1_000_000);
    }
}
