using Simulator.Controllers;
using Simulator.Engine;
using Simulator.Model;

namespace Simulator.Docs.Tests.Pages;

/// <summary>The snippets of docs/daemonsets.md.</summary>
public class DaemonSetsPage
{
    private static Simulation Scenario()
    {
        // begin-snippet: daemonsets-which-nodes
        var sim = new Simulation();
        Examples.AddWorkers(sim, 5);
        foreach (var name in new[] { "worker-1", "worker-2", "worker-3", "worker-5" })
        {
            sim.LabelNode(name, "type", "platform-tools");
        }

        sim.TaintNode("worker-2", new Taint("dedicated", "db", TaintEffect.NoSchedule));   // not tolerated
        sim.TaintNode("worker-5", new Taint("gpu", "true", TaintEffect.NoSchedule));        // tolerated below
        sim.Cordon("worker-3");                                                             // daemon pods ignore cordon

        sim.CreateNamespace("logging");
        sim.CreateDaemonSet(Examples.Fluentd().WithPodSpec(spec => spec with
        {
            NodeSelector = StringMap.Of("type", "platform-tools"),
            Tolerations = EquatableArray.Create(new Toleration("gpu", TolerationOperator.Exists, Effect: TaintEffect.NoSchedule)),
        }));
        sim.RunUntilSettled();

        var nodes = sim.State.Pods.Values.Select(p => p.Spec.NodeName).Order(StringComparer.Ordinal);
        // worker-1, worker-3, worker-5: worker-2's taint is not tolerated, worker-4 lacks the label
        // end-snippet
        nodes.ShouldBe(["worker-1", "worker-3", "worker-5"]);
        return sim;
    }

    [Fact]
    public void WhichNodesGetADaemonPod()
    {
        var sim = Scenario();
        var ds = sim.State.GetDaemonSet("logging", "fluentd")!;
        ds.Status.DesiredNumberScheduled.ShouldBe(3);
        ds.Status.NumberReady.ShouldBe(3);
    }

    [Fact]
    public void ExplainPlacement()
    {
        var sim = Scenario();
        // begin-snippet: daemonsets-explain
        var explanation = sim.ExplainPlacement("logging", "fluentd", "worker-2");
        var summary = explanation.Summary();
        // DaemonSet logging/fluentd should not run on worker-2: taint dedicated=db:NoSchedule is not tolerated:
        // no new pod; a running pod stays (misscheduled)
        var cordoned = sim.ExplainPlacement("logging", "fluentd", "worker-3").Rules.Single(r => r.Rule == "NodeUnschedulable").Detail;
        // the node is cordoned, but daemon pods tolerate node.kubernetes.io/unschedulable
        // end-snippet

        summary.ShouldBe("DaemonSet logging/fluentd should not run on worker-2: taint dedicated=db:NoSchedule is not tolerated: no new pod; a running pod stays (misscheduled)");
        cordoned.ShouldBe("the node is cordoned, but daemon pods tolerate node.kubernetes.io/unschedulable");
        explanation.ShouldRun.ShouldBeFalse();
        explanation.ShouldContinueRunning.ShouldBeTrue();
    }

    [Fact]
    public void AutomaticTolerations()
    {
        // begin-snippet: daemonsets-tolerations
        var template = Examples.Fluentd().Spec.Template.Spec;
        var automatic = DaemonSetPredicates.DaemonPodTolerations(template).Select(t => $"{t.Key}:{t.Effect}");
        // node.kubernetes.io/not-ready:NoExecute, node.kubernetes.io/unreachable:NoExecute,
        // node.kubernetes.io/disk-pressure:NoSchedule, node.kubernetes.io/memory-pressure:NoSchedule,
        // node.kubernetes.io/pid-pressure:NoSchedule, node.kubernetes.io/unschedulable:NoSchedule
        // (and node.kubernetes.io/network-unavailable:NoSchedule when the template sets hostNetwork)
        // end-snippet

        automatic.ShouldBe([
            "node.kubernetes.io/not-ready:NoExecute", "node.kubernetes.io/unreachable:NoExecute",
            "node.kubernetes.io/disk-pressure:NoSchedule", "node.kubernetes.io/memory-pressure:NoSchedule",
            "node.kubernetes.io/pid-pressure:NoSchedule", "node.kubernetes.io/unschedulable:NoSchedule"]);
        DaemonSetPredicates.DaemonPodTolerations(template with { HostNetwork = true }).Count.ShouldBe(7);
    }

    [Fact]
    public void RequiredAffinityIsAPureCheck()
    {
        // begin-snippet: daemonsets-affinity
        var ds = Examples.Fluentd().WithPodSpec(spec => spec with
        {
            Affinity = new Affinity
            {
                NodeAffinity = new NodeAffinity
                {
                    Required = NodeSelector.Of(new NodeSelectorTerm
                    {
                        MatchExpressions = EquatableArray.Create(SelectorRequirement.Of("kubernetes.io/arch", SelectorOperator.In, "amd64")),
                    }),
                },
            },
        });
        var arm = new Node { Metadata = new ObjectMeta { Name = "arm-1", Labels = StringMap.Of("kubernetes.io/arch", "arm64") } };

        var verdict = DaemonSetPredicates.NodeShouldRunDaemonPod(arm, ds);   // (ShouldRun: false, ShouldContinueRunning: false)
        // end-snippet

        verdict.ShouldBe(new NodeVerdict(false, false));
        DaemonSetPredicates.NodeShouldRunDaemonPod(arm with { Metadata = arm.Metadata with { Labels = StringMap.Of("kubernetes.io/arch", "amd64") } }, ds)
            .ShouldBe(new NodeVerdict(true, true));
    }

    [Fact]
    public void ResourcesLeaveThePodPending()
    {
        // begin-snippet: daemonsets-diagnose
        var sim = new Simulation();
        Examples.AddWorkers(sim, 2);
        sim.CreateNode(new Node
        {
            Metadata = ObjectMeta.Named("tiny"),
            Status = new NodeStatus { Capacity = ResourceList.Of("cpu", "50m", "memory", "1Gi", "pods", "110") },
        });
        sim.CreateNamespace("logging");
        sim.CreateDaemonSet(Examples.Fluentd());                          // requests cpu 100m
        sim.RunUntilSettled();

        var status = sim.State.GetDaemonSet("logging", "fluentd")!.Status;   // desired 3, current 3, ready 2
        var problem = sim.DiagnoseDaemonSet("logging", "fluentd").Single();
        // problem.NodeName == "tiny", problem.Reason == "Pending", problem.Message ==
        // "0/3 nodes are available: 1 Insufficient cpu, 2 node(s) didn't satisfy plugin(s) [NodeAffinity]. preemption: ..."
        // end-snippet

        (status.DesiredNumberScheduled, status.CurrentNumberScheduled, status.NumberReady).ShouldBe((3, 3, 2));
        problem.NodeName.ShouldBe("tiny");
        problem.Reason.ShouldBe("Pending");
        problem.Message.ShouldStartWith("0/3 nodes are available: 1 Insufficient cpu, 2 node(s) didn't satisfy plugin(s) [NodeAffinity]. preemption: ");
    }
}
