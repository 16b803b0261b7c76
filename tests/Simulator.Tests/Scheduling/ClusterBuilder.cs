using Simulator.Engine;
using Simulator.Model;
using Simulator.Tests.Support;

namespace Simulator.Tests.Scheduling;

/// <summary>Helpers that build scheduler inputs through the public <see cref="Simulation"/> API.</summary>
internal static class ClusterBuilder
{
    /// <summary>A simulation with no nodes.</summary>
    public static Simulation Empty() => Fixtures.Cluster(0);

    /// <summary>Creates a bound pod (straight to the node's kubelet, as a pod with <c>spec.nodeName</c> is).</summary>
    public static Pod Bind(this Simulation sim, string name, string node, string? cpu = null, string? memory = null, string priorityClass = "", params ContainerPort[] ports) =>
        sim.CreatePod(new Pod
        {
            Metadata = new ObjectMeta { Name = name, Namespace = "default" },
            Spec = new PodSpec { NodeName = node, PriorityClassName = priorityClass, Containers = EquatableArray.Create(Fixtures.Container(cpu: cpu, memory: memory, ports: ports)) },
        });

    /// <summary>Creates a priority class.</summary>
    public static void Priority(this Simulation sim, string name, int value) =>
        sim.CreatePriorityClass(new PriorityClass { Metadata = ObjectMeta.Named(name), Value = value });

    /// <summary>An unbound pod as the scheduler would receive it (not stored).</summary>
    public static Pod Incoming(string? cpu = null, string? memory = null, int? priority = null, string? preemptionPolicy = null, params ContainerPort[] ports) => new()
    {
        Metadata = new ObjectMeta { Name = "incoming", Namespace = "default" },
        Spec = new PodSpec
        {
            Priority = priority,
            PreemptionPolicy = preemptionPolicy,
            Containers = EquatableArray.Create(Fixtures.Container(cpu: cpu, memory: memory, ports: ports)),
        },
    };

    /// <summary>Pins a pod to one node the way the DaemonSet controller does (a single <c>metadata.name In [node]</c> term).</summary>
    public static Pod PinnedTo(this Pod pod, string node) => pod with
    {
        Spec = pod.Spec with { Affinity = new Affinity { NodeAffinity = new NodeAffinity { Required = NodeSelector.Of(NodeSelectorTerm.ForNodeName(node)) } } },
    };
}
