using System.Collections;
using System.Collections.Immutable;

namespace Simulator.Model;

/// <summary>
/// An immutable string-to-string map (labels, annotations, nodeSelector) ordered by key (ordinal) and compared by content.
/// </summary>
/// <remarks>Iteration is always in ordinal key order, so anything printed from it is deterministic. The default value is empty.</remarks>
public readonly struct StringMap : IEquatable<StringMap>, IReadOnlyDictionary<string, string>
{
    private readonly ImmutableSortedDictionary<string, string>? _map;

    private StringMap(ImmutableSortedDictionary<string, string> map) => _map = map;

    /// <summary>The empty map.</summary>
    public static StringMap Empty => default;

    private ImmutableSortedDictionary<string, string> Map => _map ?? ImmutableSortedDictionary.Create<string, string>(StringComparer.Ordinal);

    /// <summary>Creates a map from key/value pairs; a later duplicate key wins.</summary>
    /// <param name="pairs">The pairs.</param>
    /// <returns>The map.</returns>
    public static StringMap From(IEnumerable<KeyValuePair<string, string>> pairs)
    {
        var builder = ImmutableSortedDictionary.CreateBuilder<string, string>(StringComparer.Ordinal);
        foreach (var pair in pairs)
        {
            builder[pair.Key] = pair.Value;
        }

        return new StringMap(builder.ToImmutable());
    }

    /// <summary>Creates a map from alternating keys and values: <c>StringMap.Of("app", "web", "tier", "front")</c>.</summary>
    /// <param name="keysAndValues">Keys and values, alternating.</param>
    /// <returns>The map.</returns>
    public static StringMap Of(params string[] keysAndValues)
    {
        if (keysAndValues.Length % 2 != 0)
        {
            throw new ArgumentException("Keys and values must alternate.", nameof(keysAndValues));
        }

        var builder = ImmutableSortedDictionary.CreateBuilder<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < keysAndValues.Length; i += 2)
        {
            builder[keysAndValues[i]] = keysAndValues[i + 1];
        }

        return new StringMap(builder.ToImmutable());
    }

    /// <inheritdoc/>
    public int Count => _map?.Count ?? 0;

    /// <summary>Whether the map is empty.</summary>
    public bool IsEmpty => Count == 0;

    /// <inheritdoc/>
    public string this[string key] => Map[key];

    /// <inheritdoc/>
    public IEnumerable<string> Keys => Map.Keys;

    /// <inheritdoc/>
    public IEnumerable<string> Values => Map.Values;

    /// <inheritdoc/>
    public bool ContainsKey(string key) => _map is not null && _map.ContainsKey(key);

    /// <inheritdoc/>
    public bool TryGetValue(string key, out string value)
    {
        if (_map is not null && _map.TryGetValue(key, out var found))
        {
            value = found;
            return true;
        }

        value = string.Empty;
        return false;
    }

    /// <summary>Returns the value for <paramref name="key"/> or null.</summary>
    /// <param name="key">The key.</param>
    /// <returns>The value, or null when absent.</returns>
    public string? GetValueOrDefault(string key) => _map is not null && _map.TryGetValue(key, out var v) ? v : null;

    /// <summary>Returns a copy with <paramref name="key"/> set to <paramref name="value"/>.</summary>
    /// <param name="key">The key.</param>
    /// <param name="value">The value.</param>
    /// <returns>The new map (this map when nothing changes).</returns>
    public StringMap With(string key, string value)
    {
        if (TryGetValue(key, out var existing) && existing == value)
        {
            return this;
        }

        return new StringMap(Map.SetItem(key, value));
    }

    /// <summary>Returns a copy without <paramref name="key"/>.</summary>
    /// <param name="key">The key.</param>
    /// <returns>The new map (this map when nothing changes).</returns>
    public StringMap Without(string key) => ContainsKey(key) ? new StringMap(Map.Remove(key)) : this;

    /// <summary>Returns a copy with every pair of <paramref name="other"/> set (other wins).</summary>
    /// <param name="other">The pairs to add.</param>
    /// <returns>The merged map.</returns>
    public StringMap Merge(StringMap other)
    {
        if (other.IsEmpty)
        {
            return this;
        }

        if (IsEmpty)
        {
            return other;
        }

        return new StringMap(Map.SetItems(other.Map));
    }

    /// <summary>Whether every pair of this map is present in <paramref name="other"/> (a nodeSelector match).</summary>
    /// <param name="other">The map to look in.</param>
    /// <returns>True when this map is a subset of <paramref name="other"/>.</returns>
    public bool IsSubsetOf(StringMap other)
    {
        if (_map is null)
        {
            return true;
        }

        foreach (var pair in _map)
        {
            if (!other.TryGetValue(pair.Key, out var v) || v != pair.Value)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Returns an enumerator in ordinal key order.</summary>
    /// <returns>The enumerator.</returns>
    public ImmutableSortedDictionary<string, string>.Enumerator GetEnumerator() => Map.GetEnumerator();

    IEnumerator<KeyValuePair<string, string>> IEnumerable<KeyValuePair<string, string>>.GetEnumerator() => Map.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => Map.GetEnumerator();

    /// <inheritdoc/>
    public bool Equals(StringMap other)
    {
        if (Count != other.Count)
        {
            return false;
        }

        if (Count == 0 || ReferenceEquals(_map, other._map))
        {
            return true;
        }

        foreach (var pair in _map!)
        {
            if (!other.TryGetValue(pair.Key, out var v) || v != pair.Value)
            {
                return false;
            }
        }

        return true;
    }

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is StringMap other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var pair in this)
        {
            hash.Add(pair.Key, StringComparer.Ordinal);
            hash.Add(pair.Value, StringComparer.Ordinal);
        }

        return hash.ToHashCode();
    }

    /// <summary>Structural equality.</summary>
    public static bool operator ==(StringMap left, StringMap right) => left.Equals(right);

    /// <summary>Structural inequality.</summary>
    public static bool operator !=(StringMap left, StringMap right) => !left.Equals(right);

    /// <summary>Renders the map as <c>k1=v1,k2=v2</c> in key order (kubectl's label rendering).</summary>
    /// <returns>The rendering, or an empty string.</returns>
    public override string ToString() => string.Join(",", Map.Select(p => p.Key + "=" + p.Value));
}
