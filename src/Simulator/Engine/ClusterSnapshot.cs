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

    /// <summary>
    /// Every object of <paramref name="state"/>, ready to load into a fresh simulation with <see cref="Simulation.Restore"/>: the
    /// way to branch a settled cluster into what-if copies. Timers in flight (a pod still starting, a grace period running) are not
    /// objects and are not carried; the copy's controllers re-derive them, so branch a cluster once it has settled. Start the copy
    /// at the original's time, <c>new Simulation(new SimulationOptions { Start = sim.Now })</c>, on a whole second (a restored
    /// clock starts on one, as Kubernetes timestamps have no fractions): a copy that starts earlier sees pods Ready "in the future"
    /// and reports them unavailable until its clock catches up.
    /// </summary>
    /// <param name="state">The cluster.</param>
    /// <returns>The snapshot.</returns>
    public static ClusterSnapshot Of(ClusterState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        return new ClusterSnapshot
        {
            Namespaces = state.Namespaces.Values.ToEquatableArray(),
            PriorityClasses = state.PriorityClasses.Values.ToEquatableArray(),
            Nodes = state.Nodes.Values.ToEquatableArray(),
            DaemonSets = state.DaemonSets.Values.ToEquatableArray(),
            ControllerRevisions = state.ControllerRevisions.Values.ToEquatableArray(),
            Pods = state.Pods.Values.ToEquatableArray(),
        };
    }

    /// <summary>How many objects the snapshot holds.</summary>
    public int Count => Namespaces.Count + PriorityClasses.Count + Nodes.Count + DaemonSets.Count + ControllerRevisions.Count + Pods.Count;
}
