using System.Globalization;

namespace LifetimeValue.Calibration;

/// <summary>
/// Limits and cancellation for a maximum-likelihood fit (<c>BgNbdModel.Fit(histories, options)</c> and the other models'
/// overloads). A fit that reaches a limit before its optimum is verified throws <see cref="ModelFitException"/> saying
/// which limit stopped it; cancellation throws <see cref="OperationCanceledException"/>.
/// </summary>
/// <remarks>Thread safety: an immutable record.</remarks>
public sealed record FitOptions
{
    private readonly int _maxIterations = 500;
    private readonly TimeSpan? _timeLimit;

    /// <summary>The defaults: 500 optimiser iterations per start, no time limit, no cancellation.</summary>
    public static FitOptions Default { get; } = new();

    /// <summary>Most quasi-Newton iterations per starting point, in [1, 1000000]; default 500 (a fit normally needs 10–40).</summary>
    /// <exception cref="ArgumentOutOfRangeException">Out of range.</exception>
    public int MaxIterations
    {
        get => _maxIterations;
        init => _maxIterations = value is >= 1 and <= 1_000_000
            ? value
            : throw new ArgumentOutOfRangeException(nameof(MaxIterations), value, string.Create(CultureInfo.InvariantCulture, $"MaxIterations must be in [1, 1000000] (was {value})."));
    }

    /// <summary>Wall-clock limit for the whole fit (all starts and checks), positive; null (the default) for none.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Zero or negative.</exception>
    public TimeSpan? TimeLimit
    {
        get => _timeLimit;
        init => _timeLimit = value is null || value.Value > TimeSpan.Zero
            ? value
            : throw new ArgumentOutOfRangeException(nameof(TimeLimit), value, string.Create(CultureInfo.InvariantCulture, $"TimeLimit must be positive (was {value})."));
    }

    /// <summary>Cancels the fit between likelihood evaluations.</summary>
    public CancellationToken CancellationToken { get; init; }
}
