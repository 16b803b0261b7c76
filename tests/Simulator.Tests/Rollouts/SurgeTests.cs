using Simulator.Controllers;
using Simulator.Model;
using static Simulator.Tests.Controllers.ControllerKit;

namespace Simulator.Tests.Rollouts;

// Rolling updates with maxSurge (update.go surge branch, manage's oldest-new/oldest-old rule), after Kubernetes'
// TestSurgeDealsWithExistingPods, TestSurgePreservesReadyOldPods, TestSurgeCreatesNewPodWhenOldIsNotReady,
// TestSurgePreservesOldReadyWithUnsatisfiedMinReady, TestSurgeDeletesOldReadyWithUnsatisfiedMinReady and
// TestDaemonSetUpdatesPodsWithMaxSurge.
public class SurgeTests
{
    private static DaemonSet Old(IntOrString maxSurge, int minReadySeconds = 0) => Stored(RolloutKit.Rolling(0, maxSurge, minReadySeconds));

    public static TheoryData<string, IntOrString, int, int> SurgeBudgetCases => new()
    {
        { "maxSurge 1 over 4 nodes creates one new pod beside an old one", 1, 4, 1 },
        { "maxSurge 2 over 4 nodes creates two", 2, 4, 2 },
        { "maxSurge 10% over 5 nodes rounds up to one", "10%", 5, 1 },
        { "maxSurge 50% over 3 nodes rounds up to two", "50%", 3, 2 },
        { "maxSurge 100% surges everywhere at once", "100%", 3, 3 },
    };

    [Theory]
    [MemberData(nameof(SurgeBudgetCases))]
    public void Reconcile_AllOldPodsAvailable_CreatesUpToMaxSurgeAndDeletesNothing(string description, IntOrString maxSurge, int nodes, int expectedCreates)
    {
        var old = Old(maxSurge);
        var names = Enumerable.Range(1, nodes).Select(i => $"node-{i}").ToArray();
        var state = Cluster(names.Select(n => Node(n)).ToArray()).With(names.Select(n => DaemonPod(old, n, "ds-old-" + n)).ToArray());

        var actions = DaemonSetReconciler.Reconcile(state, old.NextTemplate(RolloutKit.V2), T0).Actions;

        actions.Creates().Count().ShouldBe(expectedCreates, description);
        actions.Creates().Distinct().Count().ShouldBe(expectedCreates, description);
        actions.Deletes().ShouldBeEmpty(description);
    }

    [Fact]
    public void Reconcile_NewPodBesideOldIsAvailable_OldPodDeleted()
    {
        var old = Old(1);
        var updated = old.NextTemplate(RolloutKit.V2);
        var state = Cluster(Node("node-1"), Node("node-2")).With(
            DaemonPod(old, "node-1", "ds-old-1", ageSeconds: 600),
            DaemonPod(updated, "node-1", "ds-new-1", ageSeconds: 5),
            DaemonPod(old, "node-2", "ds-old-2", ageSeconds: 600));

        var actions = DaemonSetReconciler.Reconcile(state, updated, T0).Actions;

        actions.Deletes().ShouldBe(["ds-old-1"]);
        actions.Creates().ShouldBeEmpty();
    }

    [Fact]
    public void Reconcile_NewPodBesideOldNotReady_BothKeptAndSurgeBudgetUsed()
    {
        var old = Old(1);
        var updated = old.NextTemplate(RolloutKit.V2);
        var state = Cluster(Node("node-1"), Node("node-2"), Node("node-3")).With(
            DaemonPod(old, "node-1", "ds-old-1", ageSeconds: 600),
            DaemonPod(updated, "node-1", "ds-new-1", ageSeconds: 5, ready: false),
            DaemonPod(old, "node-2", "ds-old-2", ageSeconds: 600),
            DaemonPod(old, "node-3", "ds-old-3", ageSeconds: 600));

        var actions = DaemonSetReconciler.Reconcile(state, updated, T0).Actions;

        actions.ShouldBeEmpty();
    }

    public static TheoryData<string, int, string[]> MinReadyCases => new()
    {
        { "new pod ready 5 s of minReadySeconds 10: the ready old pod stays", 5, [] },
        { "new pod ready 10 s of minReadySeconds 10: the old pod goes", 10, ["ds-old-1"] },
    };

    [Theory]
    [MemberData(nameof(MinReadyCases))]
    public void Reconcile_SurgeWithMinReadySeconds_OldPodDeletedOnlyWhenNewIsAvailable(string description, int readyForSeconds, string[] deleted)
    {
        var old = Old(1, minReadySeconds: 10);
        var updated = old.NextTemplate(RolloutKit.V2);
        var state = Cluster(Node("node-1")).With(
            DaemonPod(old, "node-1", "ds-old-1", ageSeconds: 600),
            DaemonPod(updated, "node-1", "ds-new-1", ageSeconds: 30, readyForSeconds: readyForSeconds));

        var actions = DaemonSetReconciler.Reconcile(state, updated, T0).Actions;

        actions.Deletes().ShouldBe(deleted, description);
    }

    [Fact]
    public void Reconcile_SurgeAndOldPodNotReady_OldPodDeletedAtOnce()
    {
        var old = Old(1, minReadySeconds: 10);
        var updated = old.NextTemplate(RolloutKit.V2);
        var state = Cluster(Node("node-1")).With(
            DaemonPod(old, "node-1", "ds-old-1", ageSeconds: 600, ready: false),
            DaemonPod(updated, "node-1", "ds-new-1", ageSeconds: 30, readyForSeconds: 1));

        var actions = DaemonSetReconciler.Reconcile(state, updated, T0).Actions;

        actions.Deletes().ShouldBe(["ds-old-1"]);
    }

    [Fact]
    public void Reconcile_SurgeAndOldPodsNotReady_NewPodsCreatedBeyondTheSurgeBudget()
    {
        var old = Old(1);
        var state = Cluster(Node("node-1"), Node("node-2"), Node("node-3")).With(
            DaemonPod(old, "node-1", "ds-old-1", ready: false),
            DaemonPod(old, "node-2", "ds-old-2", ready: false),
            DaemonPod(old, "node-3", "ds-old-3", ready: false));

        var actions = DaemonSetReconciler.Reconcile(state, old.NextTemplate(RolloutKit.V2), T0).Actions;

        actions.Creates().Order(StringComparer.Ordinal).ShouldBe(["node-1", "node-2", "node-3"]);
        actions.Deletes().ShouldBeEmpty();
    }

    [Fact]
    public void Reconcile_SurgeAndOldPodTerminating_NewPodCreatedAtOnce()
    {
        var old = Old(1);
        var updated = old.NextTemplate(RolloutKit.V2);
        var state = Cluster(Node("node-1")).With(DaemonPod(old, "node-1", "ds-old-1", terminating: true));

        DaemonSetReconciler.Reconcile(state, updated, T0).Actions.Creates().ShouldBe(["node-1"]);
    }

    [Fact]
    public void RollingUpdate_SurgeInSimulation_EveryNodeKeepsAnAvailablePodAndAtMostMaxSurgeExtraPods()
    {
        var sim = RolloutKit.Running(4, RolloutKit.Rolling(0, 2, minReadySeconds: 5));
        var withoutAvailable = 0;
        var maxSurging = 0;
        var sawTwoOnANode = false;

        sim.SetImage(RolloutKit.V2);
        sim.StepUntil(
            () => sim.GetRolloutStatus("default", "ds").Done,
            () =>
            {
                var byNode = sim.Pods().Where(p => !p.IsTerminating).GroupBy(p => global::Simulator.Scheduling.PodPlacement.TargetNodeName(p)).ToList();
                withoutAvailable = Math.Max(withoutAvailable, 4 - byNode.Count(g => g.Any(p => p.IsAvailable(5, sim.Now))));
                maxSurging = Math.Max(maxSurging, byNode.Count(g => g.Count() > 1));
                sawTwoOnANode |= byNode.Any(g => g.Count() == 2 && g.Select(p => p.Image()).Distinct().Count() == 2);
            });

        withoutAvailable.ShouldBe(0);
        maxSurging.ShouldBe(2);
        sawTwoOnANode.ShouldBeTrue();
        sim.Pods().ShouldAllBe(p => p.Image() == RolloutKit.V2);
        sim.Pods().Count.ShouldBe(4);
        sim.GetRollouts("default", "ds").Rollouts[^1].MaxUnavailable.ShouldBe(0);
    }
}
