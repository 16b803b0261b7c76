using System.Collections;
using System.Collections.Immutable;

namespace Simulator.Model;

/// <summary>
/// An immutable array that compares by content, so records holding lists keep structural equality.
/// </summary>
/// <remarks><see cref="ImmutableArray{T}"/> compares by reference; this wrapper does not. The default value is empty.</remarks>
/// <typeparam name="T">The element type.</typeparam>
// Without the builder a collection expression would use Add, which returns a new array, and silently produce an empty one.
[System.Runtime.CompilerServices.CollectionBuilder(typeof(EquatableArray), nameof(EquatableArray.Create))]
public readonly struct EquatableArray<T> : IEquatable<EquatableArray<T>>, IReadOnlyList<T>
{
    private readonly ImmutableArray<T> _items;

    /// <summary>Wraps an immutable array.</summary>
    /// <param name="items">The items, in order.</param>
    public EquatableArray(ImmutableArray<T> items) => _items = items;

    /// <summary>The empty array.</summary>
    public static EquatableArray<T> Empty => default;

    /// <summary>The wrapped items (never default).</summary>
    public ImmutableArray<T> Items => _items.IsDefault ? ImmutableArray<T>.Empty : _items;

    /// <inheritdoc/>
    public int Count => _items.IsDefault ? 0 : _items.Length;

    /// <summary>Whether the array has no items.</summary>
    public bool IsEmpty => Count == 0;

    /// <inheritdoc/>
    public T this[int index] => Items[index];

    /// <summary>Returns a copy with <paramref name="item"/> appended.</summary>
    /// <param name="item">The item to add.</param>
    /// <returns>The new array.</returns>
    public EquatableArray<T> Add(T item) => new(Items.Add(item));

    /// <summary>Returns an enumerator over the items, allocation-free.</summary>
    /// <returns>The enumerator.</returns>
    public ImmutableArray<T>.Enumerator GetEnumerator() => Items.GetEnumerator();

    IEnumerator<T> IEnumerable<T>.GetEnumerator() => ((IEnumerable<T>)Items).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => ((IEnumerable)Items).GetEnumerator();

    /// <inheritdoc/>
    public bool Equals(EquatableArray<T> other)
    {
        var a = Items;
        var b = other.Items;
        if (a.Length != b.Length)
        {
            return false;
        }

        var comparer = EqualityComparer<T>.Default;
        for (var i = 0; i < a.Length; i++)
        {
            if (!comparer.Equals(a[i], b[i]))
            {
                return false;
            }
        }

        return true;
    }

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is EquatableArray<T> other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var item in Items)
        {
            hash.Add(item);
        }

        return hash.ToHashCode();
    }

    /// <summary>Structural equality.</summary>
    public static bool operator ==(EquatableArray<T> left, EquatableArray<T> right) => left.Equals(right);

    /// <summary>Structural inequality.</summary>
    public static bool operator !=(EquatableArray<T> left, EquatableArray<T> right) => !left.Equals(right);

    /// <summary>Wraps an immutable array.</summary>
    public static implicit operator EquatableArray<T>(ImmutableArray<T> items) => new(items);

    /// <summary>Wraps a plain array (copied).</summary>
    public static implicit operator EquatableArray<T>(T[] items) => new(ImmutableArray.Create(items));

    /// <inheritdoc/>
    public override string ToString() => "[" + string.Join(", ", Items) + "]";
}

/// <summary>Factory helpers for <see cref="EquatableArray{T}"/>.</summary>
public static class EquatableArray
{
    /// <summary>Creates an array from the given items.</summary>
    /// <typeparam name="T">The element type.</typeparam>
    /// <param name="items">The items, in order.</param>
    /// <returns>The array.</returns>
    public static EquatableArray<T> Create<T>(params T[] items) => new(ImmutableArray.Create(items));

    /// <summary>Creates an array from a span; what a collection expression such as <c>EquatableArray&lt;Taint&gt; taints = [a, b]</c> calls.</summary>
    /// <typeparam name="T">The element type.</typeparam>
    /// <param name="items">The items, in order.</param>
    /// <returns>The array.</returns>
    public static EquatableArray<T> Create<T>(ReadOnlySpan<T> items) => new(ImmutableArray.Create(items));

    /// <summary>Creates an array of one item (without the intermediate array a <c>params</c> call makes).</summary>
    /// <typeparam name="T">The element type.</typeparam>
    /// <param name="item">The item.</param>
    /// <returns>The array.</returns>
    public static EquatableArray<T> Create<T>(T item) => new(ImmutableArray.Create(item));

    /// <summary>Creates an array from a sequence.</summary>
    /// <typeparam name="T">The element type.</typeparam>
    /// <param name="items">The items, in order.</param>
    /// <returns>The array.</returns>
    public static EquatableArray<T> ToEquatableArray<T>(this IEnumerable<T> items) => new(items.ToImmutableArray());
}
