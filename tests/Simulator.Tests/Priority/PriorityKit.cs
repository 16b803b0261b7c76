using Simulator.Engine;
using Simulator.Model;
using Simulator.Tests.Support;

namespace Simulator.Tests.Priority;

/// <summary>Builders for the priority and preemption scenarios: classes, workload pods that fill nodes, and daemon pods by node.</summary>
internal static class PriorityKit
{
    /// <summary>A cluster of <paramref name="nodes"/> nodes of 4 cpu / 16Gi / 110 pods, with classes p0, p50, p100, p1000 and never1000 (Never).</summary>
    public static Simulation Cluster(int nodes)
    {
        var sim = Fixtures.Cluster(nodes);
        foreach (var value in new[] { 0, 50, 100, 1000 })
        {
            sim.CreatePriorityClass(new PriorityClass { Metadata = ObjectMeta.Named($"p{value}"), Value = value });
        }

        sim.CreatePriorityClass(new PriorityClass { Metadata = ObjectMeta.Named("never1000"), Value = 1000, PreemptionPolicy = PreemptionPolicy.Never });
        return sim;
    }

    /// <summary>A workload pod template pinned by nodeSelector (so it goes through the scheduler) with one container.</summary>
    public static PodTemplateSpec Workload(string node, string? cpu = "1", string? memory = null, string priorityClass = "", long grace = 20) => new()
    {
        Metadata = new ObjectMeta { Labels = StringMap.Of("app", "workload") },
        Spec = new PodSpec
        {
            NodeSelector = StringMap.Of("kubernetes.io/hostname", node),
            PriorityClassName = priorityClass,
            TerminationGracePeriodSeconds = grace,
            Containers = EquatableArray.Create(Fixtures.Container(cpu: cpu, memory: memory)),
        },
    };

    /// <summary>Fills a 4-cpu node with four 1-cpu workload pods <c>PREFIX1..4</c> of the class, and lets them start.</summary>
    public static void Fill(this Simulation sim, string node, string prefix, string priorityClass = "")
    {
        sim.CreatePods("default", prefix, 4, Workload(node, priorityClass: priorityClass));
        sim.RunUntilSettled(TimeSpan.FromMinutes(5)).Settled.ShouldBeTrue();
    }

    /// <summary>A node agent DaemonSet requesting 500m cpu, of the given class.</summary>
    public static DaemonSet Agent(string priorityClass = "", string cpu = "500m", string? memory = null) =>
        Fixtures.DaemonSet("agent", s => s with
        {
            PriorityClassName = priorityClass,
            Containers = EquatableArray.Create(Fixtures.Container(name: "agent", cpu: cpu, memory: memory)),
        });

    /// <summary>The DaemonSet's non-terminating pods by the node they target.</summary>
    public static Dictionary<string, Pod> AgentPods(this Simulation sim, string name = "agent")
    {
        var ds = sim.State.GetDaemonSet("default", name)!;
        return sim.State.PodsControlledBy(ds.Metadata.Uid)
            .Where(p => !p.IsTerminating)
            .ToDictionary(p => Simulator.Scheduling.PodPlacement.TargetNodeName(p)!, StringComparer.Ordinal);
    }

    public static IEnumerable<ClusterEvent> EventsWith(this Simulation sim, string reason) => sim.Events.Where(e => e.Reason == reason);

    /// <summary>The last FailedScheduling message recorded for the pod.</summary>
    public static string? LastFailedScheduling(this Simulation sim, Pod pod) =>
        sim.Events.LastOrDefault(e => e.Reason == "FailedScheduling" && e.InvolvedObject.Uid == pod.Metadata.Uid)?.Message;
}
