namespace LifetimeValue.Plotting;

/// <summary>PNG charts of LifetimeValue results.</summary>
public static class Charts
{
}
