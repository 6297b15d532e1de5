using System.Globalization;
using System.Runtime.CompilerServices;

namespace LifetimeValue.Internal;

/// <summary>
/// Validation at the public boundary. Every failure names the parameter, the value and the allowed
/// range, e.g. <c>monthlyChurn must be in [0, 1] (was 1.5)</c>. Nothing is ever clamped.
/// </summary>
internal static class Guard
{
    /// <summary>Throws unless <paramref name="value"/> is a finite number.</summary>
    public static double Finite(double value, [CallerArgumentExpression(nameof(value))] string? name = null)
    {
        if (!double.IsFinite(value))
        {
            Throw(name, value, "must be a finite number");
        }

        return value;
    }

    /// <summary>Throws unless <paramref name="value"/> is a probability in [0, 1].</summary>
    public static double Probability(double value, [CallerArgumentExpression(nameof(value))] string? name = null)
    {
        if (!(value >= 0.0 && value <= 1.0))
        {
            Throw(name, value, "must be in [0, 1]");
        }

        return value;
    }

    /// <summary>Throws unless <paramref name="value"/> is finite and ≥ 0.</summary>
    public static double NonNegative(double value, [CallerArgumentExpression(nameof(value))] string? name = null)
    {
        if (!(double.IsFinite(value) && value >= 0.0))
        {
            Throw(name, value, "must be a finite number ≥ 0");
        }

        return value;
    }

    /// <summary>Throws unless <paramref name="value"/> is finite and &gt; 0.</summary>
    public static double Positive(double value, [CallerArgumentExpression(nameof(value))] string? name = null)
    {
        if (!(double.IsFinite(value) && value > 0.0))
        {
            Throw(name, value, "must be a finite number > 0");
        }

        return value;
    }

    /// <summary>Throws unless <paramref name="value"/> lies in [<paramref name="min"/>, <paramref name="max"/>].</summary>
    public static double InRange(double value, double min, double max, [CallerArgumentExpression(nameof(value))] string? name = null)
    {
        if (!(value >= min && value <= max))
        {
            Throw(name, value, string.Create(CultureInfo.InvariantCulture, $"must be in [{min}, {max}]"));
        }

        return value;
    }

    /// <summary>Throws unless <paramref name="value"/> lies in [<paramref name="min"/>, <paramref name="max"/>].</summary>
    public static int InRange(int value, int min, int max, [CallerArgumentExpression(nameof(value))] string? name = null)
    {
        if (value < min || value > max)
        {
            throw new ArgumentOutOfRangeException(name, value,
                string.Create(CultureInfo.InvariantCulture, $"{name} must be in [{min}, {max}] (was {value})."));
        }

        return value;
    }

    /// <summary>Throws unless <paramref name="value"/> lies in [<paramref name="min"/>, <paramref name="max"/>].</summary>
    public static long InRange(long value, long min, long max, [CallerArgumentExpression(nameof(value))] string? name = null)
    {
        if (value < min || value > max)
        {
            throw new ArgumentOutOfRangeException(name, value,
                string.Create(CultureInfo.InvariantCulture, $"{name} must be in [{min}, {max}] (was {value})."));
        }

        return value;
    }

    /// <summary>Throws unless the collection is non-null and has at least one element.</summary>
    public static IReadOnlyList<T> NotEmpty<T>(IReadOnlyList<T>? value, [CallerArgumentExpression(nameof(value))] string? name = null)
    {
        ArgumentNullException.ThrowIfNull(value, name);
        if (value.Count == 0)
        {
            throw new ArgumentException($"{name} must not be empty.", name);
        }

        return value;
    }

    /// <summary>Throws unless every element is a finite number; names the first bad index.</summary>
    public static IReadOnlyList<double> AllFinite(IReadOnlyList<double>? value, [CallerArgumentExpression(nameof(value))] string? name = null)
    {
        ArgumentNullException.ThrowIfNull(value, name);
        for (var i = 0; i < value.Count; i++)
        {
            if (!double.IsFinite(value[i]))
            {
                Throw($"{name}[{i}]", value[i], "must be a finite number", name);
            }
        }

        return value;
    }

    /// <summary>Throws unless the string is non-null and not blank.</summary>
    public static string NotBlank(string? value, [CallerArgumentExpression(nameof(value))] string? name = null)
    {
        ArgumentNullException.ThrowIfNull(value, name);
        if (string.IsNullOrWhiteSpace(value))
        {
            throw new ArgumentException($"{name} must not be blank.", name);
        }

        return value;
    }

    /// <summary>Throws an <see cref="ArgumentOutOfRangeException"/> in the house format.</summary>
    [System.Diagnostics.CodeAnalysis.DoesNotReturn]
    public static void Throw(string? name, double value, string requirement, string? paramName = null) =>
        throw new ArgumentOutOfRangeException(paramName ?? name, value,
            string.Create(CultureInfo.InvariantCulture, $"{name} {requirement} (was {value:R})."));
}
