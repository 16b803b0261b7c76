using Simulator.Engine;
using Simulator.Model;

namespace Simulator.Tests.Priority;

// Preemption of workload pods by daemon pods through the whole Simulation (spec §11.3): the DefaultPreemption PostFilter on
// the one target node, Preempted events and DisruptionTarget conditions on the victims, graceful termination, the
// nominated node, and the bind once the room is free.
public class PreemptionEndToEndTests
{
    [Fact]
    public void CreateDaemonSet_SystemNodeCriticalOnFullNodes_PreemptsOneWorkloadPodPerNodeThenBinds()
    {
        var sim = PriorityKit.Cluster(2);
        sim.Fill("node-1", "a-");
        sim.Fill("node-2", "b-");
        var start = sim.Now;
        sim.CreateDaemonSet(PriorityKit.Agent("system-node-critical"));

        sim.RunFor(TimeSpan.FromSeconds(5));

        var agents = sim.AgentPods();
        foreach (var (node, agent) in agents)
        {
            agent.IsBound.ShouldBeFalse(node);
            agent.Status.NominatedNodeName.ShouldBe(node);
            agent.Spec.Priority.ShouldBe(2_000_001_000);
        }

        var victims = sim.State.Pods.Values.Where(p => p.IsTerminating).OrderBy(p => p.Name, StringComparer.Ordinal).ToList();
        victims.Count.ShouldBe(2);
        victims.Select(v => v.Spec.NodeName).ShouldBe(["node-1", "node-2"]);
        victims.ShouldAllBe(v => v.Name.StartsWith(v.Spec.NodeName == "node-1" ? "a-" : "b-", StringComparison.Ordinal));
        foreach (var victim in victims)
        {
            var preemptor = agents[victim.Spec.NodeName];
            sim.EventsWith("Preempted").ShouldContain(e =>
                e.InvolvedObject.Uid == victim.Metadata.Uid && e.Type == EventType.Normal && e.Source == EventSources.Scheduler &&
                e.Message == $"Preempted by pod {preemptor.Metadata.Uid} on node {victim.Spec.NodeName}");
            var disruption = victim.GetCondition(PodConditionType.DisruptionTarget)!;
            disruption.Status.ShouldBe(ConditionStatus.True);
            disruption.Reason.ShouldBe("PreemptionByScheduler");
            victim.Metadata.DeletionGracePeriodSeconds.ShouldBe(20);
        }

        // The victims terminate for their 20 s grace period; the agents wait for them.
        sim.RunUntil(start + TimeSpan.FromSeconds(19));
        sim.State.Pods.Values.Count(p => p.IsTerminating).ShouldBe(2);
        sim.AgentPods().Values.ShouldAllBe(p => !p.IsBound);

        sim.RunUntilSettled(TimeSpan.FromMinutes(5)).Settled.ShouldBeTrue();

        foreach (var victim in victims)
        {
            sim.State.GetPod("default", victim.Name).ShouldBeNull();
        }

        foreach (var (node, agent) in sim.AgentPods())
        {
            agent.Spec.NodeName.ShouldBe(node);
            agent.Status.Phase.ShouldBe(PodPhase.Running);
            agent.Status.NominatedNodeName.ShouldBe("");
            var scheduled = sim.EventsWith("Scheduled").Single(e => e.InvolvedObject.Uid == agent.Metadata.Uid);
            scheduled.FirstTimestamp.ShouldBeGreaterThanOrEqualTo(start + TimeSpan.FromSeconds(20));
        }

        sim.State.Pods.Values.Count(p => p.Metadata.Labels.GetValueOrDefault("app") == "workload").ShouldBe(6);
        sim.EventsWith("Preempted").Count().ShouldBe(2);
    }

    [Fact]
    public void CreateDaemonSet_TargetNodeHoldsOnlyHigherPriority_NeverPreemptsOnAnotherNode()
    {
        // A free-floating pod of priority 50 would preempt on node-2; the daemon pod for node-1 may only look at node-1.
        var sim = PriorityKit.Cluster(2);
        sim.Fill("node-1", "high-", "p100");
        sim.Fill("node-2", "low-", "p0");
        sim.CreateDaemonSet(PriorityKit.Agent("p50"));

        sim.RunUntilSettled(TimeSpan.FromMinutes(5));

        var agents = sim.AgentPods();
        agents["node-1"].IsBound.ShouldBeFalse();
        agents["node-1"].Status.NominatedNodeName.ShouldBe("");
        sim.LastFailedScheduling(agents["node-1"]).ShouldBe(
            "0/2 nodes are available: 1 Insufficient cpu, 1 node(s) didn't satisfy plugin(s) [NodeAffinity]. preemption: 0/2 nodes are available: 1 No preemption victims found for incoming pod, 1 Preemption is not helpful for scheduling.");
        agents["node-2"].Spec.NodeName.ShouldBe("node-2");
        agents["node-2"].Status.Phase.ShouldBe(PodPhase.Running);

        var preempted = sim.EventsWith("Preempted").ToList();
        preempted.Count.ShouldBe(1);
        preempted[0].InvolvedObject.Name.ShouldStartWith("low-");
        preempted[0].Message.ShouldBe($"Preempted by pod {agents["node-2"].Metadata.Uid} on node node-2");
        sim.State.Pods.Values.Count(p => p.Name.StartsWith("high-", StringComparison.Ordinal) && p.Status.Phase == PodPhase.Running).ShouldBe(4);
    }

    [Theory]
    [InlineData("equal priority is never preempted", "p100", "p100", "preemption: 0/1 nodes are available: 1 No preemption victims found for incoming pod.")]
    [InlineData("higher priority is never preempted", "p1000", "p100", "preemption: 0/1 nodes are available: 1 No preemption victims found for incoming pod.")]
    [InlineData("a priority-0 daemon pod preempts nothing", "", "", "preemption: 0/1 nodes are available: 1 No preemption victims found for incoming pod.")]
    [InlineData("a priority-0 daemon pod preempts no priority-0 pod of a class", "p0", "", "preemption: 0/1 nodes are available: 1 No preemption victims found for incoming pod.")]
    [InlineData("preemptionPolicy Never never preempts", "p0", "never1000", "preemption: not eligible due to preemptionPolicy=Never.")]
    public void CreateDaemonSet_FullNode_NoPreemption(string description, string workloadClass, string agentClass, string preemptionMessage)
    {
        var sim = PriorityKit.Cluster(1);
        sim.Fill("node-1", "w-", workloadClass);
        sim.CreateDaemonSet(PriorityKit.Agent(agentClass));

        sim.RunUntilSettled(TimeSpan.FromMinutes(5));
        sim.RunFor(TimeSpan.FromMinutes(2));

        var agent = sim.AgentPods()["node-1"];
        agent.IsBound.ShouldBeFalse(description);
        agent.Status.NominatedNodeName.ShouldBe("", description);
        sim.LastFailedScheduling(agent).ShouldBe("0/1 nodes are available: 1 Insufficient cpu. " + preemptionMessage, description);
        sim.EventsWith("Preempted").ShouldBeEmpty(description);
        sim.State.Pods.Values.Where(p => p.Metadata.Labels.GetValueOrDefault("app") == "workload").ShouldAllBe(p => !p.IsTerminating && p.Status.Phase == PodPhase.Running, description);
    }

    [Fact]
    public void CreateDaemonSet_MixedPriorities_EvictsOnlyTheLowerOnes()
    {
        // node-1: two 1-cpu pods of p100 and two of p0; the p50 agent needs 1.5 cpu, so both p0 pods must go.
        var sim = PriorityKit.Cluster(1);
        sim.CreatePods("default", "high-", 2, PriorityKit.Workload("node-1", priorityClass: "p100"));
        sim.CreatePods("default", "low-", 2, PriorityKit.Workload("node-1", priorityClass: "p0"));
        sim.RunUntilSettled(TimeSpan.FromMinutes(5));
        sim.CreateDaemonSet(PriorityKit.Agent("p50", cpu: "1500m"));

        sim.RunUntilSettled(TimeSpan.FromMinutes(5));

        sim.EventsWith("Preempted").Select(e => e.InvolvedObject.Name).Order(StringComparer.Ordinal).ShouldBe(["low-1", "low-2"]);
        sim.AgentPods()["node-1"].Status.Phase.ShouldBe(PodPhase.Running);
        sim.State.GetPod("default", "high-1").ShouldNotBeNull();
        sim.State.GetPod("default", "high-2").ShouldNotBeNull();
    }

    [Fact]
    public void CreateDaemonSet_OneVictimEnough_EvictsExactlyOne()
    {
        var sim = PriorityKit.Cluster(1);
        sim.Fill("node-1", "w-");
        sim.CreateDaemonSet(PriorityKit.Agent("p1000", cpu: "1"));

        sim.RunUntilSettled(TimeSpan.FromMinutes(5));

        sim.EventsWith("Preempted").Count().ShouldBe(1);
        sim.State.Pods.Values.Count(p => p.Metadata.Labels.GetValueOrDefault("app") == "workload").ShouldBe(3);
        sim.AgentPods()["node-1"].Status.Phase.ShouldBe(PodPhase.Running);
    }

    [Fact]
    public void CreatePods_LowerPriorityPodArrivesWhileNominated_DoesNotTakeTheFreedRoom()
    {
        var sim = PriorityKit.Cluster(1);
        sim.Fill("node-1", "w-");
        sim.CreateDaemonSet(PriorityKit.Agent("p1000", cpu: "1"));
        sim.RunFor(TimeSpan.FromSeconds(5));
        sim.AgentPods()["node-1"].Status.NominatedNodeName.ShouldBe("node-1");

        sim.CreatePods("default", "late-", 1, PriorityKit.Workload("node-1", priorityClass: "p0"));
        sim.RunUntilSettled(TimeSpan.FromMinutes(5));

        sim.AgentPods()["node-1"].Status.Phase.ShouldBe(PodPhase.Running);
        var late = sim.State.GetPod("default", "late-1")!;
        late.IsBound.ShouldBeFalse();
    }
}
