namespace LifetimeValue.Samples.Tests;

/// <summary>A notebook cell or README block that failed: the message names the source and the cell.</summary>
public sealed class SnippetException : Exception
{
    public SnippetException()
    {
    }

    public SnippetException(string message)
        : base(message)
    {
    }

    public SnippetException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
