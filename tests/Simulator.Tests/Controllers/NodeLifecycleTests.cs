using Simulator.Engine;
using Simulator.Model;
using Simulator.Tests.Support;
using static Simulator.Tests.Controllers.ControllerKit;

namespace Simulator.Tests.Controllers;

// Node lifecycle controller: condition → taint map (nodeConditionToTaintKeyStatusMap), the node monitor grace period (40 s)
// and taint-based eviction of ordinary pods after the DefaultTolerationSeconds admission's 300 s, while DS pods stay.
public class NodeLifecycleTests
{
    private static Pod Ordinary(string name = "web") => new()
    {
        Metadata = new ObjectMeta { Name = name, Namespace = "default" },
        Spec = new PodSpec { NodeName = "node-1", Containers = EquatableArray.Create(Fixtures.Container()) },
    };

    private static Simulation FailedNodeCluster()
    {
        var sim = Settled(2, Fixtures.DaemonSet("ds"));
        sim.CreatePod(Ordinary());
        sim.RunUntilSettled(TimeSpan.FromMinutes(1));
        sim.FailNode("node-1");
        return sim;
    }

    private static bool HasTaint(Node node, string key, string effect) => node.Spec.Taints.Any(t => t.Key == key && t.Effect == effect);

    [Fact]
    public void FailNode_BeforeGracePeriod_StillReady()
    {
        var sim = FailedNodeCluster();

        sim.RunFor(TimeSpan.FromSeconds(39));

        sim.State.GetNode("node-1")!.IsReady.ShouldBeTrue();
        sim.State.GetNode("node-1")!.Spec.Taints.ShouldBeEmpty();
    }

    [Fact]
    public void FailNode_AfterGracePeriod_UnknownAndUnreachableTaints()
    {
        var sim = FailedNodeCluster();

        // node-monitor-grace-period is 50 s since Kubernetes 1.32 (40 s before).
        sim.RunFor(TimeSpan.FromSeconds(49));
        sim.State.GetNode("node-1")!.GetCondition(NodeConditionType.Ready)!.Status.ShouldBe(ConditionStatus.True);

        sim.RunFor(TimeSpan.FromSeconds(2));

        var node = sim.State.GetNode("node-1")!;
        node.GetCondition(NodeConditionType.Ready)!.Status.ShouldBe(ConditionStatus.Unknown);
        HasTaint(node, WellKnownTaints.Unreachable, TaintEffect.NoSchedule).ShouldBeTrue();
        HasTaint(node, WellKnownTaints.Unreachable, TaintEffect.NoExecute).ShouldBeTrue();
        sim.EventsWith("NodeNotReady").ShouldContain(e => e.Message == "Node node-1 status is now: NodeNotReady");
    }

    [Fact]
    public void FailNode_DaemonPod_StaysButCountsAsMisscheduledAndNotReady()
    {
        var sim = FailedNodeCluster();
        var dsPod = sim.LivePods("ds")["node-1"];

        sim.RunFor(TimeSpan.FromMinutes(10));

        var stayed = sim.State.GetPod("default", dsPod.Name)!;
        stayed.IsTerminating.ShouldBeFalse();
        stayed.IsReady.ShouldBeFalse();
        var status = sim.StatusOf("ds");
        (status.DesiredNumberScheduled, status.CurrentNumberScheduled, status.NumberMisscheduled, status.NumberReady).ShouldBe((1, 1, 1, 1));
    }

    [Fact]
    public void FailNode_OrdinaryPod_EvictedAfterDefaultTolerationOf300Seconds()
    {
        var sim = FailedNodeCluster();
        sim.State.GetPod("default", "web")!.Spec.Tolerations.ShouldContain(t => t.Key == WellKnownTaints.Unreachable && t.TolerationSeconds == 300);

        sim.RunFor(TimeSpan.FromSeconds(50 + 299));
        sim.State.GetPod("default", "web")!.IsTerminating.ShouldBeFalse();

        sim.RunFor(TimeSpan.FromSeconds(2));
        var web = sim.State.GetPod("default", "web");
        (web is null || web.IsTerminating).ShouldBeTrue();
        sim.EventsWith("TaintManagerEviction").ShouldContain(e => e.Message == "Marking for deletion Pod default/web");
    }

    [Fact]
    public void RecoverNode_AfterFailure_ReadyTaintsGoneDaemonSetDesiredAgain()
    {
        var sim = FailedNodeCluster();
        sim.RunFor(TimeSpan.FromMinutes(2));

        sim.RecoverNode("node-1");
        sim.RunUntilSettled(TimeSpan.FromMinutes(5));

        var node = sim.State.GetNode("node-1")!;
        node.IsReady.ShouldBeTrue();
        node.Spec.Taints.ShouldBeEmpty();
        var status = sim.StatusOf("ds");
        (status.DesiredNumberScheduled, status.NumberMisscheduled, status.NumberReady).ShouldBe((2, 0, 2));
    }

    [Fact]
    public void FailNode_NewDaemonSetWhileUnreachable_NoPodForThatNode()
    {
        var sim = FailedNodeCluster();
        sim.RunFor(TimeSpan.FromMinutes(1));

        sim.CreateDaemonSet(Fixtures.DaemonSet("late"));
        sim.RunFor(TimeSpan.FromMinutes(1));

        sim.LivePods("late").Keys.ShouldBe(["node-2"]);
    }

    public static TheoryData<string, string, string, string, string> ConditionTaints => new()
    {
        { "Ready=False", NodeConditionType.Ready, ConditionStatus.False, WellKnownTaints.NotReady, TaintEffect.NoSchedule },
        { "Ready=False also taints NoExecute", NodeConditionType.Ready, ConditionStatus.False, WellKnownTaints.NotReady, TaintEffect.NoExecute },
        { "MemoryPressure=True", NodeConditionType.MemoryPressure, ConditionStatus.True, WellKnownTaints.MemoryPressure, TaintEffect.NoSchedule },
        { "DiskPressure=True", NodeConditionType.DiskPressure, ConditionStatus.True, WellKnownTaints.DiskPressure, TaintEffect.NoSchedule },
        { "PIDPressure=True", NodeConditionType.PidPressure, ConditionStatus.True, WellKnownTaints.PidPressure, TaintEffect.NoSchedule },
        { "NetworkUnavailable=True", NodeConditionType.NetworkUnavailable, ConditionStatus.True, WellKnownTaints.NetworkUnavailable, TaintEffect.NoSchedule },
    };

    [Theory]
    [MemberData(nameof(ConditionTaints))]
    public void SetNodeCondition_Condition_DerivedTaint(string description, string type, string status, string key, string effect)
    {
        var sim = Fixtures.Cluster(1);

        sim.SetNodeCondition("node-1", type, status);
        sim.RunFor(TimeSpan.FromSeconds(1));

        HasTaint(sim.State.GetNode("node-1")!, key, effect).ShouldBeTrue(description);
    }

    [Fact]
    public void SetNodeCondition_PressureClears_TaintRemoved()
    {
        var sim = Fixtures.Cluster(1);
        sim.SetNodeCondition("node-1", NodeConditionType.DiskPressure, ConditionStatus.True);
        sim.RunFor(TimeSpan.FromSeconds(1));

        sim.SetNodeCondition("node-1", NodeConditionType.DiskPressure, ConditionStatus.False);
        sim.RunFor(TimeSpan.FromSeconds(1));

        sim.State.GetNode("node-1")!.Spec.Taints.ShouldBeEmpty();
    }

    [Fact]
    public void Cordon_Node_UnschedulableTaintAddedAndRemovedOnUncordon()
    {
        var sim = Fixtures.Cluster(1);

        sim.Cordon("node-1");
        sim.RunFor(TimeSpan.FromSeconds(1));
        HasTaint(sim.State.GetNode("node-1")!, WellKnownTaints.Unschedulable, TaintEffect.NoSchedule).ShouldBeTrue();

        sim.Uncordon("node-1");
        sim.RunFor(TimeSpan.FromSeconds(1));
        sim.State.GetNode("node-1")!.Spec.Taints.ShouldBeEmpty();
    }

    [Fact]
    public void SetNodeCondition_DiskPressure_DaemonPodStillCreated()
    {
        var sim = Fixtures.Cluster(1);
        sim.SetNodeCondition("node-1", NodeConditionType.DiskPressure, ConditionStatus.True);
        sim.RunFor(TimeSpan.FromSeconds(1));

        sim.CreateDaemonSet(Fixtures.DaemonSet("ds"));
        sim.RunUntilSettled(TimeSpan.FromMinutes(5));

        sim.LivePods("ds")["node-1"].Status.Phase.ShouldBe(PodPhase.Running);
    }

    [Fact]
    public void SetNodeCondition_NetworkUnavailable_OnlyHostNetworkDaemonSetsRun()
    {
        var sim = Fixtures.Cluster(1);
        sim.SetNodeCondition("node-1", NodeConditionType.NetworkUnavailable, ConditionStatus.True);
        sim.RunFor(TimeSpan.FromSeconds(1));

        sim.CreateDaemonSet(Fixtures.DaemonSet("plain"));
        sim.CreateDaemonSet(Fixtures.DaemonSet("cni", s => s with { HostNetwork = true }));
        sim.RunUntilSettled(TimeSpan.FromMinutes(5));

        sim.LivePods("plain").ShouldBeEmpty();
        sim.LivePods("cni").Keys.ShouldBe(["node-1"]);
    }

    [Fact]
    public void SetNodeCondition_ReadyFalse_NewDaemonPodBlockedExistingKept()
    {
        var sim = Settled(1, Fixtures.DaemonSet("ds"));
        var kept = sim.LivePods("ds")["node-1"];

        sim.SetNodeCondition("node-1", NodeConditionType.Ready, ConditionStatus.False);
        sim.CreateDaemonSet(Fixtures.DaemonSet("late"));
        sim.RunFor(TimeSpan.FromMinutes(1));

        sim.LivePods("ds")["node-1"].Name.ShouldBe(kept.Name);
        sim.LivePods("late").ShouldBeEmpty();
        sim.StatusOf("ds").NumberMisscheduled.ShouldBe(1);
    }
}
