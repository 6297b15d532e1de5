namespace LifetimeValue.Finance;

/// <summary>The algorithm that produced the rate reported by <see cref="IrrResult.Rate"/>.</summary>
public enum IrrMethod
{
    /// <summary>No rate was produced (<see cref="IrrStatus.None"/>).</summary>
    None = 0,

    /// <summary>Newton's method from the caller's guess on the scaled flows.</summary>
    Newton = 1,

    /// <summary>A sign-change bracket from the grid scan, solved with MathNet's Brent method.</summary>
    Brent = 2,
}
