namespace Simulator.Engine;

/// <summary>
/// Immutable status parts made for many pods at the same instant (conditions, container statuses): pods that reach the same
/// value in the same second share one object, so a cold start keeps a handful per instant instead of some per pod. The cache
/// holds only the current second's values.
/// </summary>
internal sealed class SameSecondCache<TKey, TValue>
    where TKey : notnull
{
    private readonly Dictionary<TKey, TValue> _values = [];
    private SimTime _second;

    public TValue Get(SimTime second, TKey key, Func<TKey, SimTime, TValue> make)
    {
        if (second != _second)
        {
            _values.Clear();
            _second = second;
        }

        if (!_values.TryGetValue(key, out var value))
        {
            value = make(key, second);
            _values[key] = value;
        }

        return value;
    }
}
