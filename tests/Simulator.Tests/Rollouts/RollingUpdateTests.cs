using Simulator.Controllers;
using Simulator.Engine;
using Simulator.Model;
using static Simulator.Tests.Controllers.ControllerKit;

namespace Simulator.Tests.Rollouts;

// The rolling pass without surge (update.go rollingUpdate), after Kubernetes' update_test.go: TestDaemonSetUpdatesPods,
// TestDaemonSetUpdatesPodsWithMaxUnavailable (int and percent), TestDaemonSetUpdatesWhenNewPodIsNotReady,
// TestDaemonSetUpdatesAllOldPodsNotReady and the availability rule of pkg/api/v1/pod (minReadySeconds).
public class RollingUpdateTests
{
    private static string[] NodeNames(int n) => Enumerable.Range(1, n).Select(i => $"node-{i}").ToArray();

    /// <summary>Old DaemonSet v1 with one available pod per node, and the stored DaemonSet after an image change.</summary>
    private static (ClusterState State, DaemonSet Updated) OldPodsEverywhere(int nodes, IntOrString maxUnavailable, int minReadySeconds = 0)
    {
        var old = Stored(RolloutKit.Rolling(maxUnavailable, 0, minReadySeconds));
        var names = NodeNames(nodes);
        var state = Cluster(names.Select(n => Node(n)).ToArray()).With(names.Select(n => DaemonPod(old, n, "ds-old-" + n, ageSeconds: 600)).ToArray());
        return (state, old.NextTemplate(RolloutKit.V2));
    }

    public static TheoryData<string, IntOrString, int, int> BudgetCases => new()
    {
        { "maxUnavailable 1 over 5 nodes deletes one old pod", 1, 5, 1 },
        { "maxUnavailable 10% over 5 nodes rounds up and deletes one", "10%", 5, 1 },
        { "maxUnavailable 50% over 3 nodes rounds up and deletes two", "50%", 3, 2 },
        { "maxUnavailable 40% over 10 nodes deletes four", "40%", 10, 4 },
        { "an integer above the desired count deletes every old pod", 10, 3, 3 },
    };

    [Theory]
    [MemberData(nameof(BudgetCases))]
    public void Reconcile_AllOldPodsAvailable_DeletesUpToMaxUnavailableAndCreatesNothing(string description, IntOrString maxUnavailable, int nodes, int expectedDeletes)
    {
        var (state, ds) = OldPodsEverywhere(nodes, maxUnavailable);

        var actions = DaemonSetReconciler.Reconcile(state, ds, T0).Actions;

        actions.Deletes().Count().ShouldBe(expectedDeletes, description);
        actions.Deletes().ShouldAllBe(name => name.StartsWith("ds-old-", StringComparison.Ordinal), description);
        actions.Creates().ShouldBeEmpty(description);
    }

    [Fact]
    public void Reconcile_OldPodsNotReady_ReplacedRegardlessOfBudget()
    {
        var old = Stored(RolloutKit.Rolling(1, 0));
        var state = Cluster(Node("node-1"), Node("node-2"), Node("node-3"), Node("node-4")).With(
            DaemonPod(old, "node-1", "ds-a", ready: false),
            DaemonPod(old, "node-2", "ds-b", ready: false),
            DaemonPod(old, "node-3", "ds-c", ready: false),
            DaemonPod(old, "node-4", "ds-d"));

        var actions = DaemonSetReconciler.Reconcile(state, old.NextTemplate(RolloutKit.V2), T0).Actions;

        // The three unavailable pods go although the budget is 1; they use it up, so the available one stays.
        actions.Deletes().Order(StringComparer.Ordinal).ShouldBe(["ds-a", "ds-b", "ds-c"]);
    }

    public static TheoryData<string, IntOrString, int> UnreadyNewPodCases => new()
    {
        { "an unready new pod uses up a budget of 1: no old pod is deleted", 1, 0 },
        { "an unready new pod leaves one of a budget of 2", 2, 1 },
        { "an unready new pod leaves two of a budget of 3", 3, 2 },
    };

    [Theory]
    [MemberData(nameof(UnreadyNewPodCases))]
    public void Reconcile_NewPodNotReady_CountsAgainstMaxUnavailable(string description, IntOrString maxUnavailable, int expectedDeletes)
    {
        var old = Stored(RolloutKit.Rolling(maxUnavailable, 0));
        var updated = old.NextTemplate(RolloutKit.V2);
        var state = Cluster(Node("node-1"), Node("node-2"), Node("node-3"), Node("node-4")).With(
            DaemonPod(updated, "node-1", "ds-new", ageSeconds: 5, ready: false),
            DaemonPod(old, "node-2", "ds-b"),
            DaemonPod(old, "node-3", "ds-c"),
            DaemonPod(old, "node-4", "ds-d"));

        var actions = DaemonSetReconciler.Reconcile(state, updated, T0).Actions;

        actions.Deletes().Count().ShouldBe(expectedDeletes, description);
        actions.Deletes().ShouldNotContain("ds-new", description);
    }

    public static TheoryData<string, int, int> MinReadyCases => new()
    {
        { "ready 5 s of minReadySeconds 10: not yet available, budget used", 5, 0 },
        { "ready 9 s of minReadySeconds 10: still not available", 9, 0 },
        { "ready exactly 10 s: available at the instant, next old pod goes", 10, 1 },
        { "ready 60 s: available, next old pod goes", 60, 1 },
    };

    [Theory]
    [MemberData(nameof(MinReadyCases))]
    public void Reconcile_NewPodReadyForAWhile_AvailableOnlyAfterMinReadySeconds(string description, int readyForSeconds, int expectedDeletes)
    {
        var old = Stored(RolloutKit.Rolling(1, 0, minReadySeconds: 10));
        var updated = old.NextTemplate(RolloutKit.V2);
        var state = Cluster(Node("node-1"), Node("node-2"), Node("node-3")).With(
            DaemonPod(updated, "node-1", "ds-new", ageSeconds: 100, readyForSeconds: readyForSeconds),
            DaemonPod(old, "node-2", "ds-b"),
            DaemonPod(old, "node-3", "ds-c"));

        var actions = DaemonSetReconciler.Reconcile(state, updated, T0).Actions;

        actions.Deletes().Count().ShouldBe(expectedDeletes, description);
    }

    [Fact]
    public void Reconcile_OldPodStillTerminating_BlocksItsReplacementAndTheBudget()
    {
        var old = Stored(RolloutKit.Rolling(1, 0));
        var state = Cluster(Node("node-1"), Node("node-2"), Node("node-3")).With(
            DaemonPod(old, "node-1", "ds-a", terminating: true),
            DaemonPod(old, "node-2", "ds-b"),
            DaemonPod(old, "node-3", "ds-c"));

        var actions = DaemonSetReconciler.Reconcile(state, old.NextTemplate(RolloutKit.V2), T0).Actions;

        // Without surge the new pod waits until the old pod object is gone, and the node counts as unavailable meanwhile.
        actions.Creates().ShouldBeEmpty();
        actions.Deletes().ShouldBeEmpty();
    }

    [Fact]
    public void Reconcile_OldPodGone_ManagePassCreatesTheNewOne()
    {
        var old = Stored(RolloutKit.Rolling(1, 0));
        var updated = old.NextTemplate(RolloutKit.V2);
        var state = Cluster(Node("node-1"), Node("node-2")).With(DaemonPod(old, "node-2", "ds-b"));

        var actions = DaemonSetReconciler.Reconcile(state, updated, T0).Actions;

        actions.Creates().ShouldBe(["node-1"]);
        actions.Deletes().ShouldBeEmpty();
    }

    [Fact]
    public void RollingUpdate_InSimulation_NeverMoreThanMaxUnavailableNodesWithoutAnAvailablePod()
    {
        var sim = RolloutKit.Running(5, RolloutKit.Rolling(2, 0));
        var worst = 0;

        sim.SetImage(RolloutKit.V2);
        sim.StepUntil(
            () => sim.GetRolloutStatus("default", "ds").Done,
            () =>
            {
                // Strictest reading: a node whose only pod is terminating has no available pod.
                var live = sim.LivePods("ds");
                var without = Enumerable.Range(1, 5).Count(i => !live.TryGetValue($"node-{i}", out var p) || !p.IsAvailable(0, sim.Now));
                worst = Math.Max(worst, without);
            });

        worst.ShouldBe(2);
        var current = sim.GetRevisionHistory("default", "ds")[^1];
        sim.Pods().Select(p => (p.Image(), p.RevisionHash())).Distinct().ShouldBe([(RolloutKit.V2, current.Hash)]);
        sim.GetRollouts("default", "ds").Rollouts[^1].MaxUnavailable.ShouldBe(2);
    }

    [Fact]
    public void RollingUpdate_InSimulation_WavesDeleteThenCreateInALaterStep()
    {
        var sim = RolloutKit.Running(3, RolloutKit.Rolling(1, 0));
        var before = sim.UidsByNode();

        sim.SetImage(RolloutKit.V2);
        sim.RunFor(TimeSpan.Zero);

        // One old pod is terminating (30 s grace); no new pod exists anywhere yet.
        var pods = sim.Pods();
        pods.Count.ShouldBe(3);
        pods.Count(p => p.IsTerminating).ShouldBe(1);
        pods.ShouldAllBe(p => p.Image() == RolloutKit.V1);

        sim.RunFor(TimeSpan.FromSeconds(30));
        var afterGrace = sim.Pods();
        afterGrace.Count(p => p.Image() == RolloutKit.V2).ShouldBe(1);
        afterGrace.Count.ShouldBe(3);
        afterGrace.Count(p => before.ContainsValue(p.Metadata.Uid)).ShouldBe(2);
    }

    [Fact]
    public void RollingUpdate_InSimulation_CrashingOldPodsAllReplacedAtOnceDespiteBudgetOfOne()
    {
        var sim = RolloutKit.Running(3, RolloutKit.Rolling(1, 0));
        foreach (var pod in sim.Pods())
        {
            sim.CrashPod("default", pod.Name);
        }

        sim.RunFor(TimeSpan.FromSeconds(5));
        sim.Pods().ShouldAllBe(p => !p.IsReady);

        sim.SetImage(RolloutKit.V2);
        sim.RunFor(TimeSpan.Zero);

        sim.Pods().Count(p => p.IsTerminating).ShouldBe(3);
        sim.RunFor(TimeSpan.FromSeconds(31));
        sim.Pods().ShouldAllBe(p => p.Image() == RolloutKit.V2 && p.IsReady);
    }
}
