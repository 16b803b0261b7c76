using Simulator.Engine;
using Simulator.Model;
using Simulator.Tests.Controllers;

namespace Simulator.Tests.Rollouts;

// Deleting a DaemonSet with each propagation policy (§17.1, §17.3): the garbage collector's part for pods and ControllerRevisions,
// and adoption by a DaemonSet created again with the same selector.
public class CascadingDeleteTests
{
    [Fact]
    public void DeleteDaemonSet_Background_DaemonSetGoesAtOncePodsAndRevisionsFollow()
    {
        var sim = RolloutKit.Running(3, RolloutKit.Rolling());
        sim.SetImage(RolloutKit.V2);
        sim.RunUntilSettled();

        sim.DeleteDaemonSet("default", "ds");

        sim.State.GetDaemonSet("default", "ds").ShouldBeNull();
        sim.State.ControllerRevisions.ShouldBeEmpty();
        sim.LabelledPods().ShouldAllBe(p => p.IsTerminating);
        sim.RunUntilSettled().Settled.ShouldBeTrue();
        sim.LabelledPods().ShouldBeEmpty();
    }

    [Fact]
    public void DeleteDaemonSet_Foreground_DaemonSetStaysMarkedUntilItsPodsAreGone()
    {
        var sim = RolloutKit.Running(3, RolloutKit.Rolling());
        var start = sim.Now;

        sim.DeleteDaemonSet("default", "ds", DeletionPropagation.Foreground);
        sim.RunFor(TimeSpan.FromSeconds(29));

        var marked = sim.State.GetDaemonSet("default", "ds");
        marked.ShouldNotBeNull();
        marked.Metadata.DeletionTimestamp.ShouldBe(start);
        sim.LabelledPods().Count.ShouldBe(3);
        sim.LabelledPods().ShouldAllBe(p => p.IsTerminating);

        sim.RunUntilSettled().Settled.ShouldBeTrue();
        sim.State.GetDaemonSet("default", "ds").ShouldBeNull();
        sim.LabelledPods().ShouldBeEmpty();
        sim.State.ControllerRevisions.ShouldBeEmpty();
        sim.EventsWith("SuccessfulCreate").Count().ShouldBe(3);
    }

    [Fact]
    public void DeleteDaemonSet_Orphan_PodsKeepRunningWithoutOwnerAndRevisionsStay()
    {
        var sim = RolloutKit.Running(3, RolloutKit.Rolling());
        var before = sim.UidsByNode();

        sim.DeleteDaemonSet("default", "ds", DeletionPropagation.Orphan);
        sim.RunUntilSettled().Settled.ShouldBeTrue();

        sim.State.GetDaemonSet("default", "ds").ShouldBeNull();
        var pods = sim.LabelledPods();
        pods.Select(p => p.Metadata.Uid).ShouldBe(before.Values, ignoreOrder: true);
        pods.ShouldAllBe(p => p.Metadata.OwnerReferences.Count == 0 && p.Status.Phase == PodPhase.Running && p.IsReady && !p.IsTerminating);
        var revision = sim.State.ControllerRevisions.Values.ShouldHaveSingleItem();
        revision.Metadata.OwnerReferences.ShouldBeEmpty();
    }

    [Fact]
    public void CreateDaemonSet_SameTemplateAfterOrphaning_AdoptsPodsAndRevisionAndRestartsNothing()
    {
        var sim = RolloutKit.Running(3, RolloutKit.Rolling());
        var before = sim.Pods().ToDictionary(p => p.Metadata.Uid, p => p.Restarts(), StringComparer.Ordinal);
        var revision = sim.GetRevisionHistory("default", "ds")[0];
        sim.DeleteDaemonSet("default", "ds", DeletionPropagation.Orphan);
        sim.RunUntilSettled();

        var again = sim.CreateDaemonSet(RolloutKit.Rolling());
        sim.RunUntilSettled().Settled.ShouldBeTrue();

        var pods = sim.Pods();
        pods.Count.ShouldBe(3);
        pods.ShouldAllBe(p => before.ContainsKey(p.Metadata.Uid) && before[p.Metadata.Uid] == p.Restarts() && !p.IsTerminating);
        pods.ShouldAllBe(p => p.Metadata.ControllerRef!.Uid == again.Metadata.Uid);
        var history = sim.GetRevisionHistory("default", "ds").ShouldHaveSingleItem();
        history.Metadata.Uid.ShouldBe(revision.Metadata.Uid);
        history.Metadata.ControllerRef!.Uid.ShouldBe(again.Metadata.Uid);
        sim.EventsWith("SuccessfulDelete").ShouldBeEmpty();
        sim.StatusOf("ds").UpdatedNumberScheduled.ShouldBe(3);
        sim.GetRolloutStatus("default", "ds").Done.ShouldBeTrue();
    }

    [Fact]
    public void CreateDaemonSet_DifferentTemplateAfterOrphaning_AdoptsThenRollsThePods()
    {
        // The pods run template generation 2; the new DaemonSet starts again at 1, so neither hash nor generation matches.
        var sim = RolloutKit.Running(3, RolloutKit.Rolling());
        sim.SetImage(RolloutKit.V2);
        sim.RunUntilSettled();
        var before = sim.UidsByNode();
        sim.DeleteDaemonSet("default", "ds", DeletionPropagation.Orphan);
        sim.RunUntilSettled();

        sim.CreateDaemonSet(RolloutKit.Rolling().WithImage(RolloutKit.V3));
        sim.RunUntilSettled().Settled.ShouldBeTrue();

        var pods = sim.Pods();
        pods.Count.ShouldBe(3);
        pods.ShouldAllBe(p => p.Image() == RolloutKit.V3 && !before.ContainsValue(p.Metadata.Uid));
        // Both adopted revisions are old now; the new template got the next number.
        sim.RevisionNumbers().ShouldBe([1, 2, 3]);
        sim.LabelledPods().Count.ShouldBe(3);
    }

    [Fact]
    public void CreateDaemonSet_DifferentTemplateSameTemplateGenerationAfterOrphaning_AdoptedWithoutRestart()
    {
        // Kubernetes' e2e "adopt-template-generation-matches": a pod whose pod-template-generation label equals the DaemonSet's
        // template generation counts as updated even though its template (and hash) differ (IsPodUpdated ORs the two tests).
        var sim = RolloutKit.Running(3, RolloutKit.Rolling());
        var before = sim.UidsByNode();
        sim.DeleteDaemonSet("default", "ds", DeletionPropagation.Orphan);
        sim.RunUntilSettled();

        sim.CreateDaemonSet(RolloutKit.Rolling().WithImage(RolloutKit.V2));
        sim.RunUntilSettled().Settled.ShouldBeTrue();

        sim.UidsByNode().ShouldBe(before);
        sim.Pods().ShouldAllBe(p => p.Image() == RolloutKit.V1);
        sim.StatusOf("ds").UpdatedNumberScheduled.ShouldBe(3);
    }

    [Fact]
    public void CreateDaemonSet_DifferentTemplateOnDeleteAfterOrphaning_AdoptsAndKeepsTheOldPods()
    {
        var sim = RolloutKit.Running(3, RolloutKit.OnDelete());
        sim.SetImage(RolloutKit.V2);
        sim.RunUntilSettled();
        foreach (var pod in sim.Pods())
        {
            sim.DeletePod("default", pod.Name);
        }

        sim.RunUntilSettled();
        var before = sim.UidsByNode();
        sim.DeleteDaemonSet("default", "ds", DeletionPropagation.Orphan);
        sim.RunUntilSettled();

        sim.CreateDaemonSet(RolloutKit.OnDelete().WithImage(RolloutKit.V3));
        sim.RunUntilSettled().Settled.ShouldBeTrue();

        sim.UidsByNode().ShouldBe(before);
        sim.Pods().ShouldAllBe(p => p.Image() == RolloutKit.V2);
        sim.StatusOf("ds").UpdatedNumberScheduled.ShouldBe(0);
        sim.StatusOf("ds").CurrentNumberScheduled.ShouldBe(3);
    }
}
