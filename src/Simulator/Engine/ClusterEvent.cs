namespace Simulator.Engine;

/// <summary>The object an event is about (<c>involvedObject</c>).</summary>
/// <param name="Kind">The kind, e.g. <c>DaemonSet</c>, <c>Pod</c>, <c>Node</c>.</param>
/// <param name="Namespace">The namespace; empty for cluster-scoped objects.</param>
/// <param name="Name">The name.</param>
/// <param name="Uid">The uid.</param>
public sealed record ObjectReference(string Kind, string Namespace, string Name, string Uid)
{
    /// <summary>Renders as <c>Kind/namespace/name</c>.</summary>
    /// <returns>The rendering.</returns>
    public override string ToString() => Namespace.Length == 0 ? $"{Kind}/{Name}" : $"{Kind}/{Namespace}/{Name}";
}

/// <summary>Event types.</summary>
public static class EventType
{
    /// <summary>Normal operation.</summary>
    public const string Normal = "Normal";

    /// <summary>Something went wrong or may need attention.</summary>
    public const string Warning = "Warning";
}

/// <summary>
/// A Kubernetes-style event. Identical events (same source, object, type, reason and message) are aggregated as
/// the Kubernetes event recorder does: the count grows and <see cref="LastTimestamp"/> moves.
/// </summary>
/// <param name="Sequence">The position of the event's first occurrence in the log, from 1.</param>
/// <param name="Type"><c>Normal</c> or <c>Warning</c>.</param>
/// <param name="Reason">The reason, e.g. <c>SuccessfulCreate</c>, <c>FailedScheduling</c>.</param>
/// <param name="Message">The message, in Kubernetes' words.</param>
/// <param name="InvolvedObject">What the event is about.</param>
/// <param name="Source">The reporting component, e.g. <c>daemonset-controller</c>, <c>default-scheduler</c>, <c>kubelet</c>.</param>
/// <param name="FirstTimestamp">When it first happened.</param>
/// <param name="LastTimestamp">When it last happened.</param>
/// <param name="Count">How often it happened.</param>
public sealed record ClusterEvent(
    long Sequence,
    string Type,
    string Reason,
    string Message,
    ObjectReference InvolvedObject,
    string Source,
    SimTime FirstTimestamp,
    SimTime LastTimestamp,
    int Count)
{
    /// <summary>One line: time, type, reason, object, message (and the count when above one).</summary>
    /// <returns>The rendering; stable across runs for the same simulation.</returns>
    public override string ToString() =>
        $"{LastTimestamp} {Type} {Reason} {InvolvedObject} {Message}" + (Count > 1 ? $" (x{Count})" : "");
}

/// <summary>The components that record events, with Kubernetes' names.</summary>
public static class EventSources
{
    /// <summary>The DaemonSet controller.</summary>
    public const string DaemonSetController = "daemonset-controller";

    /// <summary>The default scheduler.</summary>
    public const string Scheduler = "default-scheduler";

    /// <summary>The kubelet.</summary>
    public const string Kubelet = "kubelet";

    /// <summary>The node lifecycle controller.</summary>
    public const string NodeController = "node-controller";

    /// <summary>The taint eviction controller.</summary>
    public const string TaintEvictionController = "taint-eviction-controller";

    /// <summary>The pod garbage collector.</summary>
    public const string PodGarbageCollector = "pod-garbage-collector";
}
