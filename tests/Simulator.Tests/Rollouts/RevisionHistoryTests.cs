using Simulator.Engine;
using Simulator.Model;
using Simulator.Tests.Controllers;
using Simulator.Validation;

namespace Simulator.Tests.Rollouts;

// ControllerRevision history (§14, §15.1): numbering, hash labels shared by pods and revisions, change-cause, pruning to
// revisionHistoryLimit without touching the current revision or one a pod still runs.
public class RevisionHistoryTests
{
    private static void Roll(Simulation sim, string image)
    {
        sim.SetImage(image);
        sim.RunUntilSettled().Settled.ShouldBeTrue();
    }

    [Fact]
    public void GetRevisionHistory_NewDaemonSet_OneRevisionNumberedOneCarryingThePodsHash()
    {
        var sim = RolloutKit.Running(2, RolloutKit.Rolling());

        var history = sim.GetRevisionHistory("default", "ds");

        history.Count.ShouldBe(1);
        var revision = history[0];
        revision.Revision.ShouldBe(1);
        revision.Hash.ShouldMatch("^[4-9bcdf]{1,10}$");
        revision.Name.ShouldBe("ds-" + revision.Hash);
        revision.Metadata.Labels["app"].ShouldBe("ds");
        revision.Metadata.ControllerRef!.Uid.ShouldBe(sim.State.GetDaemonSet("default", "ds")!.Metadata.Uid);
        revision.Data.ShouldBe(sim.State.GetDaemonSet("default", "ds")!.Spec.Template);
        sim.Pods().ShouldAllBe(p => p.RevisionHash() == revision.Hash);
        sim.Pods().ShouldAllBe(p => p.Metadata.Labels[DaemonSetLabels.PodTemplateGeneration] == "1");
    }

    [Fact]
    public void GetRevisionHistory_TwoImageChanges_RevisionsOneTwoThreeAndPodsOnTheLast()
    {
        var sim = RolloutKit.Running(2, RolloutKit.Rolling());

        Roll(sim, RolloutKit.V2);
        Roll(sim, RolloutKit.V3);

        var history = sim.GetRevisionHistory("default", "ds");
        history.Select(r => r.Revision).ShouldBe([1, 2, 3]);
        history.Select(r => r.Data.Spec.Containers[0].Image).ShouldBe([RolloutKit.V1, RolloutKit.V2, RolloutKit.V3]);
        history.Select(r => r.Hash).Distinct().Count().ShouldBe(3);
        sim.Pods().ShouldAllBe(p => p.RevisionHash() == history[2].Hash && p.Metadata.Labels[DaemonSetLabels.PodTemplateGeneration] == "3");
    }

    [Fact]
    public void GetRevisionHistory_ChangeCauseAnnotation_CopiedOntoTheRevisionCreatedWithIt()
    {
        var sim = RolloutKit.Running(1, RolloutKit.Rolling());

        sim.UpdateDaemonSet("default", "ds", ds => ds.WithChangeCause("kubectl set image ds/ds app=busybox:1.37").WithImage(RolloutKit.V2));
        sim.RunUntilSettled();

        var history = sim.GetRevisionHistory("default", "ds");
        history[0].ChangeCause.ShouldBeNull();
        history[1].ChangeCause.ShouldBe("kubectl set image ds/ds app=busybox:1.37");
    }

    [Fact]
    public void GetRevisionHistory_RevisionHistoryLimitTwo_KeepsTheCurrentAndTheTwoNewestOld()
    {
        var ds = RolloutKit.Rolling();
        var sim = RolloutKit.Running(2, ds with { Spec = ds.Spec with { RevisionHistoryLimit = 2 } });

        foreach (var tag in new[] { "1.40", "1.41", "1.42", "1.43", "1.44" })
        {
            Roll(sim, "busybox:" + tag);
        }

        sim.RevisionNumbers().ShouldBe([4, 5, 6]);
        sim.GetRevisionHistory("default", "ds")[^1].Data.Spec.Containers[0].Image.ShouldBe("busybox:1.44");
        sim.State.ControllerRevisions.Count.ShouldBe(3);
    }

    [Fact]
    public void GetRevisionHistory_RevisionHistoryLimitZero_OnlyTheCurrentRevisionSurvives()
    {
        var ds = RolloutKit.Rolling();
        var sim = RolloutKit.Running(2, ds with { Spec = ds.Spec with { RevisionHistoryLimit = 0 } });

        Roll(sim, RolloutKit.V2);
        Roll(sim, RolloutKit.V3);

        sim.RevisionNumbers().ShouldBe([3]);
        sim.GetRevisionHistory("default", "ds")[0].Hash.ShouldBe(sim.Pods()[0].RevisionHash());
    }

    [Fact]
    public void GetRevisionHistory_OldRevisionStillRunByPods_NeverPrunedEvenBeyondTheLimit()
    {
        // OnDelete keeps the revision-1 pods running, which pins revision 1; revision 2 is the oldest deletable one.
        var sim = RolloutKit.Running(2, RolloutKit.OnDelete(revisionHistoryLimit: 1));

        Roll(sim, RolloutKit.V2);
        Roll(sim, RolloutKit.V3);

        sim.RevisionNumbers().ShouldBe([1, 3]);
        sim.Pods().ShouldAllBe(p => p.RevisionHash() == sim.GetRevisionHistory("default", "ds")[0].Hash);
    }

    [Fact]
    public void GetRevisionHistory_PinnedRevisionsAboveLimitZero_KeptWhileUsed()
    {
        var sim = RolloutKit.Running(2, RolloutKit.OnDelete(revisionHistoryLimit: 0));
        Roll(sim, RolloutKit.V2);
        sim.DeletePod("default", sim.LivePods("ds")["node-1"].Name);
        sim.RunUntilSettled();

        // node-1 now runs revision 2 and node-2 revision 1, so after the next change both old revisions are pinned.
        Roll(sim, RolloutKit.V3);

        sim.RevisionNumbers().ShouldBe([1, 2, 3]);
    }

    [Fact]
    public void GetRevisionTemplate_KnownRevision_ReturnsItsTemplate()
    {
        var sim = RolloutKit.Running(1, RolloutKit.Rolling());
        Roll(sim, RolloutKit.V2);

        sim.GetRevisionTemplate("default", "ds", 1).Spec.Containers[0].Image.ShouldBe(RolloutKit.V1);
        sim.GetRevisionTemplate("default", "ds", 2).Spec.Containers[0].Image.ShouldBe(RolloutKit.V2);
    }

    [Fact]
    public void GetRevisionTemplate_UnknownRevision_KubectlsError()
    {
        var sim = RolloutKit.Running(1, RolloutKit.Rolling());

        Should.Throw<ApiException>(() => sim.GetRevisionTemplate("default", "ds", 7)).Message.ShouldBe("unable to find the specified revision");
    }
}
