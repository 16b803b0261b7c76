using Simulator.Engine;
using Simulator.Model;
using Simulator.Scheduling;

namespace Simulator.Tests.Scheduling;

/// <summary>Builders for rule-level tests: nodes with explicit allocatable, pods with requests, and NodeInfo aggregates.</summary>
internal static class SchedulingFixtures
{
    public static readonly ClusterState EmptyState = ClusterState.Empty(SimTime.DefaultStart);

    /// <summary>A node whose allocatable is exactly the given list (alternating names and quantities).</summary>
    public static Node Node(string name, params string[] allocatable) => new()
    {
        Metadata = new ObjectMeta { Name = name },
        Status = new NodeStatus { Allocatable = ResourceList.Of(allocatable), Capacity = ResourceList.Of(allocatable) },
    };

    /// <summary>A pod with one container requesting the given resources (alternating names and quantities).</summary>
    public static Pod Pod(string name, params string[] requests) => new()
    {
        Metadata = new ObjectMeta { Name = name, Namespace = "default" },
        Spec = new PodSpec
        {
            Containers = EquatableArray.Create(new Container { Name = "app", Image = "busybox", Resources = new ResourceRequirements { Requests = ResourceList.Of(requests) } }),
        },
    };

    public static Pod WithPorts(this Pod pod, params ContainerPort[] ports) => pod with
    {
        Spec = pod.Spec with { Containers = EquatableArray.Create(pod.Spec.Containers[0] with { Ports = EquatableArray.Create(ports) }) },
    };

    public static Pod WithTolerations(this Pod pod, params Toleration[] tolerations) => pod with { Spec = pod.Spec with { Tolerations = EquatableArray.Create(tolerations) } };

    public static Pod BoundTo(this Pod pod, string node, string phase = PodPhase.Running) => pod with
    {
        Spec = pod.Spec with { NodeName = node },
        Status = pod.Status with { Phase = phase },
    };

    public static PodSchedulingContext Context(Pod pod, ClusterState? state = null) => new(pod, state ?? EmptyState);

    /// <summary>The node as the scheduler sees it with the given pods bound (terminal pods are skipped, as the cluster state does).</summary>
    public static NodeInfo Info(Node node, params Pod[] pods)
    {
        var usage = NodeUsage.Empty;
        foreach (var pod in pods)
        {
            if (NodeUsage.Counts(pod.BoundTo(node.Name, pod.Status.Phase)))
            {
                usage = usage.Add(pod);
            }
        }

        return new NodeInfo(node, usage);
    }
}
