using Simulator.Controllers;
using Simulator.Engine;
using Simulator.Model;
using Simulator.Tests.Support;
using Simulator.Validation;
using static Simulator.Tests.Controllers.ControllerKit;

namespace Simulator.Tests.Controllers;

// One test (or small group) per item of spec §20, "Ten details a naive implementation gets wrong".
public class TenTrapsTests
{
    [Fact]
    public void Trap01_ControllerIsResourcePortAndCordonBlind_PendingPodsCountAsCurrentAndUpdated()
    {
        var sim = Fixtures.Cluster(2);
        sim.Cordon("node-2");
        sim.CreatePod(new Pod
        {
            Metadata = new ObjectMeta { Name = "port-holder", Namespace = "default" },
            Spec = new PodSpec { NodeName = "node-1", Containers = EquatableArray.Create(Fixtures.Container(ports: new ContainerPort(9100, 9100))) },
        });
        sim.CreateDaemonSet(Fixtures.DaemonSet("exporter", s => s with { Containers = EquatableArray.Create(Fixtures.Container(ports: new ContainerPort(9100, 9100))) }));
        sim.CreateDaemonSet(Fixtures.DaemonSet("hog", s => s with { Containers = EquatableArray.Create(Fixtures.Container(cpu: "64")) }));
        sim.RunUntilSettled(TimeSpan.FromMinutes(5));

        sim.LivePods("exporter")["node-1"].IsBound.ShouldBeFalse();
        sim.LivePods("exporter")["node-2"].Spec.NodeName.ShouldBe("node-2");
        sim.LivePods("hog").Values.ShouldAllBe(p => !p.IsBound && p.Status.Phase == PodPhase.Pending);
        var hog = sim.StatusOf("hog");
        (hog.DesiredNumberScheduled, hog.CurrentNumberScheduled, hog.UpdatedNumberScheduled, hog.NumberReady, hog.NumberAvailable, hog.NumberUnavailable).ShouldBe((2, 2, 2, 0, 0, 2));
        sim.Events.Where(e => e.InvolvedObject.Kind == "DaemonSet" && e.Type == EventType.Warning).ShouldBeEmpty();
    }

    [Fact]
    public void Trap02_CreatedPodRequiredAffinity_ReplacedByNodeNamePinNodeSelectorKept()
    {
        var ds = SimpleDs(s => s with
        {
            NodeSelector = StringMap.Of("disk", "ssd"),
            Affinity = new Affinity
            {
                NodeAffinity = new NodeAffinity { Required = NodeSelector.Of(new NodeSelectorTerm { MatchExpressions = EquatableArray.Create(SelectorRequirement.Of("zone", SelectorOperator.In, "a")) }) },
            },
        });

        var pod = DaemonPodFactory.Create(new DaemonSetPlan(ds), "node-1");

        pod.Spec.Affinity!.NodeAffinity!.Required.ShouldBe(NodeSelector.Of(NodeSelectorTerm.ForNodeName("node-1")));
        pod.Spec.NodeSelector.ShouldBe(StringMap.Of("disk", "ssd"));
    }

    [Fact]
    public void Trap02_TemplateAffinityStopsMatching_ControllerDeletesThePod()
    {
        var sim = Fixtures.Cluster(1);
        sim.LabelNode("node-1", "zone", "a");
        sim.CreateDaemonSet(Fixtures.DaemonSet("ds", s => s with
        {
            Affinity = new Affinity
            {
                NodeAffinity = new NodeAffinity { Required = NodeSelector.Of(new NodeSelectorTerm { MatchExpressions = EquatableArray.Create(SelectorRequirement.Of("zone", SelectorOperator.In, "a")) }) },
            },
        }));
        sim.RunUntilSettled(TimeSpan.FromMinutes(5));
        sim.LivePods("ds").Count.ShouldBe(1);

        sim.LabelNode("node-1", "zone", "b");
        sim.RunUntilSettled(TimeSpan.FromMinutes(5));

        sim.LivePods("ds").ShouldBeEmpty();
    }

    public static TheoryData<string, Taint?, string?, bool, bool> Trap03Cases => new()
    {
        { "NoSchedule keeps a running pod", new Taint("k", "", TaintEffect.NoSchedule), null, false, true },
        { "NoExecute deletes it", new Taint("k", "", TaintEffect.NoExecute), null, false, false },
        { "PreferNoSchedule is ignored", new Taint("k", "", TaintEffect.PreferNoSchedule), null, true, true },
        { "a Ready=False condition without taints is ignored", null, NodeConditionType.Ready, true, true },
        { "a MemoryPressure=True condition without taints is ignored", null, NodeConditionType.MemoryPressure, true, true },
    };

    [Theory]
    [MemberData(nameof(Trap03Cases))]
    public void Trap03_TaintEffectsAndConditions_OnlyTaintsMatter(string description, Taint? taint, string? condition, bool shouldRun, bool shouldContinueRunning)
    {
        var node = Node("node-1");
        if (taint is not null)
        {
            node = node.Tainted(taint);
        }

        if (condition is not null)
        {
            node = node.WithCondition(new NodeCondition(condition, condition == NodeConditionType.Ready ? ConditionStatus.False : ConditionStatus.True, T0));
        }

        DaemonSetPredicates.NodeShouldRunDaemonPod(node, SimpleDs()).ShouldBe(new NodeVerdict(shouldRun, shouldContinueRunning), description);
    }

    [Fact]
    public void Trap03_NoScheduleKeptPod_ReportedMisscheduled()
    {
        var ds = SimpleDs();
        var state = Cluster(Node("node-1").Tainted(new Taint("k", "", TaintEffect.NoSchedule))).With(DaemonPod(ds, "node-1", "a"));

        var result = DaemonSetReconciler.Reconcile(state, ds, T0);

        result.Actions.Deletes().ShouldBeEmpty();
        result.Status.NumberMisscheduled.ShouldBe(1);
        result.Status.DesiredNumberScheduled.ShouldBe(0);
    }

    [Fact]
    public void Trap04_NotReadyNoScheduleTaint_BlocksNewDaemonPodsNoExecuteVariantDoesNot()
    {
        var ds = SimpleDs();

        DaemonSetPredicates.NodeShouldRunDaemonPod(Node("a").Tainted(new Taint(WellKnownTaints.NotReady, "", TaintEffect.NoExecute)), ds).ShouldBe(new NodeVerdict(true, true));
        DaemonSetPredicates.NodeShouldRunDaemonPod(
            Node("b").Tainted(new Taint(WellKnownTaints.NotReady, "", TaintEffect.NoSchedule), new Taint(WellKnownTaints.NotReady, "", TaintEffect.NoExecute)), ds)
            .ShouldBe(new NodeVerdict(false, true));
    }

    [Fact]
    public void Trap04_NetworkUnavailable_ToleratedOnlyWithHostNetwork()
    {
        DaemonSetPredicates.DaemonPodTolerations(new PodSpec()).ShouldNotContain(t => t.Key == WellKnownTaints.NetworkUnavailable);
        DaemonSetPredicates.DaemonPodTolerations(new PodSpec { HostNetwork = true }).ShouldContain(new Toleration(WellKnownTaints.NetworkUnavailable, TolerationOperator.Exists, "", TaintEffect.NoSchedule));
    }

    [Fact]
    public void Trap04_UserTolerationSameKeyOperatorValueEffect_LosesTolerationSeconds()
    {
        var spec = new PodSpec { Tolerations = EquatableArray.Create(new Toleration(WellKnownTaints.NotReady, TolerationOperator.Exists, "", TaintEffect.NoExecute, 60)) };

        var tolerations = DaemonSetPredicates.DaemonPodTolerations(spec);

        tolerations.Where(t => t.Key == WellKnownTaints.NotReady).ShouldHaveSingleItem().TolerationSeconds.ShouldBeNull();
        tolerations[0].Key.ShouldBe(WellKnownTaints.NotReady);
    }

    public static TheoryData<string, IntOrString?, IntOrString?, int, RollingUpdateBudget> Trap05Budgets => new()
    {
        { "defaults are maxUnavailable 1, maxSurge 0 (not 25%)", null, null, 10, new RollingUpdateBudget(1, 0) },
        { "10% of 5 rounds up to 1", "10%", 0, 5, new RollingUpdateBudget(1, 0) },
        { "50% of 3 rounds up to 2", "50%", 0, 3, new RollingUpdateBudget(2, 0) },
        { "30% of 10 is exactly 3", "30%", 0, 10, new RollingUpdateBudget(3, 0) },
        { "a surge percentage rounds up too", 0, "1%", 150, new RollingUpdateBudget(0, 2) },
        { "integers may exceed desired", 7, 0, 3, new RollingUpdateBudget(7, 0) },
        { "both zero with nodes: the controller uses maxUnavailable 1", 0, "0%", 4, new RollingUpdateBudget(1, 0) },
        { "both zero with no desired nodes stays zero", 0, 0, 0, new RollingUpdateBudget(0, 0) },
        { "100% of 7 is 7", "100%", 0, 7, new RollingUpdateBudget(7, 0) },
    };

    [Theory]
    [MemberData(nameof(Trap05Budgets))]
    public void Trap05_RollingUpdateBudgetResolve_PercentagesRoundUpOverDesired(string description, IntOrString? maxUnavailable, IntOrString? maxSurge, int desired, RollingUpdateBudget expected)
    {
        var ds = Fixtures.DaemonSet("ds") with
        {
            Spec = Fixtures.DaemonSet("ds").Spec with
            {
                UpdateStrategy = new DaemonSetUpdateStrategy { RollingUpdate = new RollingUpdateDaemonSet { MaxUnavailable = maxUnavailable, MaxSurge = maxSurge } },
            },
        };

        RollingUpdateBudget.Resolve(Defaults.Apply(ds), desired).ShouldBe(expected, description);
    }

    public static TheoryData<string, IntOrString?, IntOrString?, string> Trap05Invalid => new()
    {
        { "maxSurge alone: defaulting fills maxUnavailable 1", null, 1, "may not be set when maxUnavailable is non-zero" },
        { "both non-zero", 1, "10%", "may not be set when maxUnavailable is non-zero" },
        { "both zero", 0, 0, "cannot be 0 when maxSurge is 0" },
        { "0% counts as zero", "0%", 0, "cannot be 0 when maxSurge is 0" },
        { "over 100%", "101%", 0, "must not be greater than 100%" },
    };

    [Theory]
    [MemberData(nameof(Trap05Invalid))]
    public void Trap05_CreateDaemonSet_InvalidBudget_ThrowsApiException(string description, IntOrString? maxUnavailable, IntOrString? maxSurge, string messagePart)
    {
        var sim = Fixtures.Cluster(1);
        var ds = Fixtures.DaemonSet("ds") with
        {
            Spec = Fixtures.DaemonSet("ds").Spec with
            {
                UpdateStrategy = new DaemonSetUpdateStrategy { Type = DaemonSetUpdateStrategyType.RollingUpdate, RollingUpdate = new RollingUpdateDaemonSet { MaxUnavailable = maxUnavailable, MaxSurge = maxSurge } },
            },
        };

        var error = Should.Throw<ApiException>(() => sim.CreateDaemonSet(ds), description);

        error.Message.ShouldContain(messagePart, Case.Sensitive, description);
        sim.State.DaemonSets.ShouldBeEmpty(description);
    }

    [Fact]
    public void Trap05_CreateDaemonSet_SurgeWithExplicitZeroMaxUnavailable_Accepted()
    {
        var sim = Fixtures.Cluster(1);

        var stored = sim.CreateDaemonSet(Fixtures.DaemonSet("ds").WithStrategy(0, 1));

        stored.Spec.UpdateStrategy.RollingUpdate!.MaxSurge.ShouldBe(IntOrString.FromInt(1));
    }

    [Fact]
    public void Trap06_UnavailableOldPod_ReplacedRegardlessOfBudgetAndCountsAgainstIt()
    {
        var old = SimpleDs();
        var current = old.NextTemplate();
        var state = Cluster(Node("node-1"), Node("node-2"), Node("node-3")).With(
            DaemonPod(old, "node-1", "old-1", ready: false),
            DaemonPod(old, "node-2", "old-2"),
            DaemonPod(old, "node-3", "old-3"));

        var actions = DaemonSetReconciler.Reconcile(state, current, T0).Actions;

        actions.Deletes().ShouldBe(["old-1"]);
    }

    [Fact]
    public void Trap06_TwoUnavailableOldPods_BothReplacedEvenOverABudgetOfOne()
    {
        var old = SimpleDs();
        var current = old.NextTemplate();
        var state = Cluster(Node("node-1"), Node("node-2"), Node("node-3")).With(
            DaemonPod(old, "node-1", "old-1", ready: false),
            DaemonPod(old, "node-2", "old-2", ready: false),
            DaemonPod(old, "node-3", "old-3"));

        DaemonSetReconciler.Reconcile(state, current, T0).Actions.Deletes().ShouldBe(["old-1", "old-2"]);
    }

    [Fact]
    public void Trap06_NewUnreadyPod_ConsumesTheBudget()
    {
        var old = SimpleDs();
        var current = old.NextTemplate();
        var state = Cluster(Node("node-1"), Node("node-2")).With(
            DaemonPod(current, "node-1", "new-1", ready: false),
            DaemonPod(old, "node-2", "old-2"));

        DaemonSetReconciler.Reconcile(state, current, T0).Actions.ShouldBeEmpty();
    }

    [Fact]
    public void Trap06_AllOldAvailable_DeletesMaxUnavailableAndCreatesNothingYet()
    {
        var old = SimpleDs().WithStrategy("50%", 0);
        var current = old.NextTemplate();
        var state = Cluster(Node("node-1"), Node("node-2"), Node("node-3")).With(
            DaemonPod(old, "node-1", "old-1"),
            DaemonPod(old, "node-2", "old-2"),
            DaemonPod(old, "node-3", "old-3"));

        var actions = DaemonSetReconciler.Reconcile(state, current, T0).Actions;

        actions.Deletes().Count().ShouldBe(2);
        actions.Creates().ShouldBeEmpty();
    }

    [Fact]
    public void Trap06_OldPodTerminating_ReplacementOnlyAfterItIsGone()
    {
        var sim = Settled(1, Fixtures.DaemonSet("ds"));
        var first = sim.LivePods("ds")["node-1"];

        sim.UpdateDaemonSet("default", "ds", d => d.WithImage("busybox:1.37"));
        sim.RunFor(TimeSpan.FromSeconds(10));

        sim.State.GetPod("default", first.Name)!.IsTerminating.ShouldBeTrue();
        sim.LivePods("ds").ShouldBeEmpty();

        sim.RunUntilSettled(TimeSpan.FromMinutes(5));

        var replacement = sim.LivePods("ds")["node-1"];
        replacement.Spec.Containers[0].Image.ShouldBe("busybox:1.37");
        sim.StatusOf("ds").UpdatedNumberScheduled.ShouldBe(1);
    }

    [Fact]
    public void Trap07_StatusLooksOnlyAtTheOldestPodPerNode()
    {
        var old = SimpleDs();
        var current = old.NextTemplate();
        var state = Cluster(Node("node-1"), Node("node-2")).With(
            DaemonPod(old, "node-1", "old-unready", ageSeconds: 300, ready: false),
            DaemonPod(current, "node-1", "new-ready", ageSeconds: 10),
            DaemonPod(current, "node-2", "pending", bound: false));

        var status = DaemonSetReconciler.ComputeStatus(state, new DaemonSetPlan(current), T0);

        (status.CurrentNumberScheduled, status.NumberReady, status.UpdatedNumberScheduled, status.NumberUnavailable).ShouldBe((2, 0, 1, 2));
    }

    [Fact]
    public void Trap07_NotShouldRunNodeWithKeptPod_Misscheduled()
    {
        var ds = SimpleDs();
        var state = Cluster(Node("node-1").Tainted(new Taint(WellKnownTaints.Unreachable, "", TaintEffect.NoSchedule))).With(DaemonPod(ds, "node-1", "a"));

        var status = DaemonSetReconciler.ComputeStatus(state, new DaemonSetPlan(ds), T0);

        (status.DesiredNumberScheduled, status.CurrentNumberScheduled, status.NumberMisscheduled).ShouldBe((0, 0, 1));
    }

    // Rollback (kubectl rollout undo, ControllerRevision renumbering) is not built yet; what exists is the revision hash it
    // relies on: a deterministic function of template content and collisionCount, over Kubernetes' safe alphabet.
    [Fact]
    public void Trap08_RevisionHash_SameTemplateSameHash()
    {
        var a = Fixtures.DaemonSet("ds").Spec.Template;
        var b = Fixtures.DaemonSet("ds").Spec.Template;

        TemplateHash.Compute(a).ShouldBe(TemplateHash.Compute(b));
        new DaemonSetPlan(SimpleDs()).Hash.ShouldBe(new DaemonSetPlan(SimpleDs()).Hash);
    }

    [Fact]
    public void Trap08_RevisionHash_DifferentTemplateOrCollisionCountDifferentHash()
    {
        var template = Fixtures.DaemonSet("ds").Spec.Template;
        var hashes = new[]
        {
            TemplateHash.Compute(template),
            TemplateHash.Compute(SimpleDs().WithImage("busybox:1.37").Spec.Template),
            TemplateHash.Compute(template with { Metadata = template.Metadata with { Annotations = StringMap.Of("kubectl.kubernetes.io/restartedAt", "2025-01-01T00:00:00Z") } }),
            TemplateHash.Compute(template, collisionCount: 1),
            TemplateHash.Compute(template, collisionCount: 2),
        };

        hashes.Distinct().Count().ShouldBe(hashes.Length);
    }

    [Fact]
    public void Trap08_RevisionHash_AtMostTenCharactersFromTheDigitImageOfTheSafeAlphabet()
    {
        for (var i = 0; i < 50; i++)
        {
            var hash = TemplateHash.Compute(SimpleDs().WithImage("busybox:1." + i).Spec.Template);

            hash.Length.ShouldBeInRange(1, 10);
            hash.ShouldAllBe(c => "456789bcdf".Contains(c));
        }
    }

    [Fact]
    public void Trap08_RevisionHash_StableAcrossDaemonSetUidAndNonTemplateFields()
    {
        var ds = SimpleDs();
        var other = ds with
        {
            Metadata = ds.Metadata with { Uid = "another", Labels = StringMap.Of("team", "x") },
            Spec = ds.Spec with { MinReadySeconds = 30, RevisionHistoryLimit = 3 },
        };

        new DaemonSetPlan(other).Hash.ShouldBe(new DaemonSetPlan(ds).Hash);
    }

    [Fact]
    public void Trap09_FailedPodsDeletedWithPerNodeBackoffSucceededPodsDeletedToo()
    {
        var ds = SimpleDs();
        var backoff = new FailedPodBackoff();
        var state = Cluster(Node("node-1"), Node("node-2")).With(
            DaemonPod(ds, "node-1", "failed", phase: PodPhase.Failed),
            DaemonPod(ds, "node-2", "done", phase: PodPhase.Succeeded));

        var first = DaemonSetReconciler.Reconcile(state, ds, T0, backoff).Actions;
        first.Deletes().ShouldBe(["failed", "done"]);
        first.Creates().ShouldBeEmpty();
        backoff.Next(FailedPodBackoff.Key(ds.Metadata.Uid, ds.Status.ObservedGeneration, "node-1"), T0);

        var again = DaemonSetReconciler.Reconcile(state, ds, T0 + TimeSpan.FromMilliseconds(100), backoff).Actions;
        again.Deletes().ShouldBe(["done"]);
        again.OfType<RequeueNode>().ShouldHaveSingleItem().NodeName.ShouldBe("node-1");
    }

    [Fact]
    public void Trap09_PodsOfDeletedNodes_UnboundDeletedByControllerBoundLeftToPodGc()
    {
        var ds = SimpleDs();
        var state = Cluster(Node("node-1")).With(DaemonPod(ds, "gone-a", "bound"), DaemonPod(ds, "gone-b", "unbound", bound: false));

        DaemonSetReconciler.Reconcile(state, ds, T0).Actions.Deletes().ShouldBe(["unbound"]);
    }

    [Fact]
    public void Trap09_FailedDaemonPodEndToEnd_ReplacedInALaterSync()
    {
        var sim = Settled(1, Fixtures.DaemonSet("ds"));
        var pod = sim.LivePods("ds")["node-1"];

        sim.PutPod(pod with { Status = pod.Status with { Phase = PodPhase.Failed } });
        sim.RunUntilSettled(TimeSpan.FromMinutes(5));

        sim.LivePods("ds").ShouldContainKey("node-1");
    }

    public static TheoryData<string, NodeSelectorTerm[], bool> Trap10Cases => new()
    {
        { "an empty term matches nothing", [new NodeSelectorTerm()], false },
        { "NotIn matches a missing label", [Term(SelectorRequirement.Of("gpu", SelectorOperator.NotIn, "a100"))], true },
        { "Gt parses leading zeros", [Term(SelectorRequirement.Of("cores", SelectorOperator.Gt, "0100"))], true },
        { "Gt is strict", [Term(SelectorRequirement.Of("cores", SelectorOperator.Gt, "128"))], false },
        { "Lt is strict", [Term(SelectorRequirement.Of("cores", SelectorOperator.Lt, "128"))], false },
        { "a malformed term silently never matches", [Term(SelectorRequirement.Of("cores", SelectorOperator.Lt, "many"))], false },
        { "a malformed term does not spoil a good one (terms OR)", [Term(SelectorRequirement.Of("cores", SelectorOperator.Lt, "many")), Term(SelectorRequirement.Of("zone", SelectorOperator.In, "a"))], true },
        { "expressions and fields within a term AND", [new NodeSelectorTerm { MatchExpressions = EquatableArray.Create(SelectorRequirement.Of("zone", SelectorOperator.In, "a")), MatchFields = EquatableArray.Create(SelectorRequirement.Of("metadata.name", SelectorOperator.In, "other")) }], false },
        { "an illegal label value in In never matches", [Term(SelectorRequirement.Of("zone", SelectorOperator.In, "not a label value!"))], false },
    };

    [Theory]
    [MemberData(nameof(Trap10Cases))]
    public void Trap10_NodeAffinityEdgeCases(string description, NodeSelectorTerm[] terms, bool matches)
    {
        var ds = SimpleDs(s => s with { Affinity = new Affinity { NodeAffinity = new NodeAffinity { Required = NodeSelector.Of(terms) } } });
        var node = Node("node-1", StringMap.Of("zone", "a", "cores", "0128"));

        DaemonSetPredicates.NodeShouldRunDaemonPod(node, ds).ShouldRun.ShouldBe(matches, description);
    }

    [Fact]
    public void Trap10_NodeSelectorAndAffinity_BothMustHold()
    {
        var ds = SimpleDs(s => s with
        {
            NodeSelector = StringMap.Of("zone", "b"),
            Affinity = new Affinity { NodeAffinity = new NodeAffinity { Required = NodeSelector.Of(Term(SelectorRequirement.Of("zone", SelectorOperator.In, "a"))) } },
        });

        DaemonSetPredicates.NodeShouldRunDaemonPod(Node("node-1", StringMap.Of("zone", "a")), ds).ShouldBe(new NodeVerdict(false, false));
    }

    private static NodeSelectorTerm Term(params SelectorRequirement[] expressions) => new() { MatchExpressions = EquatableArray.Create(expressions) };
}
