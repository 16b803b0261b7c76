using Simulator.Engine;

namespace Simulator.Controllers;

/// <summary>
/// client-go's <c>flowcontrol.Backoff</c> as the kubelet uses it for container restarts and image pulls: an entry's delay starts at
/// the initial value and doubles up to the maximum with each step; an entry idle for more than twice the maximum starts over.
/// </summary>
internal sealed class KubeletBackoff(TimeSpan initial, TimeSpan maximum)
{
    private readonly Dictionary<string, (SimTime LastUpdate, TimeSpan Delay)> _entries = new(StringComparer.Ordinal);

    /// <summary>Whether less than the current delay has passed since <paramref name="eventTime"/>; <paramref name="remaining"/> is what is left.</summary>
    public bool IsInBackoffSince(string key, SimTime eventTime, SimTime now, out TimeSpan remaining)
    {
        remaining = TimeSpan.Zero;
        if (!_entries.TryGetValue(key, out var entry) || eventTime - entry.LastUpdate > 2 * maximum)
        {
            return false;
        }

        var elapsed = now - eventTime;
        if (elapsed >= entry.Delay)
        {
            return false;
        }

        remaining = entry.Delay - elapsed;
        return true;
    }

    /// <summary>Steps the delay for an event at <paramref name="eventTime"/>, recorded at <paramref name="now"/>.</summary>
    public void Next(string key, SimTime eventTime, SimTime now)
    {
        if (!_entries.TryGetValue(key, out var entry) || eventTime - entry.LastUpdate > 2 * maximum)
        {
            _entries[key] = (now, initial);
            return;
        }

        var doubled = entry.Delay * 2;
        _entries[key] = (now, doubled > maximum ? maximum : doubled);
    }
}
