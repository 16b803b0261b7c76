using System.Globalization;
using Simulator.Engine;

namespace Simulator.Kubernetes.Views;

/// <summary>How the simulation's events appear as Kubernetes Event objects: their namespace and generated name.</summary>
public static class KubectlEvents
{
    /// <summary>The event's namespace: its object's, or <c>default</c> for cluster-scoped objects (where Kubernetes records node events).</summary>
    /// <param name="e">The event.</param>
    /// <returns>The namespace.</returns>
    public static string Namespace(ClusterEvent e)
    {
        ArgumentNullException.ThrowIfNull(e);
        return e.InvolvedObject.Namespace.Length == 0 ? "default" : e.InvolvedObject.Namespace;
    }

    /// <summary>
    /// The event's name in the shape the API server generates (object name, a dot, a hex stamp), derived from its first
    /// occurrence so that it is stable across runs.
    /// </summary>
    /// <param name="e">The event.</param>
    /// <returns>The name.</returns>
    public static string Name(ClusterEvent e)
    {
        ArgumentNullException.ThrowIfNull(e);
        var stamp = checked((e.FirstTimestamp.UnixMilliseconds * 1_000_000) + e.Sequence);
        return e.InvolvedObject.Name + "." + stamp.ToString("x", CultureInfo.InvariantCulture);
    }
}
