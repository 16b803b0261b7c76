using Simulator.Controllers;
using Simulator.Model;
using static Simulator.Tests.Controllers.ControllerKit;

namespace Simulator.Tests.Controllers;

// Status as updateDaemonSetStatus computes it (TestNumberReadyStatus, TestObservedGeneration,
// TestSimpleDaemonSetUpdatesStatusAfterLaunchingPods): per node only the first pod (bound, oldest, name) counts.
public class DaemonSetStatusTests
{
    private static DaemonSetStatus StatusOf(DaemonSet ds, params Pod[] pods) =>
        DaemonSetReconciler.ComputeStatus(Cluster(Node("node-1"), Node("node-2")).With(pods), new DaemonSetPlan(ds), T0);

    [Fact]
    public void ComputeStatus_EveryNodeHasAReadyPod_AllCountersEqualDesired()
    {
        var ds = SimpleDs();

        var status = StatusOf(ds, DaemonPod(ds, "node-1", "a"), DaemonPod(ds, "node-2", "b"));

        status.ShouldBe(new DaemonSetStatus
        {
            DesiredNumberScheduled = 2,
            CurrentNumberScheduled = 2,
            NumberReady = 2,
            NumberAvailable = 2,
            UpdatedNumberScheduled = 2,
            NumberMisscheduled = 0,
            NumberUnavailable = 0,
            ObservedGeneration = 1,
        });
    }

    [Fact]
    public void ComputeStatus_NoPods_DesiredOnlyAndAllUnavailable()
    {
        var status = StatusOf(SimpleDs());

        status.DesiredNumberScheduled.ShouldBe(2);
        status.CurrentNumberScheduled.ShouldBe(0);
        status.NumberUnavailable.ShouldBe(2);
    }

    [Fact]
    public void ComputeStatus_PendingUnboundPod_CountsAsCurrentAndUpdatedButNotReady()
    {
        var ds = SimpleDs();

        var status = StatusOf(ds, DaemonPod(ds, "node-1", "a"), DaemonPod(ds, "node-2", "pending", bound: false));

        status.CurrentNumberScheduled.ShouldBe(2);
        status.UpdatedNumberScheduled.ShouldBe(2);
        status.NumberReady.ShouldBe(1);
        status.NumberAvailable.ShouldBe(1);
        status.NumberUnavailable.ShouldBe(1);
    }

    [Fact]
    public void ComputeStatus_OldestPodNotReadyNewerReady_NodeNotReady()
    {
        var ds = SimpleDs();

        var status = StatusOf(ds, DaemonPod(ds, "node-1", "old", ageSeconds: 100, ready: false), DaemonPod(ds, "node-1", "young", ageSeconds: 5));

        status.CurrentNumberScheduled.ShouldBe(1);
        status.NumberReady.ShouldBe(0);
    }

    [Fact]
    public void ComputeStatus_OldestPodOldTemplateNewerPodCurrent_NodeNotUpdated()
    {
        var old = SimpleDs();
        var current = old.NextTemplate();

        var status = DaemonSetReconciler.ComputeStatus(
            Cluster(Node("node-1")).With(DaemonPod(old, "node-1", "old", ageSeconds: 100), DaemonPod(current, "node-1", "new", ageSeconds: 5)),
            new DaemonSetPlan(current),
            T0);

        status.UpdatedNumberScheduled.ShouldBe(0);
        status.NumberReady.ShouldBe(1);
    }

    [Fact]
    public void ComputeStatus_PodWithOtherHashButCurrentTemplateGenerationLabel_CountsAsUpdated()
    {
        var ds = SimpleDs();
        var pod = DaemonPod(ds, "node-1", "a");
        pod = pod with { Metadata = pod.Metadata with { Labels = pod.Metadata.Labels.With(DaemonSetLabels.ControllerRevisionHash, "ffffffff") } };

        DaemonSetReconciler.ComputeStatus(Cluster(Node("node-1")).With(pod), new DaemonSetPlan(ds), T0).UpdatedNumberScheduled.ShouldBe(1);
    }

    [Fact]
    public void ComputeStatus_AdoptedPodWithoutHashLabel_NotUpdated()
    {
        var ds = SimpleDs();
        var pod = DaemonPod(ds, "node-1", "a");
        pod = pod with { Metadata = pod.Metadata with { Labels = StringMap.Of("app", "ds") } };

        DaemonSetReconciler.ComputeStatus(Cluster(Node("node-1")).With(pod), new DaemonSetPlan(ds), T0).UpdatedNumberScheduled.ShouldBe(0);
    }

    [Fact]
    public void ComputeStatus_PodOnNodeWithUntoleratedNoSchedule_MisscheduledNotDesired()
    {
        var ds = SimpleDs();
        var state = Cluster(Node("node-1"), Node("node-2").Tainted(new Taint("dedicated", "x", TaintEffect.NoSchedule)))
            .With(DaemonPod(ds, "node-1", "a"), DaemonPod(ds, "node-2", "b"));

        var status = DaemonSetReconciler.ComputeStatus(state, new DaemonSetPlan(ds), T0);

        status.DesiredNumberScheduled.ShouldBe(1);
        status.CurrentNumberScheduled.ShouldBe(1);
        status.NumberMisscheduled.ShouldBe(1);
        status.NumberReady.ShouldBe(1);
        status.NumberUnavailable.ShouldBe(0);
    }

    [Fact]
    public void ComputeStatus_PodOnVanishedNode_NotCounted()
    {
        var ds = SimpleDs();

        var status = StatusOf(ds, DaemonPod(ds, "node-1", "a"), DaemonPod(ds, "node-2", "b"), DaemonPod(ds, "node-9", "stranded"));

        status.CurrentNumberScheduled.ShouldBe(2);
        status.NumberMisscheduled.ShouldBe(0);
    }

    [Fact]
    public void ComputeStatus_Generation_CopiedToObservedGeneration()
    {
        var ds = Stored(Support.Fixtures.DaemonSet("ds"), generation: 7);

        StatusOf(ds).ObservedGeneration.ShouldBe(7);
    }

    public static TheoryData<string, int, int, bool> MinReadyCases => new()
    {
        { "minReadySeconds 0: ready means available", 0, 0, true },
        { "ready for 5 s of 10: not yet available", 10, 5, false },
        { "ready for exactly 10 s of 10: available (reached counts)", 10, 10, true },
        { "ready for 11 s of 10: available", 10, 11, true },
    };

    [Theory]
    [MemberData(nameof(MinReadyCases))]
    public void ComputeStatus_MinReadySeconds_DecidesAvailability(string description, int minReadySeconds, int readyFor, bool available)
    {
        var ds = SimpleDs();
        ds = ds with { Spec = ds.Spec with { MinReadySeconds = minReadySeconds } };
        var pod = DaemonPod(ds, "node-1", "a", ageSeconds: 100, readyForSeconds: readyFor);

        var status = DaemonSetReconciler.ComputeStatus(Cluster(Node("node-1")).With(pod), new DaemonSetPlan(ds), T0);

        status.NumberReady.ShouldBe(1, description);
        status.NumberAvailable.ShouldBe(available ? 1 : 0, description);
        status.NumberUnavailable.ShouldBe(available ? 0 : 1, description);
    }

    [Fact]
    public void Reconcile_Status_EqualsComputeStatus()
    {
        var ds = SimpleDs();
        var state = Cluster(Node("node-1"), Node("node-2")).With(DaemonPod(ds, "node-1", "a"));

        DaemonSetReconciler.Reconcile(state, ds, T0).Status.ShouldBe(DaemonSetReconciler.ComputeStatus(state, new DaemonSetPlan(ds), T0));
    }
}
