using System.Collections;
using System.Collections.Immutable;

namespace Simulator.Model;

/// <summary>Well-known resource names.</summary>
public static class ResourceNames
{
    /// <summary>CPU, in cores (<c>100m</c> = 0.1 core).</summary>
    public const string Cpu = "cpu";

    /// <summary>Memory, in bytes.</summary>
    public const string Memory = "memory";

    /// <summary>The number of pods a node can run.</summary>
    public const string Pods = "pods";

    /// <summary>Local ephemeral storage, in bytes.</summary>
    public const string EphemeralStorage = "ephemeral-storage";
}

/// <summary>
/// A map from resource name to quantity (<c>requests</c>, <c>limits</c>, <c>capacity</c>, <c>allocatable</c>), ordered by
/// name and compared by content.
/// </summary>
public readonly struct ResourceList : IEquatable<ResourceList>, IReadOnlyDictionary<string, Quantity>
{
    private readonly ImmutableSortedDictionary<string, Quantity>? _map;

    private ResourceList(ImmutableSortedDictionary<string, Quantity> map) => _map = map;

    /// <summary>The empty list.</summary>
    public static ResourceList Empty => default;

    private ImmutableSortedDictionary<string, Quantity> Map => _map ?? ImmutableSortedDictionary.Create<string, Quantity>(StringComparer.Ordinal);

    /// <summary>Creates a list from alternating names and Kubernetes quantities: <c>ResourceList.Of("cpu", "100m", "memory", "200Mi")</c>.</summary>
    /// <param name="namesAndQuantities">Names and quantities, alternating.</param>
    /// <returns>The list.</returns>
    public static ResourceList Of(params string[] namesAndQuantities)
    {
        if (namesAndQuantities.Length % 2 != 0)
        {
            throw new ArgumentException("Names and quantities must alternate.", nameof(namesAndQuantities));
        }

        var builder = ImmutableSortedDictionary.CreateBuilder<string, Quantity>(StringComparer.Ordinal);
        for (var i = 0; i < namesAndQuantities.Length; i += 2)
        {
            builder[namesAndQuantities[i]] = Quantity.Parse(namesAndQuantities[i + 1]);
        }

        return new ResourceList(builder.ToImmutable());
    }

    /// <summary>Creates a list from pairs.</summary>
    /// <param name="pairs">The pairs.</param>
    /// <returns>The list.</returns>
    public static ResourceList From(IEnumerable<KeyValuePair<string, Quantity>> pairs) =>
        new(ImmutableSortedDictionary.CreateRange(StringComparer.Ordinal, pairs));

    /// <inheritdoc/>
    public int Count => _map?.Count ?? 0;

    /// <summary>Whether the list is empty.</summary>
    public bool IsEmpty => Count == 0;

    /// <inheritdoc/>
    public Quantity this[string key] => Map[key];

    /// <inheritdoc/>
    public IEnumerable<string> Keys => Map.Keys;

    /// <inheritdoc/>
    public IEnumerable<Quantity> Values => Map.Values;

    /// <inheritdoc/>
    public bool ContainsKey(string key) => _map is not null && _map.ContainsKey(key);

    /// <inheritdoc/>
    public bool TryGetValue(string key, out Quantity value)
    {
        if (_map is not null && _map.TryGetValue(key, out value))
        {
            return true;
        }

        value = Quantity.Zero;
        return false;
    }

    /// <summary>The quantity for <paramref name="name"/>, or zero when absent.</summary>
    /// <param name="name">The resource name.</param>
    /// <returns>The quantity.</returns>
    public Quantity Get(string name) => TryGetValue(name, out var q) ? q : Quantity.Zero;

    /// <summary>Returns a copy with <paramref name="name"/> set.</summary>
    /// <param name="name">The resource name.</param>
    /// <param name="quantity">The quantity.</param>
    /// <returns>The new list.</returns>
    public ResourceList With(string name, Quantity quantity) => new(Map.SetItem(name, quantity));

    /// <summary>Returns an enumerator in name order.</summary>
    /// <returns>The enumerator.</returns>
    public ImmutableSortedDictionary<string, Quantity>.Enumerator GetEnumerator() => Map.GetEnumerator();

    IEnumerator<KeyValuePair<string, Quantity>> IEnumerable<KeyValuePair<string, Quantity>>.GetEnumerator() => Map.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => Map.GetEnumerator();

    /// <inheritdoc/>
    public bool Equals(ResourceList other)
    {
        if (Count != other.Count)
        {
            return false;
        }

        foreach (var pair in this)
        {
            if (!other.TryGetValue(pair.Key, out var q) || q != pair.Value)
            {
                return false;
            }
        }

        return true;
    }

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is ResourceList other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var pair in this)
        {
            hash.Add(pair.Key, StringComparer.Ordinal);
            hash.Add(pair.Value);
        }

        return hash.ToHashCode();
    }

    /// <summary>Structural equality.</summary>
    public static bool operator ==(ResourceList left, ResourceList right) => left.Equals(right);

    /// <summary>Structural inequality.</summary>
    public static bool operator !=(ResourceList left, ResourceList right) => !left.Equals(right);

    /// <summary>Renders as <c>cpu=100m,memory=200Mi</c>.</summary>
    /// <returns>The rendering.</returns>
    public override string ToString() => string.Join(",", Map.Select(p => p.Key + "=" + p.Value));
}
