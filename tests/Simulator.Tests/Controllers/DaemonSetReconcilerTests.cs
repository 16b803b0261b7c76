using Simulator.Controllers;
using Simulator.Engine;
using Simulator.Model;
using static Simulator.Tests.Controllers.ControllerKit;

namespace Simulator.Tests.Controllers;

// The manage pass (podsShouldBeOnNode / manage) as pinned by Kubernetes' TestSimpleDaemonSetLaunchesPods,
// TestDealsWithExistingPods, TestDaemonKillFailedPods, TestDaemonKillFailedPodsBackoff, TestDeleteUnscheduledPodForNotExistingNode,
// TestDaemonSetRespectsTermination, TestGetNodesToDaemonPods, TestPodIsNotDeletedByDaemonsetWithEmptyLabelSelector.
public class DaemonSetReconcilerTests
{
    [Fact]
    public void Reconcile_FreshDaemonSet_OneCreatePerNode()
    {
        var state = Cluster(Node("node-1"), Node("node-2"), Node("node-3"));

        var result = DaemonSetReconciler.Reconcile(state, SimpleDs(), T0);

        result.Actions.ToArray().ShouldBe([new CreateDaemonPod("node-1"), new CreateDaemonPod("node-2"), new CreateDaemonPod("node-3")]);
    }

    [Fact]
    public void Reconcile_NodeSelector_CreatesOnlyOnMatchingNodes()
    {
        var state = Cluster(Node("node-1", StringMap.Of("disk", "ssd")), Node("node-2"), Node("node-3", StringMap.Of("disk", "ssd")));

        var result = DaemonSetReconciler.Reconcile(state, SimpleDs(s => s with { NodeSelector = StringMap.Of("disk", "ssd") }), T0);

        result.Actions.Creates().ShouldBe(["node-1", "node-3"]);
    }

    [Fact]
    public void Reconcile_NodesTooSmallOrCordonedOrTaintedPreferNoSchedule_StillCreates()
    {
        var small = Support.Fixtures.Node("small", cpu: "100m", memory: "64Mi", pods: "1");
        var state = Cluster(
            Node("cordoned") with { Spec = new NodeSpec { Unschedulable = true } },
            Node("prefer").Tainted(new Taint("k", "v", TaintEffect.PreferNoSchedule)),
            small with { Status = small.Status with { Allocatable = small.Status.Capacity } });

        var result = DaemonSetReconciler.Reconcile(state, SimpleDs(s => s with { Containers = EquatableArray.Create(Support.Fixtures.Container(cpu: "2", memory: "4Gi")) }), T0);

        result.Actions.Creates().ShouldBe(["cordoned", "prefer", "small"]);
    }

    [Fact]
    public void Reconcile_NodeHasItsPod_NothingToDo()
    {
        var ds = SimpleDs();
        var state = Cluster(Node("node-1")).With(DaemonPod(ds, "node-1", "ds-aaaaa"));

        DaemonSetReconciler.Reconcile(state, ds, T0).Actions.ShouldBeEmpty();
    }

    public static TheoryData<string, Func<DaemonSet, Pod[]>, string[]> ExcessCases => new()
    {
        { "two bound pods: the newer goes", ds => [DaemonPod(ds, "node-1", "ds-old", ageSeconds: 120), DaemonPod(ds, "node-1", "ds-new", ageSeconds: 10)], ["ds-new"] },
        { "three bound pods: all but the oldest go", ds => [DaemonPod(ds, "node-1", "ds-b", ageSeconds: 50), DaemonPod(ds, "node-1", "ds-a", ageSeconds: 100), DaemonPod(ds, "node-1", "ds-c", ageSeconds: 10)], ["ds-b", "ds-c"] },
        { "a bound pod beats an older unbound one", ds => [DaemonPod(ds, "node-1", "ds-pending", ageSeconds: 500, bound: false), DaemonPod(ds, "node-1", "ds-bound", ageSeconds: 5)], ["ds-pending"] },
        { "same creation second: the smaller name stays", ds => [DaemonPod(ds, "node-1", "ds-zzzzz", ageSeconds: 30), DaemonPod(ds, "node-1", "ds-bbbbb", ageSeconds: 30)], ["ds-zzzzz"] },
        { "a terminating pod is neither kept nor deleted again", ds => [DaemonPod(ds, "node-1", "ds-old", ageSeconds: 120, terminating: true), DaemonPod(ds, "node-1", "ds-new", ageSeconds: 10)], [] },
    };

    [Theory]
    [MemberData(nameof(ExcessCases))]
    public void Reconcile_ExcessPodsWithoutSurge_KeepsTheFirstDeletesTheRest(string description, Func<DaemonSet, Pod[]> pods, string[] deleted)
    {
        var ds = SimpleDs();
        var state = Cluster(Node("node-1")).With(pods(ds));

        var actions = DaemonSetReconciler.Reconcile(state, ds, T0).Actions;

        actions.Deletes().ShouldBe(deleted, description);
        actions.Creates().ShouldBeEmpty(description);
    }

    [Fact]
    public void Reconcile_FailedPod_EventThenDeleteAndNoCreateInTheSameSync()
    {
        var ds = SimpleDs();
        var state = Cluster(Node("node-1")).With(DaemonPod(ds, "node-1", "ds-fail1", phase: PodPhase.Failed));

        var actions = DaemonSetReconciler.Reconcile(state, ds, T0).Actions;

        actions.ToArray().ShouldBe(
        [
            new AdvanceFailedPodBackoff("node-1"),
            new RecordEvent(EventType.Warning, "FailedDaemonPod", "Found failed daemon pod default/ds-fail1 on node node-1, will try to kill it"),
            new DeleteDaemonPod(state.GetPod("default", "ds-fail1")!),
        ]);
    }

    [Fact]
    public void Reconcile_SecondFailureWithinBackoff_RequeuedNotDeleted()
    {
        var ds = SimpleDs();
        var backoff = new FailedPodBackoff();
        var first = Cluster(Node("node-1")).With(DaemonPod(ds, "node-1", "ds-fail1", phase: PodPhase.Failed));
        foreach (var advance in DaemonSetReconciler.Reconcile(first, ds, T0, backoff).Actions.OfType<AdvanceFailedPodBackoff>())
        {
            backoff.Next(FailedPodBackoff.Key(ds.Metadata.Uid, ds.Status.ObservedGeneration, advance.NodeName), T0);
        }

        var second = Cluster(Node("node-1")).With(DaemonPod(ds, "node-1", "ds-fail2", phase: PodPhase.Failed));
        var actions = DaemonSetReconciler.Reconcile(second, ds, T0 + TimeSpan.FromMilliseconds(500), backoff).Actions;

        actions.ToArray().ShouldBe([new RequeueNode("node-1", TimeSpan.FromSeconds(1))]);
    }

    [Fact]
    public void Reconcile_SecondFailureAfterBackoffExpired_DeletedAgain()
    {
        var ds = SimpleDs();
        var backoff = new FailedPodBackoff();
        backoff.Next(FailedPodBackoff.Key(ds.Metadata.Uid, ds.Status.ObservedGeneration, "node-1"), T0);
        var state = Cluster(Node("node-1")).With(DaemonPod(ds, "node-1", "ds-fail2", phase: PodPhase.Failed));

        var actions = DaemonSetReconciler.Reconcile(state, ds, T0 + TimeSpan.FromSeconds(1), backoff).Actions;

        actions.Deletes().ShouldBe(["ds-fail2"]);
    }

    [Fact]
    public void Reconcile_SucceededPod_EventAndDeleteWithoutBackoff()
    {
        var ds = SimpleDs();
        var state = Cluster(Node("node-1")).With(DaemonPod(ds, "node-1", "ds-done1", phase: PodPhase.Succeeded));

        var actions = DaemonSetReconciler.Reconcile(state, ds, T0).Actions;

        actions.ToArray().ShouldBe(
        [
            new RecordEvent(EventType.Normal, "SucceededDaemonPod", "Found succeeded daemon pod default/ds-done1 on node node-1, will try to delete it"),
            new DeleteDaemonPod(state.GetPod("default", "ds-done1")!),
        ]);
    }

    [Fact]
    public void Reconcile_FailedPodBesideRunningPod_OnlyTheFailedOneGoes()
    {
        var ds = SimpleDs();
        var state = Cluster(Node("node-1")).With(DaemonPod(ds, "node-1", "ds-ok", ageSeconds: 10), DaemonPod(ds, "node-1", "ds-fail", ageSeconds: 100, phase: PodPhase.Failed));

        DaemonSetReconciler.Reconcile(state, ds, T0).Actions.Deletes().ShouldBe(["ds-fail"]);
    }

    [Fact]
    public void Reconcile_TerminalAndTerminatingPod_IgnoredSoANewPodIsCreated()
    {
        var ds = SimpleDs();
        var state = Cluster(Node("node-1")).With(DaemonPod(ds, "node-1", "ds-gone", phase: PodPhase.Failed, terminating: true));

        var actions = DaemonSetReconciler.Reconcile(state, ds, T0).Actions;

        actions.ToArray().ShouldBe([new CreateDaemonPod("node-1")]);
    }

    [Fact]
    public void Reconcile_NodeNoLongerShouldContinueRunning_DeletesEveryPodIncludingPending()
    {
        var ds = SimpleDs();
        var node = Node("node-1").Tainted(new Taint("evict", "", TaintEffect.NoExecute));
        var state = Cluster(node).With(
            DaemonPod(ds, "node-1", "ds-bound"),
            DaemonPod(ds, "node-1", "ds-pending", bound: false),
            DaemonPod(ds, "node-1", "ds-leaving", terminating: true));

        var actions = DaemonSetReconciler.Reconcile(state, ds, T0).Actions;

        actions.Deletes().ShouldBe(["ds-bound", "ds-pending"]);
        actions.Creates().ShouldBeEmpty();
    }

    [Fact]
    public void Reconcile_NodeLabelNoLongerMatches_DeletesThePod()
    {
        var ds = SimpleDs(s => s with { NodeSelector = StringMap.Of("role", "edge") });
        var state = Cluster(Node("node-1", StringMap.Of("role", "core"))).With(DaemonPod(ds, "node-1", "ds-aaaaa"));

        DaemonSetReconciler.Reconcile(state, ds, T0).Actions.Deletes().ShouldBe(["ds-aaaaa"]);
    }

    [Fact]
    public void Reconcile_UntoleratedNoScheduleWithExistingPod_KeepsIt()
    {
        var ds = SimpleDs();
        var state = Cluster(Node("node-1").Tainted(new Taint("dedicated", "x", TaintEffect.NoSchedule))).With(DaemonPod(ds, "node-1", "ds-aaaaa"));

        DaemonSetReconciler.Reconcile(state, ds, T0).Actions.ShouldBeEmpty();
    }

    [Fact]
    public void Reconcile_UnboundPodForVanishedNode_Deleted()
    {
        var ds = SimpleDs();
        var state = Cluster(Node("node-1")).With(DaemonPod(ds, "node-1", "ds-ok"), DaemonPod(ds, "node-gone", "ds-orphaned", bound: false));

        DaemonSetReconciler.Reconcile(state, ds, T0).Actions.Deletes().ShouldBe(["ds-orphaned"]);
    }

    [Fact]
    public void Reconcile_BoundPodOnVanishedNode_LeftForPodGc()
    {
        var ds = SimpleDs();
        var state = Cluster(Node("node-1")).With(DaemonPod(ds, "node-1", "ds-ok"), DaemonPod(ds, "node-gone", "ds-stranded"));

        DaemonSetReconciler.Reconcile(state, ds, T0).Actions.ShouldBeEmpty();
    }

    [Fact]
    public void Reconcile_OnlyATerminatingPodOnTheNode_NoCreateUntilItIsGone()
    {
        var ds = SimpleDs();
        var state = Cluster(Node("node-1")).With(DaemonPod(ds, "node-1", "ds-leaving", terminating: true));

        DaemonSetReconciler.Reconcile(state, ds, T0).Actions.ShouldBeEmpty();
    }

    [Fact]
    public void Reconcile_SurgeAndOnlyATerminatingPod_CreatesAtOnce()
    {
        var ds = SimpleDs().WithStrategy(0, 1);
        var state = Cluster(Node("node-1")).With(DaemonPod(ds, "node-1", "ds-leaving", terminating: true));

        DaemonSetReconciler.Reconcile(state, ds, T0).Actions.Creates().ShouldBe(["node-1"]);
    }

    [Fact]
    public void Reconcile_SurgeWithOldAndAvailableNewPod_DeletesTheOld()
    {
        var old = SimpleDs().WithStrategy(0, 1);
        var current = old.NextTemplate();
        var state = Cluster(Node("node-1")).With(DaemonPod(old, "node-1", "ds-old", ageSeconds: 600), DaemonPod(current, "node-1", "ds-new", ageSeconds: 30));

        DaemonSetReconciler.Reconcile(state, current, T0).Actions.Deletes().ShouldBe(["ds-old"]);
    }

    [Fact]
    public void Reconcile_SurgeWithReadyOldAndUnreadyNewPod_KeepsBoth()
    {
        var old = SimpleDs().WithStrategy(0, 1);
        var current = old.NextTemplate();
        var state = Cluster(Node("node-1")).With(DaemonPod(old, "node-1", "ds-old", ageSeconds: 600), DaemonPod(current, "node-1", "ds-new", ageSeconds: 3, ready: false));

        DaemonSetReconciler.Reconcile(state, current, T0).Actions.Deletes().ShouldBeEmpty();
    }

    [Fact]
    public void Reconcile_OrphanWithMatchingLabels_Adopted()
    {
        var ds = SimpleDs();
        var orphan = Orphan("stray", StringMap.Of("app", "ds"));
        var state = Cluster(Node("node-1")).With(orphan);

        DaemonSetReconciler.Reconcile(state, ds, T0).Actions.OfType<AdoptPod>().Select(a => a.Pod.Name).ShouldBe(["stray"]);
    }

    public static TheoryData<string, Pod> NotAdopted => new()
    {
        { "labels that do not match", Orphan("other", StringMap.Of("app", "web")) },
        { "another namespace", Orphan("elsewhere", StringMap.Of("app", "ds"), ns: "kube-system") },
        { "a terminating orphan", Orphan("leaving", StringMap.Of("app", "ds")) with { Metadata = Orphan("leaving", StringMap.Of("app", "ds")).Metadata with { DeletionTimestamp = T0 } } },
        { "a pod controlled by another owner", Orphan("owned", StringMap.Of("app", "ds")) with { Metadata = Orphan("owned", StringMap.Of("app", "ds")).Metadata with { OwnerReferences = EquatableArray.Create(new OwnerReference("apps/v1", "ReplicaSet", "rs", "rs-uid")) } } },
    };

    [Theory]
    [MemberData(nameof(NotAdopted))]
    public void ClaimOrphans_PodNotEligible_NotAdopted(string description, Pod pod)
    {
        var state = Cluster(Node("node-1")).With(pod);

        DaemonSetReconciler.ClaimOrphans(state, SimpleDs()).ShouldBeEmpty(description);
    }

    [Fact]
    public void Reconcile_ControlledPodWhoseLabelsStoppedMatching_ReleasedAndReplaced()
    {
        var ds = SimpleDs();
        var relabelled = DaemonPod(ds, "node-1", "ds-aaaaa");
        relabelled = relabelled with { Metadata = relabelled.Metadata with { Labels = relabelled.Metadata.Labels.With("app", "debug") } };
        var state = Cluster(Node("node-1")).With(relabelled);

        var actions = DaemonSetReconciler.Reconcile(state, ds, T0).Actions;

        actions.ToArray().ShouldBe([new ReleasePod(relabelled), new CreateDaemonPod("node-1")]);
    }

    [Fact]
    public void Reconcile_EmptySelector_OnlySelectingAllWarning()
    {
        var ds = SimpleDs();
        ds = ds with { Spec = ds.Spec with { Selector = new LabelSelector() } };
        var state = Cluster(Node("node-1")).With(Orphan("stray", StringMap.Of("app", "ds")));

        var result = DaemonSetReconciler.Reconcile(state, ds, T0);

        result.Actions.ToArray().ShouldBe([new RecordEvent(EventType.Warning, "SelectingAll", "This daemon set is selecting all pods. A non-empty selector is required.")]);
        result.Status.ShouldBe(ds.Status);
    }

    [Fact]
    public void Reconcile_DaemonSetBeingDeleted_DoesNothing()
    {
        var ds = SimpleDs();
        ds = ds with { Metadata = ds.Metadata with { DeletionTimestamp = T0 } };
        var state = Cluster(Node("node-1")).With(Orphan("stray", StringMap.Of("app", "ds")));

        var result = DaemonSetReconciler.Reconcile(state, ds, T0);

        result.Actions.ShouldBeEmpty();
        result.Status.ShouldBe(ds.Status);
    }

    [Fact]
    public void Reconcile_PodsOfAnotherDaemonSet_Ignored()
    {
        var ds = SimpleDs();
        var other = DaemonPod(ds, "node-1", "other-aaaaa");
        other = other with { Metadata = other.Metadata with { OwnerReferences = EquatableArray.Create(new OwnerReference("apps/v1", "DaemonSet", "other", "other-uid")) } };
        var state = Cluster(Node("node-1")).With(other);

        DaemonSetReconciler.Reconcile(state, ds, T0).Actions.ToArray().ShouldBe([new CreateDaemonPod("node-1")]);
    }

    [Fact]
    public void CompareDaemonPods_BoundFirstThenOldestThenName()
    {
        var ds = SimpleDs();
        var pods = new[]
        {
            DaemonPod(ds, "n", "e", ageSeconds: 1000, bound: false),
            DaemonPod(ds, "n", "d", ageSeconds: 10),
            DaemonPod(ds, "n", "c", ageSeconds: 20),
            DaemonPod(ds, "n", "a", ageSeconds: 10),
        };

        pods.Order(Comparer<Pod>.Create(DaemonSetReconciler.CompareDaemonPods)).Select(p => p.Name).ShouldBe(["c", "a", "d", "e"]);
    }
}

public class FailedPodBackoffTests
{
    private const string Key = "uid/1/node-1";

    [Fact]
    public void IsInBackoff_NeverStepped_False()
    {
        new FailedPodBackoff().IsInBackoff(Key, T0, out var delay).ShouldBeFalse();
        delay.ShouldBe(TimeSpan.Zero);
    }

    [Fact]
    public void Next_RepeatedSteps_DoubleFromOneSecondToFifteenMinutes()
    {
        var backoff = new FailedPodBackoff();
        var now = T0;
        var delays = new List<TimeSpan>();
        for (var i = 0; i < 12; i++)
        {
            backoff.Next(Key, now);
            backoff.IsInBackoff(Key, now, out var delay).ShouldBeTrue();
            delays.Add(delay);
            now += delay;
        }

        delays.Select(d => (int)d.TotalSeconds).ShouldBe([1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 900, 900]);
    }

    [Fact]
    public void IsInBackoff_ExactlyAtTheDelay_NoLongerInBackoff()
    {
        var backoff = new FailedPodBackoff();
        backoff.Next(Key, T0);
        backoff.Next(Key, T0);

        backoff.IsInBackoff(Key, T0 + TimeSpan.FromMilliseconds(1999), out _).ShouldBeTrue();
        backoff.IsInBackoff(Key, T0 + TimeSpan.FromSeconds(2), out _).ShouldBeFalse();
    }

    [Fact]
    public void Next_AfterThirtyIdleMinutes_StartsAgainAtOneSecond()
    {
        var backoff = new FailedPodBackoff();
        for (var i = 0; i < 5; i++)
        {
            backoff.Next(Key, T0);
        }

        var later = T0 + TimeSpan.FromMinutes(30) + TimeSpan.FromSeconds(1);
        backoff.Next(Key, later);

        backoff.IsInBackoff(Key, later, out var delay).ShouldBeTrue();
        delay.ShouldBe(TimeSpan.FromSeconds(1));
    }

    [Fact]
    public void Key_NewObservedGeneration_IsADifferentKey()
    {
        var backoff = new FailedPodBackoff();
        backoff.Next(FailedPodBackoff.Key("uid", 1, "node-1"), T0);

        backoff.IsInBackoff(FailedPodBackoff.Key("uid", 2, "node-1"), T0, out _).ShouldBeFalse();
        FailedPodBackoff.Key("uid", 2, "node-1").ShouldBe("uid/2/node-1");
    }
}
