namespace LifetimeValue.Model;

/// <summary>The two strategies the library models side by side.</summary>
public enum StrategyKind
{
    /// <summary>Customer-centric (lifetime value): acquire young, keep for life, a range of products across life stages.</summary>
    CustomerCentric = 0,

    /// <summary>Customer-focused (needs-focused): serve today's need superbly with one or a few products over a short horizon.</summary>
    CustomerFocused = 1,
}
