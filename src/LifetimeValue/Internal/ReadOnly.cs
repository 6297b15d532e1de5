using System.Collections.Immutable;
using System.Runtime.InteropServices;

namespace LifetimeValue.Internal;

/// <summary>
/// Public collections of immutable types: an <see cref="ImmutableArray{T}"/> over an array the owner never changes again,
/// handed out as <see cref="IReadOnlyList{T}"/>. Unlike the array itself (or a list over it), it cannot be cast back to
/// something writable, so no reader can change what every later reader (and every result built from it) sees.
/// </summary>
internal static class ReadOnly
{
    /// <summary>Wraps <paramref name="array"/> without copying; the caller must not change it afterwards.</summary>
    public static IReadOnlyList<T> Wrap<T>(T[] array) => ImmutableCollectionsMarshal.AsImmutableArray(array);

    /// <summary><paramref name="items"/> itself when it is already immutable, else an immutable copy.</summary>
    public static IReadOnlyList<T> Of<T>(IReadOnlyList<T> items) => items is ImmutableArray<T> ? items : ImmutableArray.CreateRange(items);

    /// <summary>An immutable copy of <paramref name="items"/>.</summary>
    public static IReadOnlyList<T> Copy<T>(IEnumerable<T> items) => ImmutableArray.CreateRange(items);
}
