using Simulator.Model;
using Simulator.Tests.Support;

namespace Simulator.Tests.Priority;

// Workload pressure created with CreatePods (§10): a daemon pod that does not fit stays Pending with the scheduler's
// FailedScheduling message; nothing is reported on the DaemonSet.
public class PriorityResourcePressureTests
{
    [Theory]
    [InlineData("cpu taken by workload pods", "1", null, "500m", null, "Insufficient cpu")]
    [InlineData("memory taken by workload pods", null, "4Gi", null, "1Gi", "Insufficient memory")]
    public void CreatePods_NodeFull_DaemonPodPendingWithInsufficientResource(string description, string? fillCpu, string? fillMemory, string? agentCpu, string? agentMemory, string reason)
    {
        var sim = PriorityKit.Cluster(2);
        sim.CreatePods("default", "filler-", 4, PriorityKit.Workload("node-1", cpu: fillCpu, memory: fillMemory));
        sim.RunUntilSettled(TimeSpan.FromMinutes(5));
        sim.CreateDaemonSet(Fixtures.DaemonSet("agent", s => s with { Containers = EquatableArray.Create(Fixtures.Container(cpu: agentCpu, memory: agentMemory)) }));

        sim.RunUntilSettled(TimeSpan.FromMinutes(5));

        var pods = sim.AgentPods();
        pods["node-2"].Status.Phase.ShouldBe(PodPhase.Running, description);
        var pending = pods["node-1"];
        pending.IsBound.ShouldBeFalse(description);
        pending.Status.Phase.ShouldBe(PodPhase.Pending, description);
        pending.Status.NominatedNodeName.ShouldBe("", description);
        var scheduled = pending.GetCondition(PodConditionType.PodScheduled)!;
        scheduled.Status.ShouldBe(ConditionStatus.False, description);
        scheduled.Reason.ShouldBe("Unschedulable", description);
        sim.LastFailedScheduling(pending).ShouldBe(
            $"0/2 nodes are available: 1 {reason}, 1 node(s) didn't satisfy plugin(s) [NodeAffinity]. preemption: 0/2 nodes are available: 1 No preemption victims found for incoming pod, 1 Preemption is not helpful for scheduling.",
            description);
        sim.EventsWith("FailedScheduling").ShouldAllBe(e => e.Type == "Warning" && e.Source == "default-scheduler");
        sim.Events.ShouldNotContain(e => e.InvolvedObject.Kind == "DaemonSet" && e.Type == "Warning", description);
        sim.State.Pods.Values.Count(p => p.Name.StartsWith("filler-", StringComparison.Ordinal) && p.Status.Phase == PodPhase.Running).ShouldBe(4, description);

        var status = sim.State.GetDaemonSet("default", "agent")!.Status;
        status.DesiredNumberScheduled.ShouldBe(2, description);
        status.CurrentNumberScheduled.ShouldBe(2, description);
        status.NumberReady.ShouldBe(1, description);
        status.NumberUnavailable.ShouldBe(1, description);
    }

    [Fact]
    public void CreatePods_BothResourcesShort_BothReasonsListed()
    {
        var sim = PriorityKit.Cluster(1);
        sim.CreatePods("default", "filler-", 4, PriorityKit.Workload("node-1", cpu: "1", memory: "4Gi"));
        sim.RunUntilSettled(TimeSpan.FromMinutes(5));
        sim.CreateDaemonSet(PriorityKit.Agent(cpu: "100m", memory: "100Mi"));

        sim.RunUntilSettled(TimeSpan.FromMinutes(5));

        sim.LastFailedScheduling(sim.AgentPods()["node-1"]).ShouldBe(
            "0/1 nodes are available: 1 Insufficient cpu, 1 Insufficient memory. preemption: 0/1 nodes are available: 1 No preemption victims found for incoming pod.");
    }

    [Fact]
    public void CreatePods_WorkloadDeleted_PendingDaemonPodBinds()
    {
        var sim = PriorityKit.Cluster(1);
        sim.Fill("node-1", "filler-");
        sim.CreateDaemonSet(PriorityKit.Agent());
        sim.RunUntilSettled(TimeSpan.FromMinutes(5));
        sim.AgentPods()["node-1"].IsBound.ShouldBeFalse();

        sim.DeletePod("default", "filler-1");
        sim.RunUntilSettled(TimeSpan.FromMinutes(5));

        var pod = sim.AgentPods()["node-1"];
        pod.Spec.NodeName.ShouldBe("node-1");
        pod.Status.Phase.ShouldBe(PodPhase.Running);
    }

    [Fact]
    public void CreatePods_Count_NamesPrefixOneToN()
    {
        var sim = PriorityKit.Cluster(1);

        var pods = sim.CreatePods("default", "filler-", 3, PriorityKit.Workload("node-1", priorityClass: "p50"));

        pods.Select(p => p.Name).ShouldBe(["filler-1", "filler-2", "filler-3"]);
        pods.ShouldAllBe(p => p.Spec.Priority == 50);
    }
}
