using System.Globalization;

namespace LifetimeValue.Finance;

/// <summary>
/// The outcome of <see cref="Irr.Solve"/> or <see cref="Xirr.Solve"/>: the chosen rate, every root found
/// and whether the root is unique. A series without a root is a result (<see cref="IrrStatus.None"/>,
/// <see cref="Rate"/> = <see langword="null"/>), never NaN and never an exception.
/// </summary>
/// <remarks>
/// <para>Choice rule: with one root, that root; with several, the root closest to <see cref="Guess"/>
/// (smallest |root − guess|; on a tie, the lower root).</para>
/// <para>Thread safety: immutable.</para>
/// </remarks>
public sealed class IrrResult
{
    internal IrrResult(double? rate, double[] roots, IrrMethod method, int newtonIterations, double guess)
    {
        Rate = rate;
        Roots = Array.AsReadOnly(roots);
        Method = method;
        NewtonIterations = newtonIterations;
        Guess = guess;
    }

    /// <summary>
    /// The chosen internal rate of return, per period for <see cref="Irr"/> and per 365-day year for
    /// <see cref="Xirr"/> (0.1 = 10 %), always &gt; −1; <see langword="null"/> when <see cref="Status"/> is
    /// <see cref="IrrStatus.None"/>.
    /// </summary>
    public double? Rate { get; }

    /// <summary>Every root found, ascending, each &gt; −1; empty when there is none.</summary>
    public IReadOnlyList<double> Roots { get; }

    /// <summary>Whether no, one or several roots were found.</summary>
    public IrrStatus Status => Roots.Count switch
    {
        0 => IrrStatus.None,
        1 => IrrStatus.Unique,
        _ => IrrStatus.Several,
    };

    /// <summary><see langword="true"/> when at least one root was found (and <see cref="Rate"/> has a value).</summary>
    public bool HasRoot => Rate.HasValue;

    /// <summary>The algorithm that produced <see cref="Rate"/>.</summary>
    public IrrMethod Method { get; }

    /// <summary>Newton iterations spent from the guess (converged or not); 0 when Newton was not tried.</summary>
    public int NewtonIterations { get; }

    /// <summary>The caller's guess (the Newton start and the tie-break for several roots).</summary>
    public double Guess { get; }

    /// <summary>
    /// A one-line summary in the invariant culture, e.g.
    /// <c>Unique: 0.08663094803653149 (Newton, 4 Newton iterations; roots [0.08663094803653149])</c>.
    /// </summary>
    /// <returns>The summary.</returns>
    public override string ToString() => Rate is { } rate
        ? string.Create(CultureInfo.InvariantCulture,
            $"{Status}: {rate:R} ({Method}, {NewtonIterations} Newton iterations; roots [{string.Join(", ", Roots.Select(r => r.ToString("R", CultureInfo.InvariantCulture)))}])")
        : "None: no internal rate of return";
}
