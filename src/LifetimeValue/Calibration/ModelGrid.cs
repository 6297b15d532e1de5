using LifetimeValue.Internal;

namespace LifetimeValue.Calibration;

/// <summary>A model quantity on a frequency × recency grid (e.g. for a heat map); numbers only.</summary>
/// <remarks>Thread safety: immutable.</remarks>
public sealed class ModelGrid
{
    internal ModelGrid(string quantity, double age, int[] frequencies, double[] recencies, double[][] values)
    {
        Quantity = quantity;
        Age = age;
        Frequencies = ReadOnly.Of(frequencies);
        Recencies = ReadOnly.Of(recencies);
        Values = values;
    }

    /// <summary>What the values are, e.g. "P(alive)".</summary>
    public string Quantity { get; }

    /// <summary>The age T shared by every cell.</summary>
    public double Age { get; }

    /// <summary>Row labels: frequencies x = 0 … max.</summary>
    public IReadOnlyList<int> Frequencies { get; }

    /// <summary>Column labels: recencies t_x from 0 to T.</summary>
    public IReadOnlyList<double> Recencies { get; }

    /// <summary>Values[row][column] for (Frequencies[row], Recencies[column]). The x = 0 row repeats the (0, 0, T) value,
    /// since recency is 0 by definition when there is no repeat purchase.</summary>
    public IReadOnlyList<IReadOnlyList<double>> Values { get; }
}
