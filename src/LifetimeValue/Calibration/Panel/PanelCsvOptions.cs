using LifetimeValue.Internal;

namespace LifetimeValue.Calibration.Panel;

/// <summary>How <see cref="PanelCsvReader"/> reads a delimited customer-month panel: which column holds what, and the date formats.</summary>
/// <remarks>
/// <para>Defaults read the layout <see cref="SyntheticPanel"/> writes:
/// <c>customer_id,month,date_of_birth,product,balance,net_revenue,closed</c> with a header, months as <c>yyyy-MM</c> and dates
/// of birth as <c>yyyy-MM-dd</c>. Columns are 1-based; optional columns are null when absent. Exactly one of
/// <see cref="DateOfBirthColumn"/> and <see cref="AgeColumn"/> must be set (checked when reading).</para>
/// <para>Thread safety: an immutable record.</para>
/// </remarks>
public sealed record PanelCsvOptions
{
    private readonly int _customerColumn = 1;
    private readonly int _monthColumn = 2;
    private readonly int? _dateOfBirthColumn = 3;
    private readonly int? _ageColumn;
    private readonly int _productColumn = 4;
    private readonly int? _balanceColumn = 5;
    private readonly int _revenueColumn = 6;
    private readonly int _closedColumn = 7;
    private readonly int? _acquisitionCostColumn;
    private readonly string _monthFormat = "yyyy-MM";
    private readonly string _dateOfBirthFormat = "yyyy-MM-dd";
    private readonly int _maxErrors = 100;

    /// <summary>Field separator; null splits on runs of whitespace. Default ','.</summary>
    public char? Separator { get; init; } = ',';

    /// <summary>Whether the first line is a header (skipped). Default true.</summary>
    public bool HasHeader { get; init; } = true;

    /// <summary>1-based column of the customer id. Default 1.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Outside [1, 10000].</exception>
    public int CustomerColumn { get => _customerColumn; init => _customerColumn = Guard.InRange(value, 1, 10_000); }

    /// <summary>1-based column of the month (any date in the month, in <see cref="MonthFormat"/>). Default 2.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Outside [1, 10000].</exception>
    public int MonthColumn { get => _monthColumn; init => _monthColumn = Guard.InRange(value, 1, 10_000); }

    /// <summary>1-based column of the date of birth (in <see cref="DateOfBirthFormat"/>), or null when the panel gives ages. Default 3.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Outside [1, 10000].</exception>
    public int? DateOfBirthColumn { get => _dateOfBirthColumn; init => _dateOfBirthColumn = value is { } v ? Guard.InRange(v, 1, 10_000) : null; }

    /// <summary>1-based column of the age in whole years, or null when the panel gives dates of birth. Default null.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Outside [1, 10000].</exception>
    public int? AgeColumn { get => _ageColumn; init => _ageColumn = value is { } v ? Guard.InRange(v, 1, 10_000) : null; }

    /// <summary>1-based column of the product name (empty for a relationship-level row). Default 4.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Outside [1, 10000].</exception>
    public int ProductColumn { get => _productColumn; init => _productColumn = Guard.InRange(value, 1, 10_000); }

    /// <summary>1-based column of the balance (may be blank), or null when the panel has none. Default 5.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Outside [1, 10000].</exception>
    public int? BalanceColumn { get => _balanceColumn; init => _balanceColumn = value is { } v ? Guard.InRange(v, 1, 10_000) : null; }

    /// <summary>1-based column of the month's net revenue. Default 6.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Outside [1, 10000].</exception>
    public int RevenueColumn { get => _revenueColumn; init => _revenueColumn = Guard.InRange(value, 1, 10_000); }

    /// <summary>
    /// 1-based column of the account-closed marker: <c>1</c>, <c>true</c>, <c>yes</c> or <c>y</c> for closed; <c>0</c>,
    /// <c>false</c>, <c>no</c>, <c>n</c> or blank for open (case-insensitive). Default 7.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">Outside [1, 10000].</exception>
    public int ClosedColumn { get => _closedColumn; init => _closedColumn = Guard.InRange(value, 1, 10_000); }

    /// <summary>1-based column of the customer's acquisition cost (may be blank; where given, the same on all of a customer's rows), or null. Default null.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Outside [1, 10000].</exception>
    public int? AcquisitionCostColumn { get => _acquisitionCostColumn; init => _acquisitionCostColumn = value is { } v ? Guard.InRange(v, 1, 10_000) : null; }

    /// <summary>Exact format of the month (InvariantCulture), e.g. <c>yyyy-MM</c>, <c>yyyyMM</c> or <c>yyyy-MM-dd</c> (any day of the month). Default <c>yyyy-MM</c>.</summary>
    /// <exception cref="ArgumentException">Blank.</exception>
    public string MonthFormat { get => _monthFormat; init => _monthFormat = Guard.NotBlank(value); }

    /// <summary>Exact format of the date of birth (InvariantCulture). Default <c>yyyy-MM-dd</c>.</summary>
    /// <exception cref="ArgumentException">Blank.</exception>
    public string DateOfBirthFormat { get => _dateOfBirthFormat; init => _dateOfBirthFormat = Guard.NotBlank(value); }

    /// <summary>Stop after this many bad rows (1 … 10⁶): the reader and the calibration then refuse the panel. Default 100.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Outside 1 … 10⁶.</exception>
    public int MaxErrors { get => _maxErrors; init => _maxErrors = Guard.InRange(value, 1, 1_000_000); }

    /// <summary>The largest 1-based column the options name.</summary>
    internal int LastColumn => Math.Max(Math.Max(Math.Max(CustomerColumn, MonthColumn), Math.Max(DateOfBirthColumn ?? 0, AgeColumn ?? 0)),
        Math.Max(Math.Max(ProductColumn, BalanceColumn ?? 0), Math.Max(Math.Max(RevenueColumn, ClosedColumn), AcquisitionCostColumn ?? 0)));
}
