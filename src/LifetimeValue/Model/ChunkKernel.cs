namespace LifetimeValue.Model;

/// <summary>Simulates chunks of one model; one instance per worker thread.</summary>
internal abstract class ChunkKernel
{
    /// <summary>
    /// Simulates customers [<paramref name="first"/>, <paramref name="first"/> + <paramref name="count"/>) of
    /// <paramref name="scenario"/> and writes each customer's PV (acquisition cost included) and the chunk's total
    /// discounted cash flow per period (acquisition cost excluded; every element overwritten).
    /// </summary>
    public abstract void Run(int scenario, long first, int count, Span<double> pv, Span<double> flows);
}
