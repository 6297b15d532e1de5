namespace LifetimeValue.Calibration;

/// <summary>One purchase in a transaction log.</summary>
/// <param name="CustomerId">The customer's identifier (non-blank, compared ordinally).</param>
/// <param name="Date">The calendar date of the purchase (time of day is not used).</param>
/// <param name="Amount">The purchase value in currency units (any finite number; refunds may be negative).</param>
/// <remarks>Thread safety: an immutable value.</remarks>
public readonly record struct Transaction(string CustomerId, DateOnly Date, double Amount);
