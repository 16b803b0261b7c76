using Simulator.Controllers;
using Simulator.Engine;
using Simulator.Model;
using Simulator.Tests.Support;

namespace Simulator.Tests.Priority;

// Simulation.ExplainPlacement (sim explain ds/NAME node/NODE): the controller's rules (nodeName, nodeSelector, required
// affinity, taints with the automatic daemon tolerations) and then the scheduler's (cordon, resources, ports).
public class PlacementExplainerTests
{
    private static Simulation Cluster(params Taint[] taints)
    {
        var sim = PriorityKit.Cluster(0);
        sim.CreateNode(Fixtures.Node("node-1", StringMap.Of("disk", "hdd"), taints: taints));
        return sim;
    }

    private static PlacementExplanation Explain(Simulation sim, Func<PodSpec, PodSpec>? spec = null)
    {
        sim.CreateDaemonSet(Fixtures.DaemonSet("agent", spec));
        return sim.ExplainPlacement("default", "agent", "node-1");
    }

    private static RuleVerdict Rule(PlacementExplanation e, string rule) => e.Rules.Single(r => r.Rule == rule);

    [Fact]
    public void ExplainPlacement_EveryRulePasses_RunsSummary()
    {
        var e = Explain(Cluster());

        e.ShouldRun.ShouldBeTrue();
        e.ShouldContinueRunning.ShouldBeTrue();
        e.Fits.ShouldBeTrue();
        e.Rules.ShouldAllBe(r => r.Passed);
        Rule(e, "NodeName").Detail.ShouldBe("the template names no node");
        Rule(e, "NodeUnschedulable").Detail.ShouldBe("the node is not cordoned");
        Rule(e, "NodeResourcesFit").Detail.ShouldBe("the pod's requests fit the node's free allocatable resources");
        Rule(e, "NodePorts").Detail.ShouldBe("the pod's host ports are free");
        e.Summary().ShouldBe("DaemonSet default/agent runs on node-1: every rule passes");
    }

    public static TheoryData<string, Func<PodSpec, PodSpec>, string, string> ControllerRuleCases => new()
    {
        { "the template names another node", s => s with { NodeName = "node-9" }, "NodeName", "the template names node node-9" },
        { "a nodeSelector value the node does not have", s => s with { NodeSelector = StringMap.Of("disk", "ssd") }, "NodeSelector", "nodeSelector disk=ssd: the node has disk=hdd" },
        { "a nodeSelector key the node lacks", s => s with { NodeSelector = StringMap.Of("zone", "a") }, "NodeSelector", "nodeSelector zone=a: the node has no label zone" },
        {
            "required node affinity that no term matches",
            s => s with
            {
                Affinity = new Affinity
                {
                    NodeAffinity = new NodeAffinity
                    {
                        Required = NodeSelector.Of(new NodeSelectorTerm { MatchExpressions = EquatableArray.Create(new SelectorRequirement("disk", "In", EquatableArray.Create("ssd"))) }),
                    },
                },
            },
            "NodeAffinity",
            "required node affinity: term 1 does not match"
        },
    };

    [Theory]
    [MemberData(nameof(ControllerRuleCases))]
    public void ExplainPlacement_ControllerRuleFails_ShouldNotRunWithTheRulesDetail(string description, Func<PodSpec, PodSpec> spec, string rule, string detail)
    {
        var e = Explain(Cluster(), spec);

        e.ShouldRun.ShouldBeFalse(description);
        e.ShouldContinueRunning.ShouldBeFalse(description);
        var verdict = e.Rules.First(r => r.Rule == rule && !r.Passed);
        verdict.Detail.ShouldBe(detail, description);
        verdict.StopsNewPods.ShouldBeTrue(description);
        e.Summary().ShouldBe($"DaemonSet default/agent should not run on node-1: {detail}", description);
    }

    [Fact]
    public void ExplainPlacement_MatchingSelectorAndAffinity_PassWithDetail()
    {
        var e = Explain(Cluster(), s => s with
        {
            NodeSelector = StringMap.Of("disk", "hdd"),
            Affinity = new Affinity
            {
                NodeAffinity = new NodeAffinity
                {
                    Required = NodeSelector.Of(new NodeSelectorTerm { MatchExpressions = EquatableArray.Create(new SelectorRequirement("disk", "Exists", default)) }),
                },
            },
        });

        Rule(e, "NodeSelector").ShouldBe(new RuleVerdict("NodeSelector", true, "nodeSelector disk=hdd matches"));
        Rule(e, "NodeAffinity").ShouldBe(new RuleVerdict("NodeAffinity", true, "required node affinity: term 1 matches"));
        e.ShouldRun.ShouldBeTrue();
    }

    public static TheoryData<string, Taint, Toleration[], bool, bool, bool, string> TaintCases => new()
    {
        {
            "an untolerated NoSchedule taint stops new pods but keeps running ones",
            new Taint("dedicated", "db", TaintEffect.NoSchedule), [], false, false, true,
            "taint dedicated=db:NoSchedule is not tolerated: no new pod; a running pod stays (misscheduled)"
        },
        {
            "an untolerated NoExecute taint stops new pods and deletes running ones",
            new Taint("dedicated", "db", TaintEffect.NoExecute), [], false, false, false,
            "taint dedicated=db:NoExecute is not tolerated: no new pod, and a running pod is deleted"
        },
        {
            "a PreferNoSchedule taint is ignored by the controller",
            new Taint("dedicated", "db", TaintEffect.PreferNoSchedule), [], true, true, true,
            "taint dedicated=db:PreferNoSchedule is a preference the DaemonSet controller ignores"
        },
        {
            "a taint the template tolerates",
            new Taint("dedicated", "db", TaintEffect.NoExecute), [new Toleration("dedicated", TolerationOperator.Exists)], true, true, true,
            "taint dedicated=db:NoExecute is tolerated"
        },
        {
            "a NoExecute taint tolerated for a while: the controller still creates pods, which the taint manager keeps evicting",
            new Taint("dedicated", "db", TaintEffect.NoExecute), [new Toleration("dedicated", TolerationOperator.Exists, "", TaintEffect.NoExecute, 60)], true, true, true,
            "taint dedicated=db:NoExecute is tolerated for 60 s only: the taint manager then evicts the pod and the DaemonSet controller creates it again, over and over"
        },
        {
            "the unschedulable taint is tolerated automatically",
            new Taint(WellKnownTaints.Unschedulable, "", TaintEffect.NoSchedule), [], true, true, true,
            "taint node.kubernetes.io/unschedulable:NoSchedule is tolerated (a toleration every daemon pod gets)"
        },
        {
            "the not-ready NoExecute taint is tolerated automatically",
            new Taint(WellKnownTaints.NotReady, "", TaintEffect.NoExecute), [], true, true, true,
            "taint node.kubernetes.io/not-ready:NoExecute is tolerated (a toleration every daemon pod gets)"
        },
    };

    [Theory]
    [MemberData(nameof(TaintCases))]
    public void ExplainPlacement_Taint_VerdictAndDetail(string description, Taint taint, Toleration[] tolerations, bool passed, bool shouldRun, bool shouldContinue, string detail)
    {
        var e = Explain(Cluster(taint), s => s with { Tolerations = EquatableArray.Create(tolerations) });

        var verdict = e.Rules.Single(r => r.Rule == "Taint" && r.Detail.StartsWith("taint " + taint, StringComparison.Ordinal));
        verdict.Passed.ShouldBe(passed, description);
        verdict.Detail.ShouldBe(detail, description);
        e.ShouldRun.ShouldBe(shouldRun, description);
        e.ShouldContinueRunning.ShouldBe(shouldContinue, description);
    }

    [Fact]
    public void ExplainPlacement_CordonedNode_DaemonPodsTolerateIt()
    {
        var sim = Cluster();
        sim.Cordon("node-1");
        sim.RunFor(TimeSpan.FromSeconds(1));

        var e = Explain(sim);

        Rule(e, "NodeUnschedulable").ShouldBe(new RuleVerdict("NodeUnschedulable", true, "the node is cordoned, but daemon pods tolerate node.kubernetes.io/unschedulable", StopsNewPods: false));
        e.ShouldRun.ShouldBeTrue();
        e.Fits.ShouldBeTrue();
    }

    [Fact]
    public void ExplainPlacement_NodeFull_ShouldRunButPendingSummary()
    {
        var sim = Cluster();
        sim.Fill("node-1", "w-");

        var e = Explain(sim);

        e.ShouldRun.ShouldBeTrue();
        e.Fits.ShouldBeFalse();
        Rule(e, "NodeResourcesFit").ShouldBe(new RuleVerdict("NodeResourcesFit", false, "Insufficient cpu", StopsNewPods: false));
        e.Summary().ShouldBe("DaemonSet default/agent should run on node-1, but its pod stays Pending: Insufficient cpu");
    }

    [Fact]
    public void ExplainPlacement_OwnPodOnTheNode_NotCountedAgainstItself()
    {
        var sim = Cluster();
        sim.CreatePods("default", "w-", 3, PriorityKit.Workload("node-1"));
        sim.CreateDaemonSet(PriorityKit.Agent(cpu: "1"));
        sim.RunUntilSettled(TimeSpan.FromMinutes(5));
        sim.AgentPods()["node-1"].Status.Phase.ShouldBe(PodPhase.Running);

        var e = sim.ExplainPlacement("default", "agent", "node-1");

        e.Fits.ShouldBeTrue();
        e.Summary().ShouldBe("DaemonSet default/agent runs on node-1: every rule passes");
    }

    [Fact]
    public void ExplainPlacement_HostPortTaken_NodePortsFails()
    {
        var sim = Cluster();
        sim.CreatePod(new Pod
        {
            Metadata = new ObjectMeta { Name = "exporter", Namespace = "default" },
            Spec = new PodSpec { NodeName = "node-1", Containers = EquatableArray.Create(Fixtures.Container(ports: new ContainerPort(9100, 9100))) },
        });
        sim.RunFor(TimeSpan.FromSeconds(5));

        var e = Explain(sim, s => s with { Containers = EquatableArray.Create(Fixtures.Container(ports: new ContainerPort(9100, 9100))) });

        Rule(e, "NodePorts").ShouldBe(new RuleVerdict("NodePorts", false, "node(s) didn't have free ports for the requested pod ports", StopsNewPods: false));
        e.ShouldRun.ShouldBeTrue();
        e.Fits.ShouldBeFalse();
        e.Summary().ShouldBe("DaemonSet default/agent should run on node-1, but its pod stays Pending: node(s) didn't have free ports for the requested pod ports");
    }

    [Fact]
    public void ExplainPlacement_TaintAndFullNode_SummaryListsEveryFailedRule()
    {
        var sim = Cluster(new Taint("dedicated", "db", TaintEffect.NoSchedule));
        sim.CreatePods("default", "w-", 4, PriorityKit.Workload("node-1") is var t ? t with { Spec = t.Spec with { Tolerations = EquatableArray.Create(new Toleration("dedicated", TolerationOperator.Exists)) } } : null!);
        sim.RunUntilSettled(TimeSpan.FromMinutes(5));

        var e = Explain(sim);

        e.ShouldRun.ShouldBeFalse();
        e.Summary().ShouldBe("DaemonSet default/agent should not run on node-1: taint dedicated=db:NoSchedule is not tolerated: no new pod; a running pod stays (misscheduled); Insufficient cpu");
    }

    [Fact]
    public void ExplainPlacement_UnknownNode_NotFound()
    {
        var sim = Cluster();
        sim.CreateDaemonSet(Fixtures.DaemonSet("agent"));

        Should.Throw<Simulator.Validation.ApiException>(() => sim.ExplainPlacement("default", "agent", "node-9")).Message.ShouldBe("nodes \"node-9\" not found");
    }
}
