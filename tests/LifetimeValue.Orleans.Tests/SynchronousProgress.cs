namespace LifetimeValue.Orleans.Tests;

/// <summary>An IProgress that calls back on the reporting thread (Progress&lt;T&gt; posts asynchronously).</summary>
internal sealed class SynchronousProgress<T>(Action<T> report) : IProgress<T>
{
    public void Report(T value) => report(value);
}
