using Simulator.Controllers;
using Simulator.Model;
using static Simulator.Tests.Controllers.ControllerKit;

namespace Simulator.Tests.Controllers;

// Cases follow Kubernetes' TestNodeShouldRunDaemonPod, TestTaintedNode*, TestNodeDaemonLaunchesToleratePod and
// daemonset_util_test.go (AddOrUpdateDaemonPodTolerations), restated for the simulator's model.
public class DaemonSetPredicatesTests
{
    private static readonly StringMap NodeLabels = StringMap.Of("color", "blue", "speed", "fast");

    private static Affinity RequiredIn(string key, params string[] values) => new()
    {
        NodeAffinity = new NodeAffinity
        {
            Required = NodeSelector.Of(new NodeSelectorTerm { MatchExpressions = EquatableArray.Create(SelectorRequirement.Of(key, SelectorOperator.In, values)) }),
        },
    };

    private static Toleration Tolerate(string key, string effect, long? seconds = null) => new(key, TolerationOperator.Exists, "", effect, seconds);

    public static TheoryData<string, Func<PodSpec, PodSpec>, Func<Node, Node>, bool, bool> Cases => new()
    {
        { "a plain template on a plain node", s => s, n => n, true, true },
        { "a request far larger than the node's allocatable is left to the scheduler", s => s with { Containers = EquatableArray.Create(Support.Fixtures.Container(cpu: "64", memory: "1Ti")) }, n => n, true, true },
        { "host ports are left to the scheduler", s => s with { Containers = EquatableArray.Create(Support.Fixtures.Container(ports: new ContainerPort(666, 666))) }, n => n, true, true },
        { "a template nodeName naming another node", s => s with { NodeName = "other-node" }, n => n, false, false },
        { "a template nodeName naming this node", s => s with { NodeName = "node-1" }, n => n, true, true },
        { "a nodeSelector the node does not satisfy", s => s with { NodeSelector = StringMap.Of("color", "red") }, n => n, false, false },
        { "a nodeSelector the node satisfies", s => s with { NodeSelector = StringMap.Of("color", "blue") }, n => n, true, true },
        { "required node affinity the node does not satisfy", s => s with { Affinity = RequiredIn("color", "red") }, n => n, false, false },
        { "required node affinity the node satisfies", s => s with { Affinity = RequiredIn("color", "blue", "green") }, n => n, true, true },
        { "nodeSelector matches but required affinity does not (they AND)", s => s with { NodeSelector = StringMap.Of("color", "blue"), Affinity = RequiredIn("speed", "slow") }, n => n, false, false },
        { "a cordoned node", s => s, n => n with { Spec = n.Spec with { Unschedulable = true } }, true, true },
        { "a node whose Ready condition is False but carries no taint", s => s, n => n.WithCondition(new NodeCondition(NodeConditionType.Ready, ConditionStatus.False, T0)), true, true },
        { "a node reporting NetworkUnavailable and MemoryPressure conditions without taints", s => s, n => n.WithCondition(new NodeCondition(NodeConditionType.NetworkUnavailable, ConditionStatus.True, T0)).WithCondition(new NodeCondition(NodeConditionType.MemoryPressure, ConditionStatus.True, T0)), true, true },
        { "an untolerated NoSchedule taint stops new pods but keeps existing ones", s => s, n => n.Tainted(new Taint("dedicated", "user1", TaintEffect.NoSchedule)), false, true },
        { "a NoSchedule taint the template tolerates", s => s with { Tolerations = EquatableArray.Create(new Toleration("dedicated", TolerationOperator.Equal, "user1", TaintEffect.NoSchedule)) }, n => n.Tainted(new Taint("dedicated", "user1", TaintEffect.NoSchedule)), true, true },
        { "a toleration with the wrong value does not tolerate", s => s with { Tolerations = EquatableArray.Create(new Toleration("dedicated", TolerationOperator.Equal, "user2", TaintEffect.NoSchedule)) }, n => n.Tainted(new Taint("dedicated", "user1", TaintEffect.NoSchedule)), false, true },
        { "an untolerated NoExecute taint removes existing pods too", s => s, n => n.Tainted(new Taint("dedicated", "user1", TaintEffect.NoExecute)), false, false },
        { "a NoExecute taint the template tolerates", s => s with { Tolerations = EquatableArray.Create(Tolerate("dedicated", TaintEffect.NoExecute)) }, n => n.Tainted(new Taint("dedicated", "user1", TaintEffect.NoExecute)), true, true },
        { "a tolerated NoExecute taint next to an untolerated NoSchedule taint", s => s with { Tolerations = EquatableArray.Create(Tolerate("a", TaintEffect.NoExecute)) }, n => n.Tainted(new Taint("a", "", TaintEffect.NoExecute), new Taint("b", "", TaintEffect.NoSchedule)), false, true },
        { "an untolerated NoSchedule taint next to an untolerated NoExecute taint", s => s, n => n.Tainted(new Taint("b", "", TaintEffect.NoSchedule), new Taint("a", "", TaintEffect.NoExecute)), false, false },
        { "an untolerated PreferNoSchedule taint is ignored", s => s, n => n.Tainted(new Taint("dedicated", "user1", TaintEffect.PreferNoSchedule)), true, true },
        { "not-ready:NoExecute is tolerated automatically", s => s, n => n.Tainted(new Taint(WellKnownTaints.NotReady, "", TaintEffect.NoExecute)), true, true },
        { "unreachable:NoExecute is tolerated automatically", s => s, n => n.Tainted(new Taint(WellKnownTaints.Unreachable, "", TaintEffect.NoExecute)), true, true },
        { "not-ready:NoSchedule is not tolerated automatically", s => s, n => n.Tainted(new Taint(WellKnownTaints.NotReady, "", TaintEffect.NoSchedule)), false, true },
        { "unreachable:NoSchedule is not tolerated automatically", s => s, n => n.Tainted(new Taint(WellKnownTaints.Unreachable, "", TaintEffect.NoSchedule)), false, true },
        { "unschedulable:NoSchedule is tolerated automatically", s => s, n => n.Tainted(new Taint(WellKnownTaints.Unschedulable, "", TaintEffect.NoSchedule)), true, true },
        { "disk-pressure:NoSchedule is tolerated automatically", s => s, n => n.Tainted(new Taint(WellKnownTaints.DiskPressure, "", TaintEffect.NoSchedule)), true, true },
        { "memory-pressure:NoSchedule is tolerated automatically", s => s, n => n.Tainted(new Taint(WellKnownTaints.MemoryPressure, "", TaintEffect.NoSchedule)), true, true },
        { "pid-pressure:NoSchedule is tolerated automatically", s => s, n => n.Tainted(new Taint(WellKnownTaints.PidPressure, "", TaintEffect.NoSchedule)), true, true },
        { "memory-pressure:NoExecute is not covered by the NoSchedule auto-toleration", s => s, n => n.Tainted(new Taint(WellKnownTaints.MemoryPressure, "", TaintEffect.NoExecute)), false, false },
        { "network-unavailable:NoSchedule without hostNetwork", s => s, n => n.Tainted(new Taint(WellKnownTaints.NetworkUnavailable, "", TaintEffect.NoSchedule)), false, true },
        { "network-unavailable:NoSchedule with hostNetwork", s => s with { HostNetwork = true }, n => n.Tainted(new Taint(WellKnownTaints.NetworkUnavailable, "", TaintEffect.NoSchedule)), true, true },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void NodeShouldRunDaemonPod_Table_MatchesKubernetes(string description, Func<PodSpec, PodSpec> template, Func<Node, Node> node, bool shouldRun, bool shouldContinueRunning)
    {
        var ds = SimpleDs(template);

        var verdict = DaemonSetPredicates.NodeShouldRunDaemonPod(node(Node("node-1", NodeLabels)), ds);

        verdict.ShouldBe(new NodeVerdict(shouldRun, shouldContinueRunning), description);
    }

    public static TheoryData<string, NodeSelectorTerm[], bool> AffinityEdgeCases => new()
    {
        { "an empty term matches nothing", [new NodeSelectorTerm()], false },
        { "an empty term next to a matching term: terms OR", [new NodeSelectorTerm(), Term(SelectorRequirement.Of("color", SelectorOperator.In, "blue"))], true },
        { "NotIn matches a node without the label", [Term(SelectorRequirement.Of("zone", SelectorOperator.NotIn, "a"))], true },
        { "DoesNotExist matches a node without the label", [Term(SelectorRequirement.Of("zone", SelectorOperator.DoesNotExist))], true },
        { "Gt parses leading zeros (0206 > 200)", [Term(SelectorRequirement.Of("cores", SelectorOperator.Gt, "200"))], true },
        { "Gt is strict", [Term(SelectorRequirement.Of("cores", SelectorOperator.Gt, "206"))], false },
        { "Lt is strict", [Term(SelectorRequirement.Of("cores", SelectorOperator.Lt, "206"))], false },
        { "Gt against a non-numeric label never matches", [Term(SelectorRequirement.Of("color", SelectorOperator.Gt, "1"))], false },
        { "a malformed term (Gt with two values) never matches, the next term still does", [Term(SelectorRequirement.Of("cores", SelectorOperator.Gt, "1", "2")), Term(SelectorRequirement.Of("speed", SelectorOperator.Exists))], true },
        { "expressions within a term AND", [Term(SelectorRequirement.Of("color", SelectorOperator.In, "blue"), SelectorRequirement.Of("speed", SelectorOperator.In, "slow"))], false },
        { "matchFields metadata.name In [this node]", [new NodeSelectorTerm { MatchFields = EquatableArray.Create(SelectorRequirement.Of("metadata.name", SelectorOperator.In, "node-1")) }], true },
        { "matchFields metadata.name NotIn [this node]", [new NodeSelectorTerm { MatchFields = EquatableArray.Create(SelectorRequirement.Of("metadata.name", SelectorOperator.NotIn, "node-1")) }], false },
        { "an empty term list matches nothing", [], false },
    };

    [Theory]
    [MemberData(nameof(AffinityEdgeCases))]
    public void NodeShouldRunDaemonPod_RequiredAffinityEdgeCases_MatchOrExcludeBoth(string description, NodeSelectorTerm[] terms, bool matches)
    {
        var ds = SimpleDs(s => s with { Affinity = new Affinity { NodeAffinity = new NodeAffinity { Required = NodeSelector.Of(terms) } } });
        var node = Node("node-1", StringMap.Of("color", "blue", "speed", "fast", "cores", "0206"));

        var verdict = DaemonSetPredicates.NodeShouldRunDaemonPod(node, ds);

        verdict.ShouldBe(new NodeVerdict(matches, matches), description);
    }

    private static NodeSelectorTerm Term(params SelectorRequirement[] expressions) => new() { MatchExpressions = EquatableArray.Create(expressions) };

    private static readonly Toleration[] AutoTolerations =
    [
        Tolerate(WellKnownTaints.NotReady, TaintEffect.NoExecute),
        Tolerate(WellKnownTaints.Unreachable, TaintEffect.NoExecute),
        Tolerate(WellKnownTaints.DiskPressure, TaintEffect.NoSchedule),
        Tolerate(WellKnownTaints.MemoryPressure, TaintEffect.NoSchedule),
        Tolerate(WellKnownTaints.PidPressure, TaintEffect.NoSchedule),
        Tolerate(WellKnownTaints.Unschedulable, TaintEffect.NoSchedule),
    ];

    [Fact]
    public void DaemonPodTolerations_NoUserTolerations_SixAutomaticInKubernetesOrder()
    {
        var tolerations = DaemonSetPredicates.DaemonPodTolerations(new PodSpec());

        tolerations.ToArray().ShouldBe(AutoTolerations);
    }

    [Fact]
    public void DaemonPodTolerations_HostNetwork_AppendsNetworkUnavailableLast()
    {
        var tolerations = DaemonSetPredicates.DaemonPodTolerations(new PodSpec { HostNetwork = true });

        tolerations.ToArray().ShouldBe([.. AutoTolerations, Tolerate(WellKnownTaints.NetworkUnavailable, TaintEffect.NoSchedule)]);
    }

    [Fact]
    public void DaemonPodTolerations_UserTolerationsFirst_AutomaticOnesAppended()
    {
        var user = new Toleration("dedicated", TolerationOperator.Equal, "gpu", TaintEffect.NoSchedule);

        var tolerations = DaemonSetPredicates.DaemonPodTolerations(new PodSpec { Tolerations = EquatableArray.Create(user) });

        tolerations.ToArray().ShouldBe([user, .. AutoTolerations]);
    }

    [Fact]
    public void DaemonPodTolerations_SameKeyOperatorValueEffect_ReplacedInPlaceDroppingTolerationSeconds()
    {
        var user = new[]
        {
            new Toleration("dedicated", TolerationOperator.Exists, "", TaintEffect.NoSchedule),
            Tolerate(WellKnownTaints.Unreachable, TaintEffect.NoExecute, 30),
        };

        var tolerations = DaemonSetPredicates.DaemonPodTolerations(new PodSpec { Tolerations = EquatableArray.Create(user) });

        tolerations.ToArray().ShouldBe(
        [
            user[0],
            Tolerate(WellKnownTaints.Unreachable, TaintEffect.NoExecute),
            Tolerate(WellKnownTaints.NotReady, TaintEffect.NoExecute),
            Tolerate(WellKnownTaints.DiskPressure, TaintEffect.NoSchedule),
            Tolerate(WellKnownTaints.MemoryPressure, TaintEffect.NoSchedule),
            Tolerate(WellKnownTaints.PidPressure, TaintEffect.NoSchedule),
            Tolerate(WellKnownTaints.Unschedulable, TaintEffect.NoSchedule),
        ]);
    }

    [Fact]
    public void DaemonPodTolerations_SameKeyDifferentEffect_KeptBesideTheAutomaticOne()
    {
        var user = new Toleration(WellKnownTaints.NotReady, TolerationOperator.Exists, "", TaintEffect.NoSchedule, null);

        var tolerations = DaemonSetPredicates.DaemonPodTolerations(new PodSpec { Tolerations = EquatableArray.Create(user) });

        tolerations.Count.ShouldBe(7);
        tolerations[0].ShouldBe(user);
        tolerations.ShouldContain(Tolerate(WellKnownTaints.NotReady, TaintEffect.NoExecute));
    }

    [Fact]
    public void NodeShouldRunDaemonPod_UserToleratesNotReadyNoSchedule_NewPodAllowedOnNotReadyNode()
    {
        var ds = SimpleDs(s => s with { Tolerations = EquatableArray.Create(Tolerate(WellKnownTaints.NotReady, TaintEffect.NoSchedule)) });
        var node = Node("node-1").Tainted(new Taint(WellKnownTaints.NotReady, "", TaintEffect.NoSchedule), new Taint(WellKnownTaints.NotReady, "", TaintEffect.NoExecute));

        DaemonSetPredicates.NodeShouldRunDaemonPod(node, ds).ShouldBe(new NodeVerdict(true, true));
    }
}
