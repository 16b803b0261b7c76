using Simulator.Engine;
using Simulator.Model;
using Simulator.Validation;

namespace Simulator.Testing.Tests.Assertions;

/// <summary>Each assertion passes when it should, and fails with the exact message naming the node and the reason when it should not.</summary>
public class PlacementAssertionsTests
{
    private const string Agent = "default/agent";

    private static readonly DaemonSetBuilder Plain = DaemonSetBuilder.Named(Agent);

    private static string FailureOf(Action assertion) => Should.Throw<ShouldAssertException>(assertion).Message;

    [Fact]
    public void TaintNoExecute_NotTolerated_ShouldRunFails_ShouldNotRunPasses()
    {
        var cluster = Cluster.With(3).Workers().Node("k8s-worker-2", n => n.Tainted("app=fluentd-logging:NoExecute")).Run(Presets.Fluentd);

        cluster.ShouldRun("logging/fluentd", "k8s-worker-1", "k8s-worker-3")
            .ShouldNotRun("logging/fluentd", "k8s-worker-2")
            .ShouldRunOnEveryNodeExcept("logging/fluentd", "k8s-worker-2")
            .ShouldRunWhereItsRulesAllow("logging/fluentd");
        FailureOf(() => cluster.ShouldRunOnEveryNode("logging/fluentd"))
            .ShouldBe("DaemonSet logging/fluentd should run on k8s-worker-2 but does not: taint app=fluentd-logging:NoExecute is not tolerated");
    }

    [Fact]
    public void TaintNoExecute_Tolerated_Runs()
    {
        Cluster.With(3).Workers().Node("k8s-worker-2", n => n.Tainted("app=fluentd-logging:NoExecute")).Run(Presets.FluentdTolerating)
            .ShouldRunOnEveryNode("logging/fluentd");
    }

    [Fact]
    public void TaintNoSchedule_NotTolerated_ShouldRunFails()
    {
        var cluster = Cluster.With(2).Workers().Node("k8s-worker-1", n => n.Tainted("dedicated=infra:NoSchedule")).Run(Plain);

        cluster.ShouldRunExactlyOn(Agent, "k8s-worker-2");
        FailureOf(() => cluster.ShouldRun(Agent, "k8s-worker-1"))
            .ShouldBe("DaemonSet default/agent should run on k8s-worker-1 but does not: taint dedicated=infra:NoSchedule is not tolerated");
    }

    [Fact]
    public void TaintPreferNoSchedule_IsIgnoredByTheController()
    {
        Cluster.With(2).Workers().Tainted("dedicated=infra:PreferNoSchedule").Run(Plain).ShouldRunOnEveryNode(Agent);
    }

    [Theory]
    [InlineData("the node lacks the label", "k8s-worker-1", "nodeSelector type=platform-tools: the node has no label type")]
    [InlineData("the node has another value", "k8s-worker-2", "nodeSelector type=platform-tools: the node has type=web")]
    public void NodeSelector_Mismatch_MessageSaysWhichLabel(string description, string node, string why)
    {
        var cluster = Cluster.With(3).Workers()
            .Node("k8s-worker-2", n => n.Labelled("type", "web"))
            .Node("k8s-worker-3", n => n.Labelled("type", "platform-tools"))
            .Run(Presets.FluentdOnPlatformTools);

        cluster.ShouldRunExactlyOn("logging/fluentd", "k8s-worker-3");
        FailureOf(() => cluster.ShouldRun("logging/fluentd", node))
            .ShouldBe($"DaemonSet logging/fluentd should run on {node} but does not: {why}", description);
    }

    [Fact]
    public void RequiredAffinity_NoTermMatches_MessageSaysSo()
    {
        var agent = Plain.RequiringNodes(SelectorRequirement.Of("type", SelectorOperator.In, "platform-tools"))
            .RequiringNodes(SelectorRequirement.Of("disk", SelectorOperator.Exists));
        var cluster = Cluster.With(3).Workers()
            .Node("k8s-worker-1", n => n.Labelled("type", "platform-tools"))
            .Node("k8s-worker-2", n => n.Labelled("disk", "ssd"))
            .Run(agent);

        cluster.ShouldRunExactlyOn(Agent, "k8s-worker-1", "k8s-worker-2");
        FailureOf(() => cluster.ShouldRun(Agent, "k8s-worker-3"))
            .ShouldBe("DaemonSet default/agent should run on k8s-worker-3 but does not: required node affinity: term 1 does not match, term 2 does not match");
    }

    [Fact]
    public void CordonedNode_DaemonPodsTolerateUnschedulable_StillRuns()
    {
        var cluster = Cluster.With(2).Workers().Node("k8s-worker-2", n => n.Cordoned()).Run(Plain);

        cluster.ShouldRunOnEveryNode(Agent).ShouldRunWhereItsRulesAllow(Agent);
        cluster.Why(Agent, "k8s-worker-2").ShouldBe("every rule passes");
    }

    [Fact]
    public void InsufficientCpu_PodIsPending_ShouldBePendingOnWithTheReason()
    {
        var cluster = Cluster.With(2).Workers().WithCapacity("1", "4Gi")
            .WithPods(PodBuilder.Named("shop/web-1").Requests("1").OnNode("k8s-worker-1"))
            .Run(Plain.Requests("100m", "64Mi"));
        var pod = cluster.State.PodsControlledBy(cluster.DaemonSet(Agent).Metadata.Uid).Single(p => p.Spec.NodeName == "k8s-worker-1" || p.Spec.NodeName.Length == 0).Metadata.Name;

        cluster.ShouldRunExactlyOn(Agent, "k8s-worker-2")
            .ShouldBePendingOn(Agent, "k8s-worker-1")
            .ShouldBePendingOn(Agent, "k8s-worker-1", "Insufficient cpu");
        FailureOf(() => cluster.ShouldRun(Agent, "k8s-worker-1"))
            .ShouldBe($"DaemonSet default/agent should run on k8s-worker-1 but does not: its pod cannot be placed there: Insufficient cpu (pod {pod} is Pending: 0/2 nodes are available: 1 Insufficient cpu, 1 node(s) didn't satisfy plugin(s) [NodeAffinity]. preemption: 0/2 nodes are available: 1 No preemption victims found for incoming pod, 1 Preemption is not helpful for scheduling.)");
        FailureOf(() => cluster.ShouldBePendingOn(Agent, "k8s-worker-1", "Insufficient memory"))
            .ShouldBe($"DaemonSet default/agent's pod for k8s-worker-1 should be Pending because of \"Insufficient memory\" but is Pending because: {cluster.Why(Agent, "k8s-worker-1")}");
        FailureOf(() => cluster.ShouldBePendingOn(Agent, "k8s-worker-2"))
            .ShouldBe("DaemonSet default/agent should have a Pending pod for k8s-worker-2 but its pod runs there");
    }

    [Fact]
    public void ShouldBePendingOn_NoPodForTheNode_FailsSayingWhy()
    {
        var cluster = Cluster.With(2).Workers().Node("k8s-worker-1", n => n.Tainted("dedicated=infra:NoSchedule")).Run(Plain);

        FailureOf(() => cluster.ShouldBePendingOn(Agent, "k8s-worker-1"))
            .ShouldBe("DaemonSet default/agent should have a Pending pod for k8s-worker-1 but has no pod for it: taint dedicated=infra:NoSchedule is not tolerated");
    }

    [Fact]
    public void HostPortConflict_PodIsPending()
    {
        var cluster = Cluster.With(2).Workers()
            .WithPods(PodBuilder.Named("monitoring/old-exporter").WithHostPort(9100).OnNode("k8s-worker-2"))
            .Run(Plain.WithHostPort(9100));

        cluster.ShouldRunExactlyOn(Agent, "k8s-worker-1").ShouldBePendingOn(Agent, "k8s-worker-2", "didn't have free ports");
        FailureOf(() => cluster.ShouldRun(Agent, "k8s-worker-2"))
            .ShouldStartWith("DaemonSet default/agent should run on k8s-worker-2 but does not: its pod cannot be placed there: node(s) didn't have free ports for the requested pod ports");
        cluster.ShouldRunWhereItsRulesAllow(Agent);
    }

    [Fact]
    public void Misscheduled_NoScheduleTaintAddedAfterThePodRuns_PodStays_ShouldNotRunFailsSayingWhy()
    {
        var cluster = Cluster.With(2).Workers().Run(Plain).Taint("k8s-worker-1", "dedicated=infra:NoSchedule");

        cluster.ShouldRunOnEveryNode(Agent);
        cluster.DaemonSet(Agent).Status.NumberMisscheduled.ShouldBe(1);
        FailureOf(() => cluster.ShouldNotRun(Agent, "k8s-worker-1"))
            .ShouldBe("DaemonSet default/agent should not run on k8s-worker-1 but does: taint dedicated=infra:NoSchedule is not tolerated");

        // Kubernetes lets the pod continue running under a NoSchedule taint (shouldContinueRunning), so the rules allow it.
        cluster.ShouldRunWhereItsRulesAllow(Agent);
    }

    [Fact]
    public void CrashLoopingPod_DoesNotRun_AndIsPendingOnItsNode()
    {
        var cluster = Cluster.With(2).Workers().Run(Plain);
        var pod = cluster.State.PodsControlledByOnNode(cluster.DaemonSet(Agent).Metadata.Uid, "k8s-worker-2").Single();

        cluster.Simulation.CrashPod(pod.Metadata.Namespace, pod.Metadata.Name);
        cluster.Simulation.RunFor(TimeSpan.FromMinutes(3));

        cluster.State.GetPod(pod.Metadata.Namespace, pod.Metadata.Name)!.Status.Phase.ShouldBe(PodPhase.Running);
        FailureOf(() => cluster.ShouldRun(Agent, "k8s-worker-2"))
            .ShouldStartWith($"DaemonSet default/agent should run on k8s-worker-2 but does not: pod {pod.Metadata.Name} is CrashLoopBackOff");
        cluster.ShouldBePendingOn(Agent, "k8s-worker-2", "CrashLoopBackOff").ShouldRun(Agent, "k8s-worker-1");
    }

    [Fact]
    public void NoNodesNamed_IsAnArgumentError_AndAnEmptyClusterFailsEveryNode()
    {
        var cluster = Cluster.With(1).Workers().Run(Plain);

        Should.Throw<ArgumentException>(() => cluster.ShouldRun(Agent)).ParamName.ShouldBe("nodes");
        Should.Throw<ArgumentException>(() => cluster.ShouldNotRun(Agent)).ParamName.ShouldBe("nodes");
        FailureOf(() => Cluster.With(0).Run(Plain).ShouldRunOnEveryNode(Agent))
            .ShouldBe("DaemonSet default/agent should run on every node, but the cluster has no nodes");
    }

    [Fact]
    public void UnknownDaemonSet_EveryAssertionFailsNamingTheOnesThatExist()
    {
        var cluster = Cluster.With(1).Workers().Run(Presets.Fluentd);
        const string expected = "DaemonSet logging/nope does not exist; the cluster has DaemonSets logging/fluentd";

        FailureOf(() => cluster.ShouldRun("logging/nope", "k8s-worker-1")).ShouldBe(expected);
        FailureOf(() => cluster.ShouldNotRun("logging/nope", "k8s-worker-1")).ShouldBe(expected);
        FailureOf(() => cluster.ShouldRunOnEveryNode("logging/nope")).ShouldBe(expected);
        FailureOf(() => cluster.ShouldRunWhereItsRulesAllow("logging/nope")).ShouldBe(expected);
        FailureOf(() => cluster.ShouldBePendingOn("logging/nope", "k8s-worker-1")).ShouldBe(expected);
        FailureOf(() => cluster.ShouldBeRolledOut("logging/nope")).ShouldBe(expected);
        FailureOf(() => cluster.ShouldRun("fluentd", "k8s-worker-1"))
            .ShouldBe("DaemonSet default/fluentd does not exist; the cluster has DaemonSets logging/fluentd");
        FailureOf(() => Cluster.With(1).Run().ShouldRun("fluentd", "node-1"))
            .ShouldBe("DaemonSet default/fluentd does not exist; the cluster has no DaemonSets");
    }

    [Fact]
    public void UnknownNode_ShouldRunAndShouldRunExactlyOnFailSayingTheNodeDoesNotExist()
    {
        var cluster = Cluster.With(2).Workers().Run(Plain);

        FailureOf(() => cluster.ShouldRun(Agent, "k8s-worker-9"))
            .ShouldBe("DaemonSet default/agent should run on k8s-worker-9, but the cluster has no node named k8s-worker-9");
        FailureOf(() => cluster.ShouldRunExactlyOn(Agent, "k8s-worker-1", "k8s-worker-2", "k8s-worker-9"))
            .ShouldBe("DaemonSet default/agent should run on k8s-worker-9, but the cluster has no node named k8s-worker-9");
        FailureOf(() => cluster.ShouldBePendingOn(Agent, "k8s-worker-9"))
            .ShouldBe("DaemonSet default/agent should have a Pending pod for k8s-worker-9 but has no pod for it: the cluster has no node named k8s-worker-9");
    }

    [Fact]
    public void UnknownNode_ShouldNotRun_Fails()
    {
        var cluster = Cluster.With(2).Workers().Run(Plain);

        FailureOf(() => cluster.ShouldNotRun(Agent, "k8s-wroker-1"))
            .ShouldBe("DaemonSet default/agent should not run on k8s-wroker-1, but the cluster has no node named k8s-wroker-1");
    }

    [Fact]
    public void UnknownNode_ShouldRunOnEveryNodeExcept_SaysTheNodeDoesNotExist_NotThatItShouldRunThere()
    {
        var cluster = Cluster.With(2).Workers().Run(Plain);

        FailureOf(() => cluster.ShouldRunOnEveryNodeExcept(Agent, "k8s-wroker-1"))
            .ShouldBe("DaemonSet default/agent should not run on k8s-wroker-1, but the cluster has no node named k8s-wroker-1");
    }

    [Fact]
    public void ManyDifferingNodes_MessageListsTwentyAndSaysHowManyMore()
    {
        var cluster = Cluster.With(25).Workers().Tainted("dedicated=infra:NoSchedule").And(2).Workers().Run(Plain);
        var nl = Environment.NewLine;
        var listed = Enumerable.Range(1, 20).Select(i => $"  DaemonSet default/agent should run on k8s-worker-{i} but does not: taint dedicated=infra:NoSchedule is not tolerated");

        FailureOf(() => cluster.ShouldRunOnEveryNode(Agent))
            .ShouldBe($"DaemonSet default/agent runs differently than expected on 25 nodes:{nl}" + string.Join(nl, listed) + $"{nl}  ... and 5 more");
    }

    [Fact]
    public void TwoDifferingNodes_MessageListsBoth_InNaturalOrder_WithoutMore()
    {
        var cluster = Cluster.With(10).Workers()
            .Node("k8s-worker-10", n => n.Tainted("dedicated=infra:NoSchedule"))
            .Node("k8s-worker-9", n => n.Tainted("gpu:NoExecute"))
            .Run(Plain);
        var nl = Environment.NewLine;

        FailureOf(() => cluster.ShouldRunOnEveryNode(Agent)).ShouldBe(
            $"DaemonSet default/agent runs differently than expected on 2 nodes:{nl}" +
            $"  DaemonSet default/agent should run on k8s-worker-9 but does not: taint gpu:NoExecute is not tolerated{nl}" +
            "  DaemonSet default/agent should run on k8s-worker-10 but does not: taint dedicated=infra:NoSchedule is not tolerated");
    }

    [Fact]
    public void ShouldRunExactlyOn_RunsOnMoreNodes_SaysWhyItRunsThere()
    {
        var cluster = Cluster.With(2).Workers().Run(Plain);

        FailureOf(() => cluster.ShouldRunExactlyOn(Agent, "k8s-worker-1"))
            .ShouldBe("DaemonSet default/agent should not run on k8s-worker-2 but does: every rule passes");
    }

    [Fact]
    public void ShouldRunWhereItsRulesAllow_MixedCluster_Passes()
    {
        var agent = Plain.Requests("500m", "1Gi").WithNodeSelector("type", "platform-tools").Tolerating("dedicated", "infra", TaintEffect.NoSchedule);
        Cluster.With(3).Workers().Labelled("type", "platform-tools").Tainted("dedicated=infra:NoSchedule")
            .And(2).Workers().Labelled("type", "platform-tools").Tainted("gpu:NoSchedule")
            .And(2).Workers().Labelled("type", "platform-tools").WithCapacity("250m", "1Gi")
            .And(2).Workers().Labelled("type", "web")
            .And(1).Workers().Labelled("type", "platform-tools").Cordoned()
            .Run(agent)
            .ShouldRunWhereItsRulesAllow(Agent)
            .ShouldRunExactlyOn(Agent, "k8s-worker-1", "k8s-worker-2", "k8s-worker-3", "k8s-worker-10")
            .ShouldBePendingOn(Agent, "k8s-worker-6", "Insufficient cpu")
            .ShouldBePendingOn(Agent, "k8s-worker-7", "Insufficient cpu");
    }

    [Fact]
    public void ShouldBeRolledOut_AfterSetImage_Passes_AndEveryPodRunsTheNewImage()
    {
        var cluster = Cluster.With(3).Workers().Run(Presets.Fluentd).SetImage("logging/fluentd", "fluentd:v3");

        cluster.ShouldBeRolledOut("logging/fluentd").ShouldRunOnEveryNode("logging/fluentd");
        var ds = cluster.DaemonSet("logging/fluentd");
        cluster.State.PodsControlledBy(ds.Metadata.Uid).Select(p => p.Spec.Containers[0].Image).ShouldBe(["fluentd:v3", "fluentd:v3", "fluentd:v3"]);
        ds.Status.UpdatedNumberScheduled.ShouldBe(3);
    }

    [Fact]
    public void ShouldBeRolledOut_NewImageCannotBePulled_FailsWithKubectlsLineAndTheCounters()
    {
        // maxUnavailable 1: one old pod is replaced by a new one that stays in ImagePullBackOff, and the rollout stops there.
        var cluster = Cluster.With(3).Workers().Run(Plain);
        cluster.Simulation.FailImage("agent:broken");
        cluster.Simulation.SetImage("default", "agent", "agent", "agent:broken");
        cluster.Simulation.RunFor(TimeSpan.FromMinutes(5));

        FailureOf(() => cluster.ShouldBeRolledOut(Agent)).ShouldBe(
            "DaemonSet default/agent should be rolled out but is not: Waiting for daemon set \"agent\" rollout to finish: 1 out of 3 new pods have been updated... (desired 3, updated 1, available 2)");
    }

    [Fact]
    public void ShouldBeRolledOut_OnDeleteDaemonSet_DoneOnlyWhenEveryPodWasReplaced()
    {
        var cluster = Cluster.With(2).Workers().Run(Plain.OnDelete());
        cluster.ShouldBeRolledOut(Agent);
        cluster.SetImage(Agent, "agent:v2");
        var ds = cluster.DaemonSet(Agent);

        cluster.State.PodsControlledBy(ds.Metadata.Uid).Select(p => p.Spec.Containers[0].Image).ShouldBe(["agent:v1", "agent:v1"]);
        ds.Status.UpdatedNumberScheduled.ShouldBe(0);
        FailureOf(() => cluster.ShouldBeRolledOut(Agent)).ShouldBe(
            "DaemonSet default/agent should be rolled out but is not: with the OnDelete strategy a pod gets the new template only when it is deleted (desired 2, updated 0, available 2)");

        // OnDelete: the new template reaches a node only when its pod is deleted.
        foreach (var node in new[] { "k8s-worker-1", "k8s-worker-2" })
        {
            var old = cluster.State.PodsControlledByOnNode(ds.Metadata.Uid, node).Single();
            cluster.Change(sim => sim.DeletePod(old.Metadata.Namespace, old.Metadata.Name, 0));
            cluster.State.PodsControlledByOnNode(ds.Metadata.Uid, node).Single().Spec.Containers[0].Image.ShouldBe("agent:v2");
        }

        cluster.DaemonSet(Agent).Status.UpdatedNumberScheduled.ShouldBe(2);
        cluster.ShouldBeRolledOut(Agent).ShouldRunOnEveryNode(Agent);
    }
}
