using Simulator.Engine;

namespace Simulator.Controllers;

/// <summary>
/// The DaemonSet controller's per-node back-off for deleting failed pods (client-go's <c>flowcontrol.Backoff</c> with 1 s initial,
/// 15 min maximum). Keys are <c>&lt;ds uid&gt;/&lt;observedGeneration&gt;/&lt;node&gt;</c>, so a spec change starts afresh.
/// </summary>
public sealed class FailedPodBackoff
{
    /// <summary>The first delay.</summary>
    public static readonly TimeSpan Initial = TimeSpan.FromSeconds(1);

    /// <summary>The longest delay.</summary>
    public static readonly TimeSpan Maximum = TimeSpan.FromMinutes(15);

    private readonly Dictionary<string, (SimTime LastUpdate, TimeSpan Delay)> _entries = new(StringComparer.Ordinal);

    /// <summary>The back-off key of a DaemonSet and node.</summary>
    /// <param name="dsUid">The DaemonSet's uid.</param>
    /// <param name="observedGeneration">The DaemonSet's <c>status.observedGeneration</c>.</param>
    /// <param name="nodeName">The node.</param>
    /// <returns>The key.</returns>
    public static string Key(string dsUid, long observedGeneration, string nodeName) => $"{dsUid}/{observedGeneration}/{nodeName}";

    /// <summary>Whether the key is in back-off at <paramref name="now"/> (less than the current delay since the last step).</summary>
    /// <param name="key">The key.</param>
    /// <param name="now">The time.</param>
    /// <param name="delay">The current delay, when in back-off.</param>
    /// <returns>True when in back-off.</returns>
    public bool IsInBackoff(string key, SimTime now, out TimeSpan delay)
    {
        if (_entries.TryGetValue(key, out var entry) && now - entry.LastUpdate < entry.Delay)
        {
            delay = entry.Delay;
            return true;
        }

        delay = TimeSpan.Zero;
        return false;
    }

    /// <summary>Steps the back-off: the first step (or one after 30 idle minutes) sets 1 s, later ones double up to 15 min.</summary>
    /// <param name="key">The key.</param>
    /// <param name="now">The time.</param>
    public void Next(string key, SimTime now)
    {
        if (!_entries.TryGetValue(key, out var entry) || now - entry.LastUpdate > 2 * Maximum)
        {
            _entries[key] = (now, Initial);
            return;
        }

        var doubled = entry.Delay * 2;
        _entries[key] = (now, doubled > Maximum ? Maximum : doubled);
    }
}
