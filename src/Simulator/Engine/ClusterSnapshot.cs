using Simulator.Model;

namespace Simulator.Engine;

/// <summary>
/// Objects taken from an existing cluster (for example <c>kubectl get nodes,pods,daemonsets,controllerrevisions,priorityclasses -A
/// -o yaml</c>), to be loaded as they are with <see cref="Simulation.Restore"/>.
/// </summary>
public sealed record ClusterSnapshot
{
    /// <summary>Namespaces.</summary>
    public EquatableArray<Namespace> Namespaces { get; init; }

    /// <summary>Priority classes (the built-in system classes may be included; identical copies are skipped).</summary>
    public EquatableArray<PriorityClass> PriorityClasses { get; init; }

    /// <summary>Nodes, with their status (conditions, capacity, allocatable).</summary>
    public EquatableArray<Node> Nodes { get; init; }

    /// <summary>DaemonSets, with their generation, annotations and status.</summary>
    public EquatableArray<DaemonSet> DaemonSets { get; init; }

    /// <summary>ControllerRevisions, with their owner references and hash labels.</summary>
    public EquatableArray<ControllerRevision> ControllerRevisions { get; init; }

    /// <summary>Pods, with owner references, <c>spec.nodeName</c> and status.</summary>
    public EquatableArray<Pod> Pods { get; init; }

    /// <summary>How many objects the snapshot holds.</summary>
    public int Count => Namespaces.Count + PriorityClasses.Count + Nodes.Count + DaemonSets.Count + ControllerRevisions.Count + Pods.Count;
}
